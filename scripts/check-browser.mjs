#!/usr/bin/env node
// First step of `npm test`: the end-to-end tests need a Chromium-family browser. Say which one will
// be used, or stop at once with one line saying how to get one (rather than after the other tests).
import { findChromium } from './lib/find-chromium.mjs';

const found = findChromium();
if (found.error) {
  console.error(found.error);
  process.exit(1);
}
console.log(`End-to-end tests will use ${found.path}`);
