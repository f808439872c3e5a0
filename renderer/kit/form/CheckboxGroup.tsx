import { useId } from 'react';

/**
 * A group of checkboxes in a fieldset: the accessible way to pick several from a short list
 * (each box has its own label; the legend names the group; an error is tied to the group).
 */
export function CheckboxGroup({
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  columns,
  scroll,
}: {
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange(value: string[]): void;
  error?: string | undefined;
  columns?: boolean;
  /** Long lists (every hypothesis) scroll inside the form instead of stretching it. */
  scroll?: boolean;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`field checkbox-group${error ? ' field--error' : ''}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && <p className="field__hint" id={`${id}-hint`}>{hint}</p>}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {options.length === 0 ? (
        <p className="muted">None to choose from yet.</p>
      ) : (
        <ul className={`checkbox-list${columns ? ' checkbox-list--columns' : ''}${scroll ? ' checkbox-list--scroll' : ''}`}>
          {options.map((o) => (
            <li key={o.value}>
              <label>
                <input
                  type="checkbox"
                  checked={value.includes(o.value)}
                  onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
                />{' '}
                {o.label}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
