/**
 * Themes set on lines by hand: for the line no rule should decide (a payment to a care home that
 * was really for a children's placement). Kept when the rules are re-applied, shown as set by
 * hand with who and when, and undone by handing the line back to the rules. The aggregates move
 * with each line, in the same transaction.
 */
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import { inWriteTransaction } from '../core/recordStore';
import { applyGroupDeltas, groupsOf, negate } from './aggregates';
import { loadClassifier } from './importCommon';

type Line = { lineKey: number; organisationId: string; serviceArea: string | null; expenseType: string | null; supplier: string | null; orgUnit: string | null; description: string | null };

function linesOf(ctx: ServiceContext, lineKeys: number[]): Line[] {
  const keys = [...new Set(lineKeys)];
  const found = ctx.sqlite
    .prepare(
      `SELECT l.line_key AS lineKey, f.organisation_id AS organisationId, l.service_area AS serviceArea, l.expense_type AS expenseType, l.supplier,
         l.org_unit AS orgUnit, l.description
       FROM spend_lines l CROSS JOIN spend_files f ON f.file_no = l.file_no WHERE l.line_key IN (${keys.map(() => '?').join(',')})`,
    )
    .all(...keys) as Line[];
  if (found.length !== keys.length) throw new AppError('NOT_FOUND', `${keys.length - found.length} of the chosen lines no longer exist (their file may have been deleted). Nothing was changed.`);
  return found;
}

/** Moves the chosen lines' share of the aggregates while `change` re-themes them. */
function moving(ctx: ServiceContext, lines: Line[], change: () => void): void {
  const byOrg = new Map<string, number[]>();
  for (const l of lines) byOrg.set(l.organisationId, [...(byOrg.get(l.organisationId) ?? []), l.lineKey]);
  const where = (keys: number[]) => `l.line_key IN (${keys.map(() => '?').join(',')})`;
  const before = [...byOrg].map(([org, keys]) => [org, groupsOf(ctx.sqlite, where(keys), ...keys)] as const);
  change();
  for (const [org, groups] of before) applyGroupDeltas(ctx.sqlite, org, negate(groups));
  for (const [org, keys] of byOrg) applyGroupDeltas(ctx.sqlite, org, groupsOf(ctx.sqlite, where(keys), ...keys));
}

export async function setLineTheme(ctx: ServiceContext, input: { lineKeys: number[]; themeId: string | null }): Promise<{ changed: number }> {
  return inWriteTransaction(ctx, async (trx, w) => {
    if (input.themeId) {
      const t = await trx.selectFrom('themes').select('id').where('id', '=', input.themeId).where('deletedAt', 'is', null).executeTakeFirst();
      if (!t) throw new AppError('INVALID_INPUT', 'Choose a theme that exists (it may have been deleted).', { themeId: 'Choose a theme' });
    }
    const lines = linesOf(ctx, input.lineKeys);
    const mark = ctx.sqlite.prepare(
      `INSERT INTO spend_line_themes (line_key, theme_id, set_at, set_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (line_key) DO UPDATE SET theme_id = excluded.theme_id, set_at = excluded.set_at, set_by = excluded.set_by`,
    );
    const setLine = ctx.sqlite.prepare('UPDATE spend_lines SET theme_id = ?, rule_id = NULL WHERE line_key = ?');
    moving(ctx, lines, () => {
      for (const l of lines) {
        mark.run(l.lineKey, input.themeId, w.now, w.actor);
        setLine.run(input.themeId, l.lineKey);
      }
    });
    return { changed: lines.length };
  });
}

/** Hands lines back to the rules: each gets whatever the rules now say. */
export async function clearLineTheme(ctx: ServiceContext, input: { lineKeys: number[] }): Promise<{ changed: number }> {
  return inWriteTransaction(ctx, async (trx) => {
    const lines = linesOf(ctx, input.lineKeys);
    const classify = await loadClassifier(trx);
    const unmark = ctx.sqlite.prepare('DELETE FROM spend_line_themes WHERE line_key = ?');
    const setLine = ctx.sqlite.prepare('UPDATE spend_lines SET theme_id = ?, rule_id = ? WHERE line_key = ?');
    let changed = 0;
    moving(ctx, lines, () => {
      for (const l of lines) {
        changed += unmark.run(l.lineKey).changes;
        const c = classify(l.organisationId, l.serviceArea, l.expenseType, l.supplier, l.orgUnit, l.description);
        setLine.run(c?.themeId ?? null, c?.ruleId ?? null, l.lineKey);
      }
    });
    return { changed };
  });
}
