/**
 * The wrong-pocket deal as agreed: the rule chosen and, once someone edits them, the transfers
 * themselves (between organisations, by id, so renaming an organisation keeps the deal). With no
 * edits the rule's proposal applies and follows the figures as they change.
 */
import { UNASSIGNED_ORGANISATION } from '../../shared/calc/interventionModel';
import type { Deal, DealRule, DealTransfer } from '../../shared/calc/deal';
import type { DealTransferInput, PortfolioDeal } from '../../shared/domain/estimates';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import { listOrganisations } from '../pilot/queries';
import * as tables from './records';

const deals = recordStore(tables.portfolioDeals);

/** The deal in force: the most recently changed live one (two teams' deals can meet in a bundle). */
export async function currentDeal(ctx: ServiceContext): Promise<PortfolioDeal | null> {
  const row = await ctx.db.selectFrom('portfolioDeals').selectAll().where('deletedAt', 'is', null).orderBy('updatedAt', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return row ? deals.toDomain(row) : null;
}

/** Organisation ids ↔ the names the portfolio uses (lines with no organisation: null). */
export async function organisationNames(ctx: ServiceContext) {
  const orgs = await listOrganisations(ctx);
  const nameOf = (id: string | null) => (id === null ? UNASSIGNED_ORGANISATION : (orgs.find((o) => o.id === id)?.name ?? 'An organisation no longer in the pilot'));
  const idOf = Object.fromEntries(orgs.map((o) => [o.name, o.id]));
  return { nameOf, idOf };
}

/** Stored transfers (ids) as the calculation takes them (names). */
export function transfersByName(stored: readonly DealTransferInput[], nameOf: (id: string | null) => string): DealTransfer[] {
  return stored.map((t) => ({ from: nameOf(t.fromOrganisationId), to: nameOf(t.toOrganisationId), amount: t.amountPence }));
}

export async function dealSettings(ctx: ServiceContext): Promise<{ rule: DealRule; transfers: DealTransfer[] | null }> {
  const d = await currentDeal(ctx);
  if (!d) return { rule: 'gain-share', transfers: null };
  const { nameOf } = await organisationNames(ctx);
  return { rule: d.rule, transfers: d.transfers ? transfersByName(d.transfers, nameOf) : null };
}

export async function saveDeal(
  ctx: ServiceContext,
  input: { rev: string | null; rule: DealRule; transfers: DealTransferInput[] | null; note: string | null },
  recompute: () => Promise<Deal>,
): Promise<Deal> {
  const orgIds = new Set((await listOrganisations(ctx)).map((o) => o.id));
  input.transfers?.forEach((t, i) => {
    for (const id of [t.fromOrganisationId, t.toOrganisationId]) {
      if (id !== null && !orgIds.has(id)) throw new AppError('INVALID_INPUT', `Transfer ${i + 1} names an organisation that is not in the pilot.`, { [`transfers.${i}`]: 'Choose an organisation of the pilot' });
    }
  });
  const current = await currentDeal(ctx);
  await inWriteTransaction(ctx, async (trx, w) => {
    const data = { rule: input.rule, transfers: input.transfers, note: input.note };
    if (!current) {
      if (input.rev !== null) throw new AppError('CONFLICT', 'The deal was removed since you opened it; reload the portfolio.');
      await deals.insertIn(trx, w, data);
    } else {
      if (input.rev === null) throw new AppError('CONFLICT', 'Someone saved the deal since you opened it; reload the portfolio to see their changes.');
      await deals.updateIn(trx, w, { id: current.id, rev: input.rev, patch: data });
    }
  });
  return recompute();
}
