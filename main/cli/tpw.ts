/**
 * `tpw`: the workbench's services without the window. Global options (--db, --json) may stand
 * before or after the verb. Exit status: 0 done, 1 usage error, 2 refused bad input (nothing
 * changed). Never prompts when stdin is not a terminal.
 */
import { parseArgs } from 'node:util';
import { ERROR_HEADINGS } from '../../shared/errors';
import { errorShapeFor } from '../api/errors';
import { errorLogBeside } from '../core/errorLog';
import { resolveDbPath } from '../db/paths';
import { openWorkbench, type Workbench } from '../api/workbench';
import { UsageError, type Verb, type VerbOutput } from './io';
import { VERBS } from './verbs';

const GLOBAL_OPTIONS = { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

function allOptions() {
  const merged: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = { ...GLOBAL_OPTIONS };
  for (const v of VERBS) for (const [k, o] of Object.entries(v.options)) merged[k] = { ...o, ...(merged[k]?.multiple ? { multiple: true } : {}) };
  return merged;
}

function findVerb(positionals: string[]): { verb: Verb; rest: string[] } | null {
  const matches = VERBS.filter((v) => v.words.every((w, i) => positionals[i] === w)).sort((a, b) => b.words.length - a.words.length);
  const verb = matches[0];
  return verb ? { verb, rest: positionals.slice(verb.words.length) } : null;
}

export function usage(): string {
  const lines = VERBS.map((v) => `  ${v.usage}\n      ${v.summary}`);
  return `Total Place Workbench command line\n\nUsage: tpw <verb> [options] [--db <file>] [--json]\n\n${lines.join('\n')}\n\n` +
    'Global options:\n  --db <file>  the database (default: $TPW_DB, else the desktop app\'s data folder)\n  --json       print exactly one JSON document\n';
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: allOptions(), allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${usage()}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const json = values.json === true;
  const found = findVerb(positionals);
  if (values.help && found) {
    process.stdout.write(`Usage: ${found.verb.usage}\n  ${found.verb.summary}\n`);
    return 0;
  }
  if (values.help || positionals.length === 0) {
    process.stdout.write(usage());
    return positionals.length === 0 && !values.help ? 1 : 0;
  }
  if (!found) {
    process.stderr.write(`Unknown command "${positionals.join(' ')}".\n\n${usage()}`);
    return 1;
  }
  const { verb, rest } = found;
  const foreign = Object.keys(values).filter((k) => !(k in GLOBAL_OPTIONS) && !(k in verb.options));
  if (foreign.length) {
    process.stderr.write(`"${verb.words.join(' ')}" does not take --${foreign.join(', --')}.\nUsage: ${verb.usage}\n`);
    return 1;
  }
  const dbPath = resolveDbPath(values.db as string | undefined);
  let wb: Workbench | null = null;
  try {
    if (verb.needsDb) wb = openWorkbench(dbPath, 'cli', { readOnly: verb.readOnly === true });
    const out = await verb.run({ positionals: rest, values: values as VerbArgs['values'], json, dbPath }, wb);
    if (out !== 'long-running') print(out, json);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\nUsage: ${verb.usage}\n`);
      return 1;
    }
    // An unexpected error goes to the log beside the database; the terminal gets its reference.
    const err = errorShapeFor(e, `tpw ${verb.words.join(' ')}`, wb?.errorLog ?? errorLogBeside(dbPath));
    if (json) process.stdout.write(`${JSON.stringify({ error: err })}\n`);
    // INTERNAL's message already opens with its heading.
    else process.stderr.write(err.code === 'INTERNAL' ? `${err.message}\n` : `${ERROR_HEADINGS[err.code]}: ${err.message}\n`);
    return 2;
  } finally {
    await wb?.close();
  }
}

type VerbArgs = Parameters<Verb['run']>[0];

function print(out: VerbOutput, json: boolean) {
  process.stdout.write(json ? `${JSON.stringify(out.json, null, 2)}\n` : `${out.text}\n`);
}
