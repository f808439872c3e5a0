/**
 * Central policy: the settings an IT department fixes for every user of a machine, read from a
 * machine-wide JSON file and (on Windows) the Group Policy registry key, which wins per setting.
 * Features read the effective values from here (ctx.policy, or machinePolicy() at an entry point);
 * the app shows which ones are managed. A policy that cannot be read is an error, never ignored:
 * a typo must not quietly leave a security setting unmanaged.
 *
 *   Windows  %ProgramData%\Total Place Workbench\policy.json  and  HKLM\SOFTWARE\Policies\Total Place Workbench
 *   macOS    /Library/Application Support/Total Place Workbench/policy.json
 *   Linux    /etc/total-place-workbench/policy.json
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Sensitivity } from '../../shared/domain/evidence';
import {
  POLICY_KEYS,
  POLICY_LABELS,
  PolicyFileSchema,
  describeRetention,
  type PolicyFile,
  type PolicyInfo,
  type PolicyKey,
  type PolicyValues,
} from '../../shared/domain/policy';
import { AppError } from '../../shared/errors';
import { APP_FOLDER_NAME } from '../db/paths';

export const POLICY_FILE_NAME = 'policy.json';
export const REGISTRY_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Total Place Workbench';

/** The effective policy. A setting whose key is not in `sources` is not managed: the user chooses. */
export interface Policy extends Readonly<Omit<PolicyValues, 'retentionMonths' | 'teamFolderLocations'>> {
  readonly sources: Readonly<Partial<Record<PolicyKey, string>>>;
  readonly retentionMonths: Readonly<Partial<Record<Sensitivity, number>>> | null;
  readonly teamFolderLocations: readonly string[] | null;
}

export const NO_POLICY: Policy = Object.freeze({
  sources: Object.freeze({}),
  dataFolder: null,
  forbidPassphraseOnlyBundles: false,
  defaultSecurityMarking: null,
  retentionMonths: null,
  teamFolderLocations: null,
});

/** Raised for a policy that exists but cannot be used; the app shows it as a start-up screen. */
export class PolicyError extends AppError {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super('REFUSED', `The settings your IT department set in ${source} cannot be used: ${reason}. Nothing was opened. Ask your IT department to correct them.`);
    this.name = 'PolicyError';
  }
}

type Platform = NodeJS.Platform;

export function policyFileLocation(platform: Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return path.win32.join(envValue(env, 'ProgramData', platform) ?? 'C:\\ProgramData', APP_FOLDER_NAME, POLICY_FILE_NAME);
  if (platform === 'darwin') return path.posix.join('/Library/Application Support', APP_FOLDER_NAME, POLICY_FILE_NAME);
  return '/etc/total-place-workbench/policy.json';
}

/** Where policy is looked for on this machine, for the app and the README to show. */
export function policyLocations(platform: Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  return platform === 'win32' ? [policyFileLocation(platform, env), REGISTRY_POLICY_KEY] : [policyFileLocation(platform, env)];
}

export interface LoadPolicyOptions {
  /** The policy file; default: this platform's machine-wide location. null: none. */
  file?: string | null;
  /** `reg query` output for the policy key, or null when the key does not exist; default: read it on Windows only. */
  registry?: (() => string | null) | null;
  env?: NodeJS.ProcessEnv;
  platform?: Platform;
}

/** Reads and checks the machine's policy. Throws PolicyError when a policy exists but is not valid. */
export function loadPolicy(opts: LoadPolicyOptions = {}): Policy {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const file = opts.file === undefined ? policyFileLocation(platform, env) : opts.file;
  const registry = opts.registry === undefined ? (platform === 'win32' ? readRegistryPolicy : null) : opts.registry;

  const layers: { source: string; values: PolicyFile }[] = [];
  if (file) {
    const text = readPolicyFile(file);
    if (text !== null) layers.push({ source: file, values: parsePolicyJson(text, file) });
  }
  const regText = registry?.() ?? null;
  if (regText !== null) layers.push({ source: REGISTRY_POLICY_KEY, values: parseRegistryPolicy(regText) });

  // Later layers (the registry) win per setting.
  const merged: PolicyFile = {};
  const sources: Partial<Record<PolicyKey, string>> = {};
  for (const layer of layers) {
    for (const key of POLICY_KEYS) {
      if (layer.values[key] === undefined) continue;
      (merged as Record<string, unknown>)[key] = layer.values[key];
      sources[key] = layer.source;
    }
  }
  const folderIn = (key: PolicyKey, value: string) => {
    try {
      return expandFolder(value, env, platform);
    } catch (e) {
      throw new PolicyError(sources[key]!, `${key}: ${(e as Error).message}`);
    }
  };
  return Object.freeze({
    sources: Object.freeze(sources),
    dataFolder: merged.dataFolder !== undefined ? folderIn('dataFolder', merged.dataFolder) : null,
    forbidPassphraseOnlyBundles: merged.forbidPassphraseOnlyBundles ?? false,
    defaultSecurityMarking: merged.defaultSecurityMarking ?? null,
    retentionMonths: merged.retentionMonths ? Object.freeze({ ...merged.retentionMonths }) : null,
    teamFolderLocations: merged.teamFolderLocations ? Object.freeze(merged.teamFolderLocations.map((f) => folderIn('teamFolderLocations', f))) : null,
  });
}

