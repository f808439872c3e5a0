import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { str, UsageError, type Verb } from './io';

/**
 * A consistent single-file copy of the database (VACUUM INTO works on a live WAL database) plus
 * a copy of the attachment folder beside it, checked by opening the copy and running
 * integrity_check. Refuses to overwrite an existing file.
 */
export const backupVerb: Verb = {
  words: ['backup'],
  usage: 'tpw backup -o <file.db>',
  summary: 'Write a consistent copy of the database (and its attachments) to a new file',
  options: { output: { type: 'string' }, o: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const target = str(args, 'output') ?? str(args, 'o');
    if (!target) throw new UsageError('Give the backup file with -o <file.db>');
    const out = path.resolve(target);
    if (fs.existsSync(out)) throw new AppError('REFUSED', `${out} already exists; choose a new file name (backups never overwrite).`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    wb!.ctx.sqlite.prepare('VACUUM INTO ?').run(out);
    const check = new BetterSqlite3(out, { readonly: true });
    const integrity = check.pragma('integrity_check', { simple: true }) as string;
    check.close();
    let attachments = 0;
    const src = wb!.ctx.paths.attachmentsDir;
    if (fs.existsSync(src)) {
      const dest = `${out.replace(/\.(db|sqlite3?)$/i, '')}-attachments`;
      fs.cpSync(src, dest, { recursive: true, filter: (p) => !p.includes(`${path.sep}tmp`) });
      attachments = fs.readdirSync(dest, { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))).length;
    }
    const bytes = fs.statSync(out).size;
    return {
      json: { file: out, bytes, integrity, attachments },
      text: `Backed up to ${out} (${(bytes / 1024 / 1024).toFixed(1)} MB, integrity ${integrity}, ${attachments} attachments)`,
    };
  },
};
