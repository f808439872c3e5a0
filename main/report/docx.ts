/**
 * The Word version of the report, written from the same HTML the browser and the PDF show (so every
 * section, whoever writes it, appears in Word with no second renderer to keep in step):
 *   headings → Word's own Title / Heading 1–5 styles (navigation pane, outline, a real TOC field),
 *   tables → Word tables (header rows repeat across pages), lists → Word numbering,
 *   charts → PNG images (rasterised without a browser) with their SVG title and description as alt text,
 *   the security marking → the header and footer of every page, with "Page n of N", version and date.
 * Only our own generated markup is read here; text is taken as text, never as markup.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { safeHref } from '../../shared/text/narrative';
import { svgToPng } from './rasterise';

export interface DocxMeta {
  title: string;
  description: string;
  creator: string;
  marking: string;
  /** "Version 3 · 27 November 2026". */
  versionLine: string;
}

type Block = Paragraph | Table | TableOfContents;
type ParagraphOpts = Exclude<ConstructorParameters<typeof Paragraph>[0], string>;
interface Fmt {
  bold?: boolean;
  italics?: boolean;
}

const HEADINGS: Record<string, (typeof HeadingLevel)[keyof typeof HeadingLevel]> = {
  h1: HeadingLevel.TITLE,
  h2: HeadingLevel.HEADING_1,
  h3: HeadingLevel.HEADING_2,
  h4: HeadingLevel.HEADING_3,
  h5: HeadingLevel.HEADING_4,
  h6: HeadingLevel.HEADING_5,
};
const INLINE = new Set(['a', 'strong', 'b', 'em', 'i', 'span', 'br', 'code', 'small', 'abbr', 'time']);
/** A4 text width (210 mm − 2 × 20 mm) in pixels at 96 dpi, the unit docx sizes images in. */
const TEXT_WIDTH_PX = 642;

const isEl = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const cls = (e: Element) => (e.attribs.class ?? '').split(/\s+/);
const kids = (e: Element, name?: string) => e.children.filter(isEl).filter((c) => !name || c.name === name);
const textOf = (n: ChildNode): string => (n.type === 'text' ? n.data : isEl(n) ? n.children.map(textOf).join('') : '');
const squash = (s: string) => s.replace(/\s+/g, ' ');

class Writer {
  private lists = 0;

  constructor(private readonly images: Map<Element, { png: Uint8Array; width: number; height: number }>) {}

