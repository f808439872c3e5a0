import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { ACH_RATINGS, ACH_RATING_LABELS, LINK_WEIGHTS, LINK_WEIGHT_LABELS, type AchRating, type LinkWeight, type MatrixCell, type MatrixData } from '../../../shared/domain/evidence';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { formatNumber } from '../../kit/format/number';
import { CitizenBadge } from './Badges';

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** One row of the grid: an item, or one of its quotes (shown under it). */
interface Row {
  key: string;
  evidenceId: string;
  quoteId: string | null;
  title: string;
  citizenPerspective: boolean;
  diagnosticity: number;
  cells: Record<string, MatrixCell>;
}

function rowsOf(data: MatrixData): Row[] {
  return data.rows.flatMap((r) => [
    { key: `i:${r.evidenceId}`, evidenceId: r.evidenceId, quoteId: null, title: r.title, citizenPerspective: r.citizenPerspective, diagnosticity: r.diagnosticity, cells: r.cells },
    ...r.quotes.map((q) => ({ key: `q:${q.quoteId}`, evidenceId: r.evidenceId, quoteId: q.quoteId, title: `“${q.text}”${q.speaker ? ` — ${q.speaker}` : ''}`, citizenPerspective: q.citizenPerspective, diagnosticity: q.diagnosticity, cells: q.cells })),
  ]);
}

/**
 * Rows keep the order they were shown in while the person works: a saved rating changes an
 * item's diagnosticity, and re-sorting then would move rows under the keyboard cursor (the next
 * Enter would edit another item). The order is taken afresh when `orderKey` (the chosen sort and
 * filter) changes; rows new to the view are added at the end.
 */
function useStableOrder(rows: Row[], orderKey: string): Row[] {
  const [state, setState] = useState<{ key: string; order: string[] }>({ key: orderKey, order: rows.map((r) => r.key) });
  let order = state.order;
  if (state.key !== orderKey) {
    order = rows.map((r) => r.key);
    setState({ key: orderKey, order });
  } else {
    const known = new Set(order);
    const added = rows.filter((r) => !known.has(r.key)).map((r) => r.key);
    if (added.length) {
      order = [...order, ...added];
      setState({ key: orderKey, order });
    }
  }
  return useMemo(() => {
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return order.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : []));
  }, [rows, order]);
}

/**
 * The matrix as an ARIA grid: one cell is in the Tab order, the arrow keys move between cells,
 * Enter (or F2, or Space) opens the cell's editor — rating, credibility and relevance — where
 * Enter saves and Escape cancels; Delete clears the rating. The cursor stays on the same cell
 * (the same item or quote, the same hypothesis) after a save. The header rows, with each
 * hypothesis's inconsistency score, stay in view while the evidence scrolls.
 */
