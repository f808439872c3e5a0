/**
 * Bundle export and import: the staged pipeline around main/bundle (collect → pack → sign;
 * verify → decrypt → validate → preview → apply in one transaction after a snapshot).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { BundleLogEntry, BundleScope, BundleSender, ExportPreview, ExportResult, ImportResult, SenderStatus } from '../../shared/domain/bundles';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import { takeSnapshot } from '../db/migrate';
import { recordTable } from '../core/recordTables';
import type { Database } from '../core/database';
import type { DecryptKeys } from '../bundle/ageStream';
import { collect, type SensitivityDecision } from './collect';
import { groupFingerprint, loadIdentity } from '../bundle/identity';
import { applyMerge, planMerge } from './merge';
import { writeBundle } from './pack';
import { assertMaySend, gatedContent, refusalsFor } from './agreements';
import { assertAttachmentsRedactable, redactCollected } from './redact';
import { makeRedactor } from '../../shared/calc/redaction';
import { isMarking } from '../../shared/domain/marking';
import { decodePublicKey, parseSignature, verifyFile } from '../bundle/minisign';
import { openBundle, type KnownSigner, type OpenedBundle } from '../bundle/unpack';
import type { Manifest } from '../bundle/format';
import { blobPath, hasBlob, putBlob } from '../core/attachmentStore';
import { reindexAttachmentText } from '../evidence/queries';
import { applyTombstones } from '../privacy/queries';
import { writeContext, type ServiceContext } from '../core/context';
import { listContacts, markKeysChanged, ourName } from './contacts';
import { discardUpload, exportsDir, registerDownload, resolveUpload } from '../core/transfers';

export interface ExportOptions {
  scope: BundleScope[];
  include: SensitivityDecision[];
  to: string[];
  passphrase?: string;
  /** Where to write (CLI); the exports folder otherwise. */
  file?: string;
  scryptLogN?: number;
  /** Names and identifiers to replace by labels ("[Person A]") in everything the bundle carries. */
  redact?: readonly string[];
}

async function collectFor(ctx: ServiceContext, scope: BundleScope[], include: SensitivityDecision[]) {
  for (const d of include) if (!recordTable(d.table)) throw new AppError('INVALID_INPUT', `"${d.table}" is not a kind of record`);
  return ctx.db.transaction().execute((trx) => collect(trx, scope, include));
}

async function chosenPartners(ctx: ServiceContext, ids: readonly string[]) {
  const contacts = await listContacts(ctx);
  return ids.map((id) => {
    const c = contacts.find((x) => x.id === id);
    if (!c) throw new AppError('NOT_FOUND', 'One of the chosen partners is no longer in the directory.');
    return c;
  });
}

export async function previewExport(ctx: ServiceContext, input: { scope: BundleScope[]; include: SensitivityDecision[]; to?: string[] }): Promise<ExportPreview> {
  const c = await collectFor(ctx, input.scope, input.include);
  const { gated, marking } = gatedContent(c);
  const refusals = refusalsFor(ctx, await chosenPartners(ctx, input.to ?? []), gated);
  let records = 0;
  const tables = [...c.records.entries()].map(([table, list]) => {
    records += list.length;
    const deleted = list.filter((r) => r.row.deletedAt !== null).length;
    return { table, noun: recordTable(table)!.noun, count: list.length, deleted };
  });
  let attachmentBytes = 0;
  for (const h of c.attachments) attachmentBytes += hasBlob(ctx.paths.attachmentsDir, h) ? fs.statSync(blobPath(ctx.paths.attachmentsDir, h)).size : 0;
  return { tables, records, attachments: c.attachments.size, attachmentBytes, withheld: c.withheld, included: c.includedSensitive, marking, gated, refusals };
}

