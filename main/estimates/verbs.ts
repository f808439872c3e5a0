import fs from 'node:fs';
import sjson from 'secure-json-parse';
import { financialYearAt } from '../../shared/calc/estimateModel';
import type { PortfolioView } from '../../shared/calc/portfolio';
import { SCENARIOS, type EstimateResult } from '../../shared/calc/savings';
import { AppError } from '../../shared/errors';
import { evaluateModel } from './queries';
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
  return `${r.name}\n\n${table(['Scenario', 'PV costs', 'PV benefits', 'NPV', 'BCR', 'Payback'], rows)}${sim}\n\nWho pays and who benefits (central):\n${table(['Organisation', 'PV costs', 'PV benefits', 'Net'], orgs)}`;
}

export const estimateEvalVerb: Verb = {
  words: ['estimate', 'eval'],
  usage: 'tpw estimate eval <model.json> [--json]',
  summary: 'Calculate a savings estimate from a model file (ESTIMATES.md); touches no database',
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
  return `Portfolio of ${p.interventionCount} intervention${p.interventionCount === 1 ? '' : 's'}\n\n${totals}${sim}\n\nWrong pocket (present values; rows pay, columns benefit):\n${wp}`;
}

export const estimatePortfolioVerb: Verb = {
  words: ['estimate', 'portfolio'],
  usage: 'tpw estimate portfolio [--json]',
  summary: 'All interventions together: totals per scenario, the simulation range and the wrong-pocket matrix',
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

export const unitCostImportVerb: Verb = {
  words: ['unitcost', 'import'],
  usage: 'tpw unitcost import <file.csv|file.xlsx> [--dry-run] [--json]',
  summary: 'Import a unit-cost table (code, description, unit, agency, value, price year, source, quality); all rows or none',
  options: { 'dry-run': { type: 'boolean' } },
  needsDb: true,
  async run(args, wb) {
    const file = args.positionals[0];
    if (!file) throw new UsageError('Give the unit-cost file');
    const upload = unwrap(await wb!.dispatch('upload.fromPath', { path: file }));
    if (args.values['dry-run']) {
      const p = unwrap(await wb!.dispatch('unitCost.preview', { uploadId: upload.uploadId }));
      const count = (a: string) => p.rows.filter((r) => r.action === a).length;
      return {
        json: p,
        text: `${p.fileName}: ${count('add')} to add, ${count('update')} to update, ${count('unchanged')} unchanged${p.errors.length ? `\n${p.errors.map((e) => e.message).join('\n')}` : ''}`,
      };
    }
    const r = unwrap(await wb!.dispatch('unitCost.import', { uploadId: upload.uploadId }));
    return { json: r, text: `Imported ${r.fileName}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged` };
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
      text: list.length ? table(['Code', 'Description', 'Unit', 'Agency', 'Value', 'Price year'], list.map((u) => [u.code, u.description.slice(0, 60), u.unit, u.agency, pounds(u.valuePence), u.priceYear])) : 'No unit costs found.',
    };
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
];
