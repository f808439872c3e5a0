import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

/**
 * The renderer's build, shared by electron-vite (the desktop app) and plain `vite build`
 * (browser mode only: `npx vite build -c vite.renderer.config.ts --outDir <dir>`).
 */
export const rendererConfig: UserConfig = {
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
};

export default rendererConfig;
