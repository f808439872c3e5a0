import type { ReactNode } from 'react';
import { ErrorSummary } from '../feedback/Feedback';
import type { AddAnother, EditFormState } from './useEditForm';

interface EditFormProps {
  form: EditFormState;
  /** The form's accessible name: a label, or the id of its visible heading. */
  label?: string;
  labelledBy?: string;
  className?: string;
  /** Above the error summary. */
  heading?: ReactNode;
  submitLabel: string;
  /** Replaces the submit label while saving, where saving can take a while (uploads). */
  pendingLabel?: string;
  pending: boolean;
  submitClassName?: string;
  onCancel?(): void;
  /** The small "add" forms put their one button straight after the fields, with no button row. */
  bare?: boolean;
  noValidate?: boolean;
  /** Below the buttons. */
  after?: ReactNode;
  /** A second submit button that saves and stays on a fresh form. */
  addAnother?: AddAnother;
  children: ReactNode;
}

/** The frame every edit form shares: name, error summary, fields, submit and cancel. */
export function EditForm({ form, label, labelledBy, className = 'card', heading, submitLabel, pendingLabel, pending, submitClassName = 'button', onCancel, bare, noValidate, after, addAnother, children }: EditFormProps) {
  const submit = (
    <button type="submit" className={submitClassName} disabled={pending} onClick={() => addAnother?.choose(false)}>
      {pending && pendingLabel ? pendingLabel : submitLabel}
    </button>
  );
  return (
    <form className={className} aria-label={label} aria-labelledby={labelledBy} noValidate={noValidate} onSubmit={form.submit}>
      {heading}
      <ErrorSummary error={form.error} />
      {children}
      {bare ? (
        submit
      ) : (
        <div className="button-row">
          {submit}
          {addAnother && (
            <button type="submit" className="button button--secondary" disabled={pending} onClick={() => addAnother.choose(true)}>
              {addAnother.label}
            </button>
          )}
          {onCancel && (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      )}
      {after}
    </form>
  );
}
