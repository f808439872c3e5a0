/**
 * One sync: read what teammates wrote to the folder and apply it, then write our own changes.
 *
 * Reading is careful about what sync clients do. Names are only hints (a file says inside, signed,
 * whose it is). A file is applied only when (a) it decrypts, its signature is a member's and its
 * body matches its signed hash — a half-copied, placeholder or altered file is noted and retried,
 * never half-applied; (b) that member's earlier files and everything it says it builds on have been
 * applied here — files arriving out of order wait for the ones before them; (c) it has not been
 * applied before — copies ("(1)", "-DESKTOP-…") are recognised by content. Each file is applied in
 * its own transaction, so a folder that vanishes mid-sync leaves everything applied so far intact
 * and the rest for next time. Files written before we joined were never encrypted to us: a
 * teammate's snapshot covers them, and is read when such files are found.
 *
 * Clocks play no part in any decision: order comes from each member's sequence numbers and the
 * revisions' ancestry, so laptops whose clocks are minutes or days apart converge all the same.
 */
import { AppError } from '../../shared/errors';
import type { SyncResult, TeamNoteKind } from '../../shared/domain/team';
import { newId } from '../db/ids';
import { softDeleteRecord } from '../db/records';
import { checkExtraRow, checkRecord, newReadContext, appendOnlyTableFor } from '../bundle/records';
import { READER_VERSION } from '../bundle/format';
import { loadIdentity, type Identity } from '../bundle/identity';
import { recordTable } from '../core/recordTables';
import { inWriteTransaction } from '../core/recordStore';
import { teamFolderAllowed } from '../core/policy';
import { currentActor, type ServiceContext } from '../core/context';
import { reindexAttachmentText } from '../evidence/queries';
import { applyTombstones, lastErasureAt } from '../privacy/queries';
import { applyStaged, TEAM_CONFLICT, type ApplyEnv } from './apply';
import { fetchBlob } from './blobs';
import { memberOfInstallation, parseEvent, type Roster } from './events';
import { folderProblem, isMissing, isNotWritable, listTeamFiles, nodeIo, type FolderIo, type FoundFile } from './folder';
import { readHeader, readTeamFile, TeamFileError, type OpenedHeader, type TeamFileHeader, type TeamItem } from './fileFormat';
import { sendChanges, type ExportEnv } from './outbox';
import { snapshotDue, writeSnapshot } from './snapshot';
import { Stage } from './stage';
import { exclusive, requireTeam, rosterOf } from './state';
import { checkTeamFolder, requestFileOf } from './teamFolder';
import { myProfile, publishProfile } from './profile';
import path from 'node:path';
import type { TeamTable } from './tables';
import { sql } from './statements';

export interface SyncOptions {
  /** The file operations on the folder (tests inject a read-only or vanishing folder). */
  io?: FolderIo;
}

const running = new Map<string, Promise<unknown>>();

/** Syncs the team folder; one sync at a time per database (a second caller waits for the first). */
export function syncTeam(ctx: ServiceContext, opts: SyncOptions = {}): Promise<SyncResult> {
  const before = running.get(ctx.dbPath) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(() => runSync(ctx, opts.io ?? nodeIo));
  running.set(ctx.dbPath, run);
  return run.finally(() => {
    if (running.get(ctx.dbPath) === run) running.delete(ctx.dbPath);
  });
}

interface Note {
  kind: TeamNoteKind;
  message: string;
}

/** Plain words for a note, naming the member where it helps. */
function noteText(e: TeamFileError): string {
  // Everything is tried again (a sync app may yet bring a whole copy), except another team's file.
  const retry = e.kind === 'other-team' ? '' : ' Tried again on every sync.';
  return `Not applied: ${e.message}.${retry}`;
}

class Run {
  readonly result: SyncResult;
  readonly notes = new Map<string, Note>();
  readonly headers = new Map<string, OpenedHeader | TeamFileError>();
  readonly applied = new Map<string, number>();
  readonly acked = new Map<string, number>();
  readonly done = new Set<string>();
  roster!: Roster;
  reindex = false;
  private fileNo = 0;
  /** Files with attachment records, whose text the search index must take in once applied. */
  private readonly bringsAttachments = new Set<number>();

