/** This installation's identity and the partner directory (whose keys we encrypt to and trust). */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Contact, IdentityView } from '../../shared/domain/bundles';
import { AppError, notFound } from '../../shared/errors';
import { newId } from '../db/ids';
import type { ContactsTable } from './tables';
import { ContactCard } from '../bundle/format';
import { fingerprintOfKey, fingerprintOfRecipient, groupFingerprint, loadIdentity, publicOf } from '../bundle/identity';
import { decodePublicKey } from '../bundle/minisign';
import { parseJson } from '../bundle/unpack';
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

export async function ourCard(ctx: ServiceContext): Promise<ContactCard> {
  const id = await loadIdentity(ctx);
  return { type: 'tpw-contact-card', version: 1, name: await ourName(ctx), ...publicOf(id) };
}

export async function writeCard(ctx: ServiceContext, file: string): Promise<ContactCard> {
  const card = await ourCard(ctx);
  await fsp.writeFile(file, `${JSON.stringify(card, null, 2)}\n`);
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

const toContact = (r: ContactsTable): Contact => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  ageRecipient: r.ageRecipient,
  minisignPublicKey: r.minisignPublicKey,
  fingerprint: r.fingerprint,
  fingerprintGrouped: groupFingerprint(r.fingerprint),
  verifiedAt: r.verifiedAt,
  addedAt: r.addedAt,
});

export async function listContacts(ctx: ServiceContext): Promise<Contact[]> {
  const rows = await ctx.db.selectFrom('contacts').selectAll().where('removedAt', 'is', null).orderBy('name').execute();
  return rows.map(toContact);
}

/** A card's claims are checked: the fingerprint must be the hash of the key it carries. */
export function parseCard(text: string): ContactCard {
  const raw = parseJson(text, 'The contact card');
  const parsed = ContactCard.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new AppError('BAD_FILE', `That is not a workbench contact card (${i.path.join('.') || 'card'}: ${i.message}).`);
  }
  const { raw: key } = decodePublicKey(parsed.data.minisignPublicKey);
  if (fingerprintOfKey(key) !== parsed.data.fingerprint) throw new AppError('BAD_FILE', 'The contact card\'s fingerprint does not match its key: the card has been altered.');
  return parsed.data;
}

export async function addContact(ctx: ServiceContext, input: { name?: string; card?: string; ageRecipient?: string }): Promise<Contact> {
  const now = ctx.now().toISOString();
  let row: ContactsTable;
  if (input.card) {
    const card = parseCard(input.card);
    row = { id: newId(), name: input.name?.trim() || card.name, kind: 'app', ageRecipient: card.ageRecipient, minisignPublicKey: card.minisignPublicKey, fingerprint: card.fingerprint, verifiedAt: null, addedAt: now, removedAt: null };
  } else {
    const recipient = input.ageRecipient!;
    row = { id: newId(), name: input.name!.trim(), kind: 'age', ageRecipient: recipient, minisignPublicKey: null, fingerprint: fingerprintOfRecipient(recipient), verifiedAt: null, addedAt: now, removedAt: null };
  }
  const me = await loadIdentity(ctx);
  if (row.fingerprint === me.fingerprint || row.ageRecipient === me.ageRecipient) throw new AppError('REFUSED', 'That is this installation\'s own card; partners are other teams.');
  return ctx.db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('contacts').select(['name', 'fingerprint']).where('removedAt', 'is', null).execute();
    const sameKey = clash.find((c) => c.fingerprint === row.fingerprint);
    if (sameKey) throw new AppError('CONFLICT', `That partner is already in the directory as "${sameKey.name}".`);
    if (clash.some((c) => c.name.toLowerCase() === row.name.toLowerCase())) throw new AppError('CONFLICT', `A partner called "${row.name}" is already in the directory; give this one another name.`);
    await trx.insertInto('contacts').values(row).execute();
    return toContact(row);
  });
}

export async function setContactVerified(ctx: ServiceContext, input: { id: string; verified: boolean }): Promise<Contact> {
  const now = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('contacts').selectAll().where('id', '=', input.id).where('removedAt', 'is', null).executeTakeFirst();
    if (!row) throw notFound('The partner');
    const verifiedAt = input.verified ? (row.verifiedAt ?? now) : null;
    await trx.updateTable('contacts').set({ verifiedAt }).where('id', '=', input.id).execute();
    return toContact({ ...row, verifiedAt });
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
