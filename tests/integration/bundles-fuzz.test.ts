/**
 * Issue 10's fuzz run, bounded in time: random damage to a real bundle (inside the encryption,
 * re-encrypted and re-signed so every layer of the reader is reached; and to the encrypted file
 * as it travels), and random calls to the browser-mode HTTP API. Whatever is refused must leave
 * the database byte for byte as it was (and the attachment store and temp folders too); nothing
 * may surface as an unexpected (INTERNAL) error. The number of inputs tried is printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type Workbench } from '../../main/api/workbench';
import { decryptFrom } from '../../main/bundle/ageStream';
import { loadIdentity, type Identity } from '../../main/bundle/identity';
import { fileRoutes } from '../../main/host/files';
import { startHost, type RunningHost } from '../../main/host/server';
import { importBundle } from '../../main/exchange/service';
import { contract } from '../../shared/contract';
import { encrypt, writeSigned } from '../fixtures/bundles/craft';
import { dbFingerprint, listing, send, setUpPair, type Pair } from '../fixtures/bundles/pair';
import { tempDir } from '../helpers/workbench';

/** Seconds each fuzz run may take (TPW_FUZZ_SECONDS to run longer). */
const SECONDS = Number(process.env.TPW_FUZZ_SECONDS ?? 20);

let pair: Pair;
let A: Identity;
let B: Identity;
let plainTar: Buffer;
let bundle: string;

beforeAll(async () => {
  pair = await setUpPair();
  A = await loadIdentity(pair.a.ctx);
  B = await loadIdentity(pair.b.ctx);
  const theme = await pair.a.call('theme.add', { name: 'Older people' });
  for (let i = 0; i < 5; i++) await pair.a.call('hypothesis.add', { statement: `Hypothesis ${i}`, themeId: theme.id });
  const f = path.join(pair.a.dir, 'notes.txt');
  fs.writeFileSync(f, 'evidence notes '.repeat(50));
  await pair.a.call('evidence.add', { title: 'Notes', kind: 'document', sensitivity: 'public', uploadIds: [(await pair.a.call('upload.fromPath', { path: f })).uploadId] });
  bundle = await send(pair.a, pair.bInA, pair.out, { scope: ['setup', 'hypotheses', 'evidence'] });
  const chunks: Buffer[] = [];
  for await (const c of await decryptFrom(bundle, { identities: [B.ageIdentity] })) chunks.push(c);
  plainTar = Buffer.concat(chunks);
}, 120_000);

afterAll(async () => {
  await pair.cleanup();
});

/** One way of damaging bytes. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 600 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 2048 }) }),
  // Aimed at the JSON: a structural character swapped, where the records are.
  fc.record({ kind: fc.constant('json' as const), at: fc.nat(), char: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '0', 'x') }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(b: Buffer, ms: Mutation[]): Buffer {
  let out = Buffer.from(b);
  for (const m of ms) {
    const at = m.at % Math.max(1, out.length);
    if (m.kind === 'flip') out[at] = out[at]! ^ (1 << m.bit);
    else if (m.kind === 'set') out.set(m.bytes.subarray(0, out.length - at), at);
    else if (m.kind === 'cut') out = out.subarray(0, at);
    else if (m.kind === 'delete') out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
    else if (m.kind === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from(m.bytes), out.subarray(at)]);
    else if (m.kind === 'duplicate') out = Buffer.concat([out.subarray(0, at + m.length), out.subarray(at)]);
    else {
      // Somewhere inside a JSON member: after the first '[' past the manifest.
      const start = out.indexOf('[{"row"');
      const pos = start < 0 ? at : start + (m.at % Math.max(1, out.length - start));
      if (pos < out.length) out[pos] = m.char.charCodeAt(0);
    }
  }
  return out;
}

/**
 * Runs `body` on values drawn from `arb` (seeded, so a run can be repeated) until the time is up.
 * Each input runs to its end: nothing is abandoned half-way when the time runs out.
 */
async function forAbout<T>(seconds: number, arb: fc.Arbitrary<T>, seed: number, body: (v: T) => Promise<void>): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (let round = 0; Date.now() < deadline; round++) {
    for (const v of fc.sample(arb, { numRuns: 25, seed: seed * 1000 + round })) {
      if (Date.now() >= deadline) return;
      try {
        await body(v);
      } catch (e) {
        throw new Error(`fuzz input (seed ${seed * 1000 + round}): ${JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? Buffer.from(x).toString('hex') : x)).slice(0, 2000)}\n${(e as Error).message}`, { cause: e });
      }
    }
  }
}

interface Tally {
  tried: number;
  refused: number;
  accepted: number;
}

async function tryImport(file: string, t: Tally): Promise<void> {
  const db = dbFingerprint(pair.b);
  const store = listing(pair.b.ctx.paths.attachmentsDir);
  const temp = listing(pair.b.ctx.paths.tempDir);
  t.tried++;
  try {
    // A dry run reads, checks and plans everything, and (unlike an applied import) is never a replay.
    await importBundle(pair.b.ctx, { file, acceptUnknownSender: false, dryRun: true });
    t.accepted++;
  } catch (e) {
    t.refused++;
    const code = (e as { code?: string }).code;
    expect(['BAD_FILE', 'REFUSED', 'CONFLICT', 'STORAGE'], `${(e as Error).message}`).toContain(code);
    expect(dbFingerprint(pair.b)).toBe(db);
    expect(listing(pair.b.ctx.paths.attachmentsDir)).toEqual(store);
    expect(listing(pair.b.ctx.paths.tempDir), (e as Error).message).toEqual(temp);
  }
  // Accepted or not, nothing is left behind.
  expect(listing(pair.b.ctx.paths.tempDir)).toEqual(temp);
  expect(dbFingerprint(pair.b)).toBe(db);
}

