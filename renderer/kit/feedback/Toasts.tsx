import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';

export interface ToastAction {
  label: string;
  run(): void;
}

export interface ToastOptions {
  /**
   * How many page changes it outlives (0 unless said): 1 for "Moved to the recycle bin — Undo"
   * shown just before the app leaves the deleted record's page.
   */
  survives?: number;
  /**
   * Watches whether the toast still makes sense (rendered while it shows; calls `dismiss` once
   * not), e.g. an Undo whose item was restored another way.
   */
  Watch?: ComponentType<{ dismiss(): void }>;
  /**
   * Focus the toast's button if focus has fallen to the page when it appears: the button that acted
   * went with the row it deleted, and Undo is the sensible next stop for a keyboard user.
   */
  catchFocus?: boolean;
}

interface Toast extends ToastOptions {
  id: number;
  message: string;
  action?: ToastAction;
}

interface ToastApi {
  show(message: string, action?: ToastAction, options?: ToastOptions): void;
  /** The page changed: toasts about the last page go, unless they were made to survive it. */
  navigated(): void;
}

/** At most this many at once: a third would stack over the page. */
const MAX_SHOWN = 2;
/** Long enough to read a short sentence; one with a button gets time to reach it by keyboard (WCAG 2.2.1). */
export const TOAST_MS = 5000;
export const TOAST_WITH_ACTION_MS = 10000;

const ToastContext = createContext<ToastApi>({ show: () => undefined, navigated: () => undefined });

/**
 * Short confirmations ("Moved to the recycle bin — Undo") announced politely to screen readers.
 * They sit in a strip of their own at the foot of the window, so they never cover a field being
 * typed in; each goes after a few seconds (paused while the pointer or focus is on it), and they
 * are cleared when the page changes.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback((message: string, action?: ToastAction, options: ToastOptions = {}) => {
    const id = nextId.current++;
    setToasts((ts) => [...ts.slice(-(MAX_SHOWN - 1)), { id, message, ...(action ? { action } : {}), ...options }]);
  }, []);
  const navigated = useCallback(() => setToasts((ts) => ts.filter((t) => (t.survives ?? 0) > 0).map((t) => ({ ...t, survives: (t.survives ?? 0) - 1 }))), []);
  const api = useMemo(() => ({ show, navigated }), [show, navigated]);
  return (
    <ToastContext.Provider value={api}>
      <div className="app-frame">{children}</div>
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} dismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, dismiss: dismissId }: { toast: Toast; dismiss(id: number): void }) {
  const [paused, setPaused] = useState(false);
  const { id, Watch, action, catchFocus } = toast;
  const dismiss = useCallback(() => dismissId(id), [dismissId, id]);
  const actionRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (catchFocus && (active === null || active === document.body)) actionRef.current?.focus();
  }, [catchFocus]);
  // Restarts (in full) each time the pointer or focus leaves: whoever paused it was reading it.
  useEffect(() => {
    if (paused) return;
    const timer = window.setTimeout(dismiss, action ? TOAST_WITH_ACTION_MS : TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [paused, action, dismiss]);
  return (
    <div
      className="toast"
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setPaused(false);
      }}
    >
      {Watch && <Watch dismiss={dismiss} />}
      <span>{toast.message}</span>
      {action && (
        <button
          ref={actionRef}
          type="button"
          className="button button--small button--secondary"
          onClick={() => {
            action.run();
            dismiss();
          }}
        >
          {action.label}
        </button>
      )}
      <button type="button" className="toast__close" aria-label="Dismiss message" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}

export const useToasts = () => useContext(ToastContext);
