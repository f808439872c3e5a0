/**
 * docs/CLI.md is the reference users are pointed to: every verb `tpw --help` lists must be in it
 * with its usage line exactly as the command line prints it, and it must name no verb that does
 * not exist — so the reference cannot drift from the program.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../main/cli/verbs';

const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/CLI.md'), 'utf8');
const documented = [...doc.matchAll(/^```\n(tpw [^\n]+)\n```$/gm)].map((m) => m[1]!);

describe('docs/CLI.md', () => {
  it('lists every verb with the usage line tpw --help prints', () => {
    for (const v of VERBS) expect(documented, v.words.join(' ')).toContain(v.usage);
  });

  it('lists nothing that is not a verb', () => {
    const usages = new Set(VERBS.map((v) => v.usage));
    expect(documented.filter((u) => !usages.has(u))).toEqual([]);
    expect(documented).toHaveLength(VERBS.length);
  });
});
