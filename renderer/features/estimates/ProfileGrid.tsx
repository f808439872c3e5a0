import { useId, useState, type ClipboardEvent } from 'react';
import { financialYearAt } from '../../../shared/calc/estimateModel';
import { applyPaste, rowsFor, type Errors, type Triple } from './drafts';
import { countOf } from '../../kit/format/number';

const COLS = ['low', 'central', 'high'] as const;
const COL_LABEL = { low: 'Low', central: 'Central', high: 'High' };

/**
 * Low / central / high per year. Typing fills one cell; pasting tab-separated rows copied from a
 * spreadsheet fills the grid from the cell pasted into (rows are years; columns low, central, high).
 */
export function ProfileGrid({
  caption,
  unit,
  startYear,
  years,
  triples,
  errors,
  errorPrefix,
  onChange,
}: {
  caption: string;
  unit: string;
  startYear: string;
  years: number;
  triples: Triple[];
  errors: Errors;
  errorPrefix: string;
  onChange(next: Triple[]): void;
}) {
  const [note, setNote] = useState<string | null>(null);
  const gridId = useId();
  const rows = rowsFor(triples, years);
  const set = (t: number, k: (typeof COLS)[number], v: string) => {
    const next = rows.map((r) => ({ ...r }));
    next[t]![k] = v;
    onChange([...next, ...triples.slice(years)]);
  };
  const onPaste = (e: ClipboardEvent<HTMLTableElement>) => {
    const target = e.target as HTMLInputElement;
    const text = e.clipboardData.getData('text/plain');
    if (!target.dataset.row || !/[\t\n]/.test(text.trim())) return;
    e.preventDefault();
    const { triples: next, dropped } = applyPaste(triples, years, Number(target.dataset.row), Number(target.dataset.col), text);
    onChange(next);
    setNote(dropped ? `Pasted. ${countOf(dropped, 'row')} beyond the last year ${dropped === 1 ? 'was' : 'were'} left out.` : 'Pasted from the clipboard.');
  };
  return (
    <div className="profile-grid">
      <table className="table table--compact" onPaste={onPaste}>
        <caption>
          {caption} <span className="muted">({unit}; paste rows from a spreadsheet into any cell)</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Year</th>
            {COLS.map((k) => (
              <th key={k} scope="col">
                {COL_LABEL[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, t) => {
            const year = financialYearAt(startYear, t);
            return (
              <tr key={t}>
                <th scope="row">{year}</th>
                {COLS.map((k, c) => {
                  const err = errors[`${errorPrefix}.${t}.${k}`];
                  const errId = `${gridId}-${t}-${k}-error`;
                  return (
                    <td key={k}>
                      <input
                        className={`grid-input${err ? ' grid-input--error' : ''}`}
                        inputMode="decimal"
                        aria-label={`${year} ${COL_LABEL[k].toLowerCase()} (${unit})`}
                        aria-invalid={err ? true : undefined}
                        aria-describedby={err ? errId : undefined}
                        data-row={t}
                        data-col={c}
                        value={r[k]}
                        onChange={(e) => set(t, k, e.target.value)}
                      />
                      {err && (
                        <span className="grid-error" id={errId}>
                          {err}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {note && (
        <p className="muted" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
