/**
 * Retention (storage limitation): each sensitivity has a period, in months after the pilot ends
 * (its report deadline; before one is set, the item's own date). The team's rule wins; without
 * one, IT's policy (`retentionMonths`); without that, the built-in default (personal data: 12
 * months). An item's review date is computed from its rule unless someone set one for it (by hand,
 * or by keeping it at review). On its review date an item is "due": the team keeps it (with a
 * reason and a new date), anonymises it, or erases it.
 */
import { DEFAULT_RETENTION_MONTHS, type RetentionDecisionInput, type RetentionItem, type RetentionOverview, type RetentionRule } from '../../shared/domain/privacy';
import { SENSITIVITIES, type Sensitivity } from '../../shared/domain/evidence';
import { AppError } from '../../shared/errors';
import { writeContext, type ServiceContext } from '../core/context';
import { anonymiseItem } from './anonymise';
import { eraseRecord } from './erase';
import type { EraseResult } from '../../shared/domain/privacy';

/** How far ahead "coming up for review" looks. */
export const UPCOMING_DAYS = 90;

export function retentionRules(ctx: ServiceContext): RetentionRule[] {
  const team = new Map((ctx.sqlite.prepare('SELECT sensitivity, months FROM retention_rules').all() as { sensitivity: Sensitivity; months: number | null }[]).map((r) => [r.sensitivity, r.months]));
  const policy = ctx.policy?.retentionMonths ?? null;
  return SENSITIVITIES.map((s) => {
    if (team.has(s)) return { sensitivity: s, months: team.get(s)!, source: 'team' as const };
    if (policy?.[s] !== undefined) return { sensitivity: s, months: policy[s]!, source: 'policy' as const };
    return { sensitivity: s, months: DEFAULT_RETENTION_MONTHS[s] ?? null, source: 'default' as const };
  });
}

/** `date` (YYYY-MM-DD) plus whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

interface ItemRow {
  id: string;
  title: string;
  kind: string;
  sensitivity: Sensitivity;
  createdAt: string;
  reviewOn: string | null;
  decision: 'keep' | 'anonymise' | null;
  reason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

const pilotEnds = (ctx: ServiceContext): string | null =>
  (ctx.sqlite.prepare('SELECT report_deadline AS d FROM pilot WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1').get() as { d: string | null } | undefined)?.d ?? null;

/** Every live item with its review date (computed or set) and whether it is due on `today`. */
function retentionItems(ctx: ServiceContext, today: string): { ends: string | null; rules: RetentionRule[]; items: RetentionItem[] } {
  const rules = retentionRules(ctx);
  const months = new Map(rules.map((r) => [r.sensitivity, r.months]));
  const ends = pilotEnds(ctx);
  const rows = ctx.sqlite
    .prepare(
      `SELECT e.id, e.title, e.kind, e.sensitivity, e.created_at AS createdAt, r.review_on AS reviewOn, r.decision, r.reason,
              r.decided_at AS decidedAt, r.decided_by AS decidedBy
       FROM evidence_items e LEFT JOIN retention_reviews r ON r.evidence_id = e.id WHERE e.deleted_at IS NULL`,
    )
    .all() as ItemRow[];
  const items = rows.map((r): RetentionItem => {
    const m = months.get(r.sensitivity) ?? null;
    const computed = m === null ? null : addMonths(ends ?? r.createdAt.slice(0, 10), m);
    const reviewOn = r.reviewOn ?? computed;
    return {
      evidenceId: r.id,
      title: r.title,
      kind: r.kind,
      sensitivity: r.sensitivity,
      reviewOn,
      overridden: r.reviewOn !== null,
      due: reviewOn !== null && reviewOn <= today,
      lastDecision: r.decision && r.decidedAt ? { decision: r.decision, reason: r.reason ?? '', at: r.decidedAt, by: r.decidedBy ?? '' } : null,
    };
  });
  return { ends, rules, items };
}

const byDate = (a: RetentionItem, b: RetentionItem) => (a.reviewOn ?? '').localeCompare(b.reviewOn ?? '') || a.title.localeCompare(b.title);

