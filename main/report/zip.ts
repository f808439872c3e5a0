/**
 * "Download all extracts": every CSV and the XLSX workbook in one ZIP (yazl: a small, well-kept
 * streaming zip writer). Names inside are the files' own names, never paths.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
// Loaded when first needed: most commands never use it, and loading it costs every start (a spend import spent ~0.2 s loading libraries it never touched).
const zipLibrary = () => import('yazl');

export async function writeZip(file: string, members: readonly { name: string; path: string }[], mtime: Date): Promise<void> {
  const yazl = (await zipLibrary()).default;
  const zip = new yazl.ZipFile();
  for (const m of members) zip.addFile(m.path, m.name, { mtime, mode: 0o100644 });
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(file, { mode: 0o600 }));
}
