import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetPilotFile, MAX_RECENT, RECENT_FILE_NAME, recentPilotFiles, rememberPilotFile } from '../../main/electron/recentFiles';
import { tempDir } from '../helpers/workbench';

describe('recent pilot files (in the app\'s config folder, never in a pilot database)', () => {
  it('keeps the most recent first, once each, at most ten, marking files that are gone', () => {
    const config = tempDir('tpw-recent-');
    const files = Array.from({ length: MAX_RECENT + 2 }, (_, i) => path.join(config, `pilot-${i}.db`));
    files.forEach((f, i) => {
      if (i % 2 === 0) fs.writeFileSync(f, '');
      rememberPilotFile(config, f, new Date(Date.UTC(2026, 10, 1, 9, i)));
    });
    rememberPilotFile(config, files[3]!);
    const list = recentPilotFiles(config);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]!.path).toBe(files[3]);
    expect(list[1]!.path).toBe(files[MAX_RECENT + 1]);
    expect(new Set(list.map((r) => r.path)).size).toBe(MAX_RECENT);
    expect(list.find((r) => r.path === files[2])).toMatchObject({ exists: true, label: `pilot-2.db (${config})` });
    expect(list.find((r) => r.path === files[3])!.exists).toBe(false);
    forgetPilotFile(config, files[3]!);
    expect(recentPilotFiles(config).map((r) => r.path)).not.toContain(files[3]);
    fs.rmSync(config, { recursive: true, force: true });
  });

  it('a damaged or hand-edited list is an empty list, never a failure; relative paths are dropped', () => {
    const config = tempDir('tpw-recent-');
    fs.writeFileSync(path.join(config, RECENT_FILE_NAME), '{ not json');
    expect(recentPilotFiles(config)).toEqual([]);
    fs.writeFileSync(path.join(config, RECENT_FILE_NAME), JSON.stringify({ files: [{ path: 'relative.db', openedAt: 'x' }, { path: '/abs.db', openedAt: '2026-11-01T00:00:00Z' }, 7] }));
    expect(recentPilotFiles(config).map((r) => r.path)).toEqual(['/abs.db']);
    rememberPilotFile(config, path.join(config, 'new.db'));
    expect(recentPilotFiles(config).map((r) => r.path)).toEqual([path.join(config, 'new.db'), '/abs.db']);
    fs.rmSync(config, { recursive: true, force: true });
  });
});
