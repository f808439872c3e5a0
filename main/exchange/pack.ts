/**
 * Writes a bundle: members are built (records, extracts) and hashed first so the signed manifest
 * can come first in the archive; attachments are streamed from the store straight into the tar,
 * through age, into the file. Written to `<file>.part` and renamed, then signed (`.minisig`).
 */
import { createHash, sign } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Pack } from 'tar-stream';
// Loaded when first needed: most commands never use it, and loading it costs every start (a spend import spent ~0.2 s loading libraries it never touched).
const tarStream = () => import('tar-stream');
import { AppError } from '../../shared/errors';
import { blobPath } from '../core/attachmentStore';
import { encryptTo, type AgeKeys } from '../bundle/ageStream';
import type { Collected } from './collect';
import { summaryHtml, toCsv } from './extracts';
import { FORMAT, FORMAT_VERSION, MIN_READER_VERSION, type CurrentManifest } from '../bundle/format';
import type { Identity } from '../bundle/identity';
import { signFile } from '../bundle/minisign';

export interface PackInput {
  bundleId: string;
  createdAt: string;
  appVersion: string;
  senderName: string;
  identity: Identity;
  recipients: CurrentManifest['recipients'];
  keys: AgeKeys;
  scope: CurrentManifest['scope'];
  collected: Collected;
  attachmentsDir: string;
  /** Tests lower scrypt's work factor; real bundles keep age's default. */
  scryptLogN?: number;
  /** The highest marking of what is inside. */
  marking: CurrentManifest['marking'];
  agreements: CurrentManifest['agreements'];
  redactions: CurrentManifest['redactions'];
}

