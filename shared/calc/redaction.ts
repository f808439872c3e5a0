/**
 * Redaction at export: names and identifiers replaced by labels ("[Person A]") in text, HTML and
 * JSON values. Matching is whole-word (a letter or digit on either side means it is part of another
 * word) and ignores case; in HTML, the escaped form of a name is matched too, so "O'Brien" written
 * as "O&#39;Brien" goes as well. The labels and counts are what may be recorded; the terms never.
 */
export interface Redactor {
  /** False when there is nothing to redact (every call then returns its input unchanged). */
  readonly active: boolean;
  text(s: string): string;
  /** HTML text: the plain and the escaped forms of each term. */
  html(s: string): string;
  /** Every string in a JSON-like value (objects and arrays walked), except the keys `skip` says to keep. */
  value<T>(v: T, skip?: (key: string) => boolean): T;
  /** Each term's label and how many replacements it made so far, in the order the terms were given. */
  entries(): { label: string; count: number }[];
  /** The label of each term, for messages that must not repeat the term (same order). */
  labels(): string[];
  /** Whether any term occurs in the text (a check, counts nothing). */
  finds(s: string): boolean;
}

/** "[Person A]" … "[Person Z]", "[Person AA]" … */
export function redactionLabel(i: number): string {
  let n = i;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `[Person ${s}]`;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** A term's spaces match any run of white space (a name broken across lines). */
const pattern = (term: string) => escapeRe(term).replace(/\s+/g, '\\s+');

export function makeRedactor(terms: readonly string[]): Redactor {
  const list = terms.map((t) => t.trim()).filter((t) => t.length > 0);
  const counts = list.map(() => 0);
  const labels = list.map((_, i) => redactionLabel(i));
  // Longest first, so "Jane Smith" is replaced before "Jane".
  const order = list.map((t, i) => ({ t, i })).sort((a, b) => b.t.length - a.t.length);
  const build = (forms: (t: string) => string[]) =>
    order.length === 0
      ? null
      : new RegExp(`(?<![\\p{L}\\p{N}])(?:${order.map(({ t, i }) => `(?<t${i}>${[...new Set(forms(t))].map(pattern).join('|')})`).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const plain = build((t) => [t]);
  const inHtml = build((t) => [t, escapeHtml(t), t.replace(/'/g, '&#x27;'), t.replace(/'/g, '&apos;')]);
  const replace = (re: RegExp | null, s: string, count = true) =>
    !re
      ? s
      : s.replace(re, (...args) => {
          const groups = args[args.length - 1] as Record<string, string | undefined>;
          const i = Number(Object.keys(groups).find((k) => groups[k] !== undefined)!.slice(1));
          if (count) counts[i]! += 1;
          return labels[i]!;
        });
  const value = <T>(v: T, skip: (key: string) => boolean = () => false): T => {
    if (typeof v === 'string') return replace(plain, v) as T;
    if (Array.isArray(v)) return v.map((x) => value(x, skip)) as T;
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, skip(k) ? x : value(x, skip)])) as T;
    return v;
  };
  return {
    active: list.length > 0,
    text: (s) => replace(plain, s),
    html: (s) => replace(inHtml, s),
    value,
    entries: () => labels.map((label, i) => ({ label, count: counts[i]! })),
    labels: () => [...labels],
    finds: (s) => (plain ? new RegExp(plain.source, 'iu').test(s) : false),
  };
}