  constructor(
    readonly ctx: ServiceContext,
    readonly io: FolderIo,
    readonly team: TeamTable,
    readonly identity: Identity,
    readonly stage: Stage,
  ) {
    this.result = { at: ctx.now().toISOString(), folderAvailable: true, message: null, applied: 0, files: 0, conflicts: 0, newConflicts: 0, skipped: [], members: [], wrote: null, snapshot: null };
  }

  async load(): Promise<void> {
    this.roster = await rosterOf(this.ctx, this.team);
    for (const p of await this.ctx.db.selectFrom('teamProgress').selectAll().execute()) {
      this.applied.set(p.installationId, p.appliedSeq);
      this.acked.set(p.installationId, p.ackedSeq);
    }
  }

  note(f: FoundFile, e: TeamFileError): void {
    this.notes.set(f.rel, { kind: e.kind, message: noteText(e) });
  }

  nameOf(installationId: string): string {
    return memberOfInstallation(this.roster, installationId)?.name ?? `installation ${installationId.slice(0, 8)}`;
  }

  /** The signer's key, if the signer is (or was) a member; the founder's from team.json otherwise. */
  keyOf = (h: TeamFileHeader): string | null => {
    const m = this.roster.members.get(h.signer);
    if (m) return m.minisignPublicKey;
    return h.signer === this.team.founderFingerprint ? this.team.founderMinisignKey : null;
  };

  async header(f: FoundFile): Promise<OpenedHeader | TeamFileError> {
    const cached = this.headers.get(f.rel);
    // A signer unknown a moment ago may have been added by a file applied since.
    if (cached && !(cached instanceof TeamFileError && cached.kind === 'unknown-signer')) return cached;
    let h: OpenedHeader | TeamFileError;
    try {
      h = await readHeader(f.abs, this.identity.ageIdentity, this.keyOf);
      if (h.header.teamId !== this.team.id) h = new TeamFileError('other-team', 'it belongs to another team (the folder holds files of two teams)');
    } catch (e) {
      if (!(e instanceof TeamFileError)) throw e;
      h = e;
    }
    this.headers.set(f.rel, h);
    return h;
  }

  /** The highest file of `installationId` that someone still in the team has said it applied. */
  ackFloor(installationId: string): number {
    let floor = this.acked.get(installationId) ?? 0;
    for (const h of this.headers.values()) {
      if (h instanceof TeamFileError || h.header.installationId === installationId) continue;
      if (this.roster.members.get(h.header.signer)?.status !== 'active') continue;
      floor = Math.max(floor, h.header.deps[installationId] ?? 0);
    }
    return floor;
  }

  /**
   * Why a file signed by a former member (removed, or replaced by a new laptop) may not change
   * anything here, or null when its signer is active or it is one of their files from before.
   * Every way a file is applied goes through this, because the former member still has their
   * signing key, the members' public keys and the folder: they can sign anything they like.
   *   - A change file counts only up to their cutoff, or as far as an active member says it had
   *     applied before the removal reached it (ackFloor), so that nobody un-applies anything.
   *   - A change at a sequence already applied here, with other content, never counts: what they
   *     wrote at that sequence before they left is what was applied, so this one is new.
   *   - A snapshot never counts: it is signed by them alone, and nothing in it tells one made
   *     before they left from one made after. Active members' snapshots and files carry the same.
   */
  formerMember(h: TeamFileHeader): TeamFileError | null {
    const m = this.roster.members.get(h.signer);
    if (!m) return new TeamFileError('unknown-signer', 'it is signed by someone who is not (yet) a member of the team here');
    if (m.status === 'active') return null;
    const left = `${m.name} was ${m.status === 'replaced' ? 'replaced by a new laptop' : 'removed from the team'}`;
    if (h.kind === 'snapshot') return new TeamFileError('removed-member', `${left}, and a snapshot signed by a former member cannot be told apart from one made after they left (the other members' own files bring the same)`);
    if (h.seq <= (this.applied.get(h.installationId) ?? 0)) return new TeamFileError('removed-member', `${left}, and this is another version of their change ${h.seq}, which was applied here before; a former member's changes cannot be replaced`);
    if (h.seq > Math.max(m.cutoff, this.ackFloor(h.installationId))) return new TeamFileError('removed-member', `${left} before this change of theirs was made`);
    return null;
  }

