/**
 * Hostile bundles benchmark (issue 10): a bundle from an UNKNOWN sender whose records member is
 * 1 GB of JSON is refused — before any record is read — in under 2 s with peak memory under
 * 300 MB; and from a known partner, a 1 GB member holding one giant record, and a member of
 * valid records with a bad one at the very end (all read and staged, then refused), are read
 * one record at a time with peak memory under 300 MB. Each import runs in its own process, so
 * the peak (max RSS) is the import's own.
 *
 *   npm run bench -- bundles-hostile
 *   TPW_BENCH_HOSTILE_MB=1024 TPW_BENCH_HOSTILE_VALID_MB=256 (the defaults)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-stream';
import { openWorkbench } from '../../main/api/workbench';
import { encryptTo } from '../../main/bundle/ageStream';
import { loadIdentity, type Identity } from '../../main/bundle/identity';
import { signFile } from '../../main/bundle/minisign';
import { importBundle } from '../../main/exchange/service';
import { addContact, ourCard } from '../../main/exchange/contacts';
import { manifestFor, signManifest } from '../fixtures/bundles/craft';

const MB = Number(process.env.TPW_BENCH_HOSTILE_MB ?? 1024);
/** Valid records are staged one by one (a few minutes for 1 GB on a busy machine): a smaller default. */
const VALID_MB = Number(process.env.TPW_BENCH_HOSTILE_VALID_MB ?? 256);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function child(db: string, file: string) {
  const wb = openWorkbench(db, 'cli');
  const t0 = performance.now();
  let outcome: string;
  try {
    const r = await importBundle(wb.ctx, { file, acceptUnknownSender: false, dryRun: false });
    outcome = `imported (${r.added} added)`;
  } catch (e) {
    outcome = `refused: ${(e as Error).message.slice(0, 140)}`;
  }
  const ms = performance.now() - t0;
  await wb.close();
  process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, outcome }));
}

