/**
 * This installation's identity, created on first use:
 *  - an age X25519 key pair (partners encrypt bundles to its recipient `age1…`), and
 *  - an Ed25519 signing key (bundles and their .minisig are signed with it).
 * The private halves live in `<db>-identity.json` beside the database, mode 0600; in the
 * desktop app they are sealed with the OS keychain (Electron safeStorage) when it is available.
 * The fingerprint covers both public keys (cards.ts): what people compare by phone.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
// Loaded when first needed: most commands never use it, and loading it costs every start (a spend import spent ~0.2 s loading libraries it never touched).
const age = () => import('age-encryption');
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import { keysFingerprint, signingKeyFingerprint } from './cards';
import { decodePublicKey, encodePublicKey, rawPublicKey } from './minisign';

export { groupFingerprint } from './cards';

export interface PublicIdentity {
  fingerprint: string;
  ageRecipient: string;
  minisignPublicKey: string;
}

export interface Identity extends PublicIdentity {
  ageIdentity: string;
  signingKey: KeyObject;
  keyId: Buffer;
  /** Whether the private keys are sealed by the operating system's keychain. */
  protected: boolean;
}

const Secrets = z.object({ ageIdentity: z.string().startsWith('AGE-SECRET-KEY-1'), ed25519Pkcs8: z.string().min(40) });
const IdentityFile = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  protected: z.boolean(),
  /** base64 of the secrets JSON, sealed by safeStorage when `protected`. */
  secrets: z.string(),
  public: z.object({ fingerprint: z.string(), ageRecipient: z.string(), minisignPublicKey: z.string() }),
});

export function identityPath(dbPath: string): string {
  const base = path.basename(dbPath).replace(/\.(db|sqlite3?)$/i, '');
  return path.join(path.dirname(dbPath), `${base}-identity.json`);
}


const cache = new Map<string, Identity>();

async function materialise(ageIdentity: string, pkcs8: Buffer, isProtected: boolean): Promise<Identity> {
  const signingKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const raw = rawPublicKey(createPublicKey(signingKey));
  // minisign key ids are 8 arbitrary bytes; ours are the first 8 of the signing key's hash, so stable.
  const keyId = Buffer.from(signingKeyFingerprint(raw).slice(0, 16), 'hex');
  const ageRecipient = await (await age()).identityToRecipient(ageIdentity);
  const minisignPublicKey = encodePublicKey(keyId, raw);
  return {
    fingerprint: keysFingerprint(ageRecipient, minisignPublicKey),
    ageRecipient,
    minisignPublicKey,
    ageIdentity,
    signingKey,
    keyId,
    protected: isProtected,
  };
}

/** Loads the identity, creating it on first use. */
export async function loadIdentity(ctx: ServiceContext): Promise<Identity> {
  const file = identityPath(ctx.dbPath);
  const cached = cache.get(file);
  if (cached && fs.existsSync(file)) return cached;
  const identity = fs.existsSync(file) ? await readIdentity(ctx, file) : await createIdentity(ctx, file);
  cache.set(file, identity);
  return identity;
}

async function readIdentity(ctx: ServiceContext, file: string): Promise<Identity> {
  let parsed: z.infer<typeof IdentityFile>;
  try {
    parsed = IdentityFile.parse(JSON.parse(await fsp.readFile(file, 'utf8')));
  } catch {
    throw new AppError('STORAGE', `The identity file ${file} is damaged; bundles cannot be signed or opened until it is restored from a backup.`);
  }
  let sealed: Buffer = Buffer.from(parsed.secrets, 'base64');
  if (parsed.protected) {
    if (!ctx.platform?.unprotectSecret) {
      throw new AppError('REFUSED', 'This identity is sealed by the desktop app\'s keychain; use the desktop app for bundles.');
    }
    sealed = ctx.platform.unprotectSecret(sealed);
  }
  const secrets = Secrets.parse(JSON.parse(sealed.toString('utf8')));
  const identity = await materialise(secrets.ageIdentity, Buffer.from(secrets.ed25519Pkcs8, 'base64'), parsed.protected);
  // The public keys recorded beside the secrets must be the ones the secrets give. The recorded
  // fingerprint may be format 1's (of the signing key alone) in a file made before format 2.
  const legacy = signingKeyFingerprint(decodePublicKey(identity.minisignPublicKey).raw);
  const keysMatch = identity.ageRecipient === parsed.public.ageRecipient && identity.minisignPublicKey === parsed.public.minisignPublicKey;
  if (!keysMatch || (parsed.public.fingerprint !== identity.fingerprint && parsed.public.fingerprint !== legacy)) {
    throw new AppError('STORAGE', `The identity file ${file} does not match its own fingerprint; it has been altered.`);
  }
  return identity;
}

