import fs from 'node:fs';
import path from 'node:path';
import sjson from 'secure-json-parse';
import type { Deal } from '../../shared/calc/deal';
import { financialYearAt } from '../../shared/calc/estimateModel';
import { describeBands } from '../../shared/calc/parameterSets';
import type { PortfolioView } from '../../shared/calc/portfolio';
import { SCENARIOS, type EstimateResult } from '../../shared/calc/savings';
import type { UnitCostPreview } from '../../shared/contract/estimates';
import { UnitCostInput, unitCostName } from '../../shared/domain/estimates';
import { AppError, fromZodError } from '../../shared/errors';
import { importSetFiles, listParameterSets, previewSetFiles } from './parameterSets';
import { evaluateModel } from './queries';
import { dryRunUnitCostFile, importUnitCostFile } from './unitCosts';
import { pounds, str, table, unwrap, UsageError, type Verb } from '../cli/io';

const bcrText = (b: number | null) => (b === null ? '—' : b.toFixed(2));

function resultText(r: EstimateResult, startYear?: string): string {
  const rows = SCENARIOS.map((s) => {
    const x = r.scenarios[s];
    const payback = x.paybackYear === null ? 'never' : startYear ? financialYearAt(startYear, x.paybackYear) : `year ${x.paybackYear}`;
    return [s, pounds(x.pvCosts), pounds(x.pvBenefits), pounds(x.npv), bcrText(x.bcr), payback];
  });
  const sim = r.simulation
    ? `\nSimulation (${r.simulation.iterations} iterations): P10 ${pounds(r.simulation.p10)}, P50 ${pounds(r.simulation.p50)}, P90 ${pounds(r.simulation.p90)}, mean ${pounds(r.simulation.mean)}`
    : '';
  const orgs = r.scenarios.central.byOrganisation.map((o) => [o.organisation, pounds(o.pvCosts), pounds(o.pvBenefits), pounds(o.net)]);
  return `${r.name} (parameter set: ${r.parameterSet.name})\n\n${table(['Scenario', 'PV costs', 'PV benefits', 'NPV', 'BCR', 'Payback'], rows)}${sim}\n\nWho pays and who benefits (central):\n${table(['Organisation', 'PV costs', 'PV benefits', 'Net'], orgs)}`;
}

export const estimateEvalVerb: Verb = {
  words: ['estimate', 'eval'],
  usage: 'tpw estimate eval <model.json> [--json]',
  summary: 'Calculate a savings estimate from a model file (the model is described in docs/ESTIMATES.md); touches no database',
  options: {},
  needsDb: false,
  async run(args) {
    const file = args.positionals[0];
    if (!file) throw new UsageError('Give the model file');
    if (args.positionals.length > 1) throw new UsageError('Give one model file');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new AppError('BAD_FILE', `The file "${file}" does not exist or cannot be read.`);
    }
    let model: unknown;
    try {
      model = sjson.parse(text.replace(/^\uFEFF/, ''), null, { protoAction: 'error', constructorAction: 'error' });
    } catch (e) {
      throw new AppError('INVALID_INPUT', `"${file}" is not valid JSON: ${(e as Error).message}`);
    }
    const result = evaluateModel(model);
    const startYear = (model as { startYear?: string }).startYear;
    return { json: result, text: resultText(result, startYear) };
  },
};

export const estimateListVerb: Verb = {
  words: ['estimate', 'list'],
  usage: 'tpw estimate list [--json]',
  summary: 'List the interventions with their central NPV and benefit-cost ratio',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const list = unwrap(await wb!.dispatch('intervention.list', {}));
    return {
      json: list,
      text: list.length
        ? table(
            ['Intervention', 'Start', 'Years', 'Lines', 'Central NPV', 'BCR', 'Id'],
            list.map((i) => [i.name, i.startYear, i.years, i.lineCount, pounds(i.central.npv), bcrText(i.central.bcr), i.id]),
          )
        : 'No interventions yet. Add one on the Savings estimates page.',
    };
  },
};

export const estimateShowVerb: Verb = {
  words: ['estimate', 'show'],
  usage: 'tpw estimate show <intervention-id> [--json]',
  summary: 'Show one intervention: its lines and its result',
  options: {},
  needsDb: true,
  async run(args, wb) {
    const id = args.positionals[0];
    if (!id) throw new UsageError('Give the intervention id (see `tpw estimate list`)');
    const d = unwrap(await wb!.dispatch('intervention.get', { id }));
    return { json: d, text: resultText(d.result, d.intervention.startYear) };
  },
};