function runChild(db: string, file: string): { ms: number; maxRssKb: number; outcome: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, 'child', db, file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`import process failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { ms: number; maxRssKb: number; outcome: string };
}

type Body = (size: number) => AsyncGenerator<Buffer>;

const STAMP = '"rev":"1-0123abcd","createdAt":"2026-11-26T10:00:00.000Z","updatedAt":"2026-11-26T10:00:00.000Z","deletedAt":null';
/** A valid hypothesis record, i-th of the bundle. */
const goodRecord = (i: number) => `{"row":{"id":"01a21700-0000-7000-8000-${i.toString(16).padStart(12, '0')}",${STAMP},"statement":"Hypothesis ${i} ${'y'.repeat(150)}"},"history":[]}`;
/** One that breaks the app's rules (its id is not an id). */
const badRecord = (i: number) => `{"row":{"id":"not-an-id-${i}","statement":"${'y'.repeat(200)}"},"history":[]}`;

/** A records member of exactly `size` bytes of small invalid records: refused at the first. */
const smallBadRecords = (size: number) => smallRecords(size, badRecord);
/** A records member of exactly `size` bytes of valid records and one bad one at the very end: all read, then refused. */
const validUntilTheEnd = (size: number) => smallRecords(size, goodRecord, badRecord);

async function* smallRecords(size: number, item: (i: number) => string, last?: (i: number) => string): AsyncGenerator<Buffer> {
  let written = 0;
  let i = 0;
  let batch = '[';
  const reserve = last ? last(0).length + 20 : 0;
  for (;;) {
    const next = `${i ? ',' : ''}${item(i)}`;
    if (written + batch.length + next.length + 1 + reserve > size) {
      if (last) batch += `,${last(i)}`;
      break;
    }
    if (written + batch.length + next.length + 1 > size) break;
    batch += next;
    i++;
    if (batch.length > 1 << 20) {
      written += batch.length;
      yield Buffer.from(batch);
      batch = '';
    }
  }
  written += batch.length;
  yield Buffer.from(batch + ' '.repeat(size - written - 1));
  yield Buffer.from(']');
}

/** A records member of exactly `size` bytes holding one record with one enormous string. */
async function* oneGiantRecord(size: number): AsyncGenerator<Buffer> {
  const head = Buffer.from('[{"row":{"statement":"');
  const tail = Buffer.from('"},"history":[]}]');
  yield head;
  const chunk = Buffer.alloc(1 << 20, 'x');
  let left = size - head.length - tail.length;
  while (left > 0) {
    const n = Math.min(left, chunk.length);
    yield chunk.subarray(0, n);
    left -= n;
  }
  yield tail;
}

/** A signed, encrypted bundle whose one records member is `size` bytes made by `item`. */
async function hostileBundle(file: string, sender: Identity, recipient: Identity, size: number, body: Body): Promise<void> {
  // The member's hash first (the manifest comes first in the archive and lists it).
  const hash = createHash('sha256');
  for await (const c of body(size)) hash.update(c);
  const name = 'records/hypotheses.json';
  const manifest = manifestFor({ sender, recipients: [{ name: 'Brimley', fingerprint: recipient.fingerprint, ageRecipient: recipient.ageRecipient }], members: [] });
  manifest.members = [{ name, size, sha256: hash.digest('hex') }];
  manifest.bundleId = `01a21700-0000-7000-8000-${String(Date.now()).slice(-12).padStart(12, '0')}`;
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const pack = tar.pack();
  const feed = (async () => {
    await new Promise<void>((res, rej) => pack.entry({ name: 'manifest.json' }, manifestBytes, (e) => (e ? rej(e) : res())));
    await new Promise<void>((res, rej) => pack.entry({ name: 'manifest.sig' }, signManifest(manifestBytes, sender.signingKey), (e) => (e ? rej(e) : res())));
    const entry = pack.entry({ name, size });
    for await (const c of body(size)) if (!entry.write(c)) await new Promise<void>((res) => entry.once('drain', () => res()));
    await new Promise<void>((res) => entry.end(res));
    pack.finalize();
  })();
  const fh = await fsp.open(file, 'w');
  await Promise.all([encryptTo(pack as unknown as AsyncIterable<Uint8Array>, fh, { recipients: [recipient.ageRecipient] }), feed]);
  await fh.close();
  await fsp.writeFile(`${file}.minisig`, await signFile(file, sender.signingKey, sender.keyId, 'timestamp:0\tfile:hostile'));
}

async function main() {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'tpw-hostile-bench-'));
  try {
    const bDb = path.join(dir, 'b.db');
    const a = openWorkbench(path.join(dir, 'a.db'), 'cli');
    const s = openWorkbench(path.join(dir, 's.db'), 'cli');
    const b = openWorkbench(bDb, 'cli');
    await addContact(b.ctx, { card: JSON.stringify(await ourCard(a.ctx)), name: 'Avonford' });
    const [A, S, B] = [await loadIdentity(a.ctx), await loadIdentity(s.ctx), await loadIdentity(b.ctx)];
    await a.close();
    await s.close();
    await b.close();
    const size = MB * 1024 * 1024;

    console.log(`Writing hostile bundles (${MB} MB, ${MB} MB, ${VALID_MB} MB)…`);
    const t0 = performance.now();
    const unknown = path.join(dir, 'unknown.age');
    await hostileBundle(unknown, S, B, size, smallBadRecords);
    const oneRecord = path.join(dir, 'one-record.age');
    await hostileBundle(oneRecord, A, B, size, oneGiantRecord);
    const many = path.join(dir, 'many.age');
    await hostileBundle(many, A, B, VALID_MB * 1024 * 1024, validUntilTheEnd);
    console.log(`  (made in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${mb(fs.statSync(unknown).size)} MB each)`);

    const rows: [string, ReturnType<typeof runChild>][] = [
      [`unknown sender, ${MB} MB records member`, runChild(bDb, unknown)],
      [`known partner, one ${MB} MB record`, runChild(bDb, oneRecord)],
      [`known partner, ${VALID_MB} MB of valid records, the last one bad (all read and staged, then refused)`, runChild(bDb, many)],
    ];
    for (const [what, r] of rows) console.log(`${what}: ${(r.ms / 1000).toFixed(2)} s, peak RSS ${mb(r.maxRssKb * 1024)} MB — ${r.outcome}`);
    const [u] = rows;
    console.log(`goal: unknown sender refused in < 2 s — ${(u![1].ms / 1000).toFixed(2)} s (${u![1].ms < 2000 ? 'met' : 'MISSED'})`);
    const peak = Math.max(...rows.map(([, r]) => r.maxRssKb / 1024));
    console.log(`goal: peak memory < 300 MB for any input — ${peak.toFixed(1)} MB (${peak < 300 ? 'met' : 'MISSED'})`);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

const [mode, db, file] = process.argv.slice(2);
if (mode === 'child') await child(db!, file!);
else await main();
