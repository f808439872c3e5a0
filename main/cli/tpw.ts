/**
 * `tpw`: the workbench's services without the window. Global options (--db, --json) may stand
 * before or after the verb. Exit status: 0 done, 1 usage error, 2 refused bad input (nothing
 * changed). Never prompts when stdin is not a terminal.
 *
 * Start-up is kept short: this module imports only light things. `--version` and the LIGHT_VERBS
 * run without loading the other verbs, the services or their libraries; everything else is loaded
 * on demand (the bundle in out/cli splits at these dynamic imports).
 */
import { parseArgs } from 'node:util';
import { ERROR_HEADINGS } from '../../shared/errors';
import { APP_VERSION } from '../../shared/version';
import { errorLogBeside } from '../core/errorLog';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { namesNoFile, resolveDbPath } from '../db/paths';
import { checkVerb } from './checkVerb';
import { plainText, terminalJson, UsageError, type Verb, type VerbArgs, type VerbOutput } from './io';
import type { Workbench } from '../core/workbench';

const GLOBAL_OPTIONS = { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } } as const;

/** Verbs that need none of the services: when the arguments are for one of these, nothing else is loaded. */
const LIGHT_VERBS: Verb[] = [checkVerb];

function allOptions(verbs: Verb[]) {
  const merged: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = { ...GLOBAL_OPTIONS };
  for (const v of verbs) for (const [k, o] of Object.entries(v.options)) merged[k] = { ...o, ...(merged[k]?.multiple ? { multiple: true } : {}) };
  return merged;
}

function findVerb(verbs: Verb[], positionals: string[]): { verb: Verb; rest: string[] } | null {
  const matches = verbs.filter((v) => v.words.every((w, i) => positionals[i] === w)).sort((a, b) => b.words.length - a.words.length);
  const verb = matches[0];
  return verb ? { verb, rest: positionals.slice(verb.words.length) } : null;
}

export function usage(verbs: Verb[]): string {
  const lines = verbs.map((v) => `  ${v.usage}\n      ${v.summary}`);
  return `Total Place Workbench command line\n\nUsage: tpw <verb> [options] [--db <file>] [--json]\n\n${lines.join('\n')}\n\n` +
    'Global options:\n  --db <file>  the database (default: $TPW_DB, else the data folder set by your IT department, else the desktop app\'s data folder)\n' +
    '  --json       print exactly one JSON document\n  --version    print the version\n';
}

type Parsed = ReturnType<typeof parseArgs<{ args: string[]; options: ReturnType<typeof allOptions>; allowPositionals: true; strict: true }>>;

function parse(argv: string[], verbs: Verb[]): Parsed {
  return parseArgs({ args: argv, options: allOptions(verbs), allowPositionals: true, strict: true });
}

/** The parse for a light verb, when the arguments are exactly that; null sends them to the full CLI. */
function parseLight(argv: string[]): Parsed | null {
  try {
    const parsed = parse(argv, LIGHT_VERBS);
    if (parsed.values.version) return parsed;
    return findVerb(LIGHT_VERBS, parsed.positionals) && !parsed.values.help ? parsed : null;
  } catch {
    return null;
  }
}

async function everyVerb(): Promise<Verb[]> {
  return (await import('./verbs')).VERBS;
}

