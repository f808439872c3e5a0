/** The parts of a bundle a partner without the app reads after `age -d`: CSV per table and an HTML summary. */
import { recordTable } from '../core/recordTables';
import { csvText, tableFromObjects } from '../core/tabular';
import type { BundledRecord, Manifest } from '../bundle/format';

/** A table's rows as CSV for partners without the app, by the one tabular writer (formulas neutralised). */
export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  return csvText(tableFromObjects('rows', rows));
}

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type ManifestHead = Pick<Manifest, 'bundleId' | 'createdAt' | 'sender' | 'recipients' | 'passphrase' | 'scope'> & { marking: string; dsaReferences: string[] };

export function summaryHtml(head: ManifestHead, records: Map<string, BundledRecord[]>, extra: Map<string, Record<string, unknown>[]>, attachmentCount: number): string {
  const sections = [...records.entries()].map(([table, list]) => {
    const spec = recordTable(table);
    const live = list.filter((r) => r.row.deletedAt === null);
    const deleted = list.length - live.length;
    const cols = Object.keys(live[0]?.row ?? {}).filter((c) => !['rev', 'createdAt', 'deletedAt'].includes(c));
    const rows = live
      .map((r) => `<tr>${cols.map((c) => `<td>${esc(typeof r.row[c] === 'object' ? JSON.stringify(r.row[c]) : r.row[c])}</td>`).join('')}</tr>`)
      .join('\n');
    return `<section><h2>${esc(spec?.noun ?? table)} (${live.length})</h2>${deleted ? `<p>${deleted} deleted in the sender's copy (sent so the deletion reaches you).</p>` : ''}
<p>Also in <code>csv/${esc(table)}.csv</code>.</p>
${live.length ? `<table><thead><tr>${cols.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>\n${rows}\n</tbody></table>` : ''}</section>`;
  });
  const extras = [...extra.entries()].map(([t, rows]) => `<li>${esc(t)}: ${rows.length} rows (<code>csv/${esc(t)}.csv</code>)</li>`).join('');
  const to = head.recipients.map((r) => esc(r.name)).join(', ') || (head.passphrase ? 'anyone with the passphrase' : '');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Evidence bundle from ${esc(head.sender.name)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4}table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #999;padding:.25rem .5rem;vertical-align:top;text-align:left}code{background:#eee}</style>
</head><body>
<p class="marking" style="text-align:center;font-weight:bold;letter-spacing:.05em">${esc(head.marking)}</p>
<h1>Evidence bundle from ${esc(head.sender.name)}</h1>
<dl><dt>Created</dt><dd>${esc(head.createdAt)}</dd><dt>Bundle id</dt><dd>${esc(head.bundleId)}</dd>
<dt>Sender fingerprint</dt><dd><code>${esc(head.sender.fingerprint.replace(/(.{4})(?=.)/g, '$1 '))}</code></dd>
<dt>Security marking</dt><dd>${esc(head.marking)} (the highest of what is inside; each record carries its own)</dd>
<dt>For</dt><dd>${to}</dd>${head.dsaReferences.length ? `<dt>Data-sharing agreement</dt><dd>${head.dsaReferences.map(esc).join(', ')}</dd>` : ''}<dt>Scope</dt><dd>${esc(head.scope.join(', '))}</dd><dt>Attachments</dt><dd>${attachmentCount} (in <code>attachments/</code>, named by SHA-256)</dd></dl>
<p>The records are in <code>records/</code> as JSON and in <code>csv/</code> as CSV. Open this bundle in Total Place Workbench to merge it with your own work.</p>
${extras ? `<ul>${extras}</ul>` : ''}
${sections.join('\n')}
<p class="marking" style="text-align:center;font-weight:bold;letter-spacing:.05em">${esc(head.marking)}</p>
</body></html>
`;
}
