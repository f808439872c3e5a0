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

describe('tpw evidence', () => {
  it('adds with attachments, links, searches inside the attached text, and lists', { timeout: 300_000 }, () => {
    const notes = path.join(dir, 'notes.md');
    fs.writeFileSync(notes, '# Visit\nThree agencies assessed the same kitchen: duplication everywhere.\n');
    const h = run('hypothesis', 'add', '--statement', 'Joint assessment saves visits').json<{ id: string }>();
    const added = run('evidence', 'add', '--title', 'Home visit', '--kind', 'observation', '--tag', 'visits', '--sensitivity', 'partners', '--citizen', '--attach', notes);
    expect(added.status).toBe(0);
    const e = added.json<{ id: string; citizenPerspective: boolean; attachments: { fileName: string; size: number }[] }>();
    expect(e.citizenPerspective).toBe(true);
    expect(e.attachments).toEqual([expect.objectContaining({ fileName: 'notes.md', size: fs.statSync(notes).size })]);

    const link = run('evidence', 'link', e.id, h.id, '--rating', 'cc', '--weight', 'high', '--note', 'Seen first hand');
    expect(link.status).toBe(0);
    expect(link.json()).toMatchObject({ rating: 'CC', weight: 'high', note: 'Seen first hand' });

    const search = run('evidence', 'search', 'kitchen', 'duplication');
    expect(search.status).toBe(0);
    const hits = search.json<{ evidenceId: string; snippet: string }[]>();
    expect(hits).toHaveLength(1);
    expect(hits[0]!.evidenceId).toBe(e.id);
    expect(hits[0]!.snippet).toContain('[kitchen]: [duplication]');

    const listed = run('evidence', 'list', '--citizen').json<{ id: string; linkCount: number; attachmentCount: number }[]>();
    expect(listed).toEqual([expect.objectContaining({ id: e.id, linkCount: 1, attachmentCount: 1 })]);
  });

  it('refuses a missing attachment (exit 2, nothing added) and a rating outside the scale', { timeout: 300_000 }, () => {
    const r = run('evidence', 'add', '--title', 'With ghost', '--attach', path.join(dir, 'ghost.pdf'));
    expect(r.status).toBe(2);
    expect(r.json()).toEqual({ error: { code: 'BAD_FILE', message: '"ghost.pdf" could not be found. It may have been moved or deleted; choose it again.' } });
    expect(run('evidence', 'list').json()).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'w-attachments')) ? fs.readdirSync(path.join(dir, 'w-attachments'), { recursive: true }).filter((f) => String(f).length > 10) : []).toEqual([]);

    const h = run('hypothesis', 'add', '--statement', 'H').json<{ id: string }>();
    const e = run('evidence', 'add', '--title', 'E').json<{ id: string }>();
    const bad = run('evidence', 'link', e.id, h.id, '--rating', 'maybe');
    expect(bad.status).toBe(2);
    expect(bad.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'INVALID_INPUT', message: 'rating: Rating must be one of CC, C, N, I, II, NA' });
    expect(run('evidence', 'show', e.id).json<{ links: unknown[] }>().links).toEqual([]);
    expect(tpw(['evidence', 'link', e.id, '--db', db]).status).toBe(1); // usage: the hypothesis id is missing
    expect(run('evidence', 'add', '--title', 'x', '--kind', 'gossip').status).toBe(2);
  });
});