describe('fuzzing the bundle reader', () => {
  it(`damage inside the encryption (re-encrypted and re-signed by the sender): refused cleanly, nothing changed (${SECONDS} s)`, async () => {
    const t: Tally = { tried: 0, refused: 0, accepted: 0 };
    let n = 0;
    await forAbout(SECONDS, fc.array(mutation, { minLength: 1, maxLength: 4 }), 10, async (ms) => {
      const file = path.join(pair.out, `fuzz-inner-${++n}.age`);
      await writeSigned(file, await encrypt(apply(plainTar, ms), { recipients: [B.ageRecipient] }), A);
      await tryImport(file, t);
      fs.rmSync(file, { force: true });
      fs.rmSync(`${file}.minisig`, { force: true });
    });
    console.log(`[fuzz] bundle contents: ${t.tried} damaged bundles tried, ${t.refused} refused with the database unchanged, ${t.accepted} with harmless damage (tar padding) read in full`);
    expect(t.tried).toBeGreaterThan(20);
  }, (SECONDS + 120) * 1000);

  it(`damage to the encrypted file in transit: refused by the signature, nothing changed (${Math.ceil(SECONDS / 2)} s)`, async () => {
    const t: Tally = { tried: 0, refused: 0, accepted: 0 };
    const original = fs.readFileSync(bundle);
    let n = 0;
    await forAbout(Math.ceil(SECONDS / 2), fc.array(mutation, { minLength: 1, maxLength: 3 }), 11, async (ms) => {
      const damaged = apply(original, ms);
      if (damaged.equals(original)) return;
      const file = path.join(pair.out, `fuzz-outer-${++n}.age`);
      fs.writeFileSync(file, damaged);
      fs.copyFileSync(`${bundle}.minisig`, `${file}.minisig`);
      await tryImport(file, t);
      expect(t.accepted).toBe(0);
      fs.rmSync(file, { force: true });
      fs.rmSync(`${file}.minisig`, { force: true });
    });
    console.log(`[fuzz] bundle files: ${t.tried} damaged files tried, all refused with the database unchanged`);
    expect(t.tried).toBeGreaterThan(20);
  }, (SECONDS + 120) * 1000);
});

describe('fuzzing the browser-mode API', () => {
  let wb: Workbench;
  let host: RunningHost;
  let dir: string;
  let dbPath: string;

  beforeAll(async () => {
    dir = tempDir('tpw-fuzz-http-');
    dbPath = path.join(dir, 'pilot.db');
    // As `tpw serve` opens it: the services in browser mode.
    wb = openWorkbench(dbPath, 'browser');
    const seed = await wb.dispatch('pilot.save', { pilot: { place: 'Fuzzton', question: 'How can we secure improved outcomes at less cost?' } });
    expect(seed.ok).toBe(true);
    const ui = path.join(dir, 'ui');
    fs.mkdirSync(ui);
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>ui</title>');
    host = await startHost({ dispatch: wb.dispatch, rendererDir: ui, fileRoute: fileRoutes(wb.ctx, wb.errorLog), errorLog: wb.errorLog });
  });

  afterAll(async () => {
    await host.close();
    await wb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const fingerprint = () => {
    wb.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return fs.readFileSync(dbPath).toString('base64');
  };

  it(`random methods and inputs: every refusal changes nothing, nothing is INTERNAL (${SECONDS} s)`, async () => {
    const methods = Object.keys(contract);
    // Values of the shapes inputs take, including hostile ones.
    const leaf = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('', '../../etc/passwd', '/etc/shadow', '__proto__', 'constructor', '01a21700-0000-7000-8000-000000000001', '=cmd|\' /C calc\'!A0', '\u001b[31m', 'x'.repeat(5000)),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
    );
    const input = fc.oneof(
      fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('id', 'rev', 'name', 'path', 'uploadId', 'statement', 'title', 'scope', 'format', '__proto__')), fc.oneof(leaf, fc.array(leaf, { maxLength: 4 })), { maxKeys: 6 }),
      fc.anything({ maxDepth: 3 }),
    );
    const call = fc.record({ method: fc.oneof(fc.constantFrom(...methods), fc.string({ maxLength: 30 })), input });
    let tried = 0;
    let refused = 0;
    let internal = 0;
    await forAbout(SECONDS, call, 12, async ({ method, input: body }) => {
        const before = fingerprint();
        let text: string;
        try {
          text = JSON.stringify(body) ?? '{}';
        } catch {
          text = '{}';
        }
        const res = await fetch(`http://127.0.0.1:${host.port}/api/${encodeURIComponent(method)}`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' }, body: text });
        tried++;
        const r = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
        if (r.ok) return;
        refused++;
        if (r.error?.code === 'INTERNAL') internal++;
        expect(r.error?.code, `${method} ${text.slice(0, 200)} → ${r.error?.message}`).not.toBe('INTERNAL');
        expect(fingerprint(), `${method} was refused but changed the database`).toBe(before);
    });
    console.log(`[fuzz] HTTP API: ${tried} calls, ${refused} refused with the database unchanged, ${internal} INTERNAL`);
    expect(tried).toBeGreaterThan(50);
  }, (SECONDS + 120) * 1000);
});
