/**
 * Global setup of the e2e project: with no Chromium-family browser, stop before any test starts,
 * with one line saying how to get one (scripts/lib/find-chromium.mjs).
 */
import { findChromium } from '../../scripts/lib/find-chromium.mjs';

export default function setup(): void {
  const found = findChromium();
  if (found.error) {
    process.stderr.write(`${found.error}\n`);
    process.exit(1);
  }
}
