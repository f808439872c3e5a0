import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { localToday } from '../../../shared/calc/timetable';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  ACTION_STATUS_LABELS,
  LEARNING_KINDS,
  LEARNING_KIND_LABELS,
  SENSITIVITY_LEVELS,
  type ActionInput,
  type LearningInput,
} from '../../../shared/domain/learning';
import { REPORT_SECTION_IDS, type ReportSectionId } from '../../../shared/domain/report';
import { AppError } from '../../api/errors';
import type { Workbench } from '../../services/workbench';
import { list, str, table, unwrap, UsageError, type Verb, type VerbArgs } from '../io';

/** Finds barriers by name (case-insensitive) or id; an unknown one refuses the whole command. */
async function barrierIds(wb: Workbench, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const all = unwrap(await wb.dispatch('barrier.list', {}));
  return names.map((n) => {
    const b = all.find((x) => x.id === n || x.name.toLowerCase() === n.trim().toLowerCase());
    if (!b) throw new AppError('INVALID_INPUT', `There is no barrier called "${n}". The barriers are: ${all.map((x) => x.name).join('; ')}.`);
    return b.id;
  });
}

async function organisationId(wb: Workbench, name: string | undefined): Promise<string | null> {
  if (!name) return null;
  const orgs = unwrap(await wb.dispatch('organisation.list', {}));
  const org = orgs.find((o) => o.id === name || o.name.toLowerCase() === name.trim().toLowerCase());
  if (!org) throw new AppError('INVALID_INPUT', `No organisation is called "${name}". Add it first with \`tpw org add --name "${name}"\`.`);
  return org.id;
}

async function themeId(wb: Workbench, name: string | undefined): Promise<string | null> {
  if (!name) return null;
  const themes = unwrap(await wb.dispatch('pilot.overview', {})).themes;
  const t = themes.find((x) => x.id === name || x.name.toLowerCase() === name.trim().toLowerCase());
  if (!t) throw new AppError('INVALID_INPUT', `No theme is called "${name}". Themes: ${themes.map((x) => x.name).join('; ') || 'none yet'}.`);
  return t.id;
}

