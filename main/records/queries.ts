/**
 * What depends on a record, so deleting one that is in use first says what would lose it
 * ("3 evidence items, 1 intervention, £1.29m of spend"). Worked out from the record registry's
 * declared references, so a table added later is counted with no change here:
 * - a record that refers to it counts as itself ("2 hypotheses" use a theme; "5 quotes" are in an
 *   evidence item);
 * - a link row counts as what it links to on its other side (a hypothesis's evidence links are
 *   "3 evidence items"), each linked record once.
 * Spend classified to a theme, imported for an organisation or themed by a rule comes from the
 * maintained aggregates. Deleted records and links do not count.
 */
import { sql } from 'kysely';
import type { Dependents } from '../../shared/domain/pilot';
import type { ServiceContext } from '../core/context';
import { RECORD_TABLES, requireRecordTable, type RecordTableSpec } from '../core/recordTables';
import { ruleHits, spendSummary } from '../spend/queries';

/** "Hypothesis" → "hypotheses", "Classification rule" → "classification rules", "Learning entry" → "learning entries". */
export function plural(noun: string): string {
  const lower = noun.toLowerCase();
  if (lower.endsWith('is')) return `${lower.slice(0, -2)}es`;
  if (lower.endsWith('y') && !/[aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** A table whose rows only join two records (evidence ↔ hypothesis): counted by what they join to. */
const isLink = (spec: RecordTableSpec) => spec.table.endsWith('Links');

export async function dependentsOf(ctx: ServiceContext, table: string, id: string): Promise<Dependents> {
  requireRecordTable(table);
  const counts = new Map<string, number>();
  const add = (target: string, n: number) => n > 0 && counts.set(target, (counts.get(target) ?? 0) + n);
  for (const spec of Object.values(RECORD_TABLES)) {
    const columns = Object.entries(spec.refs).filter(([, target]) => target === table).map(([column]) => column);
    if (columns.length === 0) continue;
    const refersTo = sql.join(columns.map((c) => sql`${sql.ref(c)} = ${id}`), sql` OR `);
    const live = sql`deleted_at IS NULL AND (${refersTo})`;
    if (!isLink(spec)) {
      const row = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(spec.table)} WHERE ${live}`.execute(ctx.db);
      add(spec.table, Number(row.rows[0]?.n ?? 0));
      continue;
    }
    for (const [column, target] of Object.entries(spec.refs)) {
      if (target === table) continue;
      const row = await sql<{ n: number }>`SELECT count(DISTINCT ${sql.ref(column)}) AS n FROM ${sql.table(spec.table)} WHERE ${live} AND ${sql.ref(column)} IS NOT NULL`.execute(ctx.db);
      add(target, Number(row.rows[0]?.n ?? 0));
    }
  }
  const items: Dependents['items'] = [...counts].map(([t, count]) => {
    const noun = RECORD_TABLES[t]!.noun;
    return { table: t, singular: noun.toLowerCase(), plural: plural(noun), count };
  });
  return { items, ...(await spendOf(ctx, table, id)) };
}

/** The spend a theme is given, an organisation published, or a rule themed. */
async function spendOf(ctx: ServiceContext, table: string, id: string): Promise<{ spendPence: number; spendRows: number }> {
  if (table === 'spendRules') {
    const hit = (await ruleHits(ctx)).byRule[id];
    return { spendPence: hit?.totalPence ?? 0, spendRows: hit?.rows ?? 0 };
  }
  let spendPence = 0;
  let spendRows = 0;
  if (table === 'themes' || table === 'organisations') {
    for (const r of await spendSummary(ctx)) {
      if ((table === 'themes' ? r.themeId : r.organisationId) !== id) continue;
      spendPence += r.totalPence;
      spendRows += r.rows;
    }
  }
  return { spendPence, spendRows };
}
