/**
 * Data-sharing agreements on the partner record, and the rule they enforce on every bundle:
 * personal data and OFFICIAL-SENSITIVE content go only to partners whose agreement is current and
 * permits it (shared/domain/sharing.ts states the rule and its wording).
 */
import type { z } from 'zod';
import type { Contact } from '../../shared/domain/bundles';
import { highestMarking, type SecurityMarking } from '../../shared/domain/marking';
import { sharingRefusal, type DsaInput, type GatedContent } from '../../shared/domain/sharing';
import { localToday } from '../../shared/calc/timetable';
import { AppError, notFound } from '../../shared/errors';
import { recordTable } from '../core/recordTables';
import type { ServiceContext } from '../core/context';
import type { Collected } from './collect';
import { NO_AGREEMENT, toContact } from './contacts';
import type { ContactsTable } from './tables';

/** Writes the agreement columns of a live partner's row and gives the partner back. */
async function patchAgreement(ctx: ServiceContext, id: string, patch: Partial<Omit<ContactsTable, 'id'>>): Promise<Contact> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('contacts').selectAll().where('id', '=', id).where('removedAt', 'is', null).executeTakeFirst();
    if (!row) throw notFound('The partner');
    await trx.updateTable('contacts').set(patch).where('id', '=', row.id).execute();
    return toContact({ ...row, ...patch }, localToday(ctx.now()));
  });
}

export function setAgreement(ctx: ServiceContext, input: z.output<typeof DsaInput>): Promise<Contact> {
  return patchAgreement(ctx, input.contactId, {
    dsaReference: input.reference,
    dsaParties: input.parties,
    dsaPurpose: input.purpose,
    dsaLawfulBasis: input.lawfulBasis,
    dsaExpiresOn: input.expiresOn,
    dsaPermits: JSON.stringify(input.permits),
    dpiaReference: input.dpiaReference,
    dsaUpdatedAt: ctx.now().toISOString(),
  });
}

/** Takes the agreement off the partner record (it ended, or was recorded against the wrong partner). */
export function clearAgreement(ctx: ServiceContext, input: { id: string }): Promise<Contact> {
  return patchAgreement(ctx, input.id, { ...NO_AGREEMENT, dsaUpdatedAt: ctx.now().toISOString() });
}

/** What a bundle's content needs an agreement for, and its highest marking. */
export function gatedContent(collected: Collected): { gated: GatedContent[]; marking: SecurityMarking } {
  const found: Record<GatedContent['kind'], string[]> = { personal: [], 'OFFICIAL-SENSITIVE': [] };
  const markings: string[] = [];
  for (const [table, list] of collected.records) {
    const spec = recordTable(table);
    for (const { row } of list) {
      const label = spec ? `${spec.noun.toLowerCase()} "${spec.label(row)}"` : table;
      if (spec?.hasSensitivity && row.sensitivity === 'personal') found.personal.push(label);
      if (typeof row.marking === 'string') {
        markings.push(row.marking);
        if (row.marking === 'OFFICIAL-SENSITIVE') found['OFFICIAL-SENSITIVE'].push(label);
      }
    }
  }
  const gated = (['personal', 'OFFICIAL-SENSITIVE'] as const).filter((k) => found[k].length > 0).map((kind) => ({ kind, count: found[kind].length, examples: found[kind].slice(0, 3) }));
  return { gated, marking: highestMarking(markings) };
}

/** The chosen partners this content may not go to, each with the reason. */
export function refusalsFor(ctx: ServiceContext, to: readonly Contact[], gated: readonly GatedContent[]): { contactId: string; name: string; reason: string }[] {
  const today = localToday(ctx.now());
  return to.flatMap((c) => {
    const reason = sharingRefusal(c, gated, today);
    return reason ? [{ contactId: c.id, name: c.name, reason }] : [];
  });
}

/**
 * Refuses the export when any chosen partner lacks a current agreement permitting its content.
 * A bundle protected only by a passphrase has no partner and so no agreement: such content may
 * not go that way at all.
 */
export function assertMaySend(ctx: ServiceContext, to: readonly Contact[], gated: readonly GatedContent[], passphraseOnly: boolean): void {
  const needed = gated.filter((g) => g.count > 0);
  if (passphraseOnly && needed.length > 0) {
    const what = needed.map((g) => (g.kind === 'personal' ? 'personal data' : 'OFFICIAL-SENSITIVE material')).join(' and ');
    throw new AppError('REFUSED', `This bundle would carry ${what}, which may go only to a named partner under a current data-sharing agreement that permits it — never to "anyone with the passphrase". Choose the partner instead; nothing was written.`);
  }
  const refusals = refusalsFor(ctx, to, gated);
  if (refusals.length) throw new AppError('REFUSED', `${refusals.map((r) => r.reason).join(' ')} Nothing was written.`);
}

