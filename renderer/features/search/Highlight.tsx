import { SNIPPET_END, SNIPPET_START } from '../../../shared/domain/evidence';

/**
 * A search snippet with its matches in <mark>. The server marks matches with private-use
 * characters; we split on them and let React escape every piece, so no user text is ever HTML.
 */
export function Highlight({ text }: { text: string }) {
  const parts: { text: string; hit: boolean }[] = [];
  for (const chunk of text.split(SNIPPET_START)) {
    const end = chunk.indexOf(SNIPPET_END);
    if (end === -1) parts.push({ text: chunk, hit: false });
    else parts.push({ text: chunk.slice(0, end), hit: true }, { text: chunk.slice(end + 1), hit: false });
  }
  return (
    <>
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : p.text ? <span key={i}>{p.text}</span> : null))}
    </>
  );
}
