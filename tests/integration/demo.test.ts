/** `tpw demo` and `pilot.createDemo`: a whole demo pilot built through the services, refused on a database in use. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../main/api/workbench';
import type { DemoSummary } from '../../shared/contract/demo';
import { REPO_ROOT, TPW, tpw } from '../helpers/cli';
import { tempDir, tempWorkbench } from '../helpers/workbench';

const dir = tempDir('tpw-demo-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Rows in every table of the file: "nothing changed" means all of them are the same. */
function tableCounts(dbPath: string): Record<string, number> {
  const wb = openWorkbench(dbPath, 'cli', { readOnly: true });
  try {
    const names = (wb.ctx.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
    return Object.fromEntries(names.map((n) => [n, (wb.ctx.sqlite.prepare(`SELECT count(*) AS n FROM "${n}"`).get() as { n: number }).n]));
  } finally {
    void wb.close();
  }
}

describe('tpw demo', () => {
  const db = path.join(dir, 'demo.db');
  let made: DemoSummary;

  it('fills an empty database with a whole pilot, marked as demo', async () => {
    const r = tpw(['demo', '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    made = r.json<DemoSummary>();
    expect(made).toMatchObject({ place: 'Anyshire (demo)', organisations: 6, teamMembers: 5, themes: 4, hypotheses: 6, evidence: 8, spendFiles: 2, spendRules: 5, interventions: 1, estimateLines: 5, learning: 3, actions: 4, benefits: 1 });
    expect(made.quotes).toBeGreaterThanOrEqual(6);
    expect(made.spendLines).toBeGreaterThan(400);

    const wb = openWorkbench(db, 'cli');
    try {
      const call = async <T,>(m: string, i: unknown): Promise<T> => {
        const res = await wb.dispatch(m, i);
        if (!res.ok) throw new Error(`${m}: ${res.error.message}`);
        return res.value as T;
      };
      const o = await call<{ pilot: { place: string; question: string; reportDeadline: string | null }; demo?: boolean; organisations: unknown[]; teamMembers: unknown[]; themes: unknown[]; milestones: unknown[] }>('pilot.overview', {});
      expect(o.demo).toBe(true);
      expect(o.pilot.place).toBe('Anyshire (demo)');
      expect(o.pilot.question.length).toBeGreaterThan(20);
      expect(o.pilot.reportDeadline).not.toBeNull();
      expect([o.organisations.length, o.teamMembers.length, o.themes.length, o.milestones.length]).toEqual([6, 5, 4, 4]);

      const hyps = await call<{ status: string; ownerId: string | null; themeId: string | null }[]>('hypothesis.list', {});
      expect(hyps.map((h) => h.status).sort()).toEqual(['inconclusive', 'parked', 'proposed', 'refuted', 'supported', 'testing']);
      expect(hyps.every((h) => h.ownerId && h.themeId)).toBe(true);

      const evidence = await call<{ total: number; items: { kind: string }[] }>('evidence.list', {});
      expect(evidence.total).toBe(8);
      expect(evidence.items.filter((e) => e.kind === 'citizen_journey')).toHaveLength(3);
      const quotes = await call<{ codeIds: string[]; links: unknown[] }[]>('quote.list', {});
      expect(quotes).toHaveLength(made.quotes);
      expect(quotes.every((q) => q.codeIds.length > 0)).toBe(true);
      const matrix = await call<{ hypotheses: unknown[]; rows: unknown[] }>('evidence.matrix', {});
      expect(JSON.stringify(matrix)).toMatch(/"CC"/);

      expect(await call<unknown[]>('spend.files', {})).toHaveLength(2);
      expect(await call<unknown[]>('spendRule.list', {})).toHaveLength(5);
      const interventions = await call<{ lineCount: number }[]>('intervention.list', {});
      expect(interventions.map((i) => i.lineCount)).toEqual([5]);
      expect(await call<unknown[]>('learning.list', {})).toHaveLength(3);
      const actions = await call<{ kind: string }[]>('action.list', {});
      expect(actions.filter((a) => a.kind === 'recommendation')).toHaveLength(2);
      const benefits = await call<{ realisations: unknown[] }[]>('benefit.list', {});
      expect(benefits.map((b) => b.realisations.length)).toEqual([1]);
      const narrative = await call<{ body: string }[]>('narrative.list', {});
      expect(narrative.some((n) => n.body.includes('demonstration pilot'))).toBe(true);

      const s = await call<{ hypothesisCount: number; savings: { interventionCount: number } | null; spend: { byAgency: unknown[] } | null; actions: { open: number }; learningCount: number; benefits: { count: number } }>('dashboard.summary', {});
      expect(s.hypothesisCount).toBe(6);
      expect(s.savings?.interventionCount).toBe(1);
      expect(s.spend?.byAgency).toHaveLength(2);
      expect(s.learningCount).toBe(3);
      expect(s.benefits.count).toBe(1);
    } finally {
      await wb.close();
    }
  });

  it('passes tpw check', () => {
    const check = tpw(['--db', db, 'check', '--json']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.json()).toMatchObject({ integrity: 'ok' });
  });

  it('is refused on a database that holds a pilot, with exit 2, and nothing changes', () => {
    const before = tableCounts(db);
    const again = tpw(['demo', '--db', db]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds the pilot for Anyshire \(demo\)/);
    expect(tableCounts(db)).toEqual(before);
  });
});

describe('pilot.createDemo', () => {
  it('is refused when someone has set up their own pilot, and adds nothing to it', async () => {
    const wb = tempWorkbench();
    try {
      await wb.call('pilot.save', { rev: null, pilot: { place: 'Barnsley', question: 'What does the place spend?' } });
      const before = await wb.call('pilot.overview', {});
      const r = await wb.dispatch('pilot.createDemo', {});
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('REFUSED');
      const after = await wb.call('pilot.overview', {});
      expect(after).toEqual(before);
      expect(after.demo).toBe(false);
    } finally {
      await wb.cleanup();
    }
  });
});

describe('tpw serve', () => {
  it('says that each run prints a new sign-in link and an old one stops working after a restart', async () => {
    const ui = path.join(dir, 'ui');
    fs.mkdirSync(ui, { recursive: true });
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>app</title>');
    const proc = spawn(process.execPath, [TPW, 'serve', '--db', path.join(dir, 'serve.db')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TPW_RENDERER_DIR: ui } });
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`tpw serve printed: ${out}`)), 60_000);
        proc.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Ctrl+C')) {
            clearTimeout(timer);
            resolve();
          }
        });
        proc.once('exit', (code) => reject(new Error(`tpw serve exited ${code}: ${out}`)));
      });
    } finally {
      proc.kill('SIGTERM');
    }
    expect(out).toMatch(/running at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(out).toMatch(/Each run of `tpw serve` prints a new sign-in link; a link from an earlier run stops working when the server restarts/);
  });
});
