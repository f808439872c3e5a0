import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { ACH_RATINGS, ACH_RATING_LABELS, type AchRating, type MatrixData } from '../../../shared/domain/evidence';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { formatNumber } from '../../kit/format/number';
import { CitizenBadge } from './Badges';

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * The matrix as an ARIA grid: one cell is in the Tab order, the arrow keys move between cells,
 * Enter (or F2, or Space) puts a labelled select in the cell, Delete clears the rating. Only one
 * select exists at a time, so a 200 × 500 matrix stays light.
 */
export function MatrixGrid({ data }: { data: MatrixData }) {
  const rate = useApiMutation('evidence.rate');
  const [active, setActive] = useState({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ r: number; c: number } | null>(null);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const wantFocus = useRef(false);
  const rows = data.rows.length;
  const cols = data.hypotheses.length;
  const r0 = Math.min(active.r, rows - 1);
  const c0 = Math.min(active.c, cols - 1);

  useEffect(() => {
    if (!wantFocus.current || editing) return;
    wantFocus.current = false;
    cells.current.get(`${r0}:${c0}`)?.focus();
  });

  const move = (r: number, c: number) => {
    const next = { r: Math.max(0, Math.min(rows - 1, r)), c: Math.max(0, Math.min(cols - 1, c)) };
    setActive(next);
    wantFocus.current = true;
  };
  const set = (r: number, c: number, rating: AchRating | null) => {
    const row = data.rows[r]!;
    const h = data.hypotheses[c]!;
    if ((row.cells[h.id]?.rating ?? null) !== rating) rate.mutate({ evidenceId: row.evidenceId, hypothesisId: h.id, rating });
    setEditing(null);
    wantFocus.current = true;
  };
  const onKey = (e: KeyboardEvent, r: number, c: number) => {
    const keys: Record<string, () => void> = {
      ArrowUp: () => move(r - 1, c),
      ArrowDown: () => move(r + 1, c),
      ArrowLeft: () => move(r, c - 1),
      ArrowRight: () => move(r, c + 1),
      Home: () => move(e.ctrlKey ? 0 : r, 0),
      End: () => move(e.ctrlKey ? rows - 1 : r, cols - 1),
      PageUp: () => move(r - 10, c),
      PageDown: () => move(r + 10, c),
      Enter: () => setEditing({ r, c }),
      F2: () => setEditing({ r, c }),
      ' ': () => setEditing({ r, c }),
      Delete: () => set(r, c, null),
      Backspace: () => set(r, c, null),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  return (
    <>
      <ErrorSummary error={rate.error} />
      <div className="matrix-wrap">
        <table className="matrix" role="grid" aria-label="Evidence against hypotheses">
          <thead>
            <tr>
              <th scope="col">Evidence</th>
              {data.hypotheses.map((h) => (
                <th scope="col" key={h.id} title={h.statement}>
                  <Link to={`/hypotheses/${h.id}`}>{short(h.statement)}</Link>
                </th>
              ))}
              <th scope="col">Diagnosticity</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row, r) => (
              <tr key={row.evidenceId}>
                <th scope="row">
                  <Link to={`/evidence/${row.evidenceId}`}>{row.title}</Link> <CitizenBadge show={row.citizenPerspective} />
                </th>
                {data.hypotheses.map((h, c) => {
                  const cell = row.cells[h.id];
                  const isActive = r === r0 && c === c0;
                  const isEditing = editing?.r === r && editing.c === c;
                  return (
                    <td
                      key={h.id}
                      role="gridcell"
                      className={`cell${cell ? ` rating--${cell.rating}` : ''}`}
                      tabIndex={isActive && !isEditing ? 0 : -1}
                      ref={(el) => {
                        if (el) cells.current.set(`${r}:${c}`, el);
                        else cells.current.delete(`${r}:${c}`);
                      }}
                      onKeyDown={isEditing ? undefined : (e) => onKey(e, r, c)}
                      onClick={() => {
                        setActive({ r, c });
                        if (!isEditing) setEditing({ r, c });
                      }}
                    >
                      {isEditing ? (
                        <select
                          autoFocus
                          aria-label={`Rating of "${short(row.title, 80)}" against "${short(h.statement, 80)}"`}
                          value={cell?.rating ?? ''}
                          onChange={(e) => set(r, c, (e.target.value || null) as AchRating | null)}
                          onKeyDown={(e) => {
                            if (e.key === 'Escape' || e.key === 'Tab') {
                              if (e.key === 'Escape') e.preventDefault();
                              setEditing(null);
                              wantFocus.current = e.key === 'Escape';
                            }
                          }}
                          onBlur={() => setEditing(null)}
                        >
                          <option value="">Not rated</option>
                          {ACH_RATINGS.map((x) => (
                            <option key={x} value={x}>{ACH_RATING_LABELS[x]}</option>
                          ))}
                        </select>
                      ) : cell ? (
                        <>
                          <span aria-hidden="true">{cell.rating}</span>
                          <span className="visually-hidden">{ACH_RATING_LABELS[cell.rating]}, weight {cell.weight}</span>
                          <span className="weight" aria-hidden="true">{cell.weight}</span>
                        </>
                      ) : (
                        <span className="visually-hidden">Not rated</span>
                      )}
                    </td>
                  );
                })}
                <td>{formatNumber(row.diagnosticity, 2)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Inconsistency score (lower is more likely)</th>
              {data.hypotheses.map((h) => (
                <td key={h.id}>{formatNumber(h.inconsistency, 2)}</td>
              ))}
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
