import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // spendWorker: the spend import and file-reading thread (main/spend/workers.ts finds it beside index.cjs).
      rolldownOptions: { input: { index: 'main/electron/index.ts', spendWorker: 'main/spend/spendWorker.ts' }, output: { format: 'cjs' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be a single CommonJS file.
      rolldownOptions: { input: { index: 'main/electron/preload.ts' }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, outDir: 'out/renderer', rolldownOptions: { input: resolve('renderer/index.html') } },
  },
});
