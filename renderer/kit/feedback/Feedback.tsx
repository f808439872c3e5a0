import type { ReactNode } from 'react';
import { ERROR_HEADINGS, type ErrorCode } from '../../../shared/errors';
import type { CallError } from '../../api/client';

/** A failed call in plain English: a heading from the code, then the specific message. */
export function ErrorSummary({ error, title }: { error: CallError | null | undefined; title?: string }) {
  if (!error) return null;
  const heading = title ?? ERROR_HEADINGS[error.code as ErrorCode] ?? 'Something went wrong';
  const fields = error.fields ? Object.entries(error.fields) : [];
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__title">{heading}</h2>
      <p>{error.message}</p>
      {fields.length > 1 && (
        <ul>
          {fields.map(([k, v]) => (
            <li key={k}>{v}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * "Nothing here yet" with what to do about it. Its heading is one level below the heading it sits
 * under: h2 straight under a page's h1 (the default), h3 inside a section headed h2, so headings
 * never skip a level.
 */
export function EmptyState({ title, level = 2, children }: { title: string; level?: 2 | 3; children?: ReactNode }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="empty-state">
      <Heading className="empty-state__title">{title}</Heading>
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** Field errors from a CallError, keyed by the field's path (e.g. "statement" or "patch.statement"). */
export function fieldError(error: CallError | null | undefined, ...keys: string[]): string | undefined {
  if (!error?.fields) return undefined;
  for (const k of keys) {
    for (const [path, msg] of Object.entries(error.fields)) {
      if (path === k || path.endsWith(`.${k}`)) return msg;
    }
  }
  return undefined;
}
