import path from 'node:path';
import { formatPounds } from '../../shared/calc/spendMoney';
import { RULE_FIELDS, RULE_OPS, SPEND_ROLES, type RuleField, type RuleOp, type SpendRole } from '../../shared/domain/spend';
import { SpendPathImportInput } from '../../shared/domain/spend';
import { ORGANISATION_TYPES } from '../../shared/domain/pilot';
import { fromZodError } from '../../shared/errors';
import { describeImport, importSpend } from './import';
import { str, table, unwrap, UsageError, type Verb } from '../cli/io';

/** --column amount=Gross, --column date=none: a column by its header (or letter) for a role, or none. */
function columnChoices(values: string[]): Partial<Record<SpendRole, string | null>> | null {
  if (values.length === 0) return null;
  const out: Partial<Record<SpendRole, string | null>> = {};
  for (const v of values) {
    const at = v.indexOf('=');
    const role = SPEND_ROLES.find((r) => r.toLowerCase() === v.slice(0, at).trim().toLowerCase());
    if (at < 1 || !role) throw new UsageError(`--column takes <role>=<column header>, the role one of ${SPEND_ROLES.join(', ')} (given "${v}")`);
    const name = v.slice(at + 1).trim();
    out[role] = name === '' || name.toLowerCase() === 'none' ? null : name;
  }
  return out;
}

const spendImportVerb: Verb = {
  words: ['spend', 'import'],
  usage:
    'tpw spend import <file> --org <name> [--sheet <name>] [--period <YYYY-MM | YYYY-MM-DD..YYYY-MM-DD | 2011-12>] [--column <role>=<header>]… [--allow-duplicate-file] [--dry-run] [--skip-bad-rows] [--org-type <type>] [--json]',
  summary: 'Import a spend file (CSV or XLSX, as published) for the organisation that published it; --period for a file with no dates',
  options: {
    org: { type: 'string' },
    'org-type': { type: 'string' },
    sheet: { type: 'string' },
    period: { type: 'string' },
    column: { type: 'string', multiple: true },
    'allow-duplicate-file': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'skip-bad-rows': { type: 'boolean' },
  },
  needsDb: true,
  async run(args, wb) {
    const [file, ...extra] = args.positionals;
    if (!file) throw new UsageError('Give the spend file to import');
    if (extra.length) throw new UsageError(`Import one file at a time (also given: ${extra.join(' ')})`);
    const org = str(args, 'org', true)!;
    // The same validation the UI's calls get; the file is read where it is (no staged copy of a
    // possibly very large ledger).
    const parsed = SpendPathImportInput.safeParse({
      organisation: org,
      sheet: str(args, 'sheet') ?? null,
      period: str(args, 'period') ?? null,
      skipBadRows: args.values['skip-bad-rows'] === true,
      dryRun: args.values['dry-run'] === true,
      allowDuplicateFile: args.values['allow-duplicate-file'] === true,
      organisationType: str(args, 'org-type') ?? null,
    });
    if (!parsed.success) throw fromZodError(parsed.error);
    // A publisher not yet among the partners is added; without --org-type its type is "other", and the text says so.
    const isNew = !unwrap(await wb!.dispatch('organisation.list', {})).some((o) => o.name.trim().toLowerCase() === org.trim().toLowerCase());
    const columns = columnChoices((args.values.column as string[] | undefined) ?? []);
    const filePath = path.resolve(file);
    const r = await importSpend(wb!.ctx, { ...parsed.data, mapping: null, columns, importId: null, uploadId: null, file: { path: filePath, name: path.basename(filePath) } });
    return {
      json: {
        rows: r.rows,
        totalPence: r.totalPence,
        skipped: r.skipped,
        skippedTotal: r.skippedTotal,
        columns: r.columns,
        encoding: r.encoding,
        headerRow: r.headerRow,
        sheet: r.sheet,
        delimiter: r.delimiter,
        dateOrder: r.dateOrder,
        badRows: r.badRows,
        skippedBadRows: r.skippedBadRows,
        sha256: r.sha256,
        fileId: r.fileId,
        organisationId: r.organisationId,
        dryRun: r.dryRun,
        dateStyle: r.dateStyle,
        dateFrom: r.dateFrom,
        dateTo: r.dateTo,
        period: r.period,
        years: r.years,
        duplicates: r.duplicates,
      },
      text:
        describeImport(r) +
        (isNew && !r.dryRun && !parsed.data.organisationType
          ? `\nAdded "${org.trim()}" to the partner organisations with type "other" (type not set): set its type in Set-up → Partner organisations, or give --org-type (${ORGANISATION_TYPES.join('|')}) when importing for a new organisation.`
          : ''),
    };
  },
};

const spendSummaryVerb: Verb = {
  words: ['spend', 'summary'],
  usage: 'tpw spend summary [--json]',
  summary: 'Spend by organisation × theme × UK financial year',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const rows = unwrap(await wb!.dispatch('spend.summary', {}));
    return {
      json: rows.map((r) => ({ organisation: r.organisation, theme: r.theme, year: r.year, rows: r.rows, totalPence: r.totalPence, organisationId: r.organisationId, themeId: r.themeId })),
      text: rows.length
        ? table(['Organisation', 'Theme', 'Year', 'Lines', 'Total'], rows.map((r) => [r.organisation, r.theme ?? 'Unclassified', r.year, r.rows.toLocaleString('en-GB'), formatPounds(r.totalPence)]))
        : 'No spend imported yet. Import a file with `tpw spend import <file> --org <name>`.',
    };
  },
};

