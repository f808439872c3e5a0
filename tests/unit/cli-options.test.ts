/**
 * `tpw` parses every verb's options together (main/cli/tpw.ts), so one name must mean one thing:
 * a second verb declaring `--keep` as a switch turned `tpw conflict resolve <id> --keep theirs`
 * into a usage error. Each option name has one type across all verbs (and agrees with the global ones).
 */
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../main/cli/verbs';

const GLOBAL: Record<string, string> = { db: 'string', json: 'boolean', help: 'boolean', version: 'boolean' };

describe('tpw options', () => {
  it('each option name has the same type in every verb that takes it', () => {
    const seen = new Map<string, { type: string; verb: string }>(Object.entries(GLOBAL).map(([k, type]) => [k, { type, verb: '(global)' }]));
    const clashes: string[] = [];
    for (const v of VERBS) {
      for (const [name, o] of Object.entries(v.options)) {
        const first = seen.get(name);
        if (!first) seen.set(name, { type: o.type, verb: v.words.join(' ') });
        else if (first.type !== o.type) clashes.push(`--${name}: ${o.type} in "tpw ${v.words.join(' ')}", ${first.type} in "${first.verb}"`);
      }
    }
    expect(clashes).toEqual([]);
  });
});
