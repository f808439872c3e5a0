/**
 * Property: for any schedule of edits and syncs by 2–4 members — with the sync client delivering
 * files late, half-copied or twice — once everyone has synced, all members hold exactly the same
 * pilot (canonical dump), and every revision any member wrote is held by all of them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTeam, type Member } from '../helpers/team';

type Op =
  | { k: 'add'; who: number }
  | { k: 'edit'; who: number; pick: number }
  | { k: 'delete'; who: number; pick: number }
  | { k: 'restore'; who: number; pick: number }
  | { k: 'resolve'; who: number; pick: number; choice: 'mine' | 'theirs' }
  | { k: 'sync'; who: number }
  | { k: 'deliver'; who: number };

const op = (members: number): fc.Arbitrary<Op> => {
  const who = fc.integer({ min: 0, max: members - 1 });
  const pick = fc.nat(20);
  return fc.oneof(
    fc.record({ k: fc.constant('add' as const), who }),
    { arbitrary: fc.record({ k: fc.constant('edit' as const), who, pick }), weight: 3 },
    fc.record({ k: fc.constant('delete' as const), who, pick }),
    fc.record({ k: fc.constant('restore' as const), who, pick }),
    fc.record({ k: fc.constant('resolve' as const), who, pick, choice: fc.constantFrom('mine' as const, 'theirs' as const) }),
    { arbitrary: fc.record({ k: fc.constant('sync' as const), who }), weight: 3 },
    { arbitrary: fc.record({ k: fc.constant('deliver' as const), who }), weight: 2 },
  );
};

const schedule = fc.integer({ min: 2, max: 4 }).chain((n) => fc.record({ n: fc.constant(n), seed: fc.nat(), ops: fc.array(op(n), { minLength: 4, maxLength: 24 }) }));

async function run(m: Member, o: Op, written: { id: string; rev: string }[]): Promise<void> {
  const refused = (e: unknown) => /CONFLICT|NOT_FOUND/.test(String((e as Error).message));
  try {
    if (o.k === 'add') {
      const h = await m.wb.call('hypothesis.add', { statement: `${m.name}'s idea` });
      written.push(h);
    } else if (o.k === 'edit' || o.k === 'delete') {
      const list = await m.wb.call('hypothesis.list', {});
      const h = list[o.pick % Math.max(1, list.length)];
      if (!h) return;
      const r = o.k === 'edit' ? await m.wb.call('hypothesis.update', { id: h.id, rev: h.rev, patch: { statement: `${m.name} edit of ${h.statement.slice(0, 40)}` } }) : await m.wb.call('hypothesis.delete', { id: h.id, rev: h.rev });
      written.push(r);
    } else if (o.k === 'restore') {
      const bin = await m.wb.call('recycleBin.list', {});
      const d = bin[o.pick % Math.max(1, bin.length)];
      if (!d) return;
      await m.wb.call('recycleBin.restore', { table: d.table, id: d.id });
      written.push(await m.wb.call('hypothesis.get', { id: d.id }));
    } else if (o.k === 'resolve') {
      const cs = await m.wb.call('team.conflicts', {});
      const c = cs[o.pick % Math.max(1, cs.length)];
      if (!c) return;
      await m.wb.call('conflict.resolve', { id: c.id, choice: o.choice });
      written.push(await m.wb.call('hypothesis.get', { id: c.recordId }).catch(() => ({ id: c.recordId, rev: c.localRev })));
    } else if (o.k === 'sync') {
      await m.sync();
    }
  } catch (e) {
    if (!refused(e)) throw e;
  }
}

describe('team sync, property', () => {
  it('2–4 members, any schedule of edits and syncs: they converge and no write is lost', async () => {
    await fc.assert(
      fc.asyncProperty(schedule, async ({ n, seed, ops }) => {
        const team = await makeTeam(['Ann', 'Ben', 'Cat', 'Dev'].slice(0, n), { seed: seed + 1, faults: { delay: 0.3, partial: 0.2, placeholder: 0.1, copy: 0.2 } });
        try {
          const written: { id: string; rev: string }[] = [];
          for (const o of ops) {
            const m = team.members[o.who]!;
            if (o.k === 'deliver') {
              team.client.upload(o.who);
              team.members.forEach((_, i) => team.client.upload(i));
              team.client.download(o.who);
            } else await run(m, o, written);
          }
          await team.quiesce();
          const first = team.members[0]!.dump();
          for (const m of team.members.slice(1)) expect(m.dump()).toEqual(first);
          for (const m of team.members) {
            const has = m.wb.ctx.sqlite.prepare("SELECT 1 FROM record_revisions WHERE table_name = 'hypotheses' AND record_id = ? AND rev = ?");
            for (const w of written) expect(has.get(w.id, w.rev), `${m.name} lost ${w.id} ${w.rev}`).toBeTruthy();
          }
        } finally {
          await team.cleanup();
        }
      }),
      { numRuns: Number(process.env.TPW_PROPERTY_RUNS ?? 12), endOnFailure: true },
    );
  });
});