export async function exportBundle(ctx: ServiceContext, o: ExportOptions): Promise<ExportResult> {
  const to = await chosenPartners(ctx, o.to);
  if (to.length === 0 && o.passphrase === undefined) throw new AppError('INVALID_INPUT', 'Choose at least one partner, or set a passphrase.');
  // Central policy (main/core/policy.ts): IT may require every bundle to be encrypted to named partners.
  if (o.passphrase !== undefined && ctx.policy?.forbidPassphraseOnlyBundles) {
    throw new AppError('REFUSED', 'Your IT department does not allow bundles protected only by a passphrase. Choose the partners to send it to instead; nothing was written.');
  }
  const unredacted = await collectFor(ctx, o.scope, o.include);
  // The data-sharing agreement is checked on what would leave, before anything is written.
  const { gated, marking } = gatedContent(unredacted);
  assertMaySend(ctx, to, gated, to.length === 0);
  const redactor = makeRedactor(o.redact ?? []);
  await assertAttachmentsRedactable(ctx, unredacted, redactor);
  const collected = redactCollected(unredacted, redactor);
  const agreements = to.map((c) => ({ name: c.name, fingerprint: c.fingerprint, dsaReference: c.dsaStatus === 'current' ? c.dsa!.reference : null, dpiaReference: c.dsaStatus === 'current' ? c.dsa!.dpiaReference : null }));
  const redactions = redactor.entries();
  let records = 0;
  for (const list of collected.records.values()) records += list.length;
  if (records === 0) throw new AppError('REFUSED', 'There is nothing to send in the chosen scope (or everything in it is withheld for sensitivity).');
  for (const h of collected.attachments) {
    if (!hasBlob(ctx.paths.attachmentsDir, h)) throw new AppError('STORAGE', `Attachment ${h.slice(0, 12)}… is missing from the attachment store, so the bundle cannot be complete.`);
  }
  const identity = await loadIdentity(ctx);
  const w = await writeContext(ctx);
  const bundleId = newId();
  const createdAt = ctx.now().toISOString();
  const fileName = `evidence-bundle-${createdAt.slice(0, 10)}-${bundleId.slice(-8)}.age`;
  const file = o.file ? path.resolve(o.file) : path.join(await exportsDir(ctx), fileName);
  const result = await writeBundle(file, {
    bundleId,
    createdAt,
    appVersion: ctx.appVersion,
    senderName: await ourName(ctx),
    identity,
    recipients: to.map((c) => ({ name: c.name, fingerprint: c.fingerprint, ageRecipient: c.ageRecipient })),
    keys: o.passphrase !== undefined ? { passphrase: o.passphrase } : { recipients: to.map((c) => c.ageRecipient) },
    scope: o.scope,
    collected,
    attachmentsDir: ctx.paths.attachmentsDir,
    scryptLogN: o.scryptLogN,
    marking,
    agreements: agreements.map(({ name: _name, ...a }) => a),
    redactions,
  });
  await ctx.db
    .insertInto('bundleLog')
    .values({
      id: newId(),
      at: createdAt,
      direction: 'export',
      bundleId,
      actor: w.actor,
      counterpart: to.length ? to.map((c) => c.name).join(', ') : 'Anyone with the passphrase',
      counterpartFingerprints: JSON.stringify(to.map((c) => c.fingerprint)),
      fileName: path.basename(file),
      counts: JSON.stringify({ records, attachments: collected.attachments.size, bytes: result.bytes, withheld: collected.withheld.length }),
      scope: JSON.stringify(o.scope),
      decisions: JSON.stringify(collected.includedSensitive.map((d) => ({ table: d.table, id: d.id, label: redactor.text(d.label), sensitivity: d.sensitivity, reason: d.reason }))),
      marking,
      agreements: JSON.stringify(agreements),
      // Labels and counts only: the redacted names themselves are never written down here.
      redactions: JSON.stringify(redactions),
    })
    .execute();
  const bundleDl = registerDownload(file, path.basename(file), 'application/octet-stream');
  const sigDl = registerDownload(result.signaturePath, path.basename(result.signaturePath), 'text/plain');
  return {
    bundleId,
    records,
    attachments: collected.attachments.size,
    bytes: result.bytes,
    withheld: collected.withheld.length,
    marking,
    redactions,
    file: { name: bundleDl.name, urlPath: bundleDl.urlPath, path: file },
    signature: { name: sigDl.name, urlPath: sigDl.urlPath, path: result.signaturePath },
  };
}

