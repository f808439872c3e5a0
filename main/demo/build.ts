/**
 * Builds the demo pilot through the dispatcher, method by method, exactly as a person using the
 * app would: every input is parsed and every rule of every service applies (a verdict needs a
 * reason and evidence, ratings go through the matrix, spend goes through the importer).
 */
import { Readable } from 'node:stream';
import type { DemoSummary } from '../../shared/contract/demo';
import { AppError } from '../../shared/errors';
import { SEEDED_BARRIERS } from '../../shared/domain/learning';
import type { ServiceContext } from '../core/context';
import { receiveUpload } from '../core/transfers';
import type { Dispatch } from '../core/workbench';
import { CODES, DEMO_PLACE, DEMO_QUESTION, EVIDENCE, HYPOTHESES, ORGANISATIONS, RULES, SPEND, TEAM, THEMES } from './content';
import { markDemo } from './queries';
import { spendCsv } from './spendFile';
import { buildFollowUp } from './followUp';
import { daysFrom, financialYearOf, type Call } from './calls';
import { inOneTransaction } from './oneTransaction';

/** Who the demo's records are by: clearly invented, never this computer's login. */
export const DEMO_ACTOR = 'Priya Sharma (demo)';

/** The dispatcher the demo is built through, over the context it is handed (the one transaction's). */
export type DispatchOver = (ctx: ServiceContext) => Dispatch;

/**
 * Builds the demo under DEMO_ACTOR's name, then puts back whoever was set (or nobody, so the
 * first-run question still asks the real person). Writes are queued one at a time, so nothing
 * else is recorded under the demo name meanwhile. All of it is ONE transaction: if any step is
 * refused or fails, nothing of the demo is left (not even the name it was being built under).
 */