const spendFilesVerb: Verb = {
  words: ['spend', 'files'],
  usage: 'tpw spend files [--json]',
  summary: 'List the imported spend files',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const files = unwrap(await wb!.dispatch('spend.files', {}));
    return {
      json: files,
      text: files.length
        ? table(['File', 'Organisation', 'Lines', 'Total', 'Imported', 'Id'], files.map((f) => [f.fileName + (f.sheet ? ` [${f.sheet}]` : ''), f.organisation, f.rows, formatPounds(f.totalPence), f.importedAt.slice(0, 16).replace('T', ' '), f.id]))
        : 'No spend files imported yet.',
    };
  },
};

async function themeIdFor(wb: Parameters<Verb['run']>[1], name: string): Promise<string> {
  const overview = unwrap(await wb!.dispatch('pilot.overview', {}));
  const theme = overview.themes.find((t) => t.name.toLowerCase() === name.trim().toLowerCase());
  return theme ? theme.id : unwrap(await wb!.dispatch('theme.add', { name: name.trim() })).id;
}

const spendRulesAddVerb: Verb = {
  words: ['spend', 'rules', 'add'],
  usage: `tpw spend rules add --field ${RULE_FIELDS.join('|')} --op ${RULE_OPS.join('|')} --pattern <text> --theme <name> [--priority <1-1000>] [--org <name>]`,
  summary: 'Add a classification rule (applied to the lines already imported, and to future imports); --org limits it to one organisation',
  options: { field: { type: 'string' }, op: { type: 'string' }, pattern: { type: 'string' }, theme: { type: 'string' }, priority: { type: 'string' }, org: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const field = str(args, 'field', true) as RuleField;
    const op = (str(args, 'op') ?? 'contains') as RuleOp;
    const priorityText = str(args, 'priority');
    const priority = priorityText === undefined ? 100 : Number(priorityText);
    const themeId = await themeIdFor(wb, str(args, 'theme', true)!);
    const orgName = str(args, 'org');
    let organisationId: string | null = null;
    if (orgName) {
      const found = unwrap(await wb!.dispatch('organisation.list', {})).find((o) => o.name.toLowerCase() === orgName.trim().toLowerCase());
      if (!found) throw new UsageError(`No organisation called "${orgName}" (see \`tpw org list\`)`);
      organisationId = found.id;
    }
    const r = unwrap(await wb!.dispatch('spendRule.add', { field, op, pattern: str(args, 'pattern', true)!, themeId, priority, organisationId }));
    return { json: r, text: `Added rule ${r.rule.field} ${r.rule.op} "${r.rule.pattern}"; ${r.reclassified.toLocaleString('en-GB')} lines reclassified.` };
  },
};

const spendRulesListVerb: Verb = {
  words: ['spend', 'rules', 'list'],
  usage: 'tpw spend rules list [--json]',
  summary: 'List the classification rules in the order they are tried',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const rules = unwrap(await wb!.dispatch('spendRule.list', {}));
    const hits = unwrap(await wb!.dispatch('spendRule.hits', {}));
    const themes = unwrap(await wb!.dispatch('pilot.overview', {})).themes;
    const orgs = unwrap(await wb!.dispatch('organisation.list', {}));
    const themeName = (id: string) => themes.find((t) => t.id === id)?.name ?? '(deleted theme)';
    const orgName = (id: string | null) => (id ? (orgs.find((o) => o.id === id)?.name ?? '(deleted organisation)') : 'all');
    const hit = (id: string) => hits.byRule[id] ?? { rows: 0, totalPence: 0 };
    return {
      json: rules.map((r) => ({ ...r, theme: themeName(r.themeId), organisation: r.organisationId ? orgName(r.organisationId) : null, hits: hit(r.id) })),
      text: rules.length
        ? table(
            ['Priority', 'Field', 'Match', 'Pattern', 'Theme', 'Organisation', 'Lines', 'Spend', 'Id'],
            rules.map((r) => [r.priority, r.field, r.op, r.pattern, themeName(r.themeId), orgName(r.organisationId), hit(r.id).rows.toLocaleString('en-GB'), formatPounds(hit(r.id).totalPence), r.id]),
          )
        : 'No rules yet. Add one with `tpw spend rules add …`.',
    };
  },
};

const spendRulesDeleteVerb: Verb = {
  words: ['spend', 'rules', 'delete'],
  usage: 'tpw spend rules delete <id>',
  summary: 'Delete a classification rule (to the recycle bin) and reclassify',
  options: {},
  needsDb: true,
  async run(args, wb) {
    const [id] = args.positionals;
    if (!id) throw new UsageError('Give the rule id (see `tpw spend rules list`)');
    const rule = unwrap(await wb!.dispatch('spendRule.list', {})).find((r) => r.id === id);
    if (!rule) throw new UsageError(`No rule with id ${id}`);
    const r = unwrap(await wb!.dispatch('spendRule.delete', { id, rev: rule.rev }));
    return { json: r, text: `Deleted rule ${rule.field} ${rule.op} "${rule.pattern}"; ${r.reclassified.toLocaleString('en-GB')} lines reclassified.` };
  },
};

/** `tpw` verbs of the spend capability. */
export const spendVerbs: Verb[] = [spendImportVerb, spendSummaryVerb, spendFilesVerb, spendRulesAddVerb, spendRulesListVerb, spendRulesDeleteVerb];
