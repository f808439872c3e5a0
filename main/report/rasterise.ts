/**
 * SVG → PNG without a browser, for the charts in the Word document: resvg (Rust) compiled to
 * WebAssembly, so nothing native to build or ship per platform. Its text needs fonts, so it is given
 * DejaVu Sans (regular and bold, from the dejavu-fonts-ttf package) as the sans-serif family — the
 * charts ask for Arial, which a locked-down laptop may lack anyway.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
// Loaded when first needed: most commands never use it, and loading it costs every start (a spend import spent ~0.2 s loading libraries it never touched).
const resvg = () => import('@resvg/resvg-wasm');

// CommonJS in the desktop build (__filename), ES modules in the CLI (import.meta.url).
const req = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);

let ready: Promise<Uint8Array[]> | null = null;

function load(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    await (await resvg()).initWasm(fs.readFileSync(req.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => new Uint8Array(fs.readFileSync(req.resolve(`dejavu-fonts-ttf/ttf/${f}`))));
  })();
  ready.catch(() => (ready = null));
  return ready;
}

/** The PNG of an SVG at `scale` times its own size (2: sharp when printed), and its size in CSS pixels. */
export async function svgToPng(svg: string, scale = 2): Promise<{ png: Uint8Array; width: number; height: number }> {
  const fonts = await load();
  const { Resvg } = await resvg();
  const r = new Resvg(svg, {
    font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  const width = r.width;
  const height = r.height;
  const image = r.render();
  const png = image.asPng();
  image.free();
  r.free();
  return { png, width, height };
}
