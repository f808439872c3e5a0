#!/usr/bin/env node
// Runs the TypeScript CLI straight from the checkout (tsx compiles on the fly, offline), so
// `npx tpw …` works right after `npm install` with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/tpw.ts');
process.exitCode = await main(process.argv.slice(2));
