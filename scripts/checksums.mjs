#!/usr/bin/env node
// SHA-256 sums of the installers in a folder, in `sha256sum` format ("<hex>  <file>"), so anyone
// can check a download with `sha256sum -c` (Linux), `shasum -a 256 -c` (macOS) or
// `Get-FileHash -Algorithm SHA256` (Windows).
//
//   node scripts/checksums.mjs <folder> <sums-file>
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

/** What we publish: installers and packages, not electron-builder's working files. */
export const INSTALLER = /\.(msi|exe|dmg|AppImage|deb|zip)$/;

export async function sha256(file) {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** The sums file's text for the installers in `dir` (sorted by name); throws when there are none. */
export async function checksums(dir) {
  const files = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && INSTALLER.test(e.name)).map((e) => e.name).sort();
  if (files.length === 0) throw new Error(`No installers in ${dir}`);
  const lines = [];
  for (const f of files) lines.push(`${await sha256(path.join(dir, f))}  ${f}`);
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) {
    console.error('usage: node scripts/checksums.mjs <folder> <sums-file>');
    process.exit(1);
  }
  const text = await checksums(dir);
  fs.writeFileSync(out, text);
  process.stdout.write(text);
}
