/**
 * What depends on a set-up record, so deleting a theme, partner or team member in use first says
 * what would lose it ("3 hypotheses, 2 rules, £1.29m of spend"). Worked out from the record
 * registry's declared references, so a table added later is counted with no change here.
 */
import { sql } from 'kysely';
import type { DependedOnTable, Dependents } from '../../shared/domain/pilot';
import type { ServiceContext } from '../core/context';
import { RECORD_TABLES } from '../core/recordTables';
import { spendSummary } from '../spend/queries';

/** "Hypothesis" → "hypotheses", "Classification rule" → "classification rules". */
export function plural(noun: string): string {
  const lower = noun.toLowerCase();
  if (lower.endsWith('is')) return `${lower.slice(0, -2)}es`;
  if (lower.endsWith('y') && !/[aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

export async function dependentsOf(ctx: ServiceContext, table: DependedOnTable, id: string): Promise<Dependents> {
  const items: Dependents['items'] = [];
  for (const spec of Object.values(RECORD_TABLES)) {
    const columns = Object.entries(spec.refs).filter(([, target]) => target === table).map(([column]) => column);
    if (columns.length === 0) continue;
    const refersTo = sql.join(columns.map((c) => sql`${sql.ref(c)} = ${id}`), sql` OR `);
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(spec.table)} WHERE deleted_at IS NULL AND (${refersTo})`.execute(ctx.db);
    const count = Number(row.rows[0]?.n ?? 0);
    if (count > 0) items.push({ table: spec.table, singular: spec.noun.toLowerCase(), plural: plural(spec.noun), count });
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
  return { items, spendPence, spendRows };
}
