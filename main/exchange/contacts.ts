/** This installation's identity and the partner directory (whose keys we encrypt to and trust). */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Contact, IdentityView } from '../../shared/domain/bundles';
import { DSA_PERMITS, dsaStatus, type SharingAgreement } from '../../shared/domain/sharing';
import { localToday } from '../../shared/calc/timetable';
import { AppError, notFound } from '../../shared/errors';
import { newId } from '../db/ids';
import type { ContactsTable } from './tables';
import { groupFingerprint, makeCard, recipientFingerprint, verifyCard, type ContactCard } from '../bundle/cards';
import { loadIdentity, publicOf } from '../bundle/identity';
import { parseJson } from '../bundle/unpack';
import type { Trx } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { getPilot } from '../pilot/queries';
import { exportsDir, registerDownload } from '../core/transfers';

/** The name we give ourselves on our card and in bundles: the pilot's place. */
export async function ourName(ctx: ServiceContext): Promise<string> {
  const pilot = await getPilot(ctx);
  return pilot ? `${pilot.place} Total Place team` : 'Total Place team';
}

export async function showIdentity(ctx: ServiceContext): Promise<IdentityView> {
  const id = await loadIdentity(ctx);
  return { ...publicOf(id), fingerprintGrouped: groupFingerprint(id.fingerprint), protected: id.protected, name: await ourName(ctx) };
}

/** Our card, self-signed: its signature covers our name and both public keys. */
export async function ourCard(ctx: ServiceContext): Promise<ContactCard> {
  const id = await loadIdentity(ctx);
  return makeCard(await ourName(ctx), publicOf(id), id.signingKey);
}

export async function writeCard(ctx: ServiceContext, file: string): Promise<ContactCard> {
  const card = await ourCard(ctx);
  await fsp.writeFile(file, `${JSON.stringify(card, null, 2)}\n`, { mode: 0o644 });
  return card;
}

export async function exportCardDownload(ctx: ServiceContext) {
  const card = await ourCard(ctx);
  const name = `${card.name.replace(/[^A-Za-z0-9 -]/g, '').trim().replace(/\s+/g, '-') || 'workbench'}.tpwcard.json`;
  const file = path.join(await exportsDir(ctx), name);
  await fsp.writeFile(file, `${JSON.stringify(card, null, 2)}\n`);
  const dl = registerDownload(file, name, 'application/json');
  return { name: dl.name, urlPath: dl.urlPath, path: dl.path };
}

/** What a partner's row says of their data-sharing agreement (null until one is recorded). */
export function agreementOf(r: ContactsTable): SharingAgreement | null {
  if (!r.dsaReference || !r.dsaExpiresOn) return null;
  const permits = JSON.parse(r.dsaPermits) as unknown[];
  return {
    reference: r.dsaReference,
    parties: r.dsaParties ?? '',
    purpose: r.dsaPurpose ?? '',
    lawfulBasis: r.dsaLawfulBasis ?? '',
    expiresOn: r.dsaExpiresOn,
    permits: DSA_PERMITS.filter((p) => permits.includes(p)),
    dpiaReference: r.dpiaReference,
    updatedAt: r.dsaUpdatedAt ?? r.addedAt,
  };
}

/** A new partner has no agreement until one is recorded. */
export const NO_AGREEMENT = { dsaReference: null, dsaParties: null, dsaPurpose: null, dsaLawfulBasis: null, dsaExpiresOn: null, dsaPermits: '[]', dpiaReference: null, dsaUpdatedAt: null } as const;

export const toContact = (r: ContactsTable, today: string): Contact => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  ageRecipient: r.ageRecipient,
  minisignPublicKey: r.minisignPublicKey,
  fingerprint: r.fingerprint,
  fingerprintGrouped: groupFingerprint(r.fingerprint),
  verifiedAt: r.verifiedAt,
  unverifiedReason: r.verifiedAt ? null : r.unverifiedReason,
  addedAt: r.addedAt,
  dsa: agreementOf(r),
  dsaStatus: dsaStatus(agreementOf(r), today),
});

export async function listContacts(ctx: ServiceContext): Promise<Contact[]> {
  const rows = await ctx.db.selectFrom('contacts').selectAll().where('removedAt', 'is', null).orderBy('name').execute();
  const today = localToday(ctx.now());
  return rows.map((r) => toContact(r, today));
}

/** A card's claims are all checked: shape, fingerprint over both keys, self-signature (bundle/cards.ts). */
export function parseCard(text: string): ContactCard {
  return verifyCard(parseJson(text, 'The contact card'));
}

const dateOf = (iso: string) => iso.slice(0, 10);

