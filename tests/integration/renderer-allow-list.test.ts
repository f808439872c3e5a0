/**
 * The desktop window's `invoke` reaches only the allow-list: every method except those that take
 * filesystem paths. Tried through the renderer transport on a real workbench, as the page would.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/contract';
import type { AnySpec } from '../../shared/contract/define';
import { dialogInvocation, isRendererMethod, RENDERER_METHODS, rendererTransport } from '../../main/electron/allowList';
import { REPO_ROOT } from '../helpers/cli';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench | null = null;
afterEach(async () => {
  await wb?.cleanup();
  wb = null;
});

/** Text fields named like a file or folder on this machine. `urlPath` is a route, checked by its own pattern. */
const PATHLIKE = /^(path|paths|file|files|dir|directory|folder|output|dest|destination)$|(Path|Paths|File|Dir|Directory|Folder)$/;
const NOT_A_PATH = new Set(['urlPath']);

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = ['innerType', 'in', 'out', 'element', 'schema', 'left', 'right', 'valueType', 'keyType'];

/** Free text after optional/default/pipe/array…: what a path would be (enums, booleans and patterns are not). */
function isFreeText(schema: z.ZodType, seen = new Set<unknown>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  const def = defOf(schema);
  if (def.type === 'string') return !((def.checks as unknown[] | undefined) ?? []).some((c) => defOf(c as z.ZodType).format === 'regex');
  return WRAPPERS.some((w) => def[w] && typeof def[w] === 'object' && '_zod' in (def[w] as object) && isFreeText(def[w] as z.ZodType, seen)) || ((def.options as z.ZodType[] | undefined) ?? []).some((o) => isFreeText(o, seen));
}

/** Every free-text field anywhere in a zod schema (through optional, default, pipe, array, union…). */
function textFieldsOf(schema: z.ZodType, seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const out: string[] = [];
  if (def.type === 'object') {
    for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) out.push(...(isFreeText(v) ? [k] : []), ...textFieldsOf(v, seen));
  }
  for (const w of WRAPPERS) {
    const v = def[w] as z.ZodType | undefined;
    if (v && typeof v === 'object' && '_zod' in v) out.push(...textFieldsOf(v, seen));
  }
  for (const o of (def.options as z.ZodType[] | undefined) ?? []) out.push(...textFieldsOf(o, seen));
  return out;
}

describe('the renderer allow-list', () => {
  it('leaves out every method whose input names a file or folder (they must be marked localOnly)', () => {
    const pathTaking = (Object.keys(contract) as MethodName[]).filter((m) => textFieldsOf((contract[m] as AnySpec).input).some((k) => PATHLIKE.test(k) && !NOT_A_PATH.has(k)));
    expect(pathTaking).toContain('upload.fromPath');
    for (const m of pathTaking) expect(isRendererMethod(m), `${m} takes a path: mark it localOnly() in its contract slice (with { pick } if the desktop window needs it: the path then comes from a dialog in the main process)`).toBe(false);
    expect(RENDERER_METHODS.has('system.info')).toBe(true);
    expect(RENDERER_METHODS.size).toBe(Object.keys(contract).length - (Object.keys(contract) as MethodName[]).filter((m) => (contract[m] as AnySpec).localOnly).length);
  });

  it('allows every method the UI calls, or sends it through a dialog in main (so the page keeps working)', () => {
    const files = fs.readdirSync(path.join(REPO_ROOT, 'renderer'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const called = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(path.join(REPO_ROOT, 'renderer', f), 'utf8');
      for (const m of text.matchAll(/(?:call|callOrThrow|useApi|useApiMutation)\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'|method="([a-zA-Z]+\.[a-zA-Z.]+)"/g)) called.add((m[1] ?? m[2])!);
    }
    expect(called.size).toBeGreaterThan(20);
    // A method whose path the user picks goes through the main process's dialog (client.ts routes it there).
    const refused = [...called].filter((m) => m in contract && !isRendererMethod(m) && !(contract[m as MethodName] as AnySpec).pick);
    expect(refused).toEqual([]);
  });

  it('refuses a path-taking method from the renderer transport, and stages nothing', async () => {
    wb = tempWorkbench();
    const secret = path.join(wb.dir, 'secret.txt');
    fs.writeFileSync(secret, 'not for the page');
    const invoke = rendererTransport(wb.dispatch);
    const r = await invoke('upload.fromPath', { path: secret });
    expect(r).toEqual({ ok: false, error: { code: 'REFUSED', message: expect.stringMatching(/may not call "upload.fromPath": it works on files by their path/) } });
    const uploads = path.join(wb.ctx.paths.tempDir, 'uploads');
    expect(fs.existsSync(uploads) ? fs.readdirSync(uploads) : []).toEqual([]);
    // The same call from a trusted caller (the CLI) still works: the method is not broken, only fenced off.
    expect((await wb.dispatch('upload.fromPath', { path: secret })).ok).toBe(true);

    expect(await invoke('no.such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await invoke({ toString: () => 'system.info' }, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await invoke('system.info', {})).toMatchObject({ ok: true, value: { integrity: 'ok' } });
  });
});

describe('methods whose path comes from a dialog in the main process', () => {
  it('take the path the user chose, never the one the page sent; other methods cannot be called this way', async () => {
    wb = tempWorkbench();
    const chosen = path.join(wb.dir, 'chosen.csv');
    fs.writeFileSync(chosen, 'a,b\n');
    const call = dialogInvocation({ method: 'upload.fromPath', input: { path: '/etc/shadow' } });
    if ('refused' in call) throw new Error(call.refused);
    expect(call.pick).toEqual({ field: 'path', kind: 'open-file', title: 'Choose a file' });
    expect(call.withPath(chosen)).toEqual({ path: chosen });
    const r = await wb.dispatch(call.method, call.withPath(chosen));
    expect(r).toMatchObject({ ok: true, value: { name: 'chosen.csv', size: 4 } });

    for (const bad of [{ method: 'system.info', input: {} }, { method: 'bundle.export', input: {} }, { method: '__proto__' }, 'upload.fromPath', null]) {
      expect(dialogInvocation(bad)).toHaveProperty('refused');
    }
  });
});