export async function createDemo(ctx: ServiceContext, dispatchOver: DispatchOver): Promise<DemoSummary> {
  // Refused before anything is written.
  await refuseUnlessEmpty(callerOf(dispatchOver(ctx)));
  return inOneTransaction(ctx, async (inner) => {
    const previous = await inner.db.selectFrom('meta').select('value').where('key', '=', 'actor').executeTakeFirst();
    const putActor = (value: string) => inner.db.insertInto('meta').values({ key: 'actor', value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    await putActor(DEMO_ACTOR);
    const summary = await buildDemo(inner, callerOf(dispatchOver(inner)));
    if (previous) await putActor(previous.value);
    else await inner.db.deleteFrom('meta').where('key', '=', 'actor').execute();
    return summary;
  });
}

const callerOf =
  (dispatch: Dispatch): Call =>
  async (method, input) => {
    const r = await dispatch(method, input);
    if (!r.ok) throw new AppError(r.error.code, `Building the demo stopped at ${method}: ${r.error.message} Nothing of the demo was kept.`, r.error.fields);
    return r.value as never;
  };

async function buildDemo(ctx: ServiceContext, call: Call): Promise<DemoSummary> {
  const now = ctx.now();

  await call('pilot.save', { rev: null, pilot: { place: DEMO_PLACE, question: DEMO_QUESTION, startDate: daysFrom(now, -90), reportDeadline: daysFrom(now, 75) } });
  await markDemo(ctx);
  await call('milestone.add', { title: 'Partners agree the pilot question', dueDate: daysFrom(now, -80), done: true });
  await call('milestone.add', { title: 'Citizen journeys mapped', dueDate: daysFrom(now, -20), done: true });
  await call('milestone.add', { title: 'Savings estimates shared with finance directors', dueDate: daysFrom(now, 30), done: false });
  await call('milestone.add', { title: 'Final report to the partnership board', dueDate: daysFrom(now, 75), done: false });

  const org: Record<string, string> = {};
  for (const o of ORGANISATIONS) org[o.key] = (await call('organisation.add', { name: o.name, type: o.type, notes: o.notes })).id;
  const members: string[] = [];
  for (const m of TEAM) members.push((await call('teamMember.add', { name: m.name, organisationId: org[m.org], role: m.role, fte: m.fte })).id);
  const theme: Record<string, string> = {};
  for (const t of THEMES) theme[t.key] = (await call('theme.add', { name: t.name, description: t.description })).id;

  const hyp: Record<string, string> = {};
  for (const h of HYPOTHESES) {
    const added = await call('hypothesis.add', {
      statement: h.statement,
      themeId: theme[h.theme],
      ownerId: members[h.owner],
      rationale: h.rationale,
      supportCriteria: h.supportCriteria,
      refuteCriteria: h.refuteCriteria,
      confidence: h.confidence,
      dueDate: daysFrom(now, 45),
    });
    hyp[h.key] = added.id;
  }

  const code: Record<string, string> = {};
  for (const c of CODES) code[c.key] = (await call('code.add', { name: c.name, description: c.description })).id;

  let quotes = 0;
  const evidenceIds: Record<string, string> = {};
  for (const e of EVIDENCE) {
    const item = await call('evidence.add', {
      title: e.title,
      kind: e.kind,
      summary: e.summary,
      source: e.source,
      organisationId: org[e.org],
      observedOn: daysFrom(now, -e.daysAgo - 7),
      reportedOn: daysFrom(now, -e.daysAgo),
      collectedBy: e.collectedBy,
      sensitivity: e.sensitivity,
      tags: e.tags,
      themeId: theme[e.theme],
    });
    const id = item.id;
    evidenceIds[e.key] = id;
    for (const [h, rating] of Object.entries(e.ratings)) await call('evidence.rate', { evidenceId: id, hypothesisId: hyp[h]!, rating: rating!, weight: 'medium' });
    for (const q of e.quotes) {
      const quote = await call('quote.add', { evidenceId: id, text: q.text, speaker: q.speaker, codeIds: q.codes.map((c) => code[c]!), startOffset: e.summary.indexOf(q.text) });
      quotes++;
      for (const [h, rating] of Object.entries(q.ratings)) await call('quote.link', { quoteId: quote.id, hypothesisId: hyp[h]!, rating: rating!, credibility: 'high', relevance: 'high' });
    }
  }

  // Statuses last: a verdict needs testing first, a reason, and evidence linked.
  for (const h of HYPOTHESES) {
    if (h.status === 'proposed') continue;
    let current = await call('hypothesis.get', { id: hyp[h.key]! });
    if (h.status !== 'parked') current = await call('hypothesis.setStatus', { id: current.id, rev: current.rev, status: 'testing', note: 'Evidence gathering started.' });
    if (h.status !== 'testing') await call('hypothesis.setStatus', { id: current.id, rev: current.rev, status: h.status, note: h.reason });
  }

  const spend = await importSpend(ctx, call, now);
  const rules = [];
  for (const r of RULES) rules.push(await call('spendRule.add', { field: r.field, op: r.op, pattern: r.pattern, themeId: theme[r.theme]!, priority: r.priority }));

  const followUp = await buildFollowUp(call, now, { org, theme, hyp, evidence: evidenceIds, barriers: SEEDED_BARRIERS.map((b) => b.id) });

  return {
    place: DEMO_PLACE,
    organisations: ORGANISATIONS.length,
    teamMembers: TEAM.length,
    themes: THEMES.length,
    hypotheses: HYPOTHESES.length,
    evidence: EVIDENCE.length,
    quotes,
    spendFiles: spend.files,
    spendLines: spend.lines,
    spendRules: rules.length,
    ...followUp,
  };
}

/** The demo only fills an empty database: nothing anyone entered is ever mixed with it. */
async function refuseUnlessEmpty(call: Call): Promise<void> {
  const o = await call('pilot.overview', {});
  const hypotheses = await call('hypothesis.list', {});
  const files = await call('spend.files', {});
  if (o.pilot || o.organisations.length || o.themes.length || o.teamMembers.length || hypotheses.length || files.length) {
    const what = o.pilot ? `the pilot for ${o.pilot.place}` : 'records';
    throw new AppError('REFUSED', `This database already holds ${what}, so the demo was not added (it only fills an empty database). Run it on a new file instead: \`tpw demo --db <new file>\` (in the app: open a new pilot file first).`);
  }
}

async function importSpend(ctx: ServiceContext, call: Call, now: Date): Promise<{ files: number; lines: number }> {
  // The last financial year that has ended, so the dashboard shows a whole year.
  const year = Number(financialYearOf(now, -1).slice(0, 4));
  let lines = 0;
  for (const s of SPEND) {
    const name = ORGANISATIONS.find((o) => o.key === s.org)!.name;
    const csv = spendCsv(s.seed, year, s.shapes);
    const upload = await receiveUpload(ctx, Readable.from([Buffer.from(csv, 'utf8')]), `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-spend-over-500-${year}.csv`);
    const result = await call('spend.import', { uploadId: upload.uploadId, organisation: name });
    lines += result.rows;
  }
  return { files: SPEND.length, lines };
}
