import { useEffect, useRef, useState } from 'react';
import { asCallError } from '../../api/client';

export type SaveState = 'saved' | 'pending' | 'saving' | 'invalid' | 'error';

/**
 * Saves `value` a moment after the last change (not on every keystroke), one save at a time:
 * a change made while a save is in flight is saved after it. Invalid drafts are not saved.
 */
export function useAutosave<T>(value: T, opts: { valid: boolean; save(value: T): Promise<void>; delay?: number }) {
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(value);
  const saved = useRef(JSON.stringify(value));
  const inFlight = useRef(false);
  const saveRef = useRef(opts.save);
  saveRef.current = opts.save;
  latest.current = value;

  const flush = useRef(async () => {
    if (inFlight.current) return;
    const v = latest.current;
    const key = JSON.stringify(v);
    if (key === saved.current) return;
    inFlight.current = true;
    setState('saving');
    try {
      await saveRef.current(v);
      saved.current = key;
      setError(null);
      setState(JSON.stringify(latest.current) === key ? 'saved' : 'pending');
    } catch (e) {
      setError(asCallError(e).message);
      setState('error');
      inFlight.current = false;
      return;
    }
    inFlight.current = false;
    if (JSON.stringify(latest.current) !== saved.current) void flush.current();
  });

  const key = JSON.stringify(value);
  useEffect(() => {
    if (key === saved.current) return;
    if (!opts.valid) {
      setState('invalid');
      return;
    }
    setState('pending');
    const t = setTimeout(() => void flush.current(), opts.delay ?? 600);
    return () => clearTimeout(t);
  }, [key, opts.valid, opts.delay]);

  return { state, error };
}

export function SaveStatus({ state, error }: { state: SaveState; error: string | null }) {
  const text = {
    saved: 'All changes saved',
    pending: 'Saving soon…',
    saving: 'Saving…',
    invalid: 'Not saved: correct the highlighted figures',
    error: `Not saved: ${error ?? 'the workbench refused the change'}`,
  }[state];
  return (
    <p className={`save-status save-status--${state}`} role={state === 'error' ? 'alert' : undefined}>
      {text}
    </p>
  );
}
