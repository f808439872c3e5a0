/**
 * Our files carry an SQLite application_id ("TPWB"), so another program's database given as
 * `--db` is recognised and refused before anything is written to it (no schema added, no journal
 * or WAL file created: the decision is made from the file's bytes, never by opening it).
 *
 * Files from before the application_id (schema versions up to 7 had none) are recognised by the
 * table every workbench database has had since its first migration, and claimed when opened.
 */
import fs from 'node:fs';
import { AppError } from '../../shared/errors';

/** "TPWB" as a big-endian 32-bit number, in the database header at offset 68. */
export const APPLICATION_ID = 0x54505742;

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Written by migration 1 into sqlite_master, which lives in the first pages of the file. */
const OURS_MARKER = Buffer.from('CREATE TABLE schema_migrations (', 'latin1');
const SCAN_BYTES = 8 * 1024 * 1024;

export type Ownership = 'new' | 'ours' | 'legacy';

function readHead(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

function holdsMarker(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  return readHead(file, SCAN_BYTES).includes(OURS_MARKER);
}

/**
 * Whose file this is, from its bytes alone: 'new' (empty, or an SQLite file with no tables yet),
 * 'ours', or 'legacy' (ours, from before the application_id). Anything else is refused.
 */
export function ownershipOf(dbPath: string): Ownership {
  const size = fs.statSync(dbPath).size;
  if (size === 0) return 'new';
  const head = readHead(dbPath, 100);
  if (head.length < 100 || !head.subarray(0, 16).equals(MAGIC)) {
    throw new AppError('REFUSED', `${dbPath} is not a Total Place Workbench pilot file (it is not an SQLite database at all). It was not changed; choose a pilot file, or a new file name to start one.`);
  }
  const applicationId = head.readUInt32BE(68);
  if (applicationId === APPLICATION_ID) return 'ours';
  const foreign = (why: string) =>
    new AppError('REFUSED', `${dbPath} is another program's database (${why}), not a Total Place Workbench pilot file. It was not changed; choose a pilot file, or a new file name to start one.`);
  if (applicationId !== 0) throw foreign(`application id 0x${applicationId.toString(16).padStart(8, '0')}`);
  const userVersion = head.readUInt32BE(60);
  const schemaCookie = head.readUInt32BE(40);
  const wal = `${dbPath}-wal`;
  const walHasData = fs.existsSync(wal) && fs.statSync(wal).size > 0;
  if (userVersion === 0 && schemaCookie === 0 && !walHasData) return 'new';
  if (holdsMarker(dbPath) || (walHasData && holdsMarker(wal))) return 'legacy';
  throw foreign('it has tables the workbench does not make');
}
