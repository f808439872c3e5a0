import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

const isTyping = (el: Element | null) =>
  !!el && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el as HTMLElement).isContentEditable);

/**
 * The evidence search box in the header: reachable from anywhere with "/" (when not typing in a
 * field) or Ctrl+K / ⌘K, as well as by Tab. Submitting opens the results page.
 */
export function SearchBox() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    if (q) void navigate(`/evidence/search?q=${encodeURIComponent(q)}`);
  };
  return (
    <form className="header-search" role="search" aria-label="Evidence" onSubmit={submit}>
      <label htmlFor={id}>Search evidence</label>
      <input id={id} ref={input} type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-keys`} />
      <span id={`${id}-keys`} className="visually-hidden">Shortcut: slash or Control K</span>
      <kbd aria-hidden="true">/</kbd>
    </form>
  );
}
