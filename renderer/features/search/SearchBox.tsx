import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { SEARCH_KIND_LABELS, type SearchAllHit } from '../../../shared/domain/search';
import { useApi } from '../../api/hooks';
import { Highlight } from './Highlight';
import { formatNumber } from '../../kit/format/number';

const isTyping = (el: Element | null) =>
  !!el && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el as HTMLElement).isContentEditable);

/** Waits until typing pauses, so each keystroke does not start a search. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * The search box in the header, over everything the team holds: a combobox (WAI-ARIA 1.2
 * pattern) whose list shows the best few matches of each kind as you type. Reachable from
 * anywhere with "/" (when not typing in a field) or Ctrl+K / ⌘K. Down/Up move through the
 * matches, Enter opens the one chosen (or, with none chosen, every result on the search page),
 * Escape closes the list.
 */
export function SearchBox() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const navigate = useNavigate();
  const q = useDebounced(text.trim(), 150);
  const results = useApi('search.all', { query: q, limit: 4 }, { enabled: q.length > 0 && open, placeholderData: (prev) => prev });
  const groups = q ? (results.data?.groups ?? []) : [];
  const hits: SearchAllHit[] = groups.flatMap((g) => g.hits);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(document.activeElement);
      const ctrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
      if (slash || ctrlK) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const go = (to: string) => {
    setOpen(false);
    setActive(-1);
    void navigate(to);
  };
  const all = () => {
    const words = text.trim();
    if (words) go(`/search?q=${encodeURIComponent(words)}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (active >= 0 && hits[active]) go(hits[active].href);
    else all();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(-1, a - 1));
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  };
  const expanded = open && q.length > 0 && results.data !== undefined;
  let n = -1;
  return (
    <form className="header-search" role="search" aria-label="Everything" onSubmit={submit}>
      <label htmlFor={id}>Search</label>
      <div className="header-search__box">
        <input
          id={id}
          ref={input}
          type="search"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${id}-list`}
          aria-activedescendant={active >= 0 ? `${id}-hit-${active}` : undefined}
          aria-describedby={`${id}-keys`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKey}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        <span id={`${id}-keys`} className="visually-hidden">Shortcut: slash or Control K. Down arrow for matches as you type, Enter for all results.</span>
        <kbd aria-hidden="true">/</kbd>
        <div id={`${id}-list`} role="listbox" aria-label="Matches" className="search-popup" hidden={!expanded}>
          {expanded && groups.length === 0 && <p className="search-popup__empty">Nothing matches “{q}”.</p>}
          {expanded &&
            groups.map((g) => (
              <div key={g.kind} role="group" aria-label={SEARCH_KIND_LABELS[g.kind]}>
                <p className="search-popup__kind" aria-hidden="true">
                  {SEARCH_KIND_LABELS[g.kind]} <span className="muted">({formatNumber(g.total)})</span>
                </p>
                {g.hits.map((h) => {
                  const i = ++n;
                  return (
                    <div
                      key={`${h.kind}:${h.id}`}
                      id={`${id}-hit-${i}`}
                      role="option"
                      aria-selected={i === active}
                      className={`search-popup__hit${i === active ? ' search-popup__hit--active' : ''}`}
                      onMouseDown={(e) => {
                        e.preventDefault();
                        go(h.href);
                      }}
                    >
                      <strong>{h.title.length > 90 ? `${h.title.slice(0, 87)}…` : h.title}</strong>
                      <span className="search-popup__snippet">
                        <Highlight text={h.snippet} />
                      </span>
                    </div>
                  );
                })}
              </div>
            ))}
          {expanded && groups.length > 0 && (
            <div role="option" aria-selected={false} className="search-popup__all" onMouseDown={(e) => { e.preventDefault(); all(); }}>
              See every result for “{text.trim()}” (Enter)
            </div>
          )}
        </div>
      </div>
    </form>
  );
}
