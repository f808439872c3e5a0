/**
 * Parameter sets: the ones built into the workbench and the ones imported from files.
 *
 * A set arrives as a JSON file (the set, naming the minisign public key of whoever issued it) and
 * a detached signature (`<file>.minisig`, checkable with `minisign -V`). It is verified before it
 * can be used: the signature must hold for the exact bytes with the named key, the set must have
 * every field and a source for every figure, and a signer this workbench has not seen before must
 * be accepted explicitly, after comparing its fingerprint with the one the issuer publishes. Sets
 * are never fetched from a network, and never change once imported: a different set under an id
 * already here is refused. The set is kept as issued, with its signature, so it can be checked
 * again (and travels in bundles with the estimates that use it).
 */
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import sjson from 'secure-json-parse';
import { BUILT_IN_SETS, builtInSet, ParameterSetFile, setContentOfText, type ParameterSetContent } from '../../shared/calc/parameterSets';
import type { ParameterSetPreview } from '../../shared/contract/estimates';
import type { ParameterSetView } from '../../shared/domain/estimates';
import { AppError } from '../../shared/errors';
import { decodePublicKey, parseSignature, verifyFile } from '../bundle/minisign';
import type { ServiceContext } from '../core/context';
import { inWriteTransaction, recordStore, type Trx } from '../core/recordStore';
import { discardUpload, resolveUpload } from '../core/transfers';
import * as tables from './records';

const store = recordStore(tables.parameterSets);

/** A set file is a page of figures: anything larger is not one. */
const MAX_SET_BYTES = 2 * 1024 * 1024;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
/** SHA-256 of the raw Ed25519 key, as people compare it (64 hex digits). */
const keyFingerprint = (minisignPublicKey: string): string => createHash('sha256').update(decodePublicKey(minisignPublicKey).raw).digest('hex').toUpperCase();
const grouped = (fp: string) => fp.replace(/(.{4})(?=.)/g, '$1 ');

/** Built-in sets are hashed the same way as imported ones: their canonical JSON text. */
const builtInHash = new Map(BUILT_IN_SETS.map((s) => [s.id, sha256Hex(JSON.stringify(s))]));

type Db = ServiceContext['db'] | Trx;

async function storedSets(db: Db) {
  return db.selectFrom('parameterSets').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').execute();
}

/** Every set an estimate may name, by id: built in first, then imported. */
export async function parameterSetsById(db: Db): Promise<Map<string, ParameterSetContent>> {
  const out = new Map<string, ParameterSetContent>(BUILT_IN_SETS.map((s) => [s.id, s]));
  for (const r of await storedSets(db)) out.set(r.setId, setContentOfText(r.content));
  return out;
}

/** The set with this id, or a clear refusal. */
export async function requireParameterSet(db: Db, id: string): Promise<ParameterSetContent> {
  const set = (await parameterSetsById(db)).get(id);
  if (!set) throw new AppError('INVALID_INPUT', `There is no parameter set "${id}" in this workbench; import it first.`, { parameterSetId: 'Choose a parameter set from the list' });
  return set;
}

export async function listParameterSets(ctx: ServiceContext): Promise<ParameterSetView[]> {
  const used = await ctx.db.selectFrom('interventions').select(['parameterSetId']).select((eb) => eb.fn.countAll<number>().as('n')).where('deletedAt', 'is', null).groupBy('parameterSetId').execute();
  const usedBy = (id: string) => Number(used.find((u) => u.parameterSetId === id)?.n ?? 0);
  const builtIn: ParameterSetView[] = BUILT_IN_SETS.map((s) => ({
    id: s.id,
    recordId: null,
    builtIn: true,
    content: s,
    sha256: builtInHash.get(s.id)!,
    signer: null,
    importedAt: null,
    usedBy: usedBy(s.id),
  }));
  const imported: ParameterSetView[] = (await storedSets(ctx.db)).map((r) => ({
    id: r.setId,
    recordId: r.id,
    builtIn: false,
    content: setContentOfText(r.content),
    sha256: r.sha256,
    signer: { fingerprint: r.signerFingerprint, minisignPublicKey: r.signerKey },
    importedAt: r.createdAt,
    usedBy: usedBy(r.setId),
  }));
  return [...builtIn, ...imported];
}

export interface SetSource {
  path: string;
  name: string;
}

interface Checked {
  text: string;
  content: ParameterSetContent;
  sha256: string;
  signerKey: string;
  signerFingerprint: string;
  signatureText: string;
  trustedComment: string;
}

/** Reads, verifies and validates a set file and its signature; throws a specific refusal otherwise. */
async function checkSetFiles(set: SetSource, signature: SetSource): Promise<Checked> {
  const stat = await fsp.stat(set.path).catch(() => null);
  if (!stat?.isFile()) throw new AppError('BAD_FILE', `"${set.name}" was not found.`);
  if (stat.size > MAX_SET_BYTES) throw new AppError('BAD_FILE', `"${set.name}" is too large to be a parameter set.`);
  const text = (await fsp.readFile(set.path, 'utf8')).replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' });
  } catch (e) {
    throw new AppError('BAD_FILE', `"${set.name}" is not a parameter set: it is not valid JSON (${(e as Error).message}).`);
  }
  const signer = (json as { signer?: unknown } | null)?.signer;
  if (json && typeof json === 'object' && signer === undefined) {
    throw new AppError('BAD_FILE', `"${set.name}" does not name who signed it ("signer": {"minisignPublicKey": …}), so it cannot be verified.`);
  }
  const parsed = ParameterSetFile.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    const where = i.path.map(String).join('.') || '(set)';
    throw new AppError('BAD_FILE', `"${set.name}" is not a valid parameter set: ${where}: ${i.code === 'unrecognized_keys' ? `unknown field ${i.keys.join(', ')}` : i.message}.`);
  }
  const { signer: { minisignPublicKey: key }, ...content } = parsed.data;
  try {
    decodePublicKey(key);
  } catch {
    throw new AppError('BAD_FILE', `"${set.name}" names a signer key that is not a minisign public key.`);
  }
  let sigText: string;
  try {
    sigText = await fsp.readFile(signature.path, 'utf8');
  } catch {
    throw new AppError('BAD_FILE', `The signature "${signature.name}" was not found: a parameter set is imported only with the signature that came with it.`);
  }
  const sig = parseSignature(sigText);
  if (!(await verifyFile(set.path, sig, key))) {
    throw new AppError(
      'BAD_FILE',
      `The signature does not match "${set.name}": the file was changed after it was signed, or signed with another key. Nothing was imported.`,
    );
  }
  return {
    text,
    content,
    sha256: sha256Hex(text),
    signerKey: key,
    signerFingerprint: keyFingerprint(key),
    signatureText: sigText,
    trustedComment: sig.trustedComment,
  };
}

