import { useId, type ReactNode } from 'react';

interface FieldShellProps {
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** Label, hint and error wired to the control with ids, so screen readers announce all three. */
export function FieldShell({ label, hint, error, children }: FieldShellProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': true } : {}) })}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  error?: string | undefined;
  type?: 'text' | 'date' | 'number' | 'email' | 'search';
  required?: boolean;
  name?: string;
  step?: string;
  min?: string;
  max?: string;
  autoFocus?: boolean;
}

export function TextField({ label, value, onChange, hint, error, type = 'text', ...rest }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {(a11y) => <input {...a11y} {...rest} type={type} value={value} onChange={(e) => onChange(e.target.value)} />}
    </FieldShell>
  );
}

export function TextArea({ label, value, onChange, hint, error, rows = 3, name }: Omit<TextFieldProps, 'type'> & { rows?: number }) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {(a11y) => <textarea {...a11y} name={name} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />}
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  value,
  onChange,
  options,
  hint,
  error,
  emptyLabel,
  name,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  options: Option[];
  hint?: string;
  error?: string | undefined;
  emptyLabel?: string;
  name?: string;
}) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {(a11y) => (
        <select {...a11y} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
