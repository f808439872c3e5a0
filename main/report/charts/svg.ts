/**
 * Inline SVG for the report's charts: static markup, no scripts, no external fonts or images, so it
 * renders the same in a browser, in the PDF and (rasterised) in the Word document. Every chart is a
 * <figure> with a numbered caption, an SVG named by its <title> and <desc> (role="img"), and the
 * same figures as a data table for screen readers.
 */
import { escapeHtml, html, SafeHtml } from '../html';

export const WIDTH = 640;
export const FONT = "Arial, 'Helvetica Neue', Helvetica, sans-serif";
export const INK = '#0b0c0c';
export const MUTED = '#505a5f';
export const RULE = '#b1b4b6';

/** Distinguishable colours (GOV.UK palette), each with 3:1 contrast against white for the bars. */
export const PALETTE = ['#1d70b8', '#d4351c', '#00703c', '#912b88', '#f47738', '#28a197', '#5694ca', '#b58840', '#6f72af', '#85994b'];
export const GREY = '#6f777b';

export const esc = (s: string): string => escapeHtml(s);

/** A label that fits: at most `max` characters, with an ellipsis (the full text is in the data table). */
export const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

export function text(x: number, y: number, content: string, opts: { anchor?: 'start' | 'middle' | 'end'; size?: number; weight?: 'bold'; fill?: string; rotate?: number } = {}): string {
  const t = opts.rotate ? ` transform="rotate(${opts.rotate} ${x} ${y})"` : '';
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${opts.size ?? 11}" text-anchor="${opts.anchor ?? 'start'}"${opts.weight ? ' font-weight="bold"' : ''} fill="${opts.fill ?? INK}"${t}>${esc(content)}</text>`;
}

export const rect = (x: number, y: number, w: number, h: number, fill: string, extra = ''): string =>
  `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0, w).toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}"${extra}/>`;

export const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, extra = ''): string =>
  `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${stroke}" stroke-width="${width}"${extra}/>`;

/** Round tick values (1, 2 or 5 × 10^k) covering [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (min === max) return [min];
  const span = max - min;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= count) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

export interface Chart {
  /** The chart's name (the SVG's <title>; alt text title in Word). */
  title: string;
  /** What it shows in words (the SVG's <desc>; alt text description in Word). */
  description: string;
  height: number;
  /** SVG body (inside the <svg> element). */
  body: string;
}

export interface DataTable {
  head: string[];
  /** First cell of each row is its header. */
  rows: string[][];
  /** Columns to align right (figures). */
  numeric?: number[];
}

/** A numbered figure: the SVG, its caption and its data as a table for screen readers. */
export function figure(id: string, n: number, caption: string, chart: Chart, data: DataTable): SafeHtml {
  const svg = new SafeHtml(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${chart.height}" width="${WIDTH}" height="${chart.height}" font-family="${esc(FONT)}">` +
      `<title id="${id}-title">${esc(chart.title)}</title><desc id="${id}-desc">${esc(chart.description)}</desc>` +
      `<rect width="${WIDTH}" height="${chart.height}" fill="#ffffff"/>${chart.body}</svg>`,
  );
  const num = (i: number) => (data.numeric ?? []).includes(i);
  return html`<figure class="chart" id="${id}">
    ${svg}
    <figcaption>Figure ${n}: ${caption}</figcaption>
    <table class="chart-data visually-hidden"><caption>Data for figure ${n}: ${caption}</caption>
      <thead><tr>${data.head.map((h, i) => html`<th scope="col"${num(i) ? html` class="num"` : ''}>${h}</th>`)}</tr></thead>
      <tbody>${data.rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td${num(i) ? html` class="num"` : ''}>${c}</td>`))}</tr>`)}</tbody>
    </table>
  </figure>`;
}

/** A legend laid out in rows from (x, y): swatch and label per entry. Returns the markup and the height used. */
export function legend(entries: { label: string; colour: string }[], x: number, y: number, width: number): { body: string; height: number } {
  let cx = x;
  let cy = y;
  const parts: string[] = [];
  for (const e of entries) {
    const label = clip(e.label, 28);
    const w = 18 + label.length * 6.2 + 14;
    if (cx + w > x + width && cx > x) {
      cx = x;
      cy += 18;
    }
    parts.push(rect(cx, cy - 9, 11, 11, e.colour), text(cx + 16, cy, label));
    cx += w;
  }
  return { body: parts.join(''), height: cy - y + 14 };
}
