import type { Dependents } from '../../../shared/domain/pilot';
import { callOrThrow } from '../../api/client';
import { formatMoney } from '../format/money';
import { countOf } from '../format/number';

/** "3 hypotheses", "2 classification rules", "£1.3m of spend (4,210 lines)". */
export function describeDependents(d: Dependents): string[] {
  const parts = d.items.map((i) => countOf(i.count, i.singular, i.plural));
  if (d.spendRows > 0) parts.push(`${formatMoney(d.spendPence, { compact: true })} of spend (${countOf(d.spendRows, 'line')})`);
  return parts;
}

/** What refers to a record now, described (empty: nothing does). */
export async function usesOf(table: string, id: string): Promise<string[]> {
  return describeDependents(await callOrThrow('record.dependents', { table, id }));
}

/** The list a deletion question shows: what refers to the record. */
export function DependentsList({ uses }: { uses: string[] }) {
  if (uses.length === 0) return null;
  return (
    <>
      <p>These refer to it:</p>
      <ul className="dependents">
        {uses.map((u) => <li key={u}>{u}</li>)}
      </ul>
    </>
  );
}