let cached: Policy | null = null;

/**
 * This machine's policy, read once per process. TPW_POLICY_FILE names another file, but only
 * outside the installed app (tests and development): an installed app reads only what IT set.
 */
export function machinePolicy(): Policy {
  if (cached) return cached;
  const override = overrideAllowed() ? process.env.TPW_POLICY_FILE : undefined;
  cached = loadPolicy(override ? { file: path.resolve(override) } : {});
  return cached;
}

/** Inside a packaged Electron app (not `electron .` from a checkout) the override is ignored. */
function overrideAllowed(): boolean {
  return !process.versions.electron || (process as { defaultApp?: boolean }).defaultApp === true;
}

const isManaged = (p: Policy, key: PolicyKey): boolean => p.sources[key] !== undefined;

/** What the app shows: every setting, managed or not. */
export function policyInfo(p: Policy, platform: Platform = process.platform, env: NodeJS.ProcessEnv = process.env): PolicyInfo {
  const value = (key: PolicyKey): string | null => {
    if (!isManaged(p, key)) return null;
    switch (key) {
      case 'dataFolder':
        return p.dataFolder;
      case 'forbidPassphraseOnlyBundles':
        return p.forbidPassphraseOnlyBundles ? 'Not allowed: bundles must be encrypted to named partners' : 'Allowed';
      case 'defaultSecurityMarking':
        return p.defaultSecurityMarking;
      case 'retentionMonths':
        return p.retentionMonths ? describeRetention(p.retentionMonths) : null;
      case 'teamFolderLocations':
        return p.teamFolderLocations?.join('; ') ?? null;
    }
  };
  return {
    values: {
      dataFolder: p.dataFolder,
      forbidPassphraseOnlyBundles: p.forbidPassphraseOnlyBundles,
      defaultSecurityMarking: p.defaultSecurityMarking,
      retentionMonths: p.retentionMonths ? { ...p.retentionMonths } : null,
      teamFolderLocations: p.teamFolderLocations ? [...p.teamFolderLocations] : null,
    },
    settings: POLICY_KEYS.map((key) => ({ key, label: POLICY_LABELS[key], managed: isManaged(p, key), value: value(key), source: p.sources[key] ?? null })),
    locations: policyLocations(platform, env),
  };
}

/** For the team-folder feature: may a team folder live at `folder` under this policy? */
export function teamFolderAllowed(p: Policy, folder: string, platform: Platform = process.platform): boolean {
  if (!p.teamFolderLocations) return true;
  const lib = platform === 'win32' ? path.win32 : path.posix;
  const norm = (f: string) => {
    const r = lib.resolve(f);
    return platform === 'win32' || platform === 'darwin' ? r.toLowerCase() : r;
  };
  const target = norm(folder);
  return p.teamFolderLocations.some((root) => {
    const r = norm(root);
    const rel = lib.relative(r, target);
    return rel === '' || (!rel.startsWith('..') && !lib.isAbsolute(rel));
  });
}

function readPolicyFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new PolicyError(file, `the file could not be read (${code ?? (e as Error).message})`);
  }
}

function parsePolicyJson(text: string, source: string): PolicyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new PolicyError(source, `it is not valid JSON (${(e as Error).message})`);
  }
  return checkPolicy(raw, source);
}

function checkPolicy(raw: unknown, source: string): PolicyFile {
  const parsed = PolicyFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')}; the settings are ${POLICY_KEYS.join(', ')})` : '';
  return fail(source, `${where}${issue.message}${keys}`);
}

const fail = (source: string, reason: string): never => {
  throw new PolicyError(source, reason);
};