export interface ImportOptions {
  file: string;
  signatureFile?: string;
  passphrase?: string;
  /** Text of an age identity file to decrypt with, instead of our own identity. */
  identityText?: string;
  acceptUnknownSender: boolean;
  dryRun: boolean;
  /** inspect: verify and preview, never refuse an unknown sender, never write. */
  inspectOnly?: boolean;
  /** With inspectOnly: an unknown or changed sender's records are read for a preview rather than refused (the Receive page). */
  previewUnknownSender?: boolean;
}

async function signerLookup(ctx: ServiceContext): Promise<(keyIdHex: string) => KnownSigner | null> {
  const contacts = (await listContacts(ctx)).filter((c) => c.kind === 'app' && c.minisignPublicKey);
  const keyIdOf = (key: string) => {
    try {
      return decodePublicKey(key).keyId.toString('hex').toUpperCase();
    } catch {
      return null;
    }
  };
  return (keyIdHex) => {
    const c = contacts.find((x) => keyIdOf(x.minisignPublicKey!) === keyIdHex);
    return c ? { name: c.name, fingerprint: c.fingerprint, minisignPublicKey: c.minisignPublicKey!, ageRecipient: c.ageRecipient, verified: c.verifiedAt !== null } : null;
  };
}

async function decryptKeys(ctx: ServiceContext, o: ImportOptions): Promise<{ keys: DecryptKeys; ourRecipients: string[] }> {
  if (o.passphrase !== undefined) return { keys: { passphrase: o.passphrase }, ourRecipients: [] };
  if (o.identityText !== undefined) {
    const ids = o.identityText.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('AGE-SECRET-KEY-1'));
    if (ids.length === 0) throw new AppError('BAD_FILE', 'The identity file holds no age secret key (a line starting AGE-SECRET-KEY-1).');
    try {
      // age-encryption is loaded only here, not with every command (see bundle/identity.ts).
      const { identityToRecipient } = await import('age-encryption');
      return { keys: { identities: ids }, ourRecipients: await Promise.all(ids.map((i) => identityToRecipient(i))) };
    } catch {
      throw new AppError('BAD_FILE', 'The identity file holds a damaged age secret key.');
    }
  }
  const me = await loadIdentity(ctx);
  return { keys: { identities: [me.ageIdentity] }, ourRecipients: [me.ageRecipient] };
}

/**
 * Who sent it, as far as our directory goes. 'changed': a partner we know by their signing key,
 * whose bundle names an encryption key other than the one on the card we hold — their keys
 * changed, which must be checked with them before anything more is trusted or sent.
 */
function senderOf(manifest: Manifest, signer: KnownSigner | null): BundleSender {
  const status: SenderStatus = !signer ? 'unknown' : signer.ageRecipient !== manifest.sender.ageRecipient ? 'changed' : signer.verified ? 'verified' : 'known';
  return {
    name: manifest.sender.name,
    fingerprint: manifest.sender.fingerprint,
    fingerprintGrouped: groupFingerprint(manifest.sender.fingerprint),
    status,
    contactName: signer?.name ?? null,
  };
}

function refusalFor(sender: BundleSender): AppError {
  if (sender.status === 'changed') {
    return new AppError(
      'REFUSED',
      `This bundle from "${sender.contactName}" names an encryption key that is not the one on the card you hold for them: their keys have changed (new fingerprint ${sender.fingerprintGrouped}). Ask them for their new contact card, compare the fingerprint by phone, then import again — or accept this sender explicitly; nothing was imported.`,
    );
  }
  return new AppError(
    'REFUSED',
    `The sender "${sender.name}" (fingerprint ${sender.fingerprintGrouped}) is not in your partner directory. Check the fingerprint with them by phone, then add them or accept this sender explicitly; nothing was imported.`,
  );
}

