import type { ReactNode } from 'react';
import { parseNarrative, type Inline } from '../../../shared/text/narrative';

const inline = (content: readonly Inline[]): ReactNode[] =>
  content.map((i, k) =>
    i.t === 'text' ? (
      <span key={k}>{i.text}</span>
    ) : i.t === 'bold' ? (
      <strong key={k}>{inline(i.children)}</strong>
    ) : i.t === 'link' ? (
      <a key={k} href={i.href} target="_blank" rel="noopener noreferrer">
        {i.text}
        <span className="visually-hidden"> (opens in a new tab)</span>
      </a>
    ) : (
      <br key={k} />
    ),
  );

/** The narrative as the report will show it, from the same parser (React escapes every text). */
export function NarrativeText({ source }: { source: string }) {
  return (
    <div className="narrative-preview">
      {parseNarrative(source).map((b, k) =>
        b.t === 'heading' ? (
          b.level === 1 ? <h3 key={k}>{inline(b.content)}</h3> : <h4 key={k}>{inline(b.content)}</h4>
        ) : b.t === 'list' ? (
          b.ordered ? <ol key={k}>{b.items.map((it, j) => <li key={j}>{inline(it)}</li>)}</ol> : <ul key={k}>{b.items.map((it, j) => <li key={j}>{inline(it)}</li>)}</ul>
        ) : (
          <p key={k}>{inline(b.content)}</p>
        ),
      )}
    </div>
  );
}
