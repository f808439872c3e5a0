import { localToday } from '../../shared/calc/timetable';
import { LEARNING_KINDS, LEARNING_KIND_LABELS, SENSITIVITY_LEVELS, type LearningInput } from '../../shared/domain/learning';
import { AppError } from '../../shared/errors';
import type { Workbench } from '../core/workbench';
import { list, str, table, unwrap, UsageError, type Verb } from '../cli/io';
import { themeId } from '../cli/lookups';

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





/** `tpw` verbs of the learning capability. */
export const learningVerbs: Verb[] = [learningAddVerb, learningListVerb, barrierListVerb];