export function retentionOverview(ctx: ServiceContext): RetentionOverview {
  const now = ctx.now();
  const today = now.toISOString().slice(0, 10);
  const horizon = new Date(now.getTime() + UPCOMING_DAYS * 86_400_000).toISOString().slice(0, 10);
  const { ends, rules, items } = retentionItems(ctx, today);
  return {
    pilotEnds: ends,
    rules,
    due: items.filter((i) => i.due).sort(byDate),
    upcoming: items.filter((i) => !i.due && i.reviewOn !== null && i.reviewOn <= horizon).sort(byDate),
  };
}

export function retentionItem(ctx: ServiceContext, evidenceId: string): RetentionItem {
  const item = retentionItems(ctx, ctx.now().toISOString().slice(0, 10)).items.find((i) => i.evidenceId === evidenceId);
  if (!item) throw new AppError('NOT_FOUND', 'Evidence item was not found (it may have been deleted or erased).');
  return item;
}

/** How many items are due for review today (the dashboard's count). */
export function dueForReviewCount(ctx: ServiceContext): number {
  return retentionItems(ctx, ctx.now().toISOString().slice(0, 10)).items.filter((i) => i.due).length;
}

export async function setRetentionRule(ctx: ServiceContext, input: { sensitivity: Sensitivity; months: number | null }): Promise<RetentionOverview> {
  const w = await writeContext(ctx);
  await ctx.db
    .insertInto('retentionRules')
    .values({ sensitivity: input.sensitivity, months: input.months, updatedAt: w.now, updatedBy: w.actor })
    .onConflict((oc) => oc.column('sensitivity').doUpdateSet({ months: input.months, updatedAt: w.now, updatedBy: w.actor }))
    .execute();
  return retentionOverview(ctx);
}

function requireLiveItem(ctx: ServiceContext, id: string): void {
  if (!ctx.sqlite.prepare('SELECT 1 FROM evidence_items WHERE id = ? AND deleted_at IS NULL').get(id)) {
    throw new AppError('NOT_FOUND', 'Evidence item was not found (it may have been deleted or erased).');
  }
}

/** Sets (or, with null, clears) an item's own review date. */
export async function setReviewDate(ctx: ServiceContext, input: { evidenceId: string; reviewOn: string | null }): Promise<RetentionOverview> {
  requireLiveItem(ctx, input.evidenceId);
  await ctx.db
    .insertInto('retentionReviews')
    .values({ evidenceId: input.evidenceId, reviewOn: input.reviewOn, decision: null, reason: null, decidedAt: null, decidedBy: null })
    .onConflict((oc) => oc.column('evidenceId').doUpdateSet({ reviewOn: input.reviewOn }))
    .execute();
  return retentionOverview(ctx);
}

export async function decideRetention(ctx: ServiceContext, input: RetentionDecisionInput): Promise<{ decision: RetentionDecisionInput['decision']; evidenceId: string; erasure: EraseResult | null }> {
  requireLiveItem(ctx, input.evidenceId);
  const base = { decision: input.decision, evidenceId: input.evidenceId };
  if (input.decision === 'erase') return { ...base, erasure: await eraseRecord(ctx, { id: input.evidenceId, reason: input.reason, source: 'retention', tombstone: true }) };
  if (input.decision === 'anonymise') return { ...base, erasure: await anonymiseItem(ctx, { id: input.evidenceId, reason: input.reason }) };
  const today = ctx.now().toISOString().slice(0, 10);
  if (input.until <= today) throw new AppError('INVALID_INPUT', 'Keep it until a date after today.', { until: 'Choose a date after today' });
  const w = await writeContext(ctx);
  const row = { reviewOn: input.until, decision: 'keep' as const, reason: input.reason, decidedAt: w.now, decidedBy: w.actor };
  await ctx.db
    .insertInto('retentionReviews')
    .values({ evidenceId: input.evidenceId, ...row })
    .onConflict((oc) => oc.column('evidenceId').doUpdateSet(row))
    .execute();
  return { ...base, erasure: null };
}