async function createIdentity(ctx: ServiceContext, file: string): Promise<Identity> {
  const ageIdentity = await (await age()).generateX25519Identity();
  const { privateKey } = generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const protect = ctx.platform?.protectSecret;
  const plain = Buffer.from(JSON.stringify({ ageIdentity, ed25519Pkcs8: pkcs8.toString('base64') }));
  const identity = await materialise(ageIdentity, pkcs8, Boolean(protect));
  const body = {
    format: 1,
    createdAt: ctx.now().toISOString(),
    protected: Boolean(protect),
    secrets: (protect ? protect(plain) : plain).toString('base64'),
    public: { fingerprint: identity.fingerprint, ageRecipient: identity.ageRecipient, minisignPublicKey: identity.minisignPublicKey },
  };
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx': two processes starting at once must not both create (and one lose) an identity.
  const tmp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(tmp, JSON.stringify(body, null, 2), { mode: 0o600, flag: 'wx' });
  try {
    await fsp.link(tmp, file);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readIdentity(ctx, file);
    throw e;
  }
  await fsp.rm(tmp, { force: true });
  return identity;
}

export const publicOf = (i: Identity): PublicIdentity => ({ fingerprint: i.fingerprint, ageRecipient: i.ageRecipient, minisignPublicKey: i.minisignPublicKey });

/**
 * The identity as an unsealed identity file, for a backup that encrypts it with a passphrase
 * (`tpw backup --with-identity`): restored on another computer, bundles sent to this team still open.
 */
export function identityFileForBackup(identity: Identity, now: Date): string {
  const plain = Buffer.from(JSON.stringify({ ageIdentity: identity.ageIdentity, ed25519Pkcs8: identity.signingKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') }));
  return JSON.stringify(
    { format: 1, createdAt: now.toISOString(), protected: false, secrets: plain.toString('base64'), public: publicOf(identity) },
    null,
    2,
  );
}

/**
 * Puts an identity file from a backup beside a database. The file is checked (its secrets must
 * give its public keys); an identity already there with other keys is never overwritten.
 */
export async function restoreIdentityFile(dbPath: string, text: string): Promise<PublicIdentity & { replaced: boolean }> {
  let parsed: z.infer<typeof IdentityFile>;
  let identity: Identity;
  try {
    parsed = IdentityFile.parse(JSON.parse(text));
    if (parsed.protected) throw new Error('sealed');
    const secrets = Secrets.parse(JSON.parse(Buffer.from(parsed.secrets, 'base64').toString('utf8')));
    identity = await materialise(secrets.ageIdentity, Buffer.from(secrets.ed25519Pkcs8, 'base64'), false);
  } catch {
    throw new AppError('BAD_FILE', 'The identity in the backup is damaged; it was not restored.');
  }
  if (identity.ageRecipient !== parsed.public.ageRecipient || identity.minisignPublicKey !== parsed.public.minisignPublicKey) {
    throw new AppError('BAD_FILE', 'The identity in the backup does not match its own public keys; it was not restored.');
  }
  const file = identityPath(dbPath);
  if (fs.existsSync(file)) {
    const here = IdentityFile.safeParse(JSON.parse(await fsp.readFile(file, 'utf8').catch(() => '{}')));
    if (here.success && here.data.public.minisignPublicKey === identity.minisignPublicKey && here.data.public.ageRecipient === identity.ageRecipient) {
      return { ...publicOf(identity), replaced: false };
    }
    throw new AppError('REFUSED', `There is already a different identity beside ${dbPath} (${file}); it was left as it is. Move it away first if the backup's identity should replace it.`);
  }
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fsp.writeFile(file, text, { mode: 0o600, flag: 'wx' });
  cache.delete(file);
  return { ...publicOf(identity), replaced: true };
}
