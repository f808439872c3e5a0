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

  it('writes CSV that spreadsheets will not run as formulas', () => {
    expect(toCsv([{ a: '=HYPERLINK("x")', b: -12.5, c: '-minus', d: 'line\nbreak', e: null }])).toBe(
      'a,b,c,d,e\r\n"\'=HYPERLINK(""x"")",-12.5,\'-minus,"line\nbreak",\r\n',
    );
  });
});
