/**
 * Every page of the app, named: the list the every-page e2e test visits and the README's
 * screenshots are taken from (scripts/screenshots.ts). A new page goes here too.
 */
export const PAGES: { route: string; name: string }[] = [
  { route: '/', name: 'dashboard' },
  { route: '/assigned', name: 'assigned-to-me' },
  { route: '/setup', name: 'setup' },
  { route: '/hypotheses', name: 'hypotheses-board' },
  { route: '/hypotheses/list', name: 'hypotheses-list' },
  { route: '/hypotheses/new', name: 'hypothesis-new' },
  { route: '/evidence', name: 'evidence' },
  { route: '/evidence/new', name: 'evidence-new' },
  { route: '/evidence/matrix', name: 'evidence-matrix' },
  { route: '/evidence/codes', name: 'evidence-codes' },
  { route: '/spend', name: 'spend' },
  { route: '/spend/import', name: 'spend-import' },
  { route: '/spend/rules', name: 'spend-rules' },
  { route: '/spend/unclassified', name: 'spend-unclassified' },
  { route: '/spend/files', name: 'spend-files' },
  { route: '/spend/lines', name: 'spend-lines' },
  { route: '/spend/baseline', name: 'spend-baseline' },
  { route: '/estimates', name: 'estimates' },
  { route: '/estimates/portfolio', name: 'portfolio' },
  { route: '/estimates/unit-costs', name: 'unit-costs' },
  { route: '/learning', name: 'learning' },
  { route: '/learning/new', name: 'learning-new' },
  { route: '/learning/barriers', name: 'barriers' },
  { route: '/actions', name: 'actions' },
  { route: '/actions/new', name: 'action-new' },
  { route: '/benefits', name: 'benefits' },
  { route: '/report', name: 'report' },
  { route: '/team', name: 'team' },
  { route: '/team/conflicts', name: 'team-conflicts' },
  { route: '/team/log', name: 'team-log' },
  { route: '/bundles/send', name: 'bundles' },
  { route: '/bundles/receive', name: 'bundles-receive' },
  { route: '/bundles/conflicts', name: 'bundles-conflicts' },
  { route: '/bundles/partners', name: 'bundles-partners' },
  { route: '/bundles/log', name: 'bundles-log' },
  { route: '/search?q=falls', name: 'search' },
  { route: '/recycle-bin', name: 'recycle-bin' },
];

interface Api {
  <T>(method: string, input?: unknown): Promise<T>;
}

/** One record's page per kind of record, from the first record of each kind (the demo pilot has them all). */
export async function recordPages(api: Api): Promise<{ route: string; name: string }[]> {
  const first = (xs: { id: string }[]) => xs[0]!.id;
  return [
    { route: `/hypotheses/${first(await api<{ id: string }[]>('hypothesis.list', {}))}`, name: 'hypothesis' },
    { route: `/evidence/${first((await api<{ items: { id: string }[] }>('evidence.list', {})).items)}`, name: 'evidence-item' },
    { route: `/estimates/${first(await api<{ id: string }[]>('intervention.list', {}))}`, name: 'estimate' },
    { route: `/learning/${first(await api<{ id: string }[]>('learning.list', {}))}`, name: 'learning-entry' },
    { route: `/actions/${first(await api<{ id: string }[]>('action.list', {}))}`, name: 'action' },
  ];
}

/** A call to a running `tpw serve`, as the page makes it. */
export function serveApi(baseUrl: string, token: string): Api {
  return async <T,>(method: string, input: unknown = {}) => {
    const r = await fetch(`${baseUrl}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
    const body = (await r.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error?.message ?? 'failed'}`);
    return body.value;
  };
}