  /** Why a file cannot be applied yet, or null when it can. */
  blocker(h: TeamFileHeader): TeamFileError | null {
    const refused = this.formerMember(h);
    if (refused) return refused;
    const have = this.applied.get(h.installationId) ?? 0;
    if (h.kind === 'change' && h.seq > have + 1) return new TeamFileError('waiting', `waiting for ${this.nameOf(h.installationId)}'s earlier change ${have + 1}, which has not arrived here yet`);
    for (const [inst, seq] of Object.entries(h.deps)) {
      if (inst === h.installationId) continue;
      if ((this.applied.get(inst) ?? 0) < seq) return new TeamFileError('waiting', `it builds on ${this.nameOf(inst)}'s change ${seq}, which has not arrived here yet`);
    }
    return null;
  }

  /** Reads a file whole (checked) into the stage, then applies it in one transaction. */
  async apply(f: FoundFile): Promise<TeamFileHeader> {
    const file = ++this.fileNo;
    try {
      const header = await readTeamFile(f.abs, this.identity.ageIdentity, this.keyOf, (item, index) => this.stageItem(file, item, index));
      if (header.teamId !== this.team.id) throw new TeamFileError('other-team', 'it belongs to another team');
      // Checked again on the header read whole with the body: the file may have changed since its header was first read.
      const refused = this.formerMember(header);
      if (refused) throw refused;
      for (const b of this.stage.items(file, 'blob')) if (b.k === 'blob') await fetchBlob(this.team.folder, this.ctx.paths.attachmentsDir, b);
      const now = this.ctx.now().toISOString();
      const env: ApplyEnv = {
        sqlite: this.ctx.sqlite,
        now,
        nameOfInstallation: (i) => memberOfInstallation(this.roster, i)?.name ?? null,
        note: (key, kind, message) => this.notes.set(key, { kind, message }),
      };
      const counts = await exclusive(this.ctx, (sqlite) => {
        const c = applyStaged(env, this.stage, file, header);
        recordProgress(sqlite, header, f, now);
        return c;
      });
      if (this.bringsAttachments.has(file) && counts.revisions > 0) this.reindex = true;
      this.result.applied += counts.revisions + counts.resolutions + counts.rows + counts.events;
      this.result.files++;
      this.result.newConflicts += counts.newConflicts;
      if (header.kind === 'change') this.applied.set(header.installationId, Math.max(this.applied.get(header.installationId) ?? 0, header.seq));
      else for (const [inst, seq] of Object.entries(header.deps)) this.applied.set(inst, Math.max(this.applied.get(inst) ?? 0, seq));
      for (const [inst, seq] of Object.entries(header.deps)) if (inst !== header.installationId) this.acked.set(inst, Math.max(this.acked.get(inst) ?? 0, seq));
      if (counts.events > 0) this.roster = await rosterOf(this.ctx, this.team);
      return header;
    } finally {
      this.stage.drop(file);
    }
  }

