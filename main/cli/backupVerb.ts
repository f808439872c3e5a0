import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { identityFileForBackup, loadIdentity } from '../bundle/identity';
import { createPrivateFile, privateDir } from '../db/housekeeping';
import { backupFiles, checkDatabaseCopy, copyBlob, listBlobs, writeEncrypted } from './backupFiles';
import { oneLine, readPassphraseFile, str, UsageError, type Verb } from './io';

/**
 * A complete, checked copy of a pilot: a consistent single-file copy of the database (VACUUM INTO
 * works on a live WAL database), every attachment it refers to (each checked against its hash as
 * it is copied), and — asked for, with a passphrase — this installation's keys. The copy is then
 * opened and checked as `tpw restore` will check it. Nothing is ever overwritten.
 */
export const backupVerb: Verb = {
  words: ['backup'],
  usage: 'tpw backup -o <file.db> [--with-identity --passphrase-file <f>] [--allow-incomplete] [--json]',
  summary: 'Write a complete, checked copy of the pilot: database, attachments and (with a passphrase) its keys',
  options: { output: { type: 'string' }, o: { type: 'string' }, 'with-identity': { type: 'boolean' }, 'passphrase-file': { type: 'string' }, 'allow-incomplete': { type: 'boolean' } },
  needsDb: true,
  async run(args, wb) {
    const target = str(args, 'output') ?? str(args, 'o');
    if (!target) throw new UsageError('Give the backup file with -o <file.db>');
    const withIdentity = args.values['with-identity'] === true;
    const passFile = str(args, 'passphrase-file');
    if (withIdentity && !passFile) throw new UsageError('--with-identity needs --passphrase-file <f>: the keys are only ever written encrypted');
    if (!withIdentity && passFile) throw new UsageError('--passphrase-file is for --with-identity');
    const passphrase = passFile ? readPassphraseFile(passFile) : undefined;
    const ctx = wb!.ctx;
    const out = backupFiles(path.resolve(target));
    for (const f of [out.db, out.attachmentsDir, ...(withIdentity ? [out.identity] : [])]) {
      if (fs.existsSync(f)) throw new AppError('REFUSED', `${f} already exists; choose a new backup name (backups never overwrite).`);
    }
    // The keys first: a keychain-sealed identity (desktop) is refused before anything is written.
    const identity = withIdentity ? await loadIdentity(ctx) : null;
    privateDir(path.dirname(out.db));
    const written: string[] = [];
    try {
      createPrivateFile(out.db);
      written.push(out.db);
      ctx.sqlite.prepare('VACUUM INTO ?').run(out.db);
      const copy = checkDatabaseCopy(out.db, 'The backup');
      written.push(out.attachmentsDir);
      privateDir(out.attachmentsDir);
      const have = new Set(listBlobs(ctx.paths.attachmentsDir));
      const missing: string[] = [];
      const damaged: string[] = [];
      let bytes = 0;
      for (const sha of copy.referenced) {
        if (!have.has(sha)) missing.push(sha);
        else if (!(await copyBlob(ctx.paths.attachmentsDir, out.attachmentsDir, sha))) damaged.push(sha);
        else bytes += (await fsp.stat(path.join(out.attachmentsDir, sha.slice(0, 2), sha))).size;
      }
      const names = await attachmentNames(ctx, [...missing, ...damaged]);
      const lacking = [...missing.map((m) => `${oneLine(names.get(m) ?? m)} (missing from the store)`), ...damaged.map((d) => `${oneLine(names.get(d) ?? d)} (damaged in the store)`)];
      // A backup that cannot be restored is no backup: refused (exit 2, nothing left behind) unless asked for.
      if (lacking.length && args.values['allow-incomplete'] !== true) {
        throw new AppError(
          'REFUSED',
          `${lacking.length} attachment(s) the pilot refers to cannot be copied: ${lacking.slice(0, 10).join('; ')}${lacking.length > 10 ? '; …' : ''}. ` +
            'No backup was written. Put those files back (an earlier backup holds them) or remove them from their evidence items, then back up again; ' +
            '`tpw check --attachments` lists them. To copy everything else anyway, add --allow-incomplete (`tpw restore` refuses such a copy until the missing files are added to its attachments folder).',
        );
      }
      if (identity) {
        written.push(out.identity);
        await writeEncrypted(out.identity, identityFileForBackup(identity, ctx.now()), passphrase!);
      }
      const complete = missing.length === 0 && damaged.length === 0;
      const json = {
        file: out.db,
        bytes: fs.statSync(out.db).size,
        integrity: 'ok',
        schemaVersion: copy.schemaVersion,
        attachments: copy.referenced.length - missing.length - damaged.length,
        attachmentBytes: bytes,
        attachmentsDir: out.attachmentsDir,
        identity: identity ? out.identity : null,
        complete,
        missing: missing.map((s) => names.get(s) ?? s),
        damaged: damaged.map((s) => names.get(s) ?? s),
      };
      const lines = [
        `Backed up to ${out.db} (${(json.bytes / 1024 / 1024).toFixed(1)} MB, integrity ok, schema ${copy.schemaVersion})`,
        `Attachments: ${json.attachments} copied and checked (${(bytes / 1024 / 1024).toFixed(1)} MB) into ${out.attachmentsDir}`,
        identity
          ? `Keys: encrypted with your passphrase into ${out.identity} (fingerprint ${identity.fingerprint.replace(/(.{4})(?=.)/g, '$1 ')})`
          : 'Keys: NOT included. Without them, bundles partners send you cannot be opened after restoring on another computer. Add --with-identity --passphrase-file <f> to include them, encrypted.',
      ];
      if (!complete) {
        lines.push(`WARNING: the backup is incomplete (--allow-incomplete): ${lacking.slice(0, 10).join('; ')}. Everything else was copied.`);
      }
      return { json, text: lines.join('\n') };
    } catch (e) {
      // All or nothing: what this backup wrote is removed again.
      for (const f of written.reverse()) await fsp.rm(f, { recursive: true, force: true });
      throw e;
    }
  },
};

/** 'Attachment "notes.pdf" of evidence item "…"' for hashes, to say what is missing or damaged. */
async function attachmentNames(ctx: Parameters<typeof loadIdentity>[0], hashes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (hashes.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('evidenceAttachments as a')
    .leftJoin('evidenceItems as i', 'i.id', 'a.evidenceId')
    .select(['a.sha256', 'a.fileName', 'i.title'])
    .where('a.sha256', 'in', hashes)
    .execute();
  for (const r of rows) if (!out.has(r.sha256)) out.set(r.sha256, `"${r.fileName}"${r.title ? ` of evidence item "${r.title}"` : ''}`);
  return out;
}
