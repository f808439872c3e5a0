import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from './ConfirmDialog';

export interface Question {
  title: string;
  confirmLabel: string;
  body: ReactNode;
  danger?: boolean;
}

type Ask = (q: Question) => Promise<boolean>;

const ConfirmContext = createContext<Ask | null>(null);

/**
 * One confirmation dialog for the whole window, asked from code that has no dialog of its own to
 * render (a delete that turns out to touch records in use): `await ask(…)` is true once the person
 * confirms, false if they cancel. Focus goes back to whatever opened it.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [question, setQuestion] = useState<Question | null>(null);
  const answer = useRef<((yes: boolean) => void) | null>(null);
  const ask = useCallback<Ask>(
    (q) =>
      new Promise<boolean>((resolve) => {
        // A question still open (it cannot be, the dialog is modal) would be answered "no".
        answer.current?.(false);
        answer.current = resolve;
        setQuestion(q);
      }),
    [],
  );
  const close = (yes: boolean) => {
    answer.current?.(yes);
    answer.current = null;
    setQuestion(null);
  };
  const value = useMemo(() => ask, [ask]);
  return (
    <ConfirmContext.Provider value={value}>
      {children}
      <ConfirmDialog open={question !== null} title={question?.title ?? ''} confirmLabel={question?.confirmLabel ?? 'OK'} danger={question?.danger ?? true} onConfirm={() => close(true)} onCancel={() => close(false)}>
        {question?.body}
      </ConfirmDialog>
    </ConfirmContext.Provider>
  );
}

/** Asks through the window's confirmation dialog (see ConfirmProvider). */
export function useConfirm(): Ask {
  const ask = useContext(ConfirmContext);
  if (!ask) throw new Error('useConfirm needs a ConfirmProvider above it');
  return ask;
}
