import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptFrom, encryptTo } from '../../main/bundle/ageStream';
import { toCsv } from '../../main/exchange/extracts';
import { jsonDepth } from '../../main/bundle/format';
import { jsonArrayElements } from '../../main/bundle/jsonArray';
import fc from 'fast-check';
import { tempDir } from '../helpers/workbench';

const dir = tempDir('tpw-bundles-unit-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function* pieces(b: Buffer, size: number) {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

describe('age payload at chunk boundaries (64 KiB), checked against the age command line', () => {
  const K = 64 * 1024;
  it.each([0, 1, K - 1, K, K + 1, 2 * K, 3 * K + 17])('%i bytes, in odd-sized pieces, both ways', async (size) => {
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    const key = path.join(dir, `k${size}`);
    fs.writeFileSync(key, `${identity}\n`);
    const plain = randomBytes(size);
    const ours = path.join(dir, `ours-${size}.age`);
    const fh = await fsp.open(ours, 'w');
    await encryptTo(pieces(plain, 10_007), fh, { recipients: [recipient] });
    await fh.close();
    expect(execFileSync('age', ['-d', '-i', key, ours]).equals(plain)).toBe(true);

    const theirs = path.join(dir, `theirs-${size}.age`);
    fs.writeFileSync(path.join(dir, `p${size}`), plain);
    execFileSync('age', ['-r', recipient, '-o', theirs, path.join(dir, `p${size}`)]);
    const out: Buffer[] = [];
    for await (const c of await decryptFrom(theirs, { identities: [identity] })) out.push(c);
    expect(Buffer.concat(out).equals(plain)).toBe(true);
  });

  it('refuses a file cut at a chunk boundary (the last-chunk flag no longer authenticates)', async () => {
    const identity = await generateX25519Identity();
    const file = path.join(dir, 'cut.age');
    const fh = await fsp.open(file, 'w');
    await encryptTo(pieces(randomBytes(3 * 64 * 1024), 65536), fh, { recipients: [await identityToRecipient(identity)] });
    await fh.close();
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - (64 * 1024 + 16)));
    const read = async () => {
      for await (const c of await decryptFrom(file, { identities: [identity] })) void c;
    };
    await expect(read()).rejects.toThrow(/authenticate/);
  });
});

describe('bundle formats', () => {
  it('measures JSON depth without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[[[\\"]]"}')).toBe(1);
    expect(jsonDepth('[]')).toBe(1);
  });

  it('writes CSV that spreadsheets will not run as formulas (the one tabular writer, OWASP rule)', () => {
    expect(toCsv([{ a: '=HYPERLINK("x")', b: -12.5, c: '-minus', d: 'line\nbreak', e: null, f: "-2+3+cmd|' /C calc'!A0", g: '-12.5' }])).toBe(
      '\ufeffa,b,c,d,e,f,g\r\n"\'=HYPERLINK(""x"")",-12.5,\'-minus,"line\nbreak",,\'-2+3+cmd|\' /C calc\'!A0,\'-12.5\r\n',
    );
  });
});

describe('reading a JSON list one item at a time (jsonArray.ts)', () => {
  const limits = { elementBytes: 1 << 20, elements: 1_000_000, depth: 32 };
  async function* inPieces(text: string, sizes: number[]) {
    const b = Buffer.from(text);
    let at = 0;
    for (let i = 0; at < b.length; i++) {
      const n = Math.max(1, sizes[i % sizes.length]!);
      yield b.subarray(at, at + n);
      at += n;
    }
  }
  const read = async (text: string, sizes = [7]) => {
    const out: unknown[] = [];
    for await (const x of jsonArrayElements(inPieces(text, sizes), 'm', limits)) out.push(x);
    return out;
  };

  it('gives the same items as JSON.parse, however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }), async (items, sizes) => {
        const text = JSON.stringify(items, null, items.length % 2 ? 1 : 0);
        // The reader refuses prototype keys on purpose (tested below); JSON.parse does not.
        fc.pre(!/"(__proto__|constructor|prototype)"/.test(text));
        expect(await read(text, sizes)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what is not one JSON list, an item over the limit, and nesting over the limit', async () => {
    await expect(read('{"a":1}')).rejects.toThrow(/not a list/);
    await expect(read('[1,2')).rejects.toThrow(/ends before its list is complete/);
    await expect(read('[1,]')).rejects.toThrow(/not valid JSON/);
    await expect(read('[1] 2')).rejects.toThrow(/after the end of its list/);
    await expect(read('[{"a":[1}]')).rejects.toThrow(/not valid JSON/);
    await expect(read(`[${deepList(40)}]`)).rejects.toThrow(/nested more than 32/);
    await expect(read(`["${'x'.repeat(2 << 20)}"]`, [65536])).rejects.toThrow(/larger than 1 MB/);
    await expect(read('[{"__proto__":{"x":1}}]')).rejects.toThrow(/__proto__/);
    expect(await read('  [ ]  ')).toEqual([]);
    expect(await read('["a]\\"b,", 1, null, {"c":"}"}]', [1])).toEqual(['a]"b,', 1, null, { c: '}' }]);
  });
});

const deepList = (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`;