  runs(nodes: readonly ChildNode[], fmt: Fmt = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const n of nodes) {
      if (n.type === 'text') {
        const t = squash(n.data);
        if (t) out.push(new TextRun({ text: t, ...fmt }));
      } else if (isEl(n)) {
        if (n.name === 'br') out.push(new TextRun({ text: '', break: 1 }));
        else if (n.name === 'strong' || n.name === 'b') out.push(...this.runs(n.children, { ...fmt, bold: true }));
        else if (n.name === 'em' || n.name === 'i') out.push(...this.runs(n.children, { ...fmt, italics: true }));
        else if (n.name === 'a') {
          const href = safeHref(n.attribs.href ?? '');
          const text = squash(textOf(n));
          out.push(href ? new ExternalHyperlink({ link: href, children: [new TextRun({ text, style: 'Hyperlink', ...fmt })] }) : new TextRun({ text, ...fmt }));
        } else if (n.name !== 'style' && n.name !== 'script') out.push(...this.runs(n.children, fmt));
      }
    }
    return out;
  }

  /** A paragraph of inline content, trimmed at its ends. */
  para(nodes: readonly ChildNode[], opts: ParagraphOpts = {}, fmt: Fmt = {}): Paragraph {
    return new Paragraph({ ...opts, children: this.runs(trimmed(nodes), fmt) });
  }

  /** `popts` and `fmt` apply to every paragraph made here (a right-aligned figure cell, a bold header cell). */
  blocks(nodes: readonly ChildNode[], popts: ParagraphOpts = {}, fmt: Fmt = {}): Block[] {
    const out: Block[] = [];
    let inline: ChildNode[] = [];
    const flush = () => {
      if (inline.some((n) => textOf(n).trim() || (isEl(n) && n.name === 'br'))) out.push(this.para(inline, popts, fmt));
      inline = [];
    };
    for (const n of nodes) {
      if (n.type === 'text' || (isEl(n) && INLINE.has(n.name))) {
        inline.push(n);
        continue;
      }
      flush();
      if (isEl(n)) out.push(...(n.name === 'p' && (popts.alignment || fmt.bold) ? [this.para(n.children, popts, fmt)] : this.element(n)));
    }
    flush();
    return out;
  }

  element(e: Element): Block[] {
    const c = cls(e);
    if (c.includes('marking') || c.includes('visually-hidden') || e.name === 'style' || e.name === 'script' || e.name === 'head' || e.name === 'title') return [];
    if (HEADINGS[e.name]) return [this.para(e.children, { heading: HEADINGS[e.name] })];
    switch (e.name) {
      case 'p':
        return [this.para(e.children, {}, c.includes('gap') || c.includes('note') ? { italics: true } : {})];
      case 'ul':
      case 'ol':
        return this.list(e, 0);
      case 'blockquote':
        // A quotation (a citizen's words): indented with a rule, in italics; its source line plain.
        return kids(e).flatMap((k) =>
          k.name === 'p' || k.name === 'footer'
            ? [this.para(k.children, { indent: { left: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: '1D4F91', space: 8 } } }, { italics: k.name === 'p' })]
            : this.element(k),
        ).concat(kids(e).length === 0 ? [this.para(e.children, { indent: { left: 567 } }, { italics: true })] : []);
      case 'table':
        return this.table(e);
      case 'figure':
        return this.figure(e);
      case 'dl':
        return this.definitions(e);
      case 'nav':
        return [
          new Paragraph({ children: [new TextRun({ text: 'Contents', bold: true, size: 28, color: '123A6D' })], spacing: { before: 240, after: 120 } }),
          new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
        ];
      default:
        return this.blocks(e.children);
    }
  }

  list(e: Element, level: number): Block[] {
    const ordered = e.name === 'ol';
    const instance = ++this.lists;
    const out: Block[] = [];
    for (const li of kids(e, 'li')) {
      const nested = li.children.filter((n): n is Element => isEl(n) && (n.name === 'ul' || n.name === 'ol'));
      const own = li.children.filter((n) => !(isEl(n) && nested.includes(n)));
      out.push(
        new Paragraph({
          numbering: { reference: ordered ? 'numbers' : 'bullets', level: Math.min(level, 2), ...(ordered ? { instance } : {}) },
          children: this.runs(trimmed(inlineOf(own))),
        }),
      );
      for (const n of nested) out.push(...this.list(n, level + 1));
    }
    return out;
  }

  table(e: Element): Block[] {
    const out: Block[] = [];
    const caption = kids(e, 'caption')[0];
    if (caption) out.push(this.para(caption.children, { style: 'Caption', keepNext: true }));
    const rows: TableRow[] = [];
    const sections = kids(e).filter((k) => ['thead', 'tbody', 'tfoot'].includes(k.name));
    const groups = sections.length ? sections : [e];
    for (const g of groups) {
      for (const tr of kids(g, 'tr')) {
        const cells = kids(tr).filter((k) => k.name === 'th' || k.name === 'td');
        if (cells.length === 0) continue;
        rows.push(
          new TableRow({
            tableHeader: g.name === 'thead',
            cantSplit: true,
            children: cells.map((cell) => {
              const right = cls(cell).includes('num');
              const bold = cell.name === 'th' || g.name === 'tfoot';
              const paragraphs = this.blocks(cell.children, right ? { alignment: AlignmentType.RIGHT } : {}, bold ? { bold } : {}).filter((b): b is Paragraph => b instanceof Paragraph);
              return new TableCell({
                children: paragraphs.length ? paragraphs : [new Paragraph({ children: [] })],
                columnSpan: Number(cell.attribs.colspan ?? 1) || 1,
                ...(g.name === 'thead' ? { shading: { fill: 'E8EDF4', color: 'auto', type: 'clear' as const } } : {}),
              });
            }),
          }),
        );
      }
    }
    if (rows.length) {
      out.push(
        new Table({
          rows,
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: {
            top: { style: BorderStyle.SINGLE, size: 4, color: '0B0C0C' },
            bottom: { style: BorderStyle.SINGLE, size: 4, color: '0B0C0C' },
            left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
            right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
            insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: 'B1B4B6' },
            insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
          },
        }),
        new Paragraph({ children: [], spacing: { after: 120 } }),
      );
    }
    return out;
  }

  figure(e: Element): Block[] {
    const svg = e.children.find((n): n is Element => isEl(n) && n.name === 'svg');
    const caption = kids(e, 'figcaption')[0];
    const out: Block[] = [];
    const img = svg && this.images.get(svg);
    if (svg && img) {
      const title = squash(textOf(kids(svg, 'title')[0] ?? svg)).trim();
      const description = squash(textOf(kids(svg, 'desc')[0] ?? svg)).trim();
      const width = Math.min(TEXT_WIDTH_PX, img.width);
      out.push(
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: 'png',
              data: img.png,
              transformation: { width, height: Math.round((img.height / img.width) * width) },
              altText: { title, description, name: title },
            }),
          ],
        }),
      );
    }
    if (caption) out.push(this.para(caption.children, { style: 'Caption' }));
    return out;
  }

  definitions(e: Element): Block[] {
    const out: Block[] = [];
    let term: Element | null = null;
    for (const k of kids(e)) {
      if (k.name === 'dt') term = k;
      else if (k.name === 'dd') {
        out.push(new Paragraph({ children: [...(term ? this.runs(trimmed(term.children), { bold: true }) : []), new TextRun({ text: term ? ': ' : '' }), ...this.runs(trimmed(k.children))] }));
        term = null;
      }
    }
    return out;
  }
}