/** Stops reading a bundle that was imported before: nothing in it can change anything. */
class AlreadyImported extends Error {
  constructor(readonly manifest: Manifest, readonly sender: BundleSender) {
    super('already imported');
  }
}

/** Every attachment a staged record refers to must have arrived (verified) in the bundle, or be here already. */
function assertBlobs(ctx: ServiceContext, opened: OpenedBundle): void {
  for (const b of opened.staging.blobs()) {
    if (opened.attachments.has(b.sha256) || hasBlob(ctx.paths.attachmentsDir, b.sha256)) continue;
    const spec = recordTable(b.table);
    throw new AppError('BAD_FILE', `The bundle's ${spec?.noun.toLowerCase() ?? 'record'} "${b.label}" refers to a file that is neither in the bundle nor here; refused, nothing was imported.`);
  }
}

/** Verifies, previews and (unless dry run) applies a bundle. Nothing is written on any refusal. */
export async function importBundle(ctx: ServiceContext, o: ImportOptions): Promise<ImportResult> {
  const signatureFile = o.signatureFile ?? `${o.file}.minisig`;
  if (!fs.existsSync(o.file)) throw new AppError('BAD_FILE', `The bundle file "${o.file}" does not exist.`);
  const { keys, ourRecipients } = await decryptKeys(ctx, o);
  const me = await loadIdentity(ctx);
  let opened: OpenedBundle;
  try {
    opened = await openBundle({
      file: o.file,
      signatureFile,
      keys,
      ourRecipients,
      lookupSigner: await signerLookup(ctx),
      stagingRoot: ctx.paths.tempDir,
      // Decided on the signed manifest alone, before a single record is read.
      admit: async (manifest, signer) => {
        if (manifest.sender.minisignPublicKey === me.minisignPublicKey) throw new AppError('REFUSED', 'This bundle was made by this installation; there is nothing to import from ourselves.');
        const sender = senderOf(manifest, signer);
        const replay = await ctx.db.selectFrom('bundleLog').select('at').where('direction', '=', 'import').where('bundleId', '=', manifest.bundleId).executeTakeFirst();
        if (replay) throw new AlreadyImported(manifest, sender);
        // Inspecting is refused the same way (`tpw bundle inspect` reads no record of a stranger's),
        // except for the Receive page's preview, which shows the stranger's fingerprint and changes
        // so the user can decide to accept them.
        if ((sender.status === 'unknown' || sender.status === 'changed') && !o.acceptUnknownSender && !(o.inspectOnly && o.previewUnknownSender)) throw refusalFor(sender);
      },
    });
  } catch (e) {
    if (!(e instanceof AlreadyImported)) throw e;
    return { ...baseOf(e.manifest, e.sender), added: 0, updated: 0, conflicts: 0, unchanged: e.manifest.counts.records, alreadyImported: true, dryRun: true, items: [], setAside: [] };
  }
  try {
    const { manifest, signer } = opened;
    const sender = senderOf(manifest, signer);
    assertBlobs(ctx, opened);
    const plan = await planMerge(ctx.db, opened.staging);
    const setAside = [...opened.read.setAside].map(([table, fields]) => ({ table, noun: recordTable(table)?.noun ?? table, fields: [...fields] }));
    const result: ImportResult = {
      ...baseOf(manifest, sender),
      added: plan.added,
      updated: plan.updated,
      conflicts: plan.conflicts,
      unchanged: plan.unchanged,
      alreadyImported: false,
      dryRun: o.dryRun || Boolean(o.inspectOnly),
      items: plan.items,
      setAside,
    };
    if (result.dryRun) return result;
    // Read before the transaction: inside it, only trx may touch the database.
    const w = await writeContext(ctx);
    const counterpart = signer?.name ?? `${manifest.sender.name} (unknown sender, accepted)`;
    await applyImport(ctx, opened.attachments, async (trx) => {
      await applyMerge(trx, opened.staging, plan, { bundleId: manifest.bundleId, sender: signer?.name ?? manifest.sender.name, now: w.now });
      if (sender.status === 'changed') await markKeysChanged(trx, signer!, manifest.sender.fingerprint, w.now);
      await trx
        .insertInto('bundleLog')
        .values({
          id: newId(),
          at: w.now,
          direction: 'import',
          bundleId: manifest.bundleId,
          actor: w.actor,
          counterpart: sender.status === 'changed' ? `${counterpart} (keys changed, accepted)` : counterpart,
          counterpartFingerprints: JSON.stringify([manifest.sender.fingerprint]),
          fileName: path.basename(o.file),
          counts: JSON.stringify({ records: manifest.counts.records, attachments: manifest.counts.attachments, added: result.added, updated: result.updated, conflicts: result.conflicts, unchanged: result.unchanged }),
          scope: JSON.stringify(manifest.scope),
          decisions: '[]',
          marking: baseOf(manifest, sender).marking,
          agreements: JSON.stringify('agreements' in manifest ? manifest.agreements.map((a) => ({ name: manifest.sender.name, ...a })) : []),
          redactions: JSON.stringify('redactions' in manifest ? manifest.redactions : []),
        })
        .execute();
    });
    // Tombstones that came in (or were already here, for records this bundle brought back): the
    // sender asks that those records be erased here too. Each is recorded in the erasure log.
    await applyTombstones(ctx, 'partner');
    // Derived data, after the commit: the search text of attachments that arrived. A failure here
    // loses nothing (evidence.reindex can be run again), so it does not fail the import.
    if (result.added + result.updated > 0 && plan.tables.includes('evidenceAttachments')) {
      await reindexAttachmentText(ctx).catch((e: unknown) => console.error('[tpw] indexing attachments after a bundle import failed:', e));
    }
    return result;
  } finally {
    await opened.cleanup();
  }
}