export interface PackResult {
  manifest: CurrentManifest;
  bytes: number;
  signaturePath: string;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export async function writeBundle(file: string, input: PackInput): Promise<PackResult> {
  const { collected } = input;
  const small = new Map<string, Buffer>();
  for (const [table, list] of collected.records) {
    small.set(`records/${table}.json`, Buffer.from(JSON.stringify(list)));
  }
  for (const [table, rows] of collected.extra) small.set(`extra/${table}.json`, Buffer.from(JSON.stringify(rows)));
  const head = {
    bundleId: input.bundleId,
    createdAt: input.createdAt,
    sender: { name: input.senderName, fingerprint: input.identity.fingerprint, ageRecipient: input.identity.ageRecipient, minisignPublicKey: input.identity.minisignPublicKey },
    recipients: input.recipients,
    passphrase: input.keys.passphrase !== undefined,
    scope: input.scope,
  };
  small.set('summary.html', Buffer.from(summaryHtml({ ...head, marking: input.marking, dsaReferences: input.agreements.flatMap((a) => (a.dsaReference ? [a.dsaReference] : [])) }, collected.records, collected.extra, collected.attachments.size)));
  for (const [table, list] of collected.records) small.set(`csv/${table}.csv`, Buffer.from(toCsv(list.map((r) => r.row))));
  for (const [table, rows] of collected.extra) small.set(`csv/${table}.csv`, Buffer.from(toCsv(rows)));

  const attachments = [...collected.attachments].sort();
  const members: CurrentManifest['members'] = [...small.entries()].map(([name, b]) => ({ name, size: b.length, sha256: sha256(b) }));
  for (const h of attachments) members.push({ name: `attachments/${h}`, size: (await fsp.stat(blobPath(input.attachmentsDir, h))).size, sha256: h });

  let records = 0;
  for (const list of collected.records.values()) records += list.length;
  const manifest: CurrentManifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    // Erasure tombstones are rows a format-2 reader does not know (it would refuse the bundle): a
    // bundle carrying them says so, and an older reader asks its user to update instead.
    minReaderVersion: collected.extra.has('erasureTombstones') ? 3 : MIN_READER_VERSION,
    ...head,
    appVersion: input.appVersion,
    counts: { records, attachments: attachments.length },
    members,
    marking: input.marking,
    agreements: input.agreements,
    redactions: input.redactions,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const manifestSig = Buffer.from(sign(null, manifestBytes, input.identity.signingKey).toString('base64'));

  const part = `${file}.part`;
  const fh = await fsp.open(part, 'w', 0o600);
  try {
    const pack = (await tarStream()).default.pack();
    // An entry destroyed (a damaged blob: writeAll) destroys the archive with an error of its own,
    // emitted on a later tick; unheard, it would end the process (the browser-mode server with it).
    // The failure itself reaches the caller through `feed` and the encryption reading the archive.
    pack.on('error', () => undefined);
    const feed = (async () => {
      const add = (name: string, body: Buffer) => new Promise<void>((res, rej) => pack.entry({ name, size: body.length, mtime: new Date(input.createdAt) }, body, (e) => (e ? rej(e) : res())));
      await add('manifest.json', manifestBytes);
      await add('manifest.sig', manifestSig);
      for (const [name, body] of small) await add(name, body);
      for (const m of members.filter((x) => x.name.startsWith('attachments/'))) {
        const entry = pack.entry({ name: m.name, size: m.size, mtime: new Date(input.createdAt) });
        // Read in 1 MiB pieces (fewer, larger writes through tar and age) and check the hash on the way.
        const hash = createHash('sha256');
        const source = fs.createReadStream(blobPath(input.attachmentsDir, m.sha256), { highWaterMark: 1 << 20 });
        // A blob that vanished or cannot be read is reported like a damaged one, by its item.
        source.on('error', () => undefined);
        await writeAll(
          (async function* () {
            for await (const chunk of source) {
              hash.update(chunk as Buffer);
              yield chunk as Buffer;
            }
            if (hash.digest('hex') !== m.sha256) throw damaged(collected, m.sha256);
          })(),
          entry,
        );
      }
      pack.finalize();
    })();
    feed.catch((e: unknown) => pack.destroy(e as Error));
    await Promise.all([encryptTo(pack as unknown as AsyncIterable<Uint8Array>, fh, input.keys, input.scryptLogN), feed]);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fsp.rm(part, { force: true });
    throw e;
  }
  await fh.close();
  const bytes = (await fsp.stat(part)).size;
  await fsp.rename(part, file);
  const signaturePath = `${file}.minisig`;
  const trusted = `timestamp:${Math.floor(Date.parse(input.createdAt) / 1000)}\tfile:${path.basename(file)}\tbundle:${input.bundleId}\thashed`;
  await fsp.writeFile(signaturePath, await signFile(file, input.identity.signingKey, input.identity.keyId, trusted), { mode: 0o600 });
  return { manifest, bytes, signaturePath };
}


const damaged = (collected: Collected, sha256: string) =>
  new AppError(
    'STORAGE',
    `${collected.attachmentLabels.get(sha256) ?? `Attachment ${sha256.slice(0, 12)}…`} is damaged on disk: its content no longer matches what was stored. The bundle was not written; restore the file from a backup, or remove the attachment, and export again.`,
  );

/**
 * tar-stream's entries are streamx streams: feed them by hand, honouring backpressure. A failure
 * of the source is thrown to the caller (which destroys the whole archive); the entry itself is
 * never destroyed with an error, because a streamx 'error' nobody listens for ends the process.
 */
async function writeAll(source: AsyncIterable<Buffer>, sink: ReturnType<Pack['entry']>): Promise<void> {
  sink.on('error', () => undefined);
  try {
    for await (const chunk of source) {
      if (!sink.write(chunk)) {
        await new Promise<void>((res, rej) => {
          const done = (e?: Error) => {
            sink.off('drain', done);
            sink.off('error', done);
            if (e) rej(e);
            else res();
          };
          sink.on('drain', done);
          sink.on('error', done);
        });
      }
    }
  } catch (e) {
    sink.destroy();
    throw e;
  }
  await new Promise<void>((res, rej) => {
    sink.once('error', rej);
    sink.end(() => res());
  });
}
