/**
 * Runs the desktop window's start-up function in a child process (for tests that need another
 * user's permissions, or a second process): prints the outcome as JSON.
 *   node --import tsx tests/helpers/startupChild.ts <dbPath> <configDir> [read-only]
 */
import { NO_POLICY } from '../../main/core/policy';
import { openPilotFile } from '../../main/electron/startup';

const [dbPath, configDir, mode] = process.argv.slice(2);
const r = openPilotFile({ dbPath: dbPath!, readOnly: mode === 'read-only' }, { configDir: configDir!, policy: () => NO_POLICY });
if (r.ok) {
  await r.opened.workbench.close();
  r.opened.lock?.release();
  process.stdout.write(JSON.stringify({ ok: true, readOnly: r.opened.readOnly }));
} else {
  process.stdout.write(JSON.stringify({ ok: false, screen: r.screen }));
}