/** Registry value names (PascalCase, as Group Policy templates name them) → policy settings. */
const REGISTRY_VALUES: Record<string, (v: RegValue, into: Record<string, unknown>) => void> = {
  DataFolder: (v, into) => (into.dataFolder = regString(v, 'DataFolder')),
  ForbidPassphraseOnlyBundles: (v, into) => (into.forbidPassphraseOnlyBundles = regDword(v, 'ForbidPassphraseOnlyBundles') !== 0),
  DefaultSecurityMarking: (v, into) => (into.defaultSecurityMarking = regString(v, 'DefaultSecurityMarking')),
  RetentionMonthsPublic: (v, into) => retention(into, 'public', regDword(v, 'RetentionMonthsPublic')),
  RetentionMonthsPartners: (v, into) => retention(into, 'partners', regDword(v, 'RetentionMonthsPartners')),
  RetentionMonthsTeam: (v, into) => retention(into, 'team', regDword(v, 'RetentionMonthsTeam')),
  RetentionMonthsPersonal: (v, into) => retention(into, 'personal', regDword(v, 'RetentionMonthsPersonal')),
  TeamFolderLocations: (v, into) => (into.teamFolderLocations = regMulti(v, 'TeamFolderLocations')),
};

interface RegValue {
  type: string;
  data: string;
}

const retention = (into: Record<string, unknown>, s: Sensitivity, n: number) => {
  into.retentionMonths = { ...(into.retentionMonths as object | undefined), [s]: n };
};
const regString = (v: RegValue, name: string): string =>
  v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ' ? v.data : fail(REGISTRY_POLICY_KEY, `${name} must be a string value (REG_SZ), not ${v.type}`);
const regDword = (v: RegValue, name: string): number =>
  v.type === 'REG_DWORD' && /^0x[0-9a-f]+$/i.test(v.data) ? Number.parseInt(v.data, 16) : fail(REGISTRY_POLICY_KEY, `${name} must be a number (REG_DWORD), not ${v.type}`);
const regMulti = (v: RegValue, name: string): string[] =>
  v.type === 'REG_MULTI_SZ' ? v.data.split('\\0').filter(Boolean) : v.type === 'REG_SZ' ? [v.data] : fail(REGISTRY_POLICY_KEY, `${name} must be a multi-string value (REG_MULTI_SZ), not ${v.type}`);

/** Parses `reg query <key>` output (values only; subkeys are ignored) and checks it like a policy file. */
export function parseRegistryPolicy(output: string): PolicyFile {
  const into: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (!m) continue;
    const [, name, type, data = ''] = m;
    const set = REGISTRY_VALUES[name!];
    if (set) set({ type: type!, data }, into);
    else unknown.push(name!);
  }
  if (unknown.length) fail(REGISTRY_POLICY_KEY, `unknown value ${unknown.join(', ')} (the values are ${Object.keys(REGISTRY_VALUES).join(', ')})`);
  return checkPolicy(into, REGISTRY_POLICY_KEY);
}

/** `reg query` of the policy key; null when the key does not exist. 64-bit view, as IT's tools write it. */
function readRegistryPolicy(): string | null {
  const systemRoot = process.env.SystemRoot ?? 'C:\\Windows';
  const r = spawnSync(path.win32.join(systemRoot, 'System32', 'reg.exe'), ['query', REGISTRY_POLICY_KEY, '/reg:64'], { encoding: 'utf8', windowsHide: true, timeout: 10_000 });
  if (r.error) throw new PolicyError(REGISTRY_POLICY_KEY, `the registry could not be read (${r.error.message})`);
  // reg.exe exits 1 when the key does not exist: no registry policy.
  return r.status === 0 ? r.stdout : null;
}

/** Looks a variable up the way the platform does (Windows names are case-insensitive). */
function envValue(env: NodeJS.ProcessEnv, name: string, platform: Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : env[key];
}

/**
 * Expands %VAR% (Windows), $VAR / ${VAR} and a leading ~ (macOS, Linux) so one policy serves every
 * user ("%USERPROFILE%\\OneDrive - Council\\Total Place"). The result must be an absolute path.
 */
export function expandFolder(value: string, env: NodeJS.ProcessEnv = process.env, platform: Platform = process.platform): string {
  const lib = platform === 'win32' ? path.win32 : path.posix;
  const missing: string[] = [];
  const lookup = (name: string) => {
    const v = envValue(env, name, platform);
    if (v === undefined || v === '') missing.push(name);
    return v ?? '';
  };
  let out =
    platform === 'win32'
      ? value.replace(/%([A-Za-z_][A-Za-z0-9_()]*)%/g, (_m, name: string) => lookup(name))
      : value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => lookup((a ?? b)!));
  if (platform !== 'win32' && (out === '~' || out.startsWith('~/'))) out = (envValue(env, 'HOME', platform) ?? os.homedir()) + out.slice(1);
  if (missing.length) throw new Error(`"${value}" uses ${missing.map((m) => (platform === 'win32' ? `%${m}%` : `$${m}`)).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not set for this user`);
  if (!lib.isAbsolute(out)) throw new Error(`"${value}" is not a full path (it must start from a drive or the root)`);
  return lib.normalize(out);
}
