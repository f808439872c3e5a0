import { HYPOTHESIS_STATUSES, HYPOTHESIS_STATUS_LABELS, type HypothesisStatus } from '../../shared/domain/hypotheses';
import { table, unwrap, str, UsageError, type Verb } from '../cli/io';

export const hypothesisAddVerb: Verb = {
  words: ['hypothesis', 'add'],
  usage: 'tpw hypothesis add --statement <text> [--theme <name>] [--rationale <text>] [--due <YYYY-MM-DD>]',
  summary: 'Add a hypothesis (status: proposed)',
  options: { statement: { type: 'string' }, theme: { type: 'string' }, rationale: { type: 'string' }, due: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    let themeId: string | null = null;
    const themeName = str(args, 'theme');
    if (themeName) {
      const overview = unwrap(await wb!.dispatch('pilot.overview', {}));
      const theme = overview.themes.find((t) => t.name.toLowerCase() === themeName.toLowerCase());
      themeId = theme ? theme.id : unwrap(await wb!.dispatch('theme.add', { name: themeName })).id;
    }
    const h = unwrap(
      await wb!.dispatch('hypothesis.add', {
        statement: str(args, 'statement', true),
        themeId,
        rationale: str(args, 'rationale') ?? null,
        dueDate: str(args, 'due') ?? null,
      }),
    );
    return { json: h, text: `Added hypothesis ${h.id}: ${h.statement}` };
  },
};

export const hypothesisListVerb: Verb = {
  words: ['hypothesis', 'list'],
  usage: `tpw hypothesis list [--status ${HYPOTHESIS_STATUSES.join('|')}] [--json]`,
  summary: 'List hypotheses',
  options: { status: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const status = str(args, 'status');
    const hs = unwrap(await wb!.dispatch('hypothesis.list', status ? { status } : {}));
    return {
      json: hs,
      text: hs.length
        ? table(['Status', 'Statement', 'Id'], hs.map((h) => [HYPOTHESIS_STATUS_LABELS[h.status], h.statement.slice(0, 70), h.id]))
        : 'No hypotheses yet.',
    };
  },
};

export const hypothesisStatusVerb: Verb = {
  words: ['hypothesis', 'status'],
  usage: `tpw hypothesis status <id> <${HYPOTHESIS_STATUSES.join('|')}> [--note <reason>] [--without-evidence]`,
  summary: 'Move a hypothesis through its lifecycle (a verdict needs --note; supported/refuted with no evidence linked needs --without-evidence)',
  options: { note: { type: 'string' }, 'without-evidence': { type: 'boolean' } },
  needsDb: true,
  async run(args, wb) {
    const [id, status] = args.positionals;
    if (!id || !status) throw new UsageError('Give the hypothesis id and the new status');
    const current = unwrap(await wb!.dispatch('hypothesis.get', { id }));
    const h = unwrap(
      await wb!.dispatch('hypothesis.setStatus', {
        id,
        rev: current.rev,
        status: status as HypothesisStatus,
        note: str(args, 'note') ?? null,
        withoutEvidence: args.values['without-evidence'] === true,
      }),
    );
    return { json: h, text: `${h.statement}: now ${HYPOTHESIS_STATUS_LABELS[h.status].toLowerCase()}` };
  },
};

export const hypothesisVerbs: Verb[] = [hypothesisAddVerb, hypothesisListVerb, hypothesisStatusVerb];
