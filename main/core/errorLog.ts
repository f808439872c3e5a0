/**
 * The error log: one JSON line per unexpected failure, in `<db>-logs/errors.log` beside the
 * database. The user is shown only a short reference (E-7K3QX9); the stack stays here. A stack can
 * quote the user's data, so the folder is 0700 and the file 0600 (POSIX; Windows keeps the
 * profile folder's ACL). Rotated at 1 MB with 3 old files kept, so a crash loop cannot fill a disk.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { companionPaths } from '../db/paths';

export const ERROR_LOG_FILE = 'errors.log';
const MAX_BYTES = 1024 * 1024;
const KEEP = 3;
/** Long enough for any real stack; a pathological one is cut so a single entry stays far below MAX_BYTES. */
const MAX_TEXT = 64 * 1024;
/** No 0/O, 1/I/L or U: a reference read out over the phone survives. 30^6 ≈ 7×10^8 references. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface ErrorLogEntry {
  time: string;
  reference: string;
  /** The contract method, or where outside the dispatcher it happened (e.g. "tpw spend import"). */
  method: string;
  name: string;
  message: string;
  code?: string;
  stack: string;
  cause?: string;
}

export interface ErrorLog {
  readonly file: string;
  /** Appends one entry and returns its reference. Never throws: the caller is already failing. */
  record(method: string, error: unknown): string;
}

export interface ErrorLogOptions {
  maxBytes?: number;
  keep?: number;
  now?: () => Date;
}

export function newErrorReference(): string {
  let ref = 'E-';
  for (let i = 0; i < 6; i++) ref += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return ref;
}

/** The log that belongs to a database file (see companionPaths). */
export const errorLogBeside = (dbPath: string, opts?: ErrorLogOptions): ErrorLog => openErrorLog(companionPaths(dbPath).logsDir, opts);

export function openErrorLog(dir: string, opts: ErrorLogOptions = {}): ErrorLog {
  const file = path.join(dir, ERROR_LOG_FILE);
  const maxBytes = opts.maxBytes ?? MAX_BYTES;
  const keep = opts.keep ?? KEEP;

  function append(line: string): void {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    restrict(dir, 0o700);
    const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate(file, keep);
    const fd = fs.openSync(file, 'a', 0o600);
    try {
      // The mode given to open applies only when the file is created; tighten one made by hand.
      if (process.platform !== 'win32') fs.fchmodSync(fd, 0o600);
      fs.writeSync(fd, line);
    } finally {
      fs.closeSync(fd);
    }
  }

  return {
    file,
    record(method, error) {
      const reference = newErrorReference();
      const entry: ErrorLogEntry = { time: (opts.now?.() ?? new Date()).toISOString(), reference, method, ...describe(error) };
      const line = `${JSON.stringify(entry)}\n`;
      try {
        append(line);
      } catch (e) {
        // Nowhere better to put it: the process's own stderr (the terminal or the app's console).
        process.stderr.write(`[tpw] could not write the error log ${file} (${(e as Error).message}); the entry was:\n${line}`);
      }
      return reference;
    },
  };
}

function describe(error: unknown): Omit<ErrorLogEntry, 'time' | 'reference' | 'method'> {
  if (!(error instanceof Error)) {
    const text = clip(util.inspect(error, { depth: 4 }));
    return { name: typeof error, message: text, stack: text };
  }
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: clip(error.message),
    ...(typeof code === 'string' ? { code } : {}),
    stack: clip(error.stack ?? `${error.name}: ${error.message}`),
    ...(error.cause !== undefined ? { cause: clip(error.cause instanceof Error ? (error.cause.stack ?? String(error.cause)) : util.inspect(error.cause, { depth: 4 })) } : {}),
  };
}

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}… (${text.length - MAX_TEXT} more characters)` : text);

/** errors.log → errors.log.1 → … → errors.log.<keep>; the oldest is dropped. */
function rotate(file: string, keep: number): void {
  fs.rmSync(`${file}.${keep}`, { force: true });
  for (let i = keep - 1; i >= 1; i--) if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  if (keep >= 1) fs.renameSync(file, `${file}.1`);
  else fs.rmSync(file, { force: true });
}

function restrict(target: string, mode: number): void {
  if (process.platform === 'win32') return;
  if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
}
