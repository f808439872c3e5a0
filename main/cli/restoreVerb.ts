import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { identityPath, restoreIdentityFile } from '../bundle/identity';
import BetterSqlite3 from 'better-sqlite3';
import { createPrivateFile, privateDir } from '../db/housekeeping';
import { nativeBindingFor } from '../db/native';
import { ownershipOf } from '../db/ownership';
import { companionPaths } from '../db/paths';
import { backupFiles, blobIsIntact, checkDatabaseCopy, copyBlob, listBlobs, readEncrypted } from './backupFiles';
import { readPassphraseFile, str, UsageError, type Verb } from './io';

/**
 * Brings back a backup made by `tpw backup` as the pilot at --db (or $TPW_DB, or the app's data
 * folder). Everything is checked before anything is written: the database copy (ours, intact,
 * not from a newer version), every attachment it needs (present, hash intact) and, when the
 * backup holds the keys, the passphrase. An existing pilot is never overwritten unless --replace
 * is given, and then it is first kept as a snapshot beside itself. Stop the desktop app and any
 * `tpw serve` on that pilot before replacing it.
 */
export const restoreVerb: Verb = {
  words: ['restore'],
  usage: 'tpw restore <backup.db> [--passphrase-file <f>] [--replace] [--db <target.db>] [--json]',
  summary: 'Bring back a backup made by `tpw backup` (database, attachments and, with the passphrase, the keys), checked first',
  options: { 'passphrase-file': { type: 'string' }, replace: { type: 'boolean' } },
  needsDb: false,
  async run(args) {
    const from = args.positionals[0];
    if (!from) throw new UsageError('Name the backup file (the .db written by tpw backup)');
    const backup = backupFiles(path.resolve(from));
    const target = args.dbPath;
    if (path.resolve(target) === backup.db) throw new UsageError('The backup and the pilot to restore into are the same file');
    const replace = args.values.replace === true;
    const passFile = str(args, 'passphrase-file');
    const hasKeys = fs.existsSync(backup.identity);

    // 1. Check everything first.
    const copy = checkDatabaseCopy(backup.db, 'The backup');
    const stored = new Set(listBlobs(backup.attachmentsDir));
    const lacking: string[] = [];
    for (const sha of copy.referenced) if (!stored.has(sha) || !(await blobIsIntact(backup.attachmentsDir, sha))) lacking.push(sha);
    if (lacking.length) {
      throw new AppError('BAD_FILE', `The backup is incomplete or damaged: ${lacking.length} attachment(s) it refers to are missing or altered in ${backup.attachmentsDir} (e.g. ${lacking[0]!.slice(0, 12)}…). Nothing was restored.`);
    }
    let identityText: string | null = null;
    if (hasKeys) {
      if (!passFile) throw new AppError('REFUSED', `The backup holds the keys (${backup.identity}): give --passphrase-file <f> with the passphrase used for the backup. Nothing was restored.`);
      identityText = await readEncrypted(backup.identity, readPassphraseFile(passFile, 1), 'the backup\'s keys');
    } else if (passFile) throw new UsageError(`The backup holds no keys (${backup.identity} does not exist): --passphrase-file is not needed`);
    const targetPaths = companionPaths(target);
    // Only a workbench pilot is ever replaced; another program's file is refused, untouched.
    if (fs.existsSync(target)) ownershipOf(target);
    if (fs.existsSync(target) && !replace) {
      throw new AppError('REFUSED', `${target} already exists. Restore into a new file with --db <file>, or give --replace (the current pilot is kept as a snapshot first). Nothing was restored.`);
    }
    const existingKeys = fs.existsSync(identityPath(target));
    if (identityText && existingKeys && !replace) throw new AppError('REFUSED', `There are already keys beside ${target}; nothing was restored.`);

    // 2. Write: the database through a temp file and a rename, so the target is never half-written.
    privateDir(path.dirname(target));
    let kept: string | null = null;
    if (fs.existsSync(target)) {
      privateDir(targetPaths.snapshotsDir);
      kept = path.join(targetPaths.snapshotsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-before-restore.db`);
      // VACUUM INTO: a consistent copy, WAL included, made without writing to the pilot.
      createPrivateFile(kept);
      const current = new BetterSqlite3(target, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingFor() });
      try {
        current.prepare('VACUUM INTO ?').run(kept);
      } finally {
        current.close();
      }
    }
    const tmp = `${target}.restoring-${process.pid}`;
    createPrivateFile(tmp);
    try {
      await fsp.copyFile(backup.db, tmp);
      await fsp.chmod(tmp, 0o600);
      // The target's journal files belong to the file being replaced.
      for (const j of ['-wal', '-shm', '-journal']) await fsp.rm(`${target}${j}`, { force: true });
      await fsp.rename(tmp, target);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
    // Attachments: the store is content-addressed, so adding what is missing is all a restore needs.
    privateDir(targetPaths.attachmentsDir);
    const present = new Set(listBlobs(targetPaths.attachmentsDir));
    let copied = 0;
    for (const sha of copy.referenced) {
      if (present.has(sha)) continue;
      if (!(await copyBlob(backup.attachmentsDir, targetPaths.attachmentsDir, sha))) throw new AppError('BAD_FILE', `Attachment ${sha.slice(0, 12)}… changed while it was being restored; run the restore again.`);
      copied++;
    }
    let keys: { fingerprint: string } | null = null;
    if (identityText) {
      if (existingKeys && replace) await fsp.rename(identityPath(target), `${identityPath(target)}.before-restore-${Date.now()}`);
      keys = await restoreIdentityFile(target, identityText);
    }
    const json = { restored: target, from: backup.db, schemaVersion: copy.schemaVersion, attachments: copy.referenced.length, attachmentsCopied: copied, identity: keys ? 'restored' : hasKeys ? 'not restored' : 'not in the backup', fingerprint: keys?.fingerprint ?? null, previous: kept };
    const text = [
      `Restored ${backup.db} into ${target} (schema ${copy.schemaVersion}; ${copy.referenced.length} attachments, all checked)`,
      keys ? `Keys restored: fingerprint ${keys.fingerprint.replace(/(.{4})(?=.)/g, '$1 ')}` : 'The backup holds no keys: this pilot gets new ones when it next exchanges a bundle (partners must add your new card).',
      ...(kept ? [`The pilot that was there is kept as ${kept}`] : []),
    ].join('\n');
    return { json, text };
  },
};