function portfolioText(p: PortfolioView): string {
  if (p.interventionCount === 0) return 'No interventions yet, so there is no portfolio to total.';
  const totals = table(
    ['Scenario', 'PV costs', 'PV benefits', 'NPV', 'BCR'],
    SCENARIOS.map((s) => [s, pounds(p.scenarios[s].pvCosts), pounds(p.scenarios[s].pvBenefits), pounds(p.scenarios[s].npv), bcrText(p.scenarios[s].bcr)]),
  );
  const sim = p.simulation ? `\nSimulation (${p.simulation.iterations} iterations): P10 ${pounds(p.simulation.p10)}, P50 ${pounds(p.simulation.p50)}, P90 ${pounds(p.simulation.p90)}` : '';
  const wp = table(
    ['Pays \\ benefits', ...p.wrongPocket.beneficiaries],
    p.wrongPocket.payers.map((payer, i) => [payer, ...p.wrongPocket.cells[i]!.map((c) => pounds(c))]),
  );
  return `Portfolio of ${p.interventionCount} intervention${p.interventionCount === 1 ? '' : 's'}\n\n${totals}${sim}\n\nWrong pocket (present values; rows pay, columns benefit):\n${wp}\n\n${dealText(p.deal)}`;
}

function dealText(d: Deal): string {
  const transfers = d.transfers.length ? `\n${table(['Pays', 'To', 'Amount'], d.transfers.map((t) => [t.from, t.to, pounds(t.amount)]))}` : '';
  const positions = table(
    ['Organisation', 'Before', 'After'],
    d.positions.map((p) => [p.organisation, pounds(p.before), pounds(p.after)]),
  );
  return `The deal (${d.edited ? 'transfers as edited' : d.rule === 'gain-share' ? 'gain-share' : 'pooled budget'}): ${d.message}${transfers}\n\n${positions}`;
}

export const estimatePortfolioVerb: Verb = {
  words: ['estimate', 'portfolio'],
  usage: 'tpw estimate portfolio [--json]',
  summary: 'All interventions together: totals per scenario, the simulation range, the wrong-pocket matrix and the deal that settles it ("deal" in --json)',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const view = unwrap(await wb!.dispatch('estimate.portfolioView', {}));
    const json = unwrap(await wb!.dispatch('estimate.portfolio', {}));
    return { json, text: portfolioText(view) };
  },
};

export const estimateExportVerb: Verb = {
  words: ['estimate', 'export'],
  usage: 'tpw estimate export [<intervention-id>] --out <file.csv|file.xlsx>',
  summary: 'Export an intervention (or, with no id, the portfolio) to CSV or XLSX',
  options: { out: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const out = str(args, 'out', true)!;
    const format = out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : out.toLowerCase().endsWith('.csv') ? 'csv' : null;
    if (!format) throw new UsageError('--out must name a .csv or .xlsx file');
    const id = args.positionals[0];
    const file = unwrap(await wb!.dispatch('estimate.export', { format, ...(id ? { interventionId: id } : {}) }));
    fs.copyFileSync(file.path, out);
    return { json: { file: out }, text: `Wrote ${out}` };
  },
};

function previewText(p: UnitCostPreview): string {
  const count = (a: string) => p.rows.filter((r) => r.action === a).length;
  const sheets = p.sheets.length ? `\n${p.sheets.map((s) => `  ${s.name}: ${s.skipped ?? `${s.rows} unit cost${s.rows === 1 ? '' : 's'}`}`).join('\n')}` : '';
  return `${p.fileName}: ${count('add')} to add, ${count('update')} to update, ${count('unchanged')} unchanged${sheets}`;
}

export const unitCostImportVerb: Verb = {
  words: ['unitcost', 'import'],
  usage: 'tpw unitcost import <file.csv|file.xlsx> [--dry-run] [--json]',
  summary:
    'Import a unit-cost table or the Unit Cost Database workbook (every cost sheet; code, description, unit, agency, value, price year, source, quality); all rows or none. --dry-run exits 2 when the import would be refused',
  options: { 'dry-run': { type: 'boolean' } },
  needsDb: true,
  async run(args, wb) {
    const [file, ...extra] = args.positionals;
    if (!file) throw new UsageError('Give the unit-cost file');
    if (extra.length) throw new UsageError(`Import one file at a time (also given: ${extra.join(' ')})`);
    // Read where it is: a preview or a refusal leaves no copy anywhere.
    const filePath = path.resolve(file);
    if (!fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) throw new AppError('BAD_FILE', `The file "${file}" does not exist or cannot be read.`);
    const source = { path: filePath, name: path.basename(filePath) };
    if (args.values['dry-run']) {
      const p = await dryRunUnitCostFile(wb!.ctx, source);
      return { json: p, text: previewText(p) };
    }
    const r = await importUnitCostFile(wb!.ctx, source);
    return { json: r, text: `Imported ${r.fileName}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged` };
  },
};

