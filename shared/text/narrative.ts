/**
 * The report's narrative (executive summary, introduction, commentary) is plain text with a few
 * conventions a person would type anyway — the subset of Markdown that a board paper needs:
 *
 *   # Heading            ## Smaller heading
 *   - a bullet  (or * )   1. a numbered point
 *   **bold**             [words](https://example.org)   https://example.org   mailto: links
 *   a blank line starts a new paragraph; a single line break is kept
 *
 * It is parsed here into a small tree that the HTML report, the Word document and the in-app
 * preview all render from, each escaping text its own way: no markup the writer types can ever
 * become HTML or Word XML, and only http(s) and mailto links are made links (anything else stays
 * text, so a `javascript:` URL is shown, never followed).
 */

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'bold'; children: Inline[] }
  | { t: 'link'; href: string; text: string }
  | { t: 'break' };

export type Block =
  | { t: 'heading'; level: 1 | 2; content: Inline[] }
  | { t: 'para'; content: Inline[] }
  | { t: 'list'; ordered: boolean; items: Inline[][] };

const SAFE_HREF = /^(https?:\/\/[^\s]+|mailto:[^\s@]+@[^\s@]+)$/i;

/** A link target the report may follow: http(s) or mailto, nothing else. */
export const safeHref = (href: string): string | null => (SAFE_HREF.test(href) ? href : null);

// Bold, a [text](url) link, or a bare URL (trailing punctuation is left out of it).
const INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])/g;

export function parseInline(text: string, allowBold = true): Inline[] {
  const out: Inline[] = [];
  const pushText = (s: string) => {
    const lines = s.split('\n');
    lines.forEach((line, i) => {
      if (i > 0) out.push({ t: 'break' });
      if (line) out.push({ t: 'text', text: line });
    });
  };
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index;
    if (m[1] !== undefined && !allowBold) continue;
    pushText(text.slice(last, at));
    if (m[1] !== undefined) out.push({ t: 'bold', children: parseInline(m[1], false) });
    else if (m[2] !== undefined) {
      const href = safeHref(m[3]!);
      if (href) out.push({ t: 'link', href, text: m[2] });
      else pushText(m[0]);
    } else out.push({ t: 'link', href: m[4]!, text: m[4]! });
    last = at + m[0].length;
  }
  pushText(text.slice(last));
  return out;
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*)$/;

/** Plain text → blocks. Never fails: anything it does not recognise is a paragraph of text. */
export function parseNarrative(source: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flushPara = () => {
    if (para.length) blocks.push({ t: 'para', content: parseInline(para.join('\n')) });
    para = [];
  };
  const flushList = () => {
    if (list) blocks.push({ t: 'list', ordered: list.ordered, items: list.items.map((i) => parseInline(i)) });
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (line.trim() === '') {
      flushPara();
      flushList();
    } else if (heading) {
      flushPara();
      flushList();
      blocks.push({ t: 'heading', level: heading[1]!.length === 1 ? 1 : 2, content: parseInline(heading[2]!.replace(/\s+#+$/, '')) });
    } else if (bullet || numbered) {
      flushPara();
      const ordered = Boolean(numbered);
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]!);
    } else if (list && /^\s{2,}\S/.test(raw)) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1] += `\n${line.trim()}`;
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara();
  flushList();
  return blocks;
}

/** The text of some inline content, without formatting (for alt text, titles and tests). */
export const inlineText = (content: readonly Inline[]): string =>
  content.map((i) => (i.t === 'text' ? i.text : i.t === 'bold' ? inlineText(i.children) : i.t === 'link' ? i.text : '\n')).join('');