function baseOf(manifest: Manifest, sender: BundleSender) {
  return {
    bundleId: manifest.bundleId,
    createdAt: manifest.createdAt,
    sender,
    scope: manifest.scope,
    records: manifest.counts.records,
    attachments: manifest.counts.attachments,
    // A bundle from before markings is OFFICIAL, as its records are.
    marking: 'marking' in manifest ? manifest.marking : ('OFFICIAL' as const),
  };
}

type Trx = Transaction<Database>;

/**
 * Attachments go into the store first (content-addressed, so harmless if the transaction then
 * fails — and removed again in that case), then a snapshot, then one transaction for the rows.
 */
async function applyImport(ctx: ServiceContext, staged: Map<string, string>, write: (trx: Trx) => Promise<void>): Promise<void> {
  const dir = ctx.paths.attachmentsDir;
  const existedBefore = new Set(fs.existsSync(dir) ? await fsp.readdir(dir) : []);
  const dirExisted = fs.existsSync(dir);
  const added: string[] = [];
  try {
    for (const [sha, file] of staged) {
      if (hasBlob(dir, sha)) continue;
      if (await adoptStaged(dir, sha, file)) added.push(sha);
      else if ((await putBlob(dir, fs.createReadStream(file), sha)).added) added.push(sha);
    }
    takeSnapshot(ctx.sqlite, ctx.paths.snapshotsDir, 'before-bundle-import', ctx.now);
    await ctx.db.transaction().execute(write);
  } catch (e) {
    for (const sha of added) await fsp.rm(blobPath(dir, sha), { force: true });
    // Leave the store's listing exactly as it was: remove folders this import created.
    if (fs.existsSync(dir)) {
      for (const name of await fsp.readdir(dir)) if (!existedBefore.has(name)) await fsp.rm(path.join(dir, name), { recursive: true, force: true });
      if (!dirExisted) await fsp.rm(dir, { recursive: true, force: true });
    }
    throw e;
  }
}