/** What importing would do, or why it would be refused. */
async function plan(db: Db, c: Checked): Promise<{ status: 'new' | 'same'; knownSigner: boolean }> {
  if (builtInSet(c.content.id)) throw new AppError('CONFLICT', `"${c.content.id}" is the id of a set built into the workbench; a different set cannot use it.`);
  const stored = await storedSets(db);
  const same = stored.find((r) => r.setId === c.content.id);
  if (same && same.sha256 !== c.sha256) {
    throw new AppError(
      'CONFLICT',
      `A different parameter set with the id "${c.content.id}" is already here. Sets never change once issued: a revised set needs a new id.`,
    );
  }
  return { status: same ? 'same' : 'new', knownSigner: stored.some((r) => r.signerFingerprint === c.signerFingerprint) };
}

export async function previewSetFiles(ctx: ServiceContext, set: SetSource, signature: SetSource): Promise<ParameterSetPreview> {
  const c = await checkSetFiles(set, signature);
  const p = await plan(ctx.db, c);
  return {
    content: c.content,
    sha256: c.sha256,
    signer: { fingerprint: c.signerFingerprint, fingerprintGrouped: grouped(c.signerFingerprint), minisignPublicKey: c.signerKey, trustedComment: c.trustedComment },
    knownSigner: p.knownSigner,
    status: p.status,
  };
}

export async function importSetFiles(ctx: ServiceContext, set: SetSource, signature: SetSource, acceptSigner: boolean): Promise<ParameterSetView> {
  const c = await checkSetFiles(set, signature);
  await inWriteTransaction(ctx, async (trx, w) => {
    const p = await plan(trx, c);
    if (!p.knownSigner && !acceptSigner) {
      throw new AppError(
        'REFUSED',
        `"${c.content.name}" is signed by a key this workbench has not seen before (fingerprint ${grouped(c.signerFingerprint)}). Check that fingerprint with ${c.content.issuer}, then accept the signer to import it.`,
      );
    }
    // Exactly this set is here already: importing it again changes nothing.
    if (p.status === 'same') return;
    await store.insertIn(trx, w, {
      setId: c.content.id,
      name: c.content.name,
      issuer: c.content.issuer,
      edition: c.content.edition,
      content: c.text,
      sha256: c.sha256,
      signerKey: c.signerKey,
      signerFingerprint: c.signerFingerprint,
      signature: c.signatureText,
    });
  });
  return (await listParameterSets(ctx)).find((v) => v.id === c.content.id)!;
}

/** The two uploads of the app's import (browser mode); they are removed once used or refused. */
async function uploads(ctx: ServiceContext, input: { uploadId: string; signatureUploadId: string }) {
  const [set, signature] = await Promise.all([resolveUpload(ctx, input.uploadId), resolveUpload(ctx, input.signatureUploadId)]);
  return { set, signature };
}

const discardBoth = async (ctx: ServiceContext, input: { uploadId: string; signatureUploadId: string }) => {
  await discardUpload(ctx, input.uploadId);
  await discardUpload(ctx, input.signatureUploadId);
};

/** The uploads are removed after the preview too: the import sends the files again, so nothing is left behind. */
export async function previewSetUpload(ctx: ServiceContext, input: { uploadId: string; signatureUploadId: string }): Promise<ParameterSetPreview> {
  try {
    const { set, signature } = await uploads(ctx, input);
    return await previewSetFiles(ctx, set, signature);
  } finally {
    await discardBoth(ctx, input);
  }
}

export async function importSetUpload(ctx: ServiceContext, input: { uploadId: string; signatureUploadId: string; acceptSigner: boolean }): Promise<ParameterSetView> {
  try {
    const { set, signature } = await uploads(ctx, input);
    return await importSetFiles(ctx, set, signature, input.acceptSigner);
  } finally {
    await discardBoth(ctx, input);
  }
}

export async function deleteParameterSet(ctx: ServiceContext, id: string): Promise<ParameterSetView> {
  if (builtInSet(id)) throw new AppError('REFUSED', 'A set built into the workbench cannot be removed.');
  const view = (await listParameterSets(ctx)).find((v) => v.id === id);
  if (!view?.recordId) throw new AppError('NOT_FOUND', `There is no imported parameter set "${id}".`);
  if (view.usedBy > 0) throw new AppError('REFUSED', `"${view.content.name}" is used by ${view.usedBy} estimate${view.usedBy === 1 ? '' : 's'}; move ${view.usedBy === 1 ? 'it' : 'them'} to another set first.`);
  const row = await ctx.db.selectFrom('parameterSets').select(['id', 'rev']).where('id', '=', view.recordId).executeTakeFirstOrThrow();
  await store.remove(ctx, row);
  return view;
}
