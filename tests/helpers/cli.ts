import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const TPW = path.join(REPO_ROOT, 'bin', 'tpw.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs the real `tpw` as a user would, with no terminal on stdin. */
export function tpw(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [TPW, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    input: opts.input ?? '',
    cwd: opts.cwd ?? REPO_ROOT,
    timeout: 120_000,
  });
  return {
    status: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: <T,>() => JSON.parse(r.stdout) as T,
  };
}
