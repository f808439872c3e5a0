/**
 * HTML → PDF. The desktop app prints with its own Chromium (webContents.printToPDF, via
 * ctx.platform.printToPdf); the CLI and browser mode use Debian's Chromium headless, offline,
 * with a throwaway profile so parallel runs never share state.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';

const PDF_TIMEOUT_MS = 180_000;

/** $TPW_CHROMIUM when set (and then only it: an explicit choice that is wrong should say so), else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env.TPW_CHROMIUM ? [env.TPW_CHROMIUM] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

export async function printToPdf(ctx: ServiceContext, htmlFile: string, pdfFile: string): Promise<void> {
  if (ctx.platform?.printToPdf) return ctx.platform.printToPdf(htmlFile, pdfFile);
  const chromium = chromiumPath();
  if (!chromium) {
    throw new AppError(
      'REFUSED',
      `A PDF needs Chromium, which was not found (looked for ${process.env.TPW_CHROMIUM ? `$TPW_CHROMIUM, ${process.env.TPW_CHROMIUM}` : '/usr/bin/chromium'}). ` +
        'Install it (Debian: apt-get install chromium) or set TPW_CHROMIUM, or use the HTML report, which prints to PDF from any browser.',
    );
  }
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'tpw-pdf-'));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromium,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-extensions',
          `--user-data-dir=${profile}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${pdfFile}`,
          pathToFileURL(htmlFile).href,
        ],
        { timeout: PDF_TIMEOUT_MS, maxBuffer: 8 * 1024 * 1024 },
        (err, _stdout, stderr) => {
          if (err) reject(new AppError('STORAGE', `Chromium could not print the report to PDF: ${(stderr || err.message).trim().split('\n').slice(-1)[0]}`));
          else resolve();
        },
      );
    });
  } finally {
    await fsp.rm(profile, { recursive: true, force: true });
  }
  const stat = await fsp.stat(pdfFile).catch(() => null);
  if (!stat || stat.size === 0) throw new AppError('STORAGE', 'Chromium finished but wrote no PDF.');
}
