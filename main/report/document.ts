import { formatDate, formatDateTime } from '../../shared/calc/timetable';
import { html, type SafeHtml } from './html';

/**
 * Print styles for the report file itself (not the app page, so the app's CSP does not apply).
 * A4, serif body for long reading, tables that break cleanly across pages, no external resources.
 */
const CSS = `
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.45; color: #0b0c0c; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1, h2, h3, h4, h5, caption, th, .meta, .cover p, nav { font-family: 'Helvetica Neue', Arial, sans-serif; }
h1 { font-size: 22pt; margin: 0 0 .25rem; color: #123a6d; }
h2 { font-size: 16pt; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid #123a6d; color: #123a6d; break-after: avoid; }
h3 { font-size: 13pt; margin: 1.25rem 0 .4rem; break-after: avoid; }
h4 { font-size: 11.5pt; margin: .9rem 0 .3rem; break-after: avoid; }
h5 { font-size: 10pt; margin: .5rem 0 .1rem; text-transform: uppercase; letter-spacing: .03em; color: #484949; break-after: avoid; }
p { margin: .3rem 0 .5rem; }
.cover { border-bottom: 4px solid #123a6d; padding-bottom: 1rem; margin-bottom: 1rem; }
.cover .subtitle { font-size: 13pt; color: #484949; margin: 0; }
.about { font-size: 9.5pt; color: #484949; background: #f3f2f1; padding: .5rem .75rem; border-left: 4px solid #b1b4b6; }
nav ol { margin: .25rem 0 0 1.25rem; padding: 0; }
blockquote { margin: .5rem 0 .75rem; padding: .4rem .9rem; border-left: 4px solid #1d4f91; background: #f4f7fb; }
blockquote.question { font-size: 13pt; font-style: italic; }
blockquote.citizen footer { font-size: 9pt; color: #484949; font-family: Arial, sans-serif; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; font-size: 9.5pt; break-inside: auto; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: .3rem .4rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tfoot th, tfoot td { border-top: 2px solid #0b0c0c; font-weight: bold; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td p { margin: .15rem 0 0; font-size: 9pt; }
dl.facts { display: grid; grid-template-columns: 10rem 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: bold; font-family: Arial, sans-serif; }
dl.facts dd { margin: 0; }
article { break-inside: avoid-page; margin-bottom: .75rem; }
.meta { font-size: 9pt; color: #484949; margin-top: 0; }
.status, .kind, .tag { font-weight: bold; }
.status--supported { color: #005a30; } .status--refuted { color: #7a0012; }
.gap { color: #7a0012; font-style: italic; }
.note { color: #484949; font-style: italic; }
.tag { font-size: 8.5pt; border: 1px solid #1d4f91; padding: 0 .3rem; border-radius: 3px; }
tr.overdue td { background: #fbeaea; }
.learning { border-left: 3px solid #b1b4b6; padding-left: .75rem; }
.learning--failed, .learning--did-not-work { border-left-color: #b10e1e; }
.learning--difficult { border-left-color: #8a4b00; }
footer.end { margin-top: 2rem; font-size: 9pt; color: #484949; border-top: 1px solid #b1b4b6; padding-top: .5rem; }
section { break-before: auto; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

export interface DocumentParts {
  place: string;
  question: string | null;
  reportDeadline: string | null;
  generatedAt: string;
  actor: string;
  sections: { id: string; title: string; body: SafeHtml }[];
  about: SafeHtml;
}

export function reportDocument(d: DocumentParts): string {
  const doc = html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${d.place}: Total Place pilot report</title>
<style>${CSS}</style>
</head>
<body>
<header class="cover">
  <h1>${d.place}: Total Place pilot report</h1>
  <p class="subtitle">${d.reportDeadline ? `Report due ${formatDate(d.reportDeadline)}` : 'Pilot report'} · generated ${formatDateTime(d.generatedAt)} by ${d.actor}</p>
</header>
<div class="about">${d.about}</div>
${d.sections.length > 1 ? html`<nav aria-label="Contents"><h2>Contents</h2><ol>${d.sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol></nav>` : ''}
<main>
${d.sections.map((s) => html`<section id="${s.id}" aria-labelledby="${s.id}-heading"><h2 id="${s.id}-heading">${s.title}</h2>${s.body}</section>`)}
</main>
<footer class="end">Generated from the Total Place Workbench records on ${formatDateTime(d.generatedAt)}. Every figure comes from the workbench's data as it stood then.</footer>
</body>
</html>
`;
  return doc.value;
}
