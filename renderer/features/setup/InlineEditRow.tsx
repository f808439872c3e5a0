import { useState, type ReactNode } from 'react';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';

type UpdateMethod = 'milestone.update' | 'teamMember.update';

export interface InlineField {
  key: string;
  /** Read by screen readers: "Title of Board meeting". */
  label: string;
  type?: 'text' | 'date' | 'number';
  options?: { value: string; label: string }[];
  step?: string;
  min?: string;
  max?: string;
}

/**
 * A table row that turns into a small form, so a milestone or team member is corrected in place
 * (keeping its links and history) rather than deleted and added again. Enter saves, Escape cancels;
 * focus starts in the first field.
 */
export function InlineEditRow({
  method,
  record,
  name,
  fields,
  initial,
  toPatch,
  lead,
  onDone,
}: {
  method: UpdateMethod;
  record: { id: string; rev: string };
  /** The record's name, for labels and the toast. */
  name: string;
  fields: InlineField[];
  initial: Record<string, string>;
  toPatch(values: Record<string, string>): Record<string, unknown>;
  /** Cells before the fields (a column the form leaves alone). */
  lead?: ReactNode;
  onDone(): void;
}) {
  const [values, setValues] = useState(initial);
  const update = useApiMutation(method);
  const toasts = useToasts();
  const save = () =>
    update.mutate({ id: record.id, rev: record.rev, patch: toPatch(values) } as never, {
      onSuccess: () => {
        toasts.show(`Saved ${values[fields[0]!.key] || name}`);
        onDone();
      },
    });
  const keys = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      save();
    }
    if (e.key === 'Escape') onDone();
  };
  return (
    <tr className="is-editing">
      {lead}
      {fields.map((f, i) => {
        const id = `edit-${record.id}-${f.key}`;
        const error = fieldError(update.error, f.key, `patch.${f.key}`);
        const common = {
          id,
          className: 'input-inline',
          value: values[f.key] ?? '',
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `${id}-error` : undefined,
          onKeyDown: keys,
          autoFocus: i === 0,
        } as const;
        return (
          <td key={f.key}>
            <label className="visually-hidden" htmlFor={id}>{f.label} of {name}</label>
            {f.options ? (
              <select {...common} onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}>
                {f.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            ) : (
              <input {...common} type={f.type ?? 'text'} step={f.step} min={f.min} max={f.max} onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))} />
            )}
            {error && <p className="field__error" id={`${id}-error`}>{error}</p>}
          </td>
        );
      })}
      <td className="table__actions">
        <button type="button" className="button button--small" onClick={save} disabled={update.isPending}>Save</button>{' '}
        <button type="button" className="button button--small button--secondary" onClick={onDone}>Cancel</button>
        {update.error && !update.error.fields && <ErrorSummary error={update.error} />}
      </td>
    </tr>
  );
}
