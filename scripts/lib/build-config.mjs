// The effective electron-builder configuration: electron-builder.yml, loaded and validated by
// electron-builder's own code, with signing added from the environment (signing.mjs).
// `npm run dist` packages with exactly this; tests/unit/electron-builder-config.test.ts reads it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { signingConfig } from './signing.mjs';

const require = createRequire(import.meta.url);

const isPlain = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base, extra) {
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) out[k] = isPlain(v) && isPlain(base[k]) ? merge(base[k], v) : v;
  return out;
}

/** { config, signing: [one line per platform] } for the project at `root`. */
export async function effectiveBuildConfig(root, env = process.env) {
  // electron-builder's loader (the package has no exports map; this is the module its CLI uses).
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  const base = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  const { config: signing, summary } = signingConfig(env);
  const config = merge(base, signing);
  await validateConfiguration(config, new DebugLogger(false));
  return { config, signing: summary };
}
