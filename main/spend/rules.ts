/**
 * Classification rules (versioned records) and re-classification of the lines already imported.
 * Every change to the rules re-applies all of them in the same transaction, so the map and the
 * rules never disagree.
 */
import { sql } from 'kysely';
import { isValidRulePattern, type SpendRule, type SpendRuleChange } from '../../shared/domain/spend';
import { AppError } from '../../shared/errors';
import type { RecordMeta } from '../../shared/domain/common';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { loadClassifier } from './import';
import { rebuildTotals } from './queries';
import { spendRules } from './records';

const rules = recordStore(spendRules);

type Db = ServiceContext['db'];

export async function listRules(ctx: ServiceContext): Promise<SpendRule[]> {
  const rows = await ctx.db.selectFrom('spendRules').selectAll().where('deletedAt', 'is', null).orderBy('priority').orderBy('createdAt').execute();
  return rows.map(rules.toDomain);
}

async function assertTheme(db: Db, themeId: string | undefined) {
  if (themeId === undefined) return;
  const t = await db.selectFrom('themes').select('id').where('id', '=', themeId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!t) throw new AppError('INVALID_INPUT', 'Choose a theme that exists (it may have been deleted).', { themeId: 'Choose a theme' });
}

/**
 * Re-applies every live rule to every line. The classifier runs inside SQLite as a function, so
 * one UPDATE touches only the lines whose theme changes; the totals are rebuilt after.
 */
export async function reclassify(ctx: ServiceContext, trx: Db): Promise<number> {
  const classify = await loadClassifier(trx);
  ctx.sqlite.function('tpw_spend_theme', { deterministic: true }, (sa: unknown, et: unknown, sup: unknown) =>
    classify((sa as string | null) ?? null, (et as string | null) ?? null, (sup as string | null) ?? null),
  );
  const r = await sql`UPDATE spend_lines SET theme_id = tpw_spend_theme(service_area, expense_type, supplier)
    WHERE theme_id IS NOT tpw_spend_theme(service_area, expense_type, supplier)`.execute(trx);
  await rebuildTotals(trx);
  return Number(r.numAffectedRows ?? 0);
}

export async function addRule(ctx: ServiceContext, data: Omit<SpendRule, keyof RecordMeta>): Promise<SpendRuleChange> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await assertTheme(trx, data.themeId);
    const rule = await rules.insertIn(trx, w, data);
    return { rule, reclassified: await reclassify(ctx, trx) };
  });
}

export async function updateRule(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof spendRules> }): Promise<SpendRuleChange> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const current = await rules.get(trx, input.id);
    const next = { ...current, ...input.patch };
    if (next.op === 'regex' && !isValidRulePattern(next.pattern)) {
      throw new AppError('INVALID_INPUT', 'That is not a valid pattern (regular expression)', { 'patch.pattern': 'That is not a valid pattern (regular expression)' });
    }
    await assertTheme(trx, input.patch.themeId);
    const rule = await rules.updateIn(trx, w, input);
    return { rule, reclassified: await reclassify(ctx, trx) };
  });
}

export async function deleteRule(ctx: ServiceContext, input: { id: string; rev: string }): Promise<SpendRuleChange> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const rule = await rules.removeIn(trx, w, input);
    return { rule, reclassified: await reclassify(ctx, trx) };
  });
}

export async function reclassifyAll(ctx: ServiceContext): Promise<{ reclassified: number }> {
  return ctx.db.transaction().execute(async (trx) => ({ reclassified: await reclassify(ctx, trx) }));
}