/**
 * A staged attachment was hashed as it was unpacked: move it into the store instead of copying
 * it again (the temp folder is beside the store, so a rename). False if it cannot be renamed.
 */
async function adoptStaged(dir: string, sha: string, file: string): Promise<boolean> {
  const final = blobPath(dir, sha);
  const fh = await fsp.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
  try {
    await fsp.rename(file, final);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EXDEV') return false;
    throw e;
  }
}

/** For browser mode and the UI: an uploaded bundle and its uploaded .minisig. */
export async function importUploaded(ctx: ServiceContext, input: { uploadId: string; signatureUploadId: string; passphrase?: string; acceptUnknownSender: boolean; dryRun: boolean }, inspectOnly: boolean): Promise<ImportResult> {
  const bundle = await resolveUpload(ctx, input.uploadId);
  const sig = await resolveUpload(ctx, input.signatureUploadId);
  const result = await importBundle(ctx, { file: bundle.path, signatureFile: sig.path, passphrase: input.passphrase, acceptUnknownSender: input.acceptUnknownSender, dryRun: input.dryRun, inspectOnly, previewUnknownSender: inspectOnly });
  // Applied (or already applied): the uploaded copies have done their job.
  if (!result.dryRun || result.alreadyImported) {
    await discardUpload(ctx, input.uploadId);
    await discardUpload(ctx, input.signatureUploadId);
  }
  return result;
}

export async function bundleLog(ctx: ServiceContext): Promise<BundleLogEntry[]> {
  const rows = await ctx.db.selectFrom('bundleLog').selectAll().orderBy('at', 'desc').limit(1000).execute();
  return rows.map((r) => ({
    ...r,
    counterpartFingerprints: JSON.parse(r.counterpartFingerprints) as string[],
    counts: JSON.parse(r.counts) as Record<string, number>,
    scope: JSON.parse(r.scope) as string[],
    decisions: JSON.parse(r.decisions) as BundleLogEntry['decisions'],
    marking: isMarking(r.marking) ? r.marking : null,
    agreements: JSON.parse(r.agreements) as BundleLogEntry['agreements'],
    redactions: JSON.parse(r.redactions) as BundleLogEntry['redactions'],
  }));
}

/**
 * Checks a bundle's detached signature without decrypting it (for whoever relays bundles, or
 * before asking the recipient): against a given minisign key, or a partner in the directory.
 */
export async function verifyDetached(ctx: ServiceContext, file: string, signatureFile: string, publicKey?: string): Promise<{ valid: true; signer: string; keyId: string; trustedComment: string }> {
  if (!fs.existsSync(file)) throw new AppError('BAD_FILE', `The bundle file "${file}" does not exist.`);
  if (!fs.existsSync(signatureFile)) throw new AppError('BAD_FILE', `The signature file "${signatureFile}" was not found.`);
  const sig = parseSignature(await fsp.readFile(signatureFile, 'utf8'));
  const keyId = sig.keyId.toString('hex').toUpperCase();
  const known = (await signerLookup(ctx))(keyId);
  const key = publicKey ?? known?.minisignPublicKey;
  if (!key) throw new AppError('REFUSED', `The bundle is signed by a key that is not in your partner directory (key id ${keyId}). Add the sender, or give their minisign public key.`);
  if (!(await verifyFile(file, sig, key))) throw new AppError('BAD_FILE', 'The bundle does not match its signature: it was altered or damaged after it was signed, or signed by another key.');
  return { valid: true, signer: known && known.minisignPublicKey === key ? known.name : 'the given key', keyId, trustedComment: sig.trustedComment };
}
