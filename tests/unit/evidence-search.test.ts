import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ftsQuery } from '../../main/evidence/search';
import { isIndexableText, mediaTypeOf, readIndexableText } from '../../main/evidence/text';
import { tempDir } from '../helpers/workbench';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('turning what a user types into an FTS5 query', () => {
  it('quotes every word, so FTS5 syntax is just text, and makes the last a prefix', () => {
    expect(ftsQuery('falls prevention')).toBe('"falls" "prevention"*');
    expect(ftsQuery('NEAR(a b) OR "x" AND -y')).toBe('"NEAR" "a" "b" "OR" "x" "AND" "y"');
    expect(ftsQuery('  ')).toBeNull();
    expect(ftsQuery('***')).toBeNull();
    expect(ftsQuery('café')).toBe('"café"*');
  });
});

describe('text of attachments for the index', () => {
  it('knows text files by extension', () => {
    expect(isIndexableText('notes.TXT')).toBe(true);
    expect(isIndexableText('ledger.csv')).toBe(true);
    expect(isIndexableText('README.md')).toBe(true);
    expect(isIndexableText('report.pdf')).toBe(false);
    expect(mediaTypeOf('photo.JPG')).toBe('image/jpeg');
    expect(mediaTypeOf('mystery')).toBe('application/octet-stream');
  });

  it('reads only the first bytes of a big file, cut at whitespace so no character is split', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'big.txt');
    fs.writeFileSync(file, 'héllo wörld '.repeat(1000));
    const t = await readIndexableText(file, 100);
    expect(t.truncated).toBe(true);
    expect(Buffer.byteLength(t.text)).toBeLessThanOrEqual(100);
    expect(t.text).not.toContain('\uFFFD');
    expect(t.text.startsWith('héllo wörld héllo')).toBe(true);
  });

  it('decodes Windows-1252 text (what council systems export) when it is not UTF-8', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'ledger.csv');
    fs.writeFileSync(file, Buffer.from([0x43, 0x6f, 0x73, 0x74, 0x20, 0xa3, 0x35, 0x30, 0x30, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xe9])); // "Cost £500 – café"
    expect((await readIndexableText(file)).text).toBe('Cost £500 – café');
  });
});