  /** Checks one item against the domain's rules (as a partner's bundle is checked) and stages it. */
  private stageItem(file: number, item: TeamItem, index: number): void {
    const refuse = (m: string): never => {
      throw new TeamFileError('damaged', m);
    };
    if (item.k === 'rev' || item.k === 'cover') {
      const spec = recordTable(item.t);
      if (item.t === 'evidenceAttachments') this.bringsAttachments.add(file);
      if (!spec) throw new TeamFileError('newer-version', `it holds "${item.t}" records, which this version of the workbench does not know; update the workbench to read it`);
      if (item.k === 'rev' && Object.keys(item.r.data).length > 0) {
        if (item.r.data.id !== item.id || item.r.data.rev !== item.r.rev) refuse(`item ${index} does not match the record it says it is`);
        try {
          checkRecord(spec, { row: item.r.data, history: [] }, index, newReadContext(READER_VERSION));
        } catch (e) {
          refuse(`item ${index} breaks the workbench's rules for a ${spec.noun.toLowerCase()} (${(e as Error).message.replace(/^"records\/\w+\.json" item \d+ /, '')})`);
        }
      }
    } else if (item.k === 'row') {
      try {
        checkExtraRow(appendOnlyTableFor(item.t), item.row, index, newReadContext(READER_VERSION));
      } catch (e) {
        refuse(`item ${index}: ${(e as Error).message}`);
      }
    } else if (item.k === 'event' && !parseEvent(item)) {
      refuse(`item ${index} is not a valid membership event`);
    }
    this.stage.add(file, item);
  }
}

function recordProgress(sqlite: import('better-sqlite3').Database, h: TeamFileHeader, f: FoundFile, now: string): void {
  const upsert = sql(sqlite, 
    `INSERT INTO team_progress (installation_id, applied_seq, signer, lamport, last_created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (installation_id) DO UPDATE SET
       last_created_at = CASE WHEN excluded.applied_seq > applied_seq OR applied_seq = 0 THEN coalesce(excluded.last_created_at, last_created_at) ELSE last_created_at END,
       last_seen_at = CASE WHEN excluded.applied_seq > applied_seq THEN coalesce(excluded.last_seen_at, last_seen_at) ELSE last_seen_at END,
       applied_seq = max(applied_seq, excluded.applied_seq), signer = coalesce(excluded.signer, signer), lamport = max(lamport, excluded.lamport)`,
  );
  const ack = sql(sqlite, 'INSERT INTO team_progress (installation_id, acked_seq) VALUES (?, ?) ON CONFLICT (installation_id) DO UPDATE SET acked_seq = max(acked_seq, excluded.acked_seq)');
  if (h.kind === 'change') upsert.run(h.installationId, h.seq, h.signer, h.lamport, h.createdAt, now);
  else {
    for (const [inst, seq] of Object.entries(h.deps)) upsert.run(inst, seq, null, 0, null, null);
    upsert.run(h.installationId, h.deps[h.installationId] ?? 0, h.signer, h.lamport, h.createdAt, now);
  }
  for (const [inst, seq] of Object.entries(h.deps)) if (inst !== h.installationId) ack.run(inst, seq);
  sql(sqlite, 'INSERT OR IGNORE INTO team_applied (installation_id, kind, seq, body_sha256, applied_at, items) VALUES (?, ?, ?, ?, ?, ?)').run(h.installationId, h.kind, h.seq, h.body.sha256, now, h.body.items);
  sql(sqlite, 'INSERT OR REPLACE INTO team_seen_files (path, size, mtime_ms, outcome) VALUES (?, ?, ?, ?)').run(f.rel, f.size, f.mtimeMs, 'applied');
  sql(sqlite, 'UPDATE team SET lamport = max(lamport, ?), changes_since_snapshot = changes_since_snapshot + ?').run(h.lamport, h.kind === 'change' ? h.body.items : 0);
}

