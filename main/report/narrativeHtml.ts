/**
 * The team's narrative in the HTML report: parsed from plain text (shared/text/narrative.ts) and
 * written with the escaping html tag, so nothing typed can become markup; only http(s) and mailto
 * links are links.
 */
import { parseNarrative, type Inline } from '../../shared/text/narrative';
import { html, type SafeHtml } from './html';

const inline = (content: readonly Inline[]): SafeHtml[] =>
  content.map((i) =>
    i.t === 'text' ? html`${i.text}` : i.t === 'bold' ? html`<strong>${inline(i.children)}</strong>` : i.t === 'link' ? html`<a href="${i.href}">${i.text}</a>` : html`<br>`,
  );

/** `top` is the heading level a "# Heading" gets in this place (the level below the place's own heading). */
export function narrativeHtml(source: string, top: 3 | 4 | 5): SafeHtml {
  return html`${parseNarrative(source).map((b) => {
    if (b.t === 'heading') {
      const level = Math.min(6, top + b.level - 1);
      return level === 3 ? html`<h3>${inline(b.content)}</h3>` : level === 4 ? html`<h4>${inline(b.content)}</h4>` : level === 5 ? html`<h5>${inline(b.content)}</h5>` : html`<h6>${inline(b.content)}</h6>`;
    }
    if (b.t === 'list') return b.ordered ? html`<ol>${b.items.map((it) => html`<li>${inline(it)}</li>`)}</ol>` : html`<ul>${b.items.map((it) => html`<li>${inline(it)}</li>`)}</ul>`;
    return html`<p>${inline(b.content)}</p>`;
  })}`;
}

/** A commentary box: the team's words about what follows or what it means. Empty when none was written. */
export function commentary(source: string | null, top: 3 | 4 | 5): SafeHtml | '' {
  if (!source?.trim()) return '';
  return html`<div class="commentary">${narrativeHtml(source, top)}</div>`;
}
