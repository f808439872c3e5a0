/**
 * Issue 14 on the command line: `tpw sar search|export`, `tpw retention list|set|apply`,
 * `tpw erase` and `tpw erasure log`, as a user runs them (the real binary, a real file). None of
 * these verbs existed before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

let dir: string;
let db: string;
beforeEach(() => {
  dir = tempDir();
  db = path.join(dir, 'w.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => tpw([...args, '--db', db, '--json']);

describe('tpw data protection verbs', () => {
  it('searches and exports for a subject-access request, decides retention, erases and logs', { timeout: 300_000 }, () => {
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'Home visit. Mrs Abernethy-Stroud said three agencies asked the same questions.\n');
    const item = run('evidence', 'add', '--title', 'Home visit notes', '--kind', 'observation', '--sensitivity', 'personal', '--attach', notes).json<{ id: string }>();
    const other = run('evidence', 'add', '--title', 'Survey', '--kind', 'citizen_survey', '--sensitivity', 'team').json<{ id: string }>();

    const found = run('sar', 'search', 'abernethy-stroud', '--ref', 'SAR-9');
    expect(found.status).toBe(0);
    expect(found.json<{ hits: { where: string; recordId: string }[]; records: number }>()).toMatchObject({ records: 1, hits: [{ where: 'attachment' }] });

    const out = path.join(dir, 'pack');
    const exported = run('sar', 'export', 'Abernethy-Stroud', '-o', out);
    expect(exported.json()).toMatchObject({ files: 3, matches: 1 });
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('Abernethy-Stroud');
    expect(fs.readdirSync(path.join(out, 'files'))).toHaveLength(1);
    // A folder with something in it is refused, and nothing is written.
    expect(run('sar', 'export', 'Abernethy', '-o', out).status).toBe(2);

    // Retention: with no pilot end date each item counts from the day it was added; 0 months makes it due now.
    expect(run('retention', 'set', 'personal', '0').status).toBe(0);
    const due = run('retention', 'apply').json<{ evidenceId: string }[]>();
    expect(due.map((d) => d.evidenceId)).toEqual([item.id]);
    expect(run('retention', 'apply', item.id, '--keep-until', '--reason', 'x').status).toBe(1); // no date given
    expect(run('retention', 'apply', item.id, '--keep-until', '2999-01-01', '--reason', 'Final evaluation').status).toBe(0);
    expect(run('retention', 'list').json<{ due: unknown[] }>().due).toEqual([]);

    expect(run('erase', other.id).status).toBe(1); // --reason missing
    const erased = run('erase', item.id, '--reason', 'Asked by the resident (SAR-9)', '--prune-snapshots');
    expect(erased.status).toBe(0);
    expect(erased.json()).toMatchObject({ log: { recordId: item.id, action: 'erase' }, blobsRemoved: 1, walTruncated: true });
    expect(run('sar', 'search', 'Abernethy').json<{ hits: unknown[] }>().hits).toEqual([]);
    expect(run('erasure', 'log').json()).toMatchObject([{ recordId: item.id, reason: 'Asked by the resident (SAR-9)', source: 'here' }]);
    const text = tpw(['erasure', 'log', '--db', db]);
    expect(text.stdout).toContain('Evidence item');
    expect(text.stdout).not.toContain('Abernethy');
  });
});
