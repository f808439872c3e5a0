/**
 * Central policy: the machine-wide policy file (and the Windows Group Policy key) is read, checked
 * and honoured — the data folder (app and CLI), passphrase-only bundles refused — and shown
 * (system.policy: which settings are managed, their values, where they were set).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench, type Workbench } from '../../main/api/workbench';
import { expandFolder, loadPolicy, NO_POLICY, parseRegistryPolicy, PolicyError, policyInfo, policyFileLocation, REGISTRY_POLICY_KEY, teamFolderAllowed } from '../../main/core/policy';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

const dirs: string[] = [];
const open: Workbench[] = [];
afterEach(async () => {
  for (const wb of open.splice(0)) await wb.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function policyFile(content: unknown): { dir: string; file: string } {
  const dir = tempDir('tpw-policy-');
  dirs.push(dir);
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return { dir, file };
}

const REG_OUTPUT = [
  '',
  `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Total Place Workbench`,
  '    DataFolder    REG_EXPAND_SZ    %USERPROFILE%\\OneDrive - Worcestershire CC\\Total Place',
  '    ForbidPassphraseOnlyBundles    REG_DWORD    0x1',
  '    RetentionMonthsPersonal    REG_DWORD    0xc',
  '    TeamFolderLocations    REG_MULTI_SZ    \\\\fs01\\teams\\0S:\\Total Place',
  '',
].join('\r\n');

describe('reading the policy', () => {
  it('no policy file: nothing is managed', () => {
    const p = loadPolicy({ file: path.join(tempDir(), 'none.json'), registry: null });
    expect(p).toEqual(NO_POLICY);
    expect(policyInfo(p, 'linux').settings.every((s) => !s.managed)).toBe(true);
  });

  it('reads every setting, expanding variables so one file serves every user', () => {
    const { file } = policyFile({
      dataFolder: '${HOME}/Total Place',
      forbidPassphraseOnlyBundles: true,
      defaultSecurityMarking: 'OFFICIAL-SENSITIVE',
      retentionMonths: { personal: 12, team: 36 },
      teamFolderLocations: ['/srv/teams', '~/Shared'],
    });
    const p = loadPolicy({ file, registry: null, env: { HOME: '/home/ann' }, platform: 'linux' });
    expect(p).toMatchObject({
      dataFolder: '/home/ann/Total Place',
      forbidPassphraseOnlyBundles: true,
      defaultSecurityMarking: 'OFFICIAL-SENSITIVE',
      retentionMonths: { personal: 12, team: 36 },
      teamFolderLocations: ['/srv/teams', '/home/ann/Shared'],
    });
    expect(Object.values(p.sources)).toEqual([file, file, file, file, file]);
    expect(teamFolderAllowed(p, '/srv/teams/falls', 'linux')).toBe(true);
    expect(teamFolderAllowed(p, '/srv/teamsX', 'linux')).toBe(false);
    expect(teamFolderAllowed(p, '/tmp/anywhere', 'linux')).toBe(false);
  });

  it('the Windows Group Policy key wins over the file, setting by setting', () => {
    const { file } = policyFile({ dataFolder: 'D:\\Pilots', defaultSecurityMarking: 'OFFICIAL' });
    const p = loadPolicy({ file, registry: () => REG_OUTPUT, env: { UserProfile: 'C:\\Users\\ann' }, platform: 'win32' });
    expect(p.dataFolder).toBe('C:\\Users\\ann\\OneDrive - Worcestershire CC\\Total Place');
    expect(p.sources.dataFolder).toBe(REGISTRY_POLICY_KEY);
    expect(p.defaultSecurityMarking).toBe('OFFICIAL');
    expect(p.sources.defaultSecurityMarking).toBe(file);
    expect(p.forbidPassphraseOnlyBundles).toBe(true);
    expect(p.retentionMonths).toEqual({ personal: 12 });
    expect(p.teamFolderLocations).toEqual(['\\\\fs01\\teams\\', 'S:\\Total Place']);
    expect(teamFolderAllowed(p, 's:\\total place\\falls team', 'win32')).toBe(true);
    expect(parseRegistryPolicy('')).toEqual({});
  });

  it.each([
    ['not JSON', '{ dataFolder: ', /is not valid JSON/],
    ['a misspelt setting', { forbidPassphraseOnlyBundle: true }, /forbidPassphraseOnlyBundle.*the settings are dataFolder/],
    ['a wrong type', { forbidPassphraseOnlyBundles: 'yes' }, /forbidPassphraseOnlyBundles: forbidPassphraseOnlyBundles must be true or false/],
    ['an unknown marking', { defaultSecurityMarking: 'SECRET' }, /defaultSecurityMarking must be one of OFFICIAL, OFFICIAL-SENSITIVE/],
    ['a relative data folder', { dataFolder: 'pilots' }, /dataFolder: "pilots" is not a full path/],
    ['an unset variable', { dataFolder: '$NO_SUCH_VAR/pilots' }, /uses \$NO_SUCH_VAR, which is not set for this user/],
    ['retention of 0 months', { retentionMonths: { personal: 0 } }, /retentionMonths\.personal: At least 1 month/],
  ])('refuses %s, naming the file and the setting', (_what, content, message) => {
    const { file } = policyFile(content);
    let err: unknown;
    try {
      loadPolicy({ file, registry: null, env: {}, platform: 'linux' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/Ask your IT department to correct them/);
  });

  it('a wrong registry value type is refused too', () => {
    expect(() => parseRegistryPolicy(REG_OUTPUT.replace('REG_DWORD    0x1', 'REG_SZ    yes'))).toThrow(/ForbidPassphraseOnlyBundles must be a number \(REG_DWORD\)/);
    expect(() => parseRegistryPolicy(`    DataFolderr    REG_SZ    D:\\x`)).toThrow(/unknown value DataFolderr/);
  });

  it('looks in the machine-wide place on each platform', () => {
    expect(policyFileLocation('win32', { ProgramData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\Total Place Workbench\\policy.json');
    expect(policyFileLocation('darwin', {})).toBe('/Library/Application Support/Total Place Workbench/policy.json');
    expect(policyFileLocation('linux', {})).toBe('/etc/total-place-workbench/policy.json');
    expect(expandFolder('%APPDATA%\\x', { appdata: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe('C:\\Users\\a\\AppData\\Roaming\\x');
  });
});

describe('honoured and shown', () => {
  it('passphrase-only bundles are refused when IT forbids them, and nothing is written', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { file } = policyFile({ forbidPassphraseOnlyBundles: true });
    const wb = openWorkbench(path.join(dir, 'w.db'), 'cli', { policy: loadPolicy({ file, registry: null }) });
    open.push(wb);
    await wb.dispatch('hypothesis.add', { statement: 'One falls team would cut admissions' });
    const r = await wb.dispatch('bundle.export', { scope: ['hypotheses'], passphrase: 'correct horse battery staple' });
    expect(r).toEqual({ ok: false, error: { code: 'REFUSED', message: expect.stringMatching(/IT department does not allow bundles protected only by a passphrase/) } });
    const log = await wb.dispatch('bundle.log', {});
    expect(log.ok && log.value).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'w-tmp', 'exports')) ? fs.readdirSync(path.join(dir, 'w-tmp', 'exports'), { recursive: true }) : []).toEqual([]);
  });

  it('system.policy shows which settings are managed, their values and where they were set', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { file } = policyFile({ forbidPassphraseOnlyBundles: true, defaultSecurityMarking: 'OFFICIAL' });
    const wb = openWorkbench(path.join(dir, 'w.db'), 'cli', { policy: loadPolicy({ file, registry: null }) });
    open.push(wb);
    const r = await wb.dispatch('system.policy', {});
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.values.forbidPassphraseOnlyBundles).toBe(true);
    const byKey = Object.fromEntries(r.value.settings.map((s) => [s.key, s]));
    expect(byKey.forbidPassphraseOnlyBundles).toEqual({ key: 'forbidPassphraseOnlyBundles', label: 'Bundles protected only by a passphrase', managed: true, value: 'Not allowed: bundles must be encrypted to named partners', source: file });
    expect(byKey.defaultSecurityMarking).toMatchObject({ managed: true, value: 'OFFICIAL', source: file });
    expect(byKey.dataFolder).toMatchObject({ managed: false, value: null, source: null });
  });

  it('the default security marking IT set is the report\'s marking unless one is chosen (app and CLI)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { file } = policyFile({ defaultSecurityMarking: 'OFFICIAL-SENSITIVE' });
    const db = path.join(dir, 'w.db');
    const wb = openWorkbench(db, 'cli', { policy: loadPolicy({ file, registry: null }) });
    open.push(wb);
    await wb.dispatch('pilot.save', { pilot: { place: 'Worcestershire', question: 'Can one falls team cut admissions?' } });
    const byDefault = await wb.dispatch('report.generate', { pdf: false, extracts: false });
    expect(byDefault.ok && byDefault.value.version.marking).toBe('OFFICIAL-SENSITIVE');
    expect(byDefault.ok && fs.readFileSync(byDefault.value.html.path, 'utf8')).toContain('<p class="marking marking--top">OFFICIAL-SENSITIVE</p>');
    const chosen = await wb.dispatch('report.generate', { pdf: false, extracts: false, marking: 'OFFICIAL' });
    expect(chosen.ok && chosen.value.version.marking).toBe('OFFICIAL');
    await wb.close();
    open.splice(0);

    const env = { TPW_POLICY_FILE: file };
    const cli = tpw(['report', '-o', path.join(dir, 'report.html'), '--db', db, '--json'], { env });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.json<{ marking: string }>().marking).toBe('OFFICIAL-SENSITIVE');
    // Without a policy, OFFICIAL as before.
    const unmanaged = tpw(['report', '-o', path.join(dir, 'report2.html'), '--db', db, '--json'], { env: { TPW_POLICY_FILE: path.join(dir, 'none.json') } });
    expect(unmanaged.json<{ marking: string }>().marking).toBe('OFFICIAL');
  });

  it('the CLI keeps pilot files in the data folder IT set (when no file is named), and stops plainly on a broken policy', () => {
    const home = tempDir('tpw-home-');
    dirs.push(home);
    const managed = path.join(home, 'Managed pilots');
    const { file } = policyFile({ dataFolder: managed });
    const env = { TPW_POLICY_FILE: file, TPW_DB: '', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), APPDATA: path.join(home, 'AppData') };
    const init = tpw(['init', '--place', 'Worcestershire', '--json'], { env });
    expect(init.status, init.stderr).toBe(0);
    expect(init.json<{ db: string }>().db).toBe(path.join(managed, 'workbench.db'));
    const check = tpw(['check', '--json'], { env });
    expect(check.json<{ db: string; integrity: string }>()).toMatchObject({ db: path.join(managed, 'workbench.db'), integrity: 'ok' });
    // Naming a file still wins.
    const other = path.join(home, 'other.db');
    expect(tpw(['init', '--place', 'Elsewhere', '--db', other, '--json'], { env }).json<{ db: string }>().db).toBe(other);

    fs.writeFileSync(file, '{"dataFolder": 7}');
    const broken = tpw(['check'], { env });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain(file);
    expect(broken.stderr).toMatch(/dataFolder must be text/);
  });
});
