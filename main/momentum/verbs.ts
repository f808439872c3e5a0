import { organisationId } from '../cli/lookups';
import { ACTION_KINDS, ACTION_STATUSES, ACTION_STATUS_LABELS, SENSITIVITY_LEVELS, type ActionInput } from '../../shared/domain/learning';
import { list, str, table, unwrap, type Verb } from '../cli/io';

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

export const momentumVerbs: Verb[] = [actionAddVerb, actionListVerb];
