/**
 * The README and the command line point users only at what they have: docs/ in the repository,
 * the bundle files the app really writes, and a first-ten-minutes walkthrough with the demo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../main/cli/verbs';

const root = path.resolve(import.meta.dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README and first run', () => {
  it('names no file a user does not have', () => {
    expect(readme).not.toMatch(/\.\.\/shared/);
    expect(readme).not.toMatch(/issue notes/i);
    // ESTIMATES.md and CLI.md only as the copies shipped in docs/.
    expect(readme.match(/(?<!docs\/)\b(ESTIMATES|CLI)\.md/g) ?? []).toEqual([]);
    expect(fs.existsSync(path.join(root, 'docs', 'ESTIMATES.md'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'docs', 'CLI.md'))).toBe(true);
  });

  it('calls bundles what the app writes (.age + .minisig); .tpwb is only the team folder’s attachment blobs', () => {
    const tpwb = readme.split('\n').filter((l) => l.includes('.tpwb'));
    expect(tpwb.every((l) => l.includes('blobs/'))).toBe(true);
    expect(readme).toMatch(/\.age\.minisig/);
  });

  it('tpw --help names docs/ESTIMATES.md, never a bare ESTIMATES.md', () => {
    const help = VERBS.map((v) => `${v.usage}\n${v.summary}`).join('\n');
    expect(help).toContain('docs/ESTIMATES.md');
    expect(help.match(/(?<!docs\/)ESTIMATES\.md/g) ?? []).toEqual([]);
  });

  it('has a first-ten-minutes walkthrough near the top, with the demo', () => {
    const at = readme.indexOf('## Your first ten minutes');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(readme.indexOf('## Install'));
    const section = readme.slice(at, readme.indexOf('\n## ', at + 1));
    expect(section).toContain('Explore a demo pilot');
    expect(section).toContain('tpw demo');
    expect(section).toMatch(/new sign-in link/);
  });
});