export const learningAddVerb: Verb = {
  words: ['learning', 'add'],
  usage: `tpw learning add --kind ${LEARNING_KINDS.join('|')} --title <text> [--what <text>] [--why <text>] [--differently <text>] [--author <name>] [--date <YYYY-MM-DD>] [--theme <name>] [--barrier <name>]… [--hypothesis <id>]… [--sensitivity ${SENSITIVITY_LEVELS.join('|')}]`,
  summary: 'Record what did not work, what failed, what was difficult, or a lesson',
  options: {
    kind: { type: 'string' },
    title: { type: 'string' },
    what: { type: 'string' },
    why: { type: 'string' },
    differently: { type: 'string' },
    author: { type: 'string' },
    date: { type: 'string' },
    theme: { type: 'string' },
    barrier: { type: 'string', multiple: true },
    hypothesis: { type: 'string', multiple: true },
    sensitivity: { type: 'string' },
  },
  needsDb: true,
  async run(args, wb) {
    const kind = str(args, 'kind', true)!;
    if (!(LEARNING_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${LEARNING_KINDS.join(', ')}`);
    const input: LearningInput = {
      kind: kind as LearningInput['kind'],
      title: str(args, 'title', true)!,
      whatHappened: str(args, 'what') ?? null,
      why: str(args, 'why') ?? null,
      doDifferently: str(args, 'differently') ?? null,
      author: str(args, 'author') ?? unwrap(await wb!.dispatch('system.info', {})).actor,
      occurredOn: str(args, 'date') ?? localToday(),
      themeId: await themeId(wb!, str(args, 'theme')),
      barrierIds: await barrierIds(wb!, list(args, 'barrier')),
      hypothesisIds: list(args, 'hypothesis'),
      sensitivity: (str(args, 'sensitivity') ?? 'partners') as LearningInput['sensitivity'],
    };
    const e = unwrap(await wb!.dispatch('learning.add', input));
    return { json: e, text: `Recorded "${e.title}" (${LEARNING_KIND_LABELS[e.kind].toLowerCase()}) — id ${e.id}` };
  },
};

export const learningListVerb: Verb = {
  words: ['learning', 'list'],
  usage: `tpw learning list [--kind ${LEARNING_KINDS.join('|')}] [--barrier <name>] [--json]`,
  summary: 'List the learning log, newest first',
  options: { kind: { type: 'string' }, barrier: { type: 'string', multiple: true } },
  needsDb: true,
  async run(args, wb) {
    const kind = str(args, 'kind');
    const [barrierId] = await barrierIds(wb!, list(args, 'barrier').slice(0, 1));
    const entries = unwrap(await wb!.dispatch('learning.list', { ...(kind ? { kind: kind as LearningInput['kind'] } : {}), ...(barrierId ? { barrierId } : {}) }));
    const names = new Map(unwrap(await wb!.dispatch('barrier.list', {})).map((b) => [b.id, b.name]));
    return {
      json: entries,
      text: entries.length
        ? table(
            ['Date', 'Kind', 'Title', 'Barriers'],
            entries.map((e) => [e.occurredOn, LEARNING_KIND_LABELS[e.kind], e.title.slice(0, 60), e.barrierIds.map((id) => names.get(id) ?? '?').join('; ')]),
          )
        : 'The learning log is empty. Record an entry with `tpw learning add --kind difficult --title …`.',
    };
  },
};

export const barrierListVerb: Verb = {
  words: ['barrier', 'list'],
  usage: 'tpw barrier list [--json]',
  summary: 'List the barrier tags the learning log uses',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const all = unwrap(await wb!.dispatch('barrier.list', {}));
    return { json: all, text: table(['Barrier', 'Id'], all.map((b) => [b.name, b.id])) };
  },
};

export const actionAddVerb: Verb = {
  words: ['action', 'add'],
  usage: `tpw action add --title <text> [--kind ${ACTION_KINDS.join('|')}] [--description <text>] [--org <name>] [--owner <person>] [--due <YYYY-MM-DD>] [--status ${ACTION_STATUSES.join('|')}] [--beyond-pilot] [--hypothesis <id>]… [--sensitivity ${SENSITIVITY_LEVELS.join('|')}]`,
  summary: 'Add a recommendation or action, with its owning organisation and person',
  options: {
    title: { type: 'string' },
    kind: { type: 'string' },
    description: { type: 'string' },
    org: { type: 'string' },
    owner: { type: 'string' },
    due: { type: 'string' },
    status: { type: 'string' },
    'beyond-pilot': { type: 'boolean' },
    hypothesis: { type: 'string', multiple: true },
    sensitivity: { type: 'string' },
  },
  needsDb: true,
  async run(args, wb) {
    const input: ActionInput = {
      title: str(args, 'title', true)!,
      kind: (str(args, 'kind') ?? 'action') as ActionInput['kind'],
      description: str(args, 'description') ?? null,
      organisationId: await organisationId(wb!, str(args, 'org')),
      owner: str(args, 'owner') ?? null,
      dueDate: str(args, 'due') ?? null,
      status: (str(args, 'status') ?? 'open') as ActionInput['status'],
      beyondPilot: args.values['beyond-pilot'] === true,
      hypothesisIds: list(args, 'hypothesis'),
      sensitivity: (str(args, 'sensitivity') ?? 'partners') as ActionInput['sensitivity'],
    };
    const a = unwrap(await wb!.dispatch('action.add', input));
    return { json: a, text: `Added ${a.kind} "${a.title}"${a.owner ? ` for ${a.owner}` : ''}${a.dueDate ? `, due ${a.dueDate}` : ''} — id ${a.id}` };
  },
};

export const actionListVerb: Verb = {
  words: ['action', 'list'],
  usage: `tpw action list [--status ${ACTION_STATUSES.join('|')}] [--org <name>] [--overdue] [--json]`,
  summary: 'List recommendations and actions, overdue first',
  options: { status: { type: 'string' }, org: { type: 'string' }, overdue: { type: 'boolean' } },
  needsDb: true,
  async run(args, wb) {
    const status = str(args, 'status');
    const orgId = await organisationId(wb!, str(args, 'org'));
    const actions = unwrap(
      await wb!.dispatch('action.list', {
        ...(status ? { status: status as ActionInput['status'] } : {}),
        ...(orgId ? { organisationId: orgId } : {}),
        ...(args.values.overdue === true ? { overdue: true } : {}),
      }),
    );
    return {
      json: actions,
      text: actions.length
        ? table(
            ['Due', 'Status', 'Title', 'Owner'],
            actions.map((a) => [`${a.dueDate ?? '—'}${a.overdue ? ' OVERDUE' : ''}`, ACTION_STATUS_LABELS[a.status], a.title.slice(0, 60), [a.owner, a.organisationName].filter(Boolean).join(', ')]),
          )
        : 'No recommendations or actions match.',
    };
  },
};

function outPath(args: VerbArgs): string {
  const out = str(args, 'out') ?? str(args, 'o') ?? str(args, 'output');
  if (!out) throw new UsageError('Say where to write the report: -o <file.html|file.pdf>');
  const ext = path.extname(out).toLowerCase();
  if (ext !== '.html' && ext !== '.htm' && ext !== '.pdf') throw new UsageError('The report file must end in .html or .pdf');
  return path.resolve(out);
}

export const reportVerb: Verb = {
  words: ['report'],
  usage: `tpw report -o <file.html|file.pdf> [--sections ${REPORT_SECTION_IDS.join(',')}] [--include-team] [--include-personal] [--xlsx <file>] [--csv-dir <folder>]`,
  summary: 'Write the pilot report as HTML or PDF (Chromium headless), with optional XLSX/CSV extracts of its tables',
  options: {
    o: { type: 'string' },
    out: { type: 'string' },
    output: { type: 'string' },
    sections: { type: 'string' },
    'include-team': { type: 'boolean' },
    'include-personal': { type: 'boolean' },
    xlsx: { type: 'string' },
    'csv-dir': { type: 'string' },
  },
  needsDb: true,
  async run(args, wb) {
    const out = outPath(args);
    const wantPdf = out.toLowerCase().endsWith('.pdf');
    const sectionsText = str(args, 'sections');
    const sections = sectionsText ? sectionsText.split(',').map((s) => s.trim()).filter(Boolean) : [...REPORT_SECTION_IDS];
    const unknown = sections.filter((s) => !(REPORT_SECTION_IDS as readonly string[]).includes(s));
    if (unknown.length) throw new UsageError(`Unknown section${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Sections: ${REPORT_SECTION_IDS.join(', ')}`);
    const xlsxOut = str(args, 'xlsx');
    const csvDir = str(args, 'csv-dir');
    const r = unwrap(
      await wb!.dispatch('report.generate', {
        sections: sections as ReportSectionId[],
        includeTeam: args.values['include-team'] === true,
        includePersonal: args.values['include-personal'] === true,
        pdf: wantPdf,
        extracts: Boolean(xlsxOut || csvDir),
      }),
    );
    const tmp = path.dirname(r.html.path);
    try {
      if (wantPdf && !r.pdf) throw new AppError('REFUSED', r.pdfError ?? 'The PDF could not be made.');
      await fsp.mkdir(path.dirname(out), { recursive: true });
      await fsp.copyFile(wantPdf ? r.pdf!.path : r.html.path, out);
      const written = [out];
      if (xlsxOut && r.xlsx) {
        await fsp.copyFile(r.xlsx.path, path.resolve(xlsxOut));
        written.push(path.resolve(xlsxOut));
      }
      if (csvDir) {
        await fsp.mkdir(path.resolve(csvDir), { recursive: true });
        for (const c of r.csv) {
          await fsp.copyFile(c.path, path.join(path.resolve(csvDir), c.name));
          written.push(path.join(path.resolve(csvDir), c.name));
        }
      }
      const bytes = fs.statSync(out).size;
      return {
        json: { file: out, format: wantPdf ? 'pdf' : 'html', bytes, sections: r.sections, withheld: r.withheld, files: written, generatedAt: r.generatedAt },
        text:
          `Wrote the pilot report to ${out} (${Math.ceil(bytes / 1024)} KB; sections: ${r.sections.join(', ')})` +
          (r.withheld.team + r.withheld.personal ? `\nLeft out under the sensitivity rules: ${r.withheld.team} team-only, ${r.withheld.personal} personal` : '') +
          (written.length > 1 ? `\nAlso wrote: ${written.slice(1).join(', ')}` : ''),
      };
    } finally {
      // The copies are what the user asked for; the staging folder is not kept.
      await fsp.rm(tmp, { recursive: true, force: true });
    }
  },
};

/** `tpw` verbs of the learning capability. */
export const learningVerbs: Verb[] = [learningAddVerb, learningListVerb, barrierListVerb, actionAddVerb, actionListVerb, reportVerb];

