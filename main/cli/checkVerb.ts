import { AppError } from '../../shared/errors';
import { APP_VERSION } from '../../shared/version';
import type { Verb } from './io';

/**
 * `tpw check`: the database's integrity, its schema version, and whether what it holds still keeps
 * the app's rules. It opens the file itself, read-only and with the driver alone (no services, no
 * dispatcher), so it changes nothing — the CLI root loads nothing else for it (see LIGHT_VERBS in
 * tpw.ts). Anything wrong exits 2 with what SQLite (or the rule) says, so scripts can rely on it.
 */
export const checkVerb: Verb = {
  words: ['check'],
  usage: 'tpw check [--attachments] [--json]',
  summary: 'Check the database: integrity, schema version, every record against the app\'s rules, attachments present (--attachments: and unaltered)',
  options: { attachments: { type: 'boolean' } },
  needsDb: false,
  async run(args) {
    // Imported here so `tpw --version` (which shares this module's chunk) never loads the SQLite driver.
    const { openReadOnlySqlite } = await import('../db/readOnly');
    const { schemaVersionOf } = await import('../db/migrate');
    const { companionPaths } = await import('../db/paths');
    const sqlite = openReadOnlySqlite(args.dbPath);
    try {
      const integrity = (sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map((r) => r.integrity_check);
      if (integrity.join() !== 'ok') {
        throw new AppError(
          'BAD_FILE',
          `${args.dbPath} is damaged. SQLite's integrity check says: ${integrity.slice(0, 5).join('; ')}${integrity.length > 5 ? ` (and ${integrity.length - 5} more)` : ''}. Restore it from a backup (tpw restore) or a snapshot beside it.`,
        );
      }
      const { contentProblems } = await import('./checkContent');
      const problems = await contentProblems(sqlite, companionPaths(args.dbPath).attachmentsDir, { hashes: args.values.attachments === true });
      if (problems.length) {
        const list = problems.map((p) => `${p.what} ${p.problem}`);
        throw new AppError(
          'BAD_FILE',
          `${args.dbPath} passes SQLite's integrity check, but ${problems.length}${problems.length >= 20 ? ' or more' : ''} thing(s) in it do not keep the workbench's rules: ${list.slice(0, 3).join('; ')}${list.length > 3 ? '; …' : ''}.`,
          Object.fromEntries(list.map((l, i) => [`problem.${i + 1}`, l])),
        );
      }
      const schemaVersion = schemaVersionOf(sqlite);
      const json = { integrity: 'ok', schemaVersion, appVersion: APP_VERSION, db: args.dbPath, records: 'ok', attachments: args.values.attachments === true ? 'verified' : 'present' };
      return { json, text: `Database ${args.dbPath}\nIntegrity: ok\nSchema version: ${schemaVersion}\nRecords: all keep the workbench's rules\nAttachments: ${json.attachments === 'verified' ? 'all present and unaltered' : 'all present'}` };
    } finally {
      sqlite.close();
    }
  },
};
