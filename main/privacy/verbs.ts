import { SENSITIVITIES } from '../../shared/domain/evidence';
import { describeCounts, type EraseResult, type RetentionItem } from '../../shared/domain/privacy';
import { oneLine, str, table, unwrap, UsageError, type Verb, type VerbArgs } from '../cli/io';

const reasonOf = (args: VerbArgs): string => {
  const r = str(args, 'reason');
  if (!r?.trim()) throw new UsageError('--reason is required: say why (it is kept in the erasure log)');
  return r;
};

/** The name or identifier searched for (all positionals) and the request's reference. */
function sarInput(args: VerbArgs): { text: string; reference?: string } {
  const text = args.positionals.join(' ');
  if (!text.trim()) throw new UsageError('Give the name or identifier to search for');
  const ref = str(args, 'ref');
  return { text, ...(ref ? { reference: ref } : {}) };
}

const itemRows = (items: RetentionItem[]) =>
  items.map((i) => [i.reviewOn ?? '—', i.sensitivity, oneLine(i.title).slice(0, 60), i.evidenceId, i.lastDecision ? `${i.lastDecision.decision}: ${oneLine(i.lastDecision.reason).slice(0, 40)}` : '']);

function erasureText(r: EraseResult): string {
  const parts = describeCounts(r.log.counts);
  const lines = [`${r.log.action === 'anonymise' ? 'Anonymised' : 'Erased'} ${r.log.kind.toLowerCase()} ${r.log.recordId}${parts ? ` (with ${parts})` : ''}. Logged as ${r.log.id}.`];
  if (!r.walTruncated) lines.push('The write-ahead log is in use by another reader: it is emptied at the next checkpoint.');
  if (r.reportVersions.length) lines.push(`Report version(s) ${r.reportVersions.join(', ')} show it: they are the record of what went out and are kept as they are.`);
  if (r.olderSnapshots.length) {
    lines.push(`${r.olderSnapshots.length} snapshot(s) taken before now may still hold it:`, ...r.olderSnapshots.map((s) => `  ${s.file}`), 'Remove them with --prune-snapshots (or in the app: Data protection → Erasures).');
  }
  return lines.join('\n');
}

