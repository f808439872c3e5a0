/**
 * Classification rules (versioned records) and re-classification of the lines already imported.
 * Every change to the rules re-applies all of them in the same transaction, so the map and the
 * rules never disagree. A theme set on a line by hand is kept: the rules pass such lines by.
 */
import { sql } from 'kysely';
import { isValidRulePattern, type SpendRule, type SpendRuleChange } from '../../shared/domain/spend';
import { AppError } from '../../shared/errors';
import type { RecordMeta } from '../../shared/domain/common';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { rebuildAggregates } from './aggregates';
import { loadClassifier } from './importCommon';
import { spendRules } from './records';

const rules = recordStore(spendRules);

type Db = ServiceContext['db'];

export async function listRules(ctx: ServiceContext): Promise<SpendRule[]> {
  const rows = await ctx.db.selectFrom('spendRules').selectAll().where('deletedAt', 'is', null).orderBy('priority').orderBy('createdAt').execute();
  return rows.map((r) => ({ ...rules.toDomain(r), organisationId: r.organisationId ?? null }));
}

async function assertTheme(db: Db, themeId: string | undefined) {
  if (themeId === undefined) return;
  const t = await db.selectFrom('themes').select('id').where('id', '=', themeId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!t) throw new AppError('INVALID_INPUT', 'Choose a theme that exists (it may have been deleted).', { themeId: 'Choose a theme' });
}

async function assertOrganisation(db: Db, organisationId: string | null | undefined) {
  if (!organisationId) return;
  const o = await db.selectFrom('organisations').select('id').where('id', '=', organisationId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!o) throw new AppError('INVALID_INPUT', 'Choose an organisation that exists (it may have been deleted), or leave the rule for every organisation.', { organisationId: 'Choose an organisation' });
}

/**
 * Re-applies every live rule to every line not themed by hand. The classifier runs inside
 * SQLite as a function, so one UPDATE touches only the lines whose theme or rule changes; the
 * aggregates are rebuilt after.
 */
export async function reclassify(ctx: ServiceContext, trx: Db): Promise<number> {
  const classify = await loadClassifier(trx);
  const files = await trx.selectFrom('spendFiles').select(['fileNo', 'organisationId']).execute();
  const orgOf = new Map(files.map((f) => [f.fileNo, f.organisationId]));
  const run = (args: unknown[]) =>
    classify(orgOf.get(args[0] as number) ?? '', ...(args.slice(1) as [string | null, string | null, string | null, string | null, string | null]));
  ctx.sqlite.function('tpw_spend_theme', { deterministic: true, varargs: true }, (...args: unknown[]) => run(args)?.themeId ?? null);
  ctx.sqlite.function('tpw_spend_rule', { deterministic: true, varargs: true }, (...args: unknown[]) => run(args)?.ruleId ?? null);
  const fields = 'file_no, service_area, expense_type, supplier, org_unit, description';
  const r = await sql`UPDATE spend_lines SET theme_id = tpw_spend_theme(${sql.raw(fields)}), rule_id = tpw_spend_rule(${sql.raw(fields)})
    WHERE line_key NOT IN (SELECT line_key FROM spend_line_themes)
      AND (theme_id IS NOT tpw_spend_theme(${sql.raw(fields)}) OR rule_id IS NOT tpw_spend_rule(${sql.raw(fields)}))`.execute(trx);
  rebuildAggregates(ctx.sqlite);
  return Number(r.numAffectedRows ?? 0);
}

export async function addRule(ctx: ServiceContext, data: Omit<SpendRule, keyof RecordMeta>): Promise<SpendRuleChange> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await assertTheme(trx, data.themeId);
    await assertOrganisation(trx, data.organisationId);
    const rule = await rules.insertIn(trx, w, data);
    return { rule: { ...rule, organisationId: rule.organisationId ?? null }, reclassified: await reclassify(ctx, trx) };
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
    await assertOrganisation(trx, input.patch.organisationId);
    const rule = await rules.updateIn(trx, w, input);
    return { rule: { ...rule, organisationId: rule.organisationId ?? null }, reclassified: await reclassify(ctx, trx) };
  });
}

export async function deleteRule(ctx: ServiceContext, input: { id: string; rev: string }): Promise<SpendRuleChange> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const rule = await rules.removeIn(trx, w, input);
    return { rule: { ...rule, organisationId: rule.organisationId ?? null }, reclassified: await reclassify(ctx, trx) };
  });
}

export async function reclassifyAll(ctx: ServiceContext): Promise<{ reclassified: number }> {
  return ctx.db.transaction().execute(async (trx) => ({ reclassified: await reclassify(ctx, trx) }));
}