export async function addContact(ctx: ServiceContext, input: { name?: string; card?: string; ageRecipient?: string; replace?: boolean }): Promise<Contact> {
  const now = ctx.now().toISOString();
  let row: ContactsTable;
  if (input.card) {
    const card = parseCard(input.card);
    row = { id: newId(), name: input.name?.trim() || card.name, kind: 'app', ageRecipient: card.ageRecipient, minisignPublicKey: card.minisignPublicKey, fingerprint: card.fingerprint, verifiedAt: null, unverifiedReason: null, addedAt: now, removedAt: null, ...NO_AGREEMENT };
  } else {
    const recipient = input.ageRecipient!;
    row = { id: newId(), name: input.name!.trim(), kind: 'age', ageRecipient: recipient, minisignPublicKey: null, fingerprint: recipientFingerprint(recipient), verifiedAt: null, unverifiedReason: null, addedAt: now, removedAt: null, ...NO_AGREEMENT };
  }
  const me = await loadIdentity(ctx);
  if (row.fingerprint === me.fingerprint || row.ageRecipient === me.ageRecipient || row.minisignPublicKey === me.minisignPublicKey) throw new AppError('REFUSED', 'That is this installation\'s own card; partners are other teams.');
  return ctx.db.transaction().execute(async (trx) => {
    const live = await trx.selectFrom('contacts').selectAll().where('removedAt', 'is', null).execute();
    const sameKeys = live.find((c) => c.fingerprint === row.fingerprint);
    if (sameKeys) throw new AppError('CONFLICT', `That partner is already in the directory as "${sameKeys.name}".`);
    // The same partner with other keys: the same signing key, or (a card) the same name.
    const previous =
      live.find((c) => row.minisignPublicKey !== null && c.minisignPublicKey === row.minisignPublicKey) ??
      live.find((c) => c.name.toLowerCase() === row.name.toLowerCase());
    // A card may replace any earlier entry for them; a bare recipient only an earlier bare recipient.
    if (previous && (row.kind === 'app' || previous.kind === 'age')) {
      if (!input.replace) {
        throw new AppError(
          'CONFLICT',
          `"${previous.name}" is already in the directory with different keys: this card's fingerprint is ${groupFingerprint(row.fingerprint)}, the one you hold is ${groupFingerprint(previous.fingerprint)}. If they told you their keys changed, replace the keys you hold (they will need verifying again by phone); if not, do not use this card.`,
          { [row.kind === 'app' ? 'card' : 'ageRecipient']: 'Their keys have changed' },
        );
      }
      const replaced: ContactsTable = {
        ...previous,
        kind: row.kind,
        ageRecipient: row.ageRecipient,
        minisignPublicKey: row.minisignPublicKey,
        fingerprint: row.fingerprint,
        verifiedAt: null,
        unverifiedReason: `Their keys were replaced on ${dateOf(now)} (the fingerprint was ${groupFingerprint(previous.fingerprint)}). Compare the new fingerprint with them by phone before trusting bundles from them or sending them anything.`,
      };
      await trx.updateTable('contacts').set(replaced).where('id', '=', previous.id).execute();
      return toContact(replaced, localToday(ctx.now()));
    }
    if (previous) throw new AppError('CONFLICT', `A partner called "${row.name}" is already in the directory; give this one another name.`);
    await trx.insertInto('contacts').values(row).execute();
    return toContact(row, localToday(ctx.now()));
  });
}

/** A bundle from a known partner named other keys than their card: they must be verified again. */
export async function markKeysChanged(trx: Trx, signer: { minisignPublicKey: string }, newFingerprint: string, now: string): Promise<void> {
  await trx
    .updateTable('contacts')
    .set({
      verifiedAt: null,
      unverifiedReason: `A bundle imported on ${dateOf(now)} was signed with their key but named a different encryption key (fingerprint ${groupFingerprint(newFingerprint)}) than the card you hold. Ask them for their new card and compare it by phone.`,
    })
    .where('minisignPublicKey', '=', signer.minisignPublicKey)
    .where('removedAt', 'is', null)
    .execute();
}

export async function setContactVerified(ctx: ServiceContext, input: { id: string; verified: boolean }): Promise<Contact> {
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('contacts').selectAll().where('id', '=', input.id).where('removedAt', 'is', null).executeTakeFirst();
    if (!row) throw notFound('The partner');
    const verifiedAt = input.verified ? (row.verifiedAt ?? now) : null;
    const unverifiedReason = input.verified ? null : row.unverifiedReason;
    await trx.updateTable('contacts').set({ verifiedAt, unverifiedReason }).where('id', '=', input.id).execute();
    return toContact({ ...row, verifiedAt, unverifiedReason }, localToday(ctx.now()));
  });
}

export async function removeContact(ctx: ServiceContext, input: { id: string }): Promise<{ id: string }> {
  const r = await ctx.db.updateTable('contacts').set({ removedAt: ctx.now().toISOString() }).where('id', '=', input.id).where('removedAt', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound('The partner');
  return { id: input.id };
}

/** Finds a partner by id, exact name (case-insensitive) or fingerprint, for the CLI's --to. */
export async function findContact(ctx: ServiceContext, ref: string): Promise<Contact> {
  const all = await listContacts(ctx);
  const norm = ref.replace(/\s+/g, '').toUpperCase();
  const hit = all.find((c) => c.id === ref) ?? all.find((c) => c.name.toLowerCase() === ref.trim().toLowerCase()) ?? all.find((c) => norm.length >= 8 && c.fingerprint.startsWith(norm));
  if (!hit) throw new AppError('NOT_FOUND', `No partner "${ref}" in the directory. Add them first with \`tpw contact add\`.`);
  return hit;
}