export const unitCostAddVerb: Verb = {
  words: ['unitcost', 'add'],
  usage:
    'tpw unitcost add --code <code> --description <text> --unit <per …> --agency <who bears it> --value <pence> --price-year <YYYY-YY> [--variant <text>] [--source <text>] [--quality <rating>] [--category <text>] [--health] [--json]',
  summary: 'Add one unit cost (or a value per unit such as a QALY, with --health) to the library by hand',
  options: {
    code: { type: 'string' },
    variant: { type: 'string' },
    description: { type: 'string' },
    unit: { type: 'string' },
    agency: { type: 'string' },
    value: { type: 'string' },
    'price-year': { type: 'string' },
    source: { type: 'string' },
    quality: { type: 'string' },
    category: { type: 'string' },
    health: { type: 'boolean' },
  },
  needsDb: true,
  async run(args, wb) {
    const value = str(args, 'value', true)!;
    if (!/^\d+$/.test(value.trim())) throw new UsageError(`--value is the value in whole pence, like 1225050 for £12,250.50 (got "${value}")`);
    const parsed = UnitCostInput.safeParse({
      code: str(args, 'code', true),
      variant: str(args, 'variant') ?? '',
      description: str(args, 'description', true),
      unit: str(args, 'unit', true),
      agency: str(args, 'agency', true),
      valuePence: Number(value),
      priceYear: str(args, 'price-year', true),
      source: str(args, 'source') ?? null,
      quality: str(args, 'quality') ?? null,
      category: str(args, 'category') ?? null,
      healthValue: args.values.health === true,
    });
    if (!parsed.success) throw fromZodError(parsed.error);
    const u = unwrap(await wb!.dispatch('unitCost.add', parsed.data));
    return { json: u, text: `Added ${unitCostName(u)} ${u.description}: ${pounds(u.valuePence)} ${u.unit} (${u.priceYear} prices)` };
  },
};

export const unitCostListVerb: Verb = {
  words: ['unitcost', 'list'],
  usage: 'tpw unitcost list [--search <text>] [--json]',
  summary: 'List (or search) the unit-cost library',
  options: { search: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const text = str(args, 'search');
    const list = unwrap(await wb!.dispatch('unitCost.list', text ? { text } : {}));
    return {
      json: list,
      text: list.length
        ? table(['Code', 'Description', 'Unit', 'Agency', 'Value', 'Price year'], list.map((u) => [unitCostName(u), u.description.slice(0, 60), u.unit, u.agency, pounds(u.valuePence), u.priceYear]))
        : 'No unit costs found.',
    };
  },
};

export const paramsetListVerb: Verb = {
  words: ['paramset', 'list'],
  usage: 'tpw paramset list [--json]',
  summary: 'List the parameter sets (built in and imported) with their discount schedules and who signed them',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const sets = await listParameterSets(wb!.ctx);
    return {
      json: sets,
      text: sets
        .map(
          (s) =>
            `${s.content.name} (${s.id}, ${s.builtIn ? 'built in' : `imported, signed by ${s.signer!.fingerprint.slice(0, 16)}…`}; used by ${s.usedBy} estimate${s.usedBy === 1 ? '' : 's'})\n` +
            `  standard: ${describeBands(s.content.schedules['green-book'].bands)}\n  health:   ${describeBands(s.content.schedules.health.bands)}\n  values per unit: ${s.content.values.length ? s.content.values.map((v) => `${v.label} ${pounds(v.valuePence)} ${v.unit} (${v.priceYear})`).join('; ') : 'none'}`,
        )
        .join('\n\n'),
    };
  },
};

export const paramsetImportVerb: Verb = {
  words: ['paramset', 'import'],
  usage: 'tpw paramset import <set.json> [--signature <set.json.minisig>] [--accept-signer] [--dry-run] [--json]',
  summary: 'Import a signed parameter set (verified first; a signer not seen before needs --accept-signer, after checking its fingerprint)',
  options: { signature: { type: 'string' }, 'accept-signer': { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  needsDb: true,
  async run(args, wb) {
    const [file, ...extra] = args.positionals;
    if (!file) throw new UsageError('Give the parameter-set file');
    if (extra.length) throw new UsageError(`Import one set at a time (also given: ${extra.join(' ')})`);
    const setPath = path.resolve(file);
    const sigPath = path.resolve(str(args, 'signature') ?? `${file}.minisig`);
    const set = { path: setPath, name: path.basename(setPath) };
    const signature = { path: sigPath, name: path.basename(sigPath) };
    if (args.values['dry-run']) {
      const p = await previewSetFiles(wb!.ctx, set, signature);
      return {
        json: p,
        text: `${p.content.name} (${p.content.id}), issued by ${p.content.issuer}: signature verified; signer fingerprint ${p.signer.fingerprintGrouped}${p.knownSigner ? ' (seen before)' : ' (not seen before: check it with the issuer, then import with --accept-signer)'}${p.status === 'same' ? '. Already imported; importing again changes nothing.' : ''}`,
      };
    }
    const v = await importSetFiles(wb!.ctx, set, signature, args.values['accept-signer'] === true);
    return { json: v, text: `Imported ${v.content.name} (${v.id}).` };
  },
};

/** `tpw` verbs of the estimates capability. */
export const estimatesVerbs: Verb[] = [
  estimateEvalVerb,
  estimateListVerb,
  estimateShowVerb,
  estimatePortfolioVerb,
  estimateExportVerb,
  unitCostImportVerb,
  unitCostListVerb,
  unitCostAddVerb,
  paramsetListVerb,
  paramsetImportVerb,
];