export async function main(argv: string[]): Promise<number> {
  let verbs = LIGHT_VERBS;
  let parsed = parseLight(argv);
  if (!parsed) {
    verbs = await everyVerb();
    try {
      parsed = parse(argv, verbs);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n\n${usage(verbs)}`);
      return 1;
    }
  }
  const { values, positionals } = parsed;
  const json = values.json === true;
  if (values.version) {
    const runtime = process.versions.electron ? `electron ${process.versions.electron}` : `node ${process.versions.node}`;
    process.stdout.write(json ? `${JSON.stringify({ version: APP_VERSION, schemaVersion: LATEST_SCHEMA_VERSION, runtime })}\n` : `tpw ${APP_VERSION} (database schema ${LATEST_SCHEMA_VERSION}, ${runtime})\n`);
    return 0;
  }
  const found = findVerb(verbs, positionals);
  if (values.help && found) {
    process.stdout.write(`Usage: ${found.verb.usage}\n  ${found.verb.summary}\n`);
    return 0;
  }
  if (values.help || positionals.length === 0) {
    process.stdout.write(usage(verbs));
    return positionals.length === 0 && !values.help ? 1 : 0;
  }
  if (!found) {
    process.stderr.write(`Unknown command "${positionals.join(' ')}".\n\n${usage(verbs)}`);
    return 1;
  }
  const { verb, rest } = found;
  const foreign = Object.keys(values).filter((k) => !(k in GLOBAL_OPTIONS) && !(k in verb.options));
  if (foreign.length) {
    process.stderr.write(`"${verb.words.join(' ')}" does not take --${foreign.join(', --')}.\nUsage: ${verb.usage}\n`);
    return 1;
  }
  let dbPath = resolveDbPath(values.db as string | undefined);
  let wb: Workbench | null = null;
  try {
    // Only when nothing names a file is the machine's policy read (it may move the data folder).
    if (namesNoFile(values.db as string | undefined)) dbPath = resolveDbPath(null, process.env, (await import('../core/policy')).machinePolicy().dataFolder);
    if (verb.needsDb) wb = (await import('../api/workbench')).openWorkbench(dbPath, verb.mode ?? 'cli', { readOnly: verb.readOnly === true });
    const releaseMark = wb && !wb.readOnly && (verb.mode ?? 'cli') === 'cli' ? await waitYourTurn(wb, verb) : null;
    try {
      const out = await verb.run({ positionals: rest, values: values as VerbArgs['values'], json, dbPath }, wb);
      if (out !== 'long-running') print(out, json);
    } finally {
      releaseMark?.();
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${plainText(e.message)}\nUsage: ${verb.usage}\n`);
      return 1;
    }
    // An unexpected error goes to the log beside the database; the terminal gets its reference.
    const { errorShapeFor } = await import('../api/errors');
    const err = errorShapeFor(e, `tpw ${verb.words.join(' ')}`, wb?.errorLog ?? errorLogBeside(dbPath));
    if (json) process.stdout.write(`${terminalJson({ error: err }, 0)}\n`);
    // INTERNAL's message already opens with its heading. Messages may quote what a partner sent.
    else process.stderr.write(plainText(err.code === 'INTERNAL' ? `${err.message}\n` : `${ERROR_HEADINGS[err.code]}: ${err.message}\n`));
    return 2;
  } finally {
    await wb?.close();
  }
}

/**
 * A writing verb in a terminal tells the app (and `tpw serve`) what it is doing, so their "busy"
 * notice can name it; and, when another process is writing the pilot file, it says so and waits
 * for it (SQLite's busy handler; nothing else runs in this process) rather than failing.
 */
async function waitYourTurn(wb: Workbench, verb: Verb): Promise<() => void> {
  const words = verb.words.join(' ');
  const release = wb.ctx.writes?.mark(`${verb.words.includes('import') ? 'Importing with' : 'Running'} “tpw ${words}”`) ?? (() => undefined);
  const { MAX_WAIT_MS } = await import('../core/writeQueue');
  wb.ctx.sqlite.pragma(`busy_timeout = ${MAX_WAIT_MS}`);
  const busy = wb.ctx.writes?.activity();
  if (busy) process.stderr.write(plainText(`Waiting: the pilot file is busy (${busy.label}, since ${busy.since}). This carries on when it has finished.\n`));
  return release;
}

/** Everything printed may hold stored or received text: never a control character a terminal acts on. */
function print(out: VerbOutput, json: boolean) {
  if (!json) for (const w of out.warnings ?? []) process.stderr.write(`WARNING: ${plainText(w)}\n`);
  process.stdout.write(json ? `${terminalJson(out.json)}\n` : `${plainText(out.text)}\n`);
}
