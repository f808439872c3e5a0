import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_PREFERENCES, denyAllPermissions, isAllowedRequest, isFileRoute, isOwnPage } from '../../main/electron/security';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';
import { REPO_ROOT } from '../helpers/cli';

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0]!, d]));

describe('the desktop window is locked down', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    expect(WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(WEB_PREFERENCES.sandbox).toBe(true);
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false);
    expect(WEB_PREFERENCES.webSecurity).toBe(true);
    expect(WEB_PREFERENCES.webviewTag).toBe(false);
    expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
  });

  it('the window is created with exactly these preferences (written out literally for the static scan)', () => {
    const src = fs.readFileSync(path.join(REPO_ROOT, 'main', 'electron', 'window.ts'), 'utf8');
    const block = /webPreferences: \{([\s\S]*?)\n\s*\},/.exec(src)?.[1] ?? '';
    const literal = Object.fromEntries(
      [...block.matchAll(/^\s*(\w+): ([^,\n]+),/gm)].filter((m) => m[1] !== 'preload').map((m) => [m[1], m[2] === 'true' ? true : m[2] === 'false' ? false : m[2]!.replace(/^'|'$/g, '')]),
    );
    expect(literal).toEqual({ ...WEB_PREFERENCES });
    expect(src).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(src).toMatch(/will-navigate/);
    expect(src).toMatch(/will-attach-webview/);
    expect(src).toMatch(/setPermissionRequestHandler/);
  });

  it('refuses every permission request', () => {
    expect(denyAllPermissions()).toBe(false);
  });

  it('only lets the window show our own pages, from app:// (never file://)', () => {
    expect(isOwnPage('app://workbench/#/hypotheses')).toBe(true);
    expect(isOwnPage('app://workbench/startup')).toBe(true);
    expect(isOwnPage('file:///opt/tpw/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(isOwnPage('app://elsewhere/')).toBe(false);
    expect(isOwnPage('https://example.org/')).toBe(false);
    expect(isOwnPage('app://workbench/files/download/00000000-0000-0000-0000-000000000000')).toBe(false);
    expect(isOwnPage('not a url')).toBe(false);
    expect(isFileRoute('app://workbench/files/download/00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(isFileRoute(`app://workbench/files/blob/${'a'.repeat(64)}`)).toBe(true);
    expect(isFileRoute('app://workbench/files/upload')).toBe(false);
  });

  it('lets through only our own scheme and what the page made itself', () => {
    expect(isAllowedRequest('app://workbench/assets/index.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AA==')).toBe(true);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequest('https://example.org/')).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/x.html')).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/x.html', true)).toBe(true);
  });

  it('has a strict Content-Security-Policy with no eval and API calls only to itself', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toBe("default-src 'none'");
    expect(csp.get('script-src')).toBe("script-src 'self'");
    expect(csp.get('connect-src')).toBe("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(csp.get('script-src')).not.toMatch(/unsafe-inline/);
    expect(csp.get('object-src')).toBe("object-src 'none'");
  });

  it('the page carries the same policy in its meta tag (frame-ancestors only works as a header)', () => {
    const html = fs.readFileSync(path.join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const expected = directives(CONTENT_SECURITY_POLICY);
    expected.delete('frame-ancestors');
    expect(directives(meta!)).toEqual(expected);
  });

  it('the preload exposes only the typed invoke and the shell\'s actions, over two fixed channels, and no path API', () => {
    const preload = fs.readFileSync(path.join(REPO_ROOT, 'main', 'electron', 'preload.ts'), 'utf8');
    expect(preload).toMatch(/exposeInMainWorld\('workbench'/);
    expect(preload).toMatch(/const IPC_CHANNEL = 'tpw:invoke'/);
    expect(preload).toMatch(/const SHELL_CHANNEL = 'tpw:shell'/);
    expect(preload.match(/ipcRenderer\.\w+/g)).toEqual(['ipcRenderer.invoke', 'ipcRenderer.invoke']);
    expect(preload).not.toMatch(/require\(|process\.|fs\b|webUtils|getPathForFile/);
  });
});