export function MatrixGrid({ data, orderKey }: { data: MatrixData; orderKey: string }) {
  const rate = useApiMutation('evidence.rate');
  const allRows = useMemo(() => rowsOf(data), [data]);
  const rows = useStableOrder(allRows, orderKey);
  const [active, setActive] = useState<{ key: string; h: string } | null>(null);
  const [editing, setEditing] = useState<{ key: string; h: string } | null>(null);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const wantFocus = useRef(false);
  const cols = data.hypotheses;
  const rIndex = Math.max(0, active ? rows.findIndex((r) => r.key === active.key) : 0);
  const cIndex = Math.max(0, active ? cols.findIndex((h) => h.id === active.h) : 0);
  const cur = rows[Math.min(rIndex, rows.length - 1)];
  const curH = cols[Math.min(cIndex, cols.length - 1)];

  useEffect(() => {
    if (!wantFocus.current || editing || !cur || !curH) return;
    wantFocus.current = false;
    cells.current.get(`${cur.key}|${curH.id}`)?.focus();
  });

  const move = (r: number, c: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, r))];
    const h = cols[Math.max(0, Math.min(cols.length - 1, c))];
    if (!row || !h) return;
    setActive({ key: row.key, h: h.id });
    wantFocus.current = true;
  };
  const save = (row: Row, hId: string, value: { rating: AchRating | null; credibility?: LinkWeight; relevance?: LinkWeight }) => {
    const cell = row.cells[hId];
    const changed = (cell?.rating ?? null) !== value.rating || (value.rating !== null && (cell?.credibility !== value.credibility || cell?.relevance !== value.relevance));
    if (changed) {
      rate.mutate({
        evidenceId: row.evidenceId,
        hypothesisId: hId,
        rating: value.rating,
        ...(value.rating !== null && value.credibility ? { credibility: value.credibility, relevance: value.relevance } : {}),
        ...(row.quoteId ? { quoteId: row.quoteId } : {}),
      });
    }
    setActive({ key: row.key, h: hId });
    setEditing(null);
    wantFocus.current = true;
  };
  const onKey = (e: KeyboardEvent, r: number, c: number) => {
    const row = rows[r]!;
    const h = cols[c]!;
    const keys: Record<string, () => void> = {
      ArrowUp: () => move(r - 1, c),
      ArrowDown: () => move(r + 1, c),
      ArrowLeft: () => move(r, c - 1),
      ArrowRight: () => move(r, c + 1),
      Home: () => move(e.ctrlKey ? 0 : r, 0),
      End: () => move(e.ctrlKey ? rows.length - 1 : r, cols.length - 1),
      PageUp: () => move(r - 10, c),
      PageDown: () => move(r + 10, c),
      Enter: () => setEditing({ key: row.key, h: h.id }),
      F2: () => setEditing({ key: row.key, h: h.id }),
      ' ': () => setEditing({ key: row.key, h: h.id }),
      Delete: () => save(row, h.id, { rating: null }),
      Backspace: () => save(row, h.id, { rating: null }),
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
      <div className="matrix-wrap" role="region" aria-label="The matrix; scrolls both ways" tabIndex={0}>
        <table className="matrix" role="grid" aria-label="Evidence against hypotheses" aria-rowcount={rows.length + 2}>
          <thead>
            <tr>
              <th scope="col">Evidence</th>
              {cols.map((h) => (
                <th scope="col" key={h.id} title={h.statement}>
                  <Link to={`/hypotheses/${h.id}`}>{short(h.statement)}</Link>
                </th>
              ))}
              <th scope="col">Diagnosticity</th>
            </tr>
            <tr className="matrix__scores">
              <th scope="row">Inconsistency score (lower is more likely)</th>
              {cols.map((h) => (
                // Headers, not cells: the scores describe their columns (and the grid's cells stay the ratings).
                <th scope="col" key={h.id} className="matrix__score">
                  <span className="visually-hidden">Inconsistency of “{short(h.statement, 40)}”: </span>
                  {formatNumber(h.inconsistency, 2)}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">No score</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={row.key} className={row.quoteId ? 'matrix__quote' : undefined}>
                <th scope="row">
                  {row.quoteId ? (
                    <Link to={`/evidence/${row.evidenceId}#quote-${row.quoteId}`}>
                      <span className="visually-hidden">Quote: </span>
                      {short(row.title, 140)}
                    </Link>
                  ) : (
                    <Link to={`/evidence/${row.evidenceId}`}>{row.title}</Link>
                  )}{' '}
                  <CitizenBadge show={row.citizenPerspective} />
                </th>
                {cols.map((h, c) => {
                  const cell = row.cells[h.id];
                  const isActive = r === Math.min(rIndex, rows.length - 1) && c === Math.min(cIndex, cols.length - 1);
                  const isEditing = editing?.key === row.key && editing.h === h.id;
                  return (
                    <td
                      key={h.id}
                      role="gridcell"
                      className={`cell${cell ? ` rating--${cell.rating}` : ''}`}
                      tabIndex={isActive && !isEditing ? 0 : -1}
                      ref={(el) => {
                        if (el) cells.current.set(`${row.key}|${h.id}`, el);
                        else cells.current.delete(`${row.key}|${h.id}`);
                      }}
                      onKeyDown={isEditing ? undefined : (e) => onKey(e, r, c)}
                      onClick={() => {
                        setActive({ key: row.key, h: h.id });
                        if (!isEditing) setEditing({ key: row.key, h: h.id });
                      }}
                    >
                      {isEditing ? (
                        <CellEditor
                          cell={cell}
                          label={`“${short(row.title, 80)}” against “${short(h.statement, 80)}”`}
                          onSave={(v) => save(row, h.id, v)}
                          onCancel={(refocus) => {
                            setEditing(null);
                            wantFocus.current = refocus;
                          }}
                        />
                      ) : cell ? (
                        <>
                          <span aria-hidden="true">{cell.rating}</span>
                          <span className="visually-hidden">
                            {ACH_RATING_LABELS[cell.rating]}, credibility {cell.credibility}, relevance {cell.relevance}
                          </span>
                          <span className="weight" aria-hidden="true" title={`Credibility ${cell.credibility}, relevance ${cell.relevance}`}>
                            {cell.credibility[0]!.toUpperCase()}/{cell.relevance[0]!.toUpperCase()}
                          </span>
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
        </table>
      </div>
      <p className="muted small">Under each rating: credibility / relevance (H high, M medium, L low). Quotes are listed under their item and count like items.</p>
    </>
  );
}

/** The cell's editor: rating, credibility, relevance. Enter saves, Escape cancels, Tab moves between them. */
function CellEditor({
  cell,
  label,
  onSave,
  onCancel,
}: {
  cell: MatrixCell | undefined;
  label: string;
  onSave(v: { rating: AchRating | null; credibility: LinkWeight; relevance: LinkWeight }): void;
  onCancel(refocus: boolean): void;
}) {
  const [rating, setRating] = useState<AchRating | ''>(cell?.rating ?? '');
  const [credibility, setCredibility] = useState<LinkWeight>(cell?.credibility ?? 'medium');
  const [relevance, setRelevance] = useState<LinkWeight>(cell?.relevance ?? 'medium');
  const box = useRef<HTMLDivElement>(null);
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onSave({ rating: rating || null, credibility, relevance });
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel(true);
    }
    e.stopPropagation();
  };
  return (
    <div
      ref={box}
      className="cell-editor"
      role="group"
      aria-label={`Edit ${label}`}
      onKeyDown={keys}
      onClick={(e) => e.stopPropagation()}
      onBlur={(e) => {
        // Leaving the editor (not moving between its fields) saves what was chosen.
        if (!box.current?.contains(e.relatedTarget as Node | null)) onSave({ rating: rating || null, credibility, relevance });
      }}
    >
      <select autoFocus aria-label={`Rating of ${label}`} value={rating} onChange={(e) => setRating(e.target.value as AchRating | '')}>
        <option value="">Not rated</option>
        {ACH_RATINGS.map((x) => (
          <option key={x} value={x}>{ACH_RATING_LABELS[x]}</option>
        ))}
      </select>
      <select aria-label={`Credibility of ${label}`} value={credibility} onChange={(e) => setCredibility(e.target.value as LinkWeight)}>
        {LINK_WEIGHTS.map((w) => (
          <option key={w} value={w}>Credibility: {LINK_WEIGHT_LABELS[w]}</option>
        ))}
      </select>
      <select aria-label={`Relevance of ${label}`} value={relevance} onChange={(e) => setRelevance(e.target.value as LinkWeight)}>
        {LINK_WEIGHTS.map((w) => (
          <option key={w} value={w}>Relevance: {LINK_WEIGHT_LABELS[w]}</option>
        ))}
      </select>
      <span className="visually-hidden">Enter saves, Escape cancels.</span>
    </div>
  );
}
