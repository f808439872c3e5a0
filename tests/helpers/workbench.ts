import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkbench, type Workbench } from '../../main/api/workbench';
import type { Input, MethodName, Output } from '../../shared/contract';

export function tempDir(prefix = 'tpw-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestWorkbench extends Workbench {
  dir: string;
  dbPath: string;
  /** Calls through the real dispatcher and fails the test on an error result. */
  call<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>>;
  cleanup(): Promise<void>;
}

/** A real workbench on a real SQLite file in a fresh temp folder (no mocks). */
export function tempWorkbench(opts: { now?: () => Date } = {}): TestWorkbench {
  const dir = tempDir();
  const dbPath = path.join(dir, 'workbench.db');
  const wb = openWorkbench(dbPath, 'cli', opts);
  return {
    ...wb,
    dir,
    dbPath,
    async call(method, input) {
      const r = await wb.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async cleanup() {
      await wb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
