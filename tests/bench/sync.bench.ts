/**
 * Team sync benchmark (issue 11): five members each make 2,000 changes (new hypotheses and edits),
 * syncing through one folder every 100 changes; then
 *   - a fresh member joins and catches up from the folder — goal < 10 s, peak memory < 300 MB
 *     (measured in a child process, so the figure is the catch-up's own);
 *   - an ordinary sync that brings 50 new changes — goal < 1 s.
 *
 *   npm run bench -- sync
 *   TPW_BENCH_CHANGES=500 npm run bench -- sync      (quicker)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openWorkbench, type Workbench } from '../../main/api/workbench';
import { memberCard } from '../../main/team/service';
import { syncTeam } from '../../main/team/sync';
import { stateHash } from '../../main/team/canonical';

const MEMBERS = 5;
const CHANGES = Number(process.env.TPW_BENCH_CHANGES ?? 2000);
const SYNC_EVERY = 100;

const mb = (kb: number) => (kb / 1024).toFixed(0);
const call = async (wb: Workbench, method: string, input: unknown) => {
  const r = await wb.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as never;
};

async function child(db: string): Promise<void> {
  const wb = openWorkbench(db, 'cli');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await syncTeam(wb.ctx);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const hash = stateHash(wb.ctx.sqlite);
  const records = (wb.ctx.sqlite.prepare('SELECT count(*) AS n FROM hypotheses').get() as { n: number }).n;
  await wb.close();
  process.stdout.write(JSON.stringify({ ms, cpuMs, maxRssKb: process.resourceUsage().maxRSS, files: r.files, applied: r.applied, skipped: r.skipped.length, hash, records }));
}

async function main(): Promise<void> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'tpw-sync-bench-'));
  const folder = path.join(dir, 'Team folder');
  fs.mkdirSync(folder);
  try {
    const members: Workbench[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const wb = openWorkbench(path.join(dir, `m${i}.db`), 'cli');
      await call(wb, 'me.set', { name: `Member ${i}`, organisation: null });
      members.push(wb);
    }
    const [founder] = members as [Workbench];
    await call(founder, 'pilot.save', { pilot: { place: 'Benchshire', question: 'How?' } });
    await call(founder, 'team.create', { folder, name: 'Bench team' });
    for (const m of members.slice(1)) {
      await call(m, 'team.join', { folder });
      await call(founder, 'team.addMember', { card: fs.readFileSync((await memberCard(m.ctx)).path, 'utf8'), name: `Member ${members.indexOf(m)}`, organisation: null });
    }
    for (const m of members) await syncTeam(m.ctx);

    console.log(`${MEMBERS} members × ${CHANGES} changes, syncing every ${SYNC_EVERY}…`);
    const t0 = performance.now();
    const mine: string[][] = members.map(() => []);
    for (let done = 0; done < CHANGES; done += SYNC_EVERY) {
      for (const [i, m] of members.entries()) {
        for (let k = 0; k < SYNC_EVERY && done + k < CHANGES; k++) {
          // Two new hypotheses for every edit of one made earlier.
          if (k % 3 === 2 && mine[i]!.length) {
            const id = mine[i]![Math.floor(Math.random() * mine[i]!.length)]!;
            const h = (await call(m, 'hypothesis.get', { id })) as { rev: string };
            await call(m, 'hypothesis.update', { id, rev: h.rev, patch: { rationale: `edited at ${done + k}` } });
          } else {
            const h = (await call(m, 'hypothesis.add', { statement: `Member ${i}: hypothesis ${done + k} about joining up services`, rationale: 'x'.repeat(120) })) as { id: string };
            mine[i]!.push(h.id);
          }
        }
        await syncTeam(m.ctx);
      }
    }
    for (const m of members) await syncTeam(m.ctx);
    console.log(`  made and synced in ${((performance.now() - t0) / 1000).toFixed(1)} s; folder: ${fs.readdirSync(path.join(folder, 'changes')).reduce((n, d) => n + fs.readdirSync(path.join(folder, 'changes', d)).length, 0)} change files`);

    // A fresh member: joins, is added, catches up in a process of its own.
    const freshDb = path.join(dir, 'fresh.db');
    const fresh = openWorkbench(freshDb, 'cli');
    await call(fresh, 'me.set', { name: 'Newcomer', organisation: null });
    await call(fresh, 'team.join', { folder });
    await call(founder, 'team.addMember', { card: fs.readFileSync((await memberCard(fresh.ctx)).path, 'utf8'), name: 'Newcomer', organisation: null });
    await fresh.close();
    const r = spawnSync(process.execPath, [...(process.env.TPW_BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.TPW_BENCH_PROFILE] : []), '--import', 'tsx', import.meta.filename, 'catchup', freshDb], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`catch-up failed: ${r.stderr}`);
    const c = JSON.parse(r.stdout) as { ms: number; cpuMs: number; maxRssKb: number; files: number; applied: number; skipped: number; hash: string; records: number };
    console.log(`fresh member catch-up: ${(c.ms / 1000).toFixed(2)} s (CPU ${(c.cpuMs / 1000).toFixed(2)} s), ${c.files} file(s), ${c.applied} changes applied, ${c.records} hypotheses; peak RSS ${mb(c.maxRssKb)} MB`);
    // The newcomer has since sent its own first change (its name): one more round, then all hold the same.
    const again = openWorkbench(freshDb, 'cli');
    for (const m of [founder, again, founder]) await syncTeam(m.ctx);
    console.log(`  newcomer holds the same as the founder afterwards: ${stateHash(again.ctx.sqlite) === stateHash(founder.ctx.sqlite) ? 'yes' : 'NO'}`);
    await again.close();

    // An ordinary sync: 50 new changes from a teammate.
    const [, writer, reader] = members as [Workbench, Workbench, Workbench];
    await syncTeam(reader.ctx);
    for (let k = 0; k < 50; k++) await call(writer, 'hypothesis.add', { statement: `Fresh idea ${k}` });
    await syncTeam(writer.ctx);
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    const o = await syncTeam(reader.ctx);
    const ordinary = performance.now() - t1;
    const ordinaryCpu = process.cpuUsage(cpu1);
    console.log(`ordinary sync: ${o.applied} changes (50 hypotheses and their first status) in ${ordinary.toFixed(0)} ms (CPU ${((ordinaryCpu.user + ordinaryCpu.system) / 1000).toFixed(0)} ms)`);

    console.log(`goal: fresh member catches up in < 10 s — ${c.ms < 10_000 ? 'met' : 'MISSED'}`);
    console.log(`goal: ordinary sync with 50 changes < 1 s — ${ordinary < 1000 ? 'met' : 'MISSED'}`);
    console.log(`goal: memory < 300 MB — ${c.maxRssKb / 1024 < 300 ? 'met' : 'MISSED'}`);
    for (const m of members) await m.close();
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

const [mode, db] = process.argv.slice(2);
if (mode === 'catchup') await child(db!);
else await main();