/** Whether a change file of this installation and sequence was applied here: this very content, or any. */
async function appliedAtSeq(run: Run, h: TeamFileHeader, content: 'same' | 'any'): Promise<boolean> {
  let q = run.ctx.db.selectFrom('teamApplied').select('seq').where('installationId', '=', h.installationId).where('kind', '=', 'change').where('seq', '=', h.seq);
  if (content === 'same') q = q.where('bodySha256', '=', h.body.sha256);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Applies every change file that can be applied, in the order they must be; returns whether any was. */
async function applyChanges(run: Run, files: FoundFile[]): Promise<boolean> {
  const seen = new Map((await run.ctx.db.selectFrom('teamSeenFiles').selectAll().execute()).map((s) => [s.path, s]));
  const me = run.team.installationId;
  const candidates = files.filter((f) => {
    if (f.kind !== 'change' || run.done.has(f.rel)) return false;
    const s = seen.get(f.rel);
    if (s && s.size === f.size && s.mtimeMs === f.mtimeMs) return false;
    return f.seq > (run.applied.get(f.installationId) ?? 0) || f.copy;
  });
  let any = false;
  for (let progress = true; progress; ) {
    progress = false;
    for (const f of candidates) {
      if (run.done.has(f.rel)) continue;
      const h = await run.header(f);
      if (h instanceof TeamFileError) {
        run.note(f, h);
        continue;
      }
      const { header } = h;
      const have = run.applied.get(header.installationId) ?? 0;
      if (header.kind !== 'change') continue;
      if (header.seq <= have) {
        // Applied already: a copy is applied too only if its content differs (never, unless two
        // computers share one identity — then both contents count, and we say so — and never
        // from a former member: the blocker below refuses theirs).
        const same = await appliedAtSeq(run, header, 'same');
        const ours = header.installationId === me ? await run.ctx.db.selectFrom('teamOutbox').select('bodySha256').where('seq', '=', header.seq).executeTakeFirst() : undefined;
        if (same || (ours && (ours.bodySha256 === header.body.sha256 || ours.bodySha256 === null))) {
          run.done.add(f.rel);
          await run.ctx.db.insertInto('teamSeenFiles').values({ path: f.rel, size: f.size, mtimeMs: f.mtimeMs, outcome: 'duplicate' }).onConflict((oc) => oc.column('path').doUpdateSet({ size: f.size, mtimeMs: f.mtimeMs, outcome: 'duplicate' })).execute();
          run.notes.delete(f.rel);
          continue;
        }
        if (run.formerMember(header) && !(await appliedAtSeq(run, header, 'any'))) {
          // A former member's change that came here inside a snapshot, never as a file: this copy
          // cannot be compared with it and is not taken up, but it is no sign of anything amiss.
          run.done.add(f.rel);
          run.notes.delete(f.rel);
          continue;
        }
      }
      const blocked = run.blocker(header);
      if (blocked) {
        run.note(f, blocked);
        continue;
      }
      if (header.seq <= have && header.installationId === me) run.notes.set(`identity:${f.rel}`, { kind: 'identity-clash', message: `${f.rel} is signed with this installation's key but was not written here: another computer is using a copy of this pilot file and its keys. Its changes were applied; stop using one of the copies.` });
      try {
        await run.apply(f);
      } catch (e) {
        if (!(e instanceof TeamFileError)) throw e;
        run.note(f, e);
        continue;
      }
      run.done.add(f.rel);
      run.notes.delete(f.rel);
      progress = any = true;
    }
  }
  return any;
}

/**
 * Snapshots that bring something we cannot get from change files (files from before we joined, or
 * a long way behind): the newest of each member's that covers more than we have.
 */
async function applySnapshots(run: Run, files: FoundFile[]): Promise<boolean> {
  const me = run.team.installationId;
  const newest = new Map<string, FoundFile[]>();
  for (const f of files) {
    if (f.kind !== 'snapshot' || f.installationId === me) continue;
    const list = newest.get(f.installationId) ?? [];
    list.push(f);
    newest.set(f.installationId, list);
  }
  let any = false;
  // Active members' snapshots first: a former member's is never read, and needs no note when an
  // active member's has brought all it would have.
  const active = (inst: string) => (memberOfInstallation(run.roster, inst)?.status === 'active' ? 0 : 1);
  for (const [, list] of [...newest.entries()].sort(([a], [b]) => active(a) - active(b))) {
    list.sort((a, b) => b.seq - a.seq);
    for (const f of list) {
      const h = await run.header(f);
      if (h instanceof TeamFileError) {
        // An older snapshot of theirs may be whole where the newest is still copying.
        if (h.kind !== 'not-for-us') run.note(f, h);
        continue;
      }
      const { header } = h;
      run.notes.delete(f.rel);
      const m = run.roster.members.get(header.signer);
      if (!m || header.kind !== 'snapshot') break;
      const useful = Object.entries(header.deps).some(([inst, seq]) => seq > (run.applied.get(inst) ?? 0));
      if (!useful) break;
      const refused = run.formerMember(header);
      if (refused) {
        run.note(f, refused);
        break;
      }
      const applied = await run.ctx.db.selectFrom('teamApplied').select('seq').where('installationId', '=', header.installationId).where('kind', '=', 'snapshot').where('seq', '=', header.seq).where('bodySha256', '=', header.body.sha256).executeTakeFirst();
      if (applied) break;
      try {
        await run.apply(f);
        any = true;
      } catch (e) {
        if (!(e instanceof TeamFileError)) throw e;
        run.note(f, e);
        continue;
      }
      break;
    }
  }
  return any;
}

/** The first time we find ourselves a member, a pilot set up here before joining gives way to the team's. */
async function adoptTeamPilot(ctx: ServiceContext, me: string): Promise<void> {
  const spec = recordTable('pilot');
  if (!spec) return;
  const rows = await ctx.db.selectFrom('pilot').select(['id', 'rev']).where('deletedAt', 'is', null).execute();
  const fromTeam = new Set((await ctx.db.selectFrom('teamRevisionOrigin').select('recordId').where('tableName', '=', 'pilot').where('installationId', '<>', me).execute()).map((r) => r.recordId));
  if (!rows.some((r) => fromTeam.has(r.id))) return;
  const ours = rows.filter((r) => !fromTeam.has(r.id));
  if (ours.length === 0) return;
  await inWriteTransaction(ctx, async (trx, w) => {
    for (const r of ours) await softDeleteRecord(trx, spec, r.id, r.rev, w);
  });
}

async function runSync(ctx: ServiceContext, io: FolderIo): Promise<SyncResult> {
  const team = await requireTeam(ctx);
  if (ctx.policy && !teamFolderAllowed(ctx.policy, team.folder)) {
    throw new AppError('REFUSED', `Your IT department allows team folders only in ${ctx.policy.teamFolderLocations!.join('; ')}. This team's folder (${team.folder}) is elsewhere, so it was not synced. Join the team again from an allowed folder.`);
  }
  const identity = await loadIdentity(ctx);
  const stage = new Stage(ctx.paths.tempDir);
  const run = new Run(ctx, io, team, identity, stage);
  let outcome: 'ok' | 'unavailable' | 'error' = 'ok';
  try {
    await run.load();
    const wasActive = run.roster.members.get(identity.fingerprint)?.status === 'active';
    await checkTeamFolder(io, team);
    const files = await listTeamFiles(io, team.folder);
    await applyChanges(run, files);
    const stuck = [...run.notes.values()].some((n) => n.kind === 'not-for-us' || n.kind === 'waiting') || run.applied.size === 0 || !wasActive;
    if (stuck && (await applySnapshots(run, files))) await applyChanges(run, files);
    // Files a snapshot covered need no note: what they held is here.
    for (const f of files) if (f.kind === 'change' && !f.copy && f.seq <= (run.applied.get(f.installationId) ?? 0)) run.notes.delete(f.rel);
    // Teammates' erasures (tombstones that came in, or records a file brought back): erased here too.
    await applyTombstones(ctx, 'team');
    const active = run.roster.members.get(identity.fingerprint)?.status === 'active';
    if (active) {
      if (!wasActive) {
        // Just added: the team's pilot is ours now, our own name goes to the roster, our request is done.
        await adoptTeamPilot(ctx, team.installationId);
        await publishProfile(ctx, await myProfile(ctx));
        run.roster = await rosterOf(ctx, team);
        await io.rm(path.join(team.folder, ...requestFileOf(identity.fingerprint).split('/'))).catch(() => undefined);
      }
      const env: ExportEnv = { ctx, io, team: await requireTeam(ctx), roster: run.roster, identity };
      // A laptop that finds teammates' files not encrypted to it may have been removed without
      // knowing: it sends what it has to, but no "I synced" files that would only pile up as notes.
      const shutOut = files.some((f) => f.kind === 'change' && !f.copy && run.notes.get(f.rel)?.kind === 'not-for-us');
      run.result.wrote = await sendChanges(env, { heartbeat: !shutOut });
      const after = await requireTeam(ctx);
      // An erasure since our last snapshot: our snapshots in the folder may hold what was erased.
      const erased = lastErasureAt(ctx);
      const afterErasure = erased !== null && (after.lastSnapshotAt === null || erased > after.lastSnapshotAt);
      if (afterErasure || snapshotDue({ ...env, team: after })) run.result.snapshot = await writeSnapshot({ ...env, team: after }, { afterErasure });
    }
    if (active && !run.result.message && [...run.notes.values()].some((n) => n.kind === 'not-for-us')) {
      run.result.message = 'Some teammates’ change files are not encrypted to this laptop: either they were written before you joined (a teammate’s snapshot brings them at a later sync), or you have been removed from the team or replaced by a new laptop.';
    }
  } catch (e) {
    if (e instanceof AppError) {
      outcome = 'unavailable';
      run.result.folderAvailable = false;
      run.result.message = e.message;
    } else if (isMissing(e) || isNotWritable(e)) {
      outcome = isMissing(e) ? 'unavailable' : 'error';
      run.result.folderAvailable = !isMissing(e);
      run.result.message = folderProblem(e, team.folder).message;
    } else throw e;
  } finally {
    stage.close();
  }
  if (run.reindex) await reindexAttachmentText(ctx).catch((e: unknown) => console.error('[tpw] indexing attachments after a team sync failed:', e));
  return finish(ctx, run, outcome);
}

/** Saves the notes, the result and a log line; fills in the members and conflicts. */
async function finish(ctx: ServiceContext, run: Run, outcome: 'ok' | 'unavailable' | 'error'): Promise<SyncResult> {
  const r = run.result;
  const now = ctx.now().toISOString();
  const progress = new Map((await ctx.db.selectFrom('teamProgress').selectAll().execute()).map((p) => [p.installationId, p]));
  r.members = [...run.roster.members.values()].map((m) => ({ name: m.name, fingerprint: m.fingerprint, status: m.status, lastSyncAt: progress.get(m.installationId)?.lastCreatedAt ?? null }));
  const open = await ctx.db.selectFrom('bundleConflicts').select((eb) => eb.fn.countAll<number>().as('n')).where('bundleId', '=', TEAM_CONFLICT).where('resolvedAt', 'is', null).executeTakeFirstOrThrow();
  r.conflicts = Number(open.n);
  r.skipped = [...run.notes.entries()].filter(([p, n]) => !p.startsWith('record:') && !p.startsWith('identity:') && n.kind !== 'duplicate-name').map(([file, n]) => ({ file, reason: n.message }));
  const actor = await currentActor(ctx);
  await exclusive(ctx, (sqlite) => {
    const existing = new Map((sql(sqlite, 'SELECT path, first_at, attempts FROM team_notes').all() as { path: string; first_at: string; attempts: number }[]).map((n) => [n.path, n]));
    if (r.folderAvailable) {
      // Notes about files are redone on every sync that could see the folder; notes about records stay.
      for (const path of existing.keys()) if (!path.startsWith('record:') && !run.notes.has(path)) sql(sqlite, 'DELETE FROM team_notes WHERE path = ?').run(path);
    }
    for (const [path, n] of run.notes) {
      const prev = existing.get(path);
      sql(sqlite, 'INSERT OR REPLACE INTO team_notes (path, kind, message, first_at, last_at, attempts) VALUES (?, ?, ?, ?, ?, ?)').run(path, n.kind, n.message, prev?.first_at ?? now, now, (prev?.attempts ?? 0) + 1);
    }
    sql(sqlite, 'UPDATE team SET last_sync_at = ?, last_sync = ?').run(now, JSON.stringify(r));
    sql(sqlite, 'INSERT INTO team_sync_log (id, at, actor, outcome, summary) VALUES (?, ?, ?, ?, ?)')
      .run(newId(), now, actor, outcome, JSON.stringify({ applied: r.applied, wrote: r.wrote?.changes ?? 0, conflicts: r.conflicts, skipped: r.skipped.length, message: r.message }));
  });
  return r;
}