export const retentionListVerb: Verb = {
  words: ['retention', 'list'],
  usage: 'tpw retention list [--json]',
  summary: 'Retention rules (months after the pilot ends, per sensitivity) and the items due for review, or coming up in the next 90 days',
  options: {},
  needsDb: true,
  readOnly: true,
  async run(_args, wb) {
    const o = unwrap(await wb!.dispatch('retention.overview', {}));
    const rules = table(['Sensitivity', 'Months', 'Set by'], o.rules.map((r) => [r.sensitivity, r.months === null ? 'kept' : String(r.months), r.source]));
    const head = ['Review on', 'Sensitivity', 'Item', 'Id', 'Last decision'];
    return {
      json: o,
      text: [
        `Pilot ends: ${o.pilotEnds ?? 'not set (each item counts from the day it was added)'}`,
        rules,
        o.due.length ? `Due for review (${o.due.length}):\n${table(head, itemRows(o.due))}` : 'Nothing is due for review.',
        o.upcoming.length ? `Coming up (${o.upcoming.length}):\n${table(head, itemRows(o.upcoming))}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    };
  },
};

export const retentionSetVerb: Verb = {
  words: ['retention', 'set'],
  usage: `tpw retention set <${SENSITIVITIES.join('|')}> <months|keep> [--json]`,
  summary: 'Set the team’s retention period for one sensitivity, in months after the pilot ends (keep: no period)',
  options: {},
  needsDb: true,
  async run(args, wb) {
    const [sensitivity, months] = args.positionals;
    if (!sensitivity || !(SENSITIVITIES as readonly string[]).includes(sensitivity)) throw new UsageError(`Give a sensitivity: ${SENSITIVITIES.join(', ')}`);
    if (months === undefined || (months !== 'keep' && !/^\d+$/.test(months))) throw new UsageError('Give the months as a whole number, or keep');
    const o = unwrap(await wb!.dispatch('retention.setRule', { sensitivity: sensitivity as (typeof SENSITIVITIES)[number], months: months === 'keep' ? null : Number(months) }));
    const rule = o.rules.find((r) => r.sensitivity === sensitivity)!;
    return { json: o, text: `${sensitivity}: ${rule.months === null ? 'kept until someone decides' : `${rule.months} months after the pilot ends`}. ${o.due.length} item(s) due for review.` };
  },
};

export const retentionApplyVerb: Verb = {
  words: ['retention', 'apply'],
  usage: 'tpw retention apply [<id> (--keep-until <YYYY-MM-DD> | --anonymise | --erase) --reason <text>] [--json]',
  summary: 'Decide on an item due for review: keep it (with a new review date), anonymise it, or erase it; without an id, list what is due',
  // `--keep-until`, not `--keep`: option names are shared by every verb, and `tpw conflict resolve` already takes `--keep mine|theirs`.
  options: { 'keep-until': { type: 'string' }, anonymise: { type: 'boolean' }, erase: { type: 'boolean' }, reason: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const [id] = args.positionals;
    if (!id) {
      const o = unwrap(await wb!.dispatch('retention.overview', {}));
      return {
        json: o.due,
        text: o.due.length
          ? `Due for review (${o.due.length}); decide each with tpw retention apply <id> --keep-until <date>|--anonymise|--erase --reason …\n${table(['Review on', 'Sensitivity', 'Item', 'Id', 'Last decision'], itemRows(o.due))}`
          : 'Nothing is due for review.',
      };
    }
    const until = str(args, 'keep-until');
    const chosen = (['keep', 'anonymise', 'erase'] as const).filter((d) => (d === 'keep' ? until !== undefined : args.values[d] === true));
    if (chosen.length !== 1) throw new UsageError('Choose one of --keep-until <YYYY-MM-DD> (keep it until the next review), --anonymise or --erase');
    const decision = chosen[0]!;
    const reason = reasonOf(args);
    if (decision === 'keep' && !until) throw new UsageError('--keep-until needs the next review date, as YYYY-MM-DD');
    const r = unwrap(await wb!.dispatch('retention.decide', decision === 'keep' ? { decision, evidenceId: id, reason, until: until! } : { decision, evidenceId: id, reason }));
    return { json: r, text: r.erasure ? erasureText(r.erasure) : `Kept ${id} until ${until}; it will be due for review again then.` };
  },
};

export const eraseVerb: Verb = {
  words: ['erase'],
  usage: 'tpw erase <id> --reason <text> [--prune-snapshots] [--json]',
  summary: 'Erase a record for good: from its history, the recycle bin, the search index, attachment files and the file itself; partners and the team are asked to erase it too',
  options: { reason: { type: 'string' }, 'prune-snapshots': { type: 'boolean' } },
  needsDb: true,
  async run(args, wb) {
    const [id] = args.positionals;
    if (!id) throw new UsageError('Give the id of the record to erase');
    const reason = reasonOf(args);
    const r = unwrap(await wb!.dispatch('erasure.erase', { id, reason }));
    let pruned = 0;
    if (args.values['prune-snapshots'] === true && r.olderSnapshots.length) {
      pruned = unwrap(await wb!.dispatch('erasure.pruneSnapshots', { snapshots: r.olderSnapshots.map((s) => s.file) })).removed;
    }
    return { json: { ...r, prunedSnapshots: pruned }, text: pruned ? `${erasureText({ ...r, olderSnapshots: [] })}\nRemoved ${pruned} older snapshot(s).` : erasureText(r) };
  },
};

export const erasureLogVerb: Verb = {
  words: ['erasure', 'log'],
  usage: 'tpw erasure log [--json]',
  summary: 'What was erased or anonymised: when, by whom, why, and at whose request (never the content)',
  options: {},
  needsDb: true,
  readOnly: true,
  async run(_args, wb) {
    const log = unwrap(await wb!.dispatch('erasure.log', {}));
    return {
      json: log,
      text: log.length
        ? table(['When', 'Who', 'What', 'Id', 'Action', 'Asked by', 'Why'], log.map((e) => [e.at.slice(0, 16).replace('T', ' '), oneLine(e.actor), e.kind, e.recordId, e.action, e.source, oneLine(e.reason).slice(0, 60)]))
        : 'Nothing has been erased.',
    };
  },
};

export const sarSearchVerb: Verb = {
  words: ['sar', 'search'],
  usage: 'tpw sar search <name or identifier…> [--ref <reference>] [--json]',
  summary: 'Subject access: find every record, earlier version, quote and attachment text that mentions a person (the search is logged)',
  options: { ref: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const input = sarInput(args);
    const r = unwrap(await wb!.dispatch('sar.search', input));
    return {
      json: r,
      text: r.hits.length
        ? `${r.hits.length} passage(s) in ${r.records} record(s):\n${table(['Where', 'Kind', 'Record', 'Id', 'Excerpt'], r.hits.map((h) => [h.where + (h.deleted ? ' (bin)' : ''), h.kind, oneLine(h.label).slice(0, 40), h.recordId, oneLine(h.excerpt).slice(0, 80)]))}`
        : `Nothing held mentions "${input.text}".`,
    };
  },
};

export const sarExportVerb: Verb = {
  words: ['sar', 'export'],
  usage: 'tpw sar export <name or identifier…> -o <folder> [--ref <reference>] [--json]',
  summary: 'Subject access: write what a search finds as a readable pack (index.html, records.json and the attached files) into a new folder',
  options: { o: { type: 'string' }, ref: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const input = sarInput(args);
    const folder = str(args, 'o');
    if (!folder) throw new UsageError('-o <folder> is required: a new or empty folder for the pack');
    const r = unwrap(await wb!.dispatch('sar.export', { ...input, folder }));
    return { json: r, text: `Wrote ${r.files} file(s) for ${r.matches} passage(s) to ${r.folder} (open index.html).` };
  },
};

export const privacyVerbs: Verb[] = [retentionListVerb, retentionSetVerb, retentionApplyVerb, eraseVerb, erasureLogVerb, sarSearchVerb, sarExportVerb];