/** The inline content of a node list, with block wrappers (a <p> inside a cell) opened up. */
function inlineOf(nodes: readonly ChildNode[]): ChildNode[] {
  return nodes.flatMap((n) => (isEl(n) && !INLINE.has(n.name) ? inlineOf(n.children) : [n]));
}

/** Leading and trailing white space of a paragraph is layout, not content. */
function trimmed(nodes: readonly ChildNode[]): ChildNode[] {
  const out = [...nodes];
  while (out.length && out[0]!.type === 'text' && !textOf(out[0]!).trim()) out.shift();
  while (out.length && out.at(-1)!.type === 'text' && !textOf(out.at(-1)!).trim()) out.pop();
  return out;
}

function findAll(nodes: readonly ChildNode[], name: string, into: Element[] = []): Element[] {
  for (const n of nodes) {
    if (!isEl(n)) continue;
    if (n.name === name) into.push(n);
    else findAll(n.children, name, into);
  }
  return into;
}

/** Serialises an <svg> element back to markup for the rasteriser (our own chart markup, escaped again). */
function svgMarkup(e: Element): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const walk = (n: ChildNode): string => {
    if (n.type === 'text') return esc(n.data);
    if (!isEl(n)) return '';
    const attrs = Object.entries(n.attribs)
      .map(([k, v]) => ` ${k}="${esc(v)}"`)
      .join('');
    return `<${n.name}${attrs}>${n.children.map(walk).join('')}</${n.name}>`;
  };
  return walk(e);
}

export async function htmlToDocx(htmlText: string, meta: DocxMeta): Promise<Buffer> {
  const dom = parseDocument(htmlText, { lowerCaseAttributeNames: false, recognizeSelfClosing: true });
  const body = findAll(dom.children, 'body')[0];
  if (!body) throw new Error('The report has no body to convert');
  const images = new Map<Element, { png: Uint8Array; width: number; height: number }>();
  for (const svg of findAll(body.children, 'svg')) images.set(svg, await svgToPng(svgMarkup(svg)));
  const w = new Writer(images);
  const children = w.blocks(body.children);

  const bullets = [0, 1, 2].map((level) => ({ level, format: LevelFormat.BULLET, text: ['•', '◦', '▪'][level]!, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } }));
  const numbers = [0, 1, 2].map((level) => ({ level, format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level]!, text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } }));
  const marking = (top: boolean) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: top ? { after: 120 } : { before: 60 }, children: [new TextRun({ text: meta.marking, bold: true, size: 20 })] });
  const doc = new Document({
    title: meta.title,
    description: meta.description,
    creator: meta.creator,
    lastModifiedBy: meta.creator,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22, language: { value: 'en-GB' } }, paragraph: { spacing: { after: 100 } } },
        title: { run: { font: 'Arial', size: 44, bold: true, color: '123A6D' } },
        heading1: { run: { font: 'Arial', size: 32, bold: true, color: '123A6D' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading2: { run: { font: 'Arial', size: 26, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
        heading3: { run: { font: 'Arial', size: 23, bold: true, color: '0B0C0C' }, paragraph: { spacing: { before: 180, after: 60 }, keepNext: true } },
        heading4: { run: { font: 'Arial', size: 20, bold: true, color: '484949' }, paragraph: { spacing: { before: 120, after: 40 }, keepNext: true } },
      },
      paragraphStyles: [{ id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { bold: true, size: 19 }, paragraph: { spacing: { before: 120, after: 80 } } }],
    },
    numbering: { config: [{ reference: 'bullets', levels: bullets }, { reference: 'numbers', levels: numbers }] },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 } } },
        headers: { default: new Header({ children: [marking(true)] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${meta.versionLine} · `, size: 17 }), new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 17 })] }),
              marking(false),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
