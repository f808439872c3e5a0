/**
 * Contact cards and the fingerprint people compare by phone.
 *
 * The fingerprint covers EVERY public key of a party: SHA-256 over a domain-separated text holding
 * the age recipient (what partners encrypt to) and the minisign public key (what bundles are
 * signed with). Changing either key changes the fingerprint, so comparing it by phone checks both
 * — a card whose recipient was swapped no longer shows the real partner's fingerprint.
 *
 * A card (version 2) is self-signed: its signature, by its own minisign key, covers its name and
 * keys, so a card cannot be edited without the edit showing. Version 1 cards (unsigned, fingerprint
 * of the signing key only) are refused with a request for a new card.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { AGE_RECIPIENT, DisplayName, Fingerprint } from './format';
import { decodePublicKey, ed25519PublicKey } from './minisign';

const bad = (message: string) => new AppError('BAD_FILE', message);

/** The fingerprint of a party with the app: both of its public keys. */
export function keysFingerprint(ageRecipient: string, minisignPublicKey: string): string {
  return createHash('sha256').update(`tpw-fingerprint-v2\nage:${ageRecipient}\nminisign:${minisignPublicKey}\n`).digest('hex').toUpperCase();
}

/** Format 1's fingerprint: the signing key alone (still how a v1 bundle names its sender). */
export const signingKeyFingerprint = (raw: Buffer): string => createHash('sha256').update(raw).digest('hex').toUpperCase();

/** A partner without the app has only an age recipient: their fingerprint is that string's hash. */
export const recipientFingerprint = (recipient: string): string => createHash('sha256').update(recipient).digest('hex').toUpperCase();

/** "AB12CD34…" → "AB12 CD34 …", easy to read aloud. */
export const groupFingerprint = (fp: string): string => fp.replace(/(.{4})(?=.)/g, '$1 ');

const CardBody = {
  type: z.literal('tpw-contact-card'),
  name: DisplayName.trim().min(1),
  ageRecipient: z.string().regex(AGE_RECIPIENT, 'not an age X25519 recipient'),
  minisignPublicKey: z.string().max(100),
  fingerprint: Fingerprint,
};

export const ContactCard = z.strictObject({ ...CardBody, version: z.literal(2), signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'not a signature') });
export type ContactCard = z.infer<typeof ContactCard>;

type Unsigned = Omit<ContactCard, 'signature'>;

/** The exact bytes a card's signature covers. */
const signedText = (c: Unsigned) => `tpw-contact-card-v2\nname:${c.name}\nage:${c.ageRecipient}\nminisign:${c.minisignPublicKey}\nfingerprint:${c.fingerprint}\n`;

export function makeCard(name: string, keys: { ageRecipient: string; minisignPublicKey: string }, signingKey: KeyObject): ContactCard {
  const body: Unsigned = { type: 'tpw-contact-card', version: 2, name, ageRecipient: keys.ageRecipient, minisignPublicKey: keys.minisignPublicKey, fingerprint: keysFingerprint(keys.ageRecipient, keys.minisignPublicKey) };
  return { ...body, signature: sign(null, Buffer.from(signedText(body)), signingKey).toString('base64') };
}

/** A card's claims are all checked: its shape, that its fingerprint covers its keys, and its signature. */
export function verifyCard(raw: unknown): ContactCard {
  const version = (raw as { version?: unknown } | null)?.version;
  if (raw && typeof raw === 'object' && (raw as { type?: unknown }).type === 'tpw-contact-card' && version === 1) {
    throw bad('This contact card was made by an older version of the workbench: it is not signed and its fingerprint does not cover the partner\'s encryption key. Ask the partner for a new card (Partners → Download your contact card).');
  }
  const parsed = ContactCard.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw bad(`That is not a workbench contact card (${i.path.join('.') || 'card'}: ${i.message}).`);
  }
  const card = parsed.data;
  let key;
  try {
    key = ed25519PublicKey(decodePublicKey(card.minisignPublicKey).raw);
  } catch {
    throw bad('The contact card\'s signing key is not a valid minisign public key.');
  }
  if (keysFingerprint(card.ageRecipient, card.minisignPublicKey) !== card.fingerprint) throw bad('The contact card\'s fingerprint does not match its keys: the card has been altered.');
  if (!verify(null, Buffer.from(signedText(card)), key, Buffer.from(card.signature, 'base64'))) throw bad('The contact card\'s signature does not match its contents: the card has been altered.');
  return card;
}
