/**
 * "Download all extracts": every CSV and the XLSX workbook in one ZIP (yazl: a small, well-kept
 * streaming zip writer). Names inside are the files' own names, never paths.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

export async function writeZip(file: string, members: readonly { name: string; path: string }[], mtime: Date): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const m of members) zip.addFile(m.path, m.name, { mtime, mode: 0o100644 });
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(file, { mode: 0o600 }));
}
