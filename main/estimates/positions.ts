import type { Trx } from '../core/recordStore';

/** Where a new line or impact of an intervention goes: after the last live one (0 for the first). */
export async function nextPosition(trx: Trx, table: 'estimateLines' | 'nonMonetisedImpacts', interventionId: string): Promise<number> {
  const last = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('p'))
    .where('interventionId', '=', interventionId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
}
