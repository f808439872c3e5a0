import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { HYPOTHESIS_STATUSES, HYPOTHESIS_STATUS_LABELS, HYPOTHESIS_TRANSITIONS, type Hypothesis, type HypothesisStatus } from '../../../shared/domain/hypotheses';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { ListState } from '../../kit/list/ListState';
import { HypothesesHeader } from './HypothesesTabs';
import { MoveStatus, moveButtonId } from './MoveStatus';
import { whyMoveRefused } from './moveRules';
import { useStatusChange } from './StatusChange';

/**
 * After a move the card is drawn afresh in its new column: once the list shows it there, focus
 * goes to its "Move…" button, so keyboard users carry on from the card they moved.
 */
function useFocusAfterMove(all: Hypothesis[] | undefined) {
  const [moved, setMoved] = useState<{ id: string; status: HypothesisStatus } | null>(null);
  useEffect(() => {
    if (!moved || !all?.some((h) => h.id === moved.id && h.status === moved.status)) return;
    document.getElementById(moveButtonId(moved.id))?.focus();
    setMoved(null);
  }, [all, moved]);
  return (id: string, status: HypothesisStatus) => setMoved({ id, status });
}

export function BoardPage() {
  const list = useApi('hypothesis.list', {});
  const overview = useApi('pilot.overview', {});
  const themeName = (id: string | null) => overview.data?.themes.find((t) => t.id === id)?.name;
  const ownerName = (id: string | null) => overview.data?.teamMembers.find((m) => m.id === id)?.name;
  const onMoved = useFocusAfterMove(list.data);
  // Mouse users can drag a card to a column; the "Move…" buttons do the same from the keyboard.
  const [dragged, setDragged] = useState<Hypothesis | null>(null);
  const [over, setOver] = useState<HypothesisStatus | null>(null);
  // Why the last drop was refused: shown beside the board and announced, never a silent no-op.
  const [refusal, setRefusal] = useState<string | null>(null);
  // A drop asks for the reason, as the buttons do.
  const change = useStatusChange(onMoved);
  const canDrop = (status: HypothesisStatus) => dragged !== null && HYPOTHESIS_TRANSITIONS[dragged.status].includes(status);
  const refusedHere = (status: HypothesisStatus) => dragged !== null && whyMoveRefused(dragged.status, status) !== null;
  const drop = (status: HypothesisStatus) => {
    const card = dragged;
    setDragged(null);
    setOver(null);
    if (!card) return;
    const why = whyMoveRefused(card.status, status);
    setRefusal(why);
    if (!why && card.status !== status) change.request(card, status);
  };
  return (
    <div className="page page--wide">
      <HypothesesHeader />
      <p className="board__feedback" role="status" aria-live="polite">
        {refusal && (
          <>
            <strong>{refusal}</strong>{' '}
            <button type="button" className="button button--small button--secondary" onClick={() => setRefusal(null)}>Dismiss</button>
          </>
        )}
      </p>
      <ListState
        query={list}
        what="hypotheses"
        empty={
          <EmptyState title="No hypotheses yet">
            <p>Start with what the team believes could give better outcomes at less cost. Each hypothesis is then tested with evidence.</p>
            <Link to="/hypotheses/new" className="button">Write the first hypothesis</Link>
          </EmptyState>
        }
      >
        {(all) => (
          // The board scrolls sideways within its own region, so the page itself never does.
          <div className="board" role="region" aria-label="Hypotheses board; scrolls sideways" tabIndex={0}>
            {HYPOTHESIS_STATUSES.map((status) => {
              const items = all.filter((h) => h.status === status);
              const blocked = over === status && refusedHere(status);
              return (
                <section
                  key={status}
                  className={`board__column board__column--${status}${canDrop(status) ? ' board__column--droppable' : ''}${blocked ? ' board__column--blocked' : ''}`}
                  aria-labelledby={`col-${status}`}
                  onDragOver={(e) => {
                    // Every column takes the drop (a refused one then says why instead of doing
                    // nothing); while hovering, a refused column is marked and shows the reason.
                    if (!dragged) return;
                    e.preventDefault();
                    if (over !== status) setOver(status);
                  }}
                  onDragLeave={() => setOver((o) => (o === status ? null : o))}
                  onDrop={(e) => {
                    e.preventDefault();
                    drop(status);
                  }}
                >
                  <h2 id={`col-${status}`}>
                    {HYPOTHESIS_STATUS_LABELS[status]} <span className="count">{items.length}</span>
                  </h2>
                  {blocked && dragged && <p className="board__blocked-hint">{whyMoveRefused(dragged.status, status)}</p>}
                  <ul>
                    {items.map((h) => (
                      <li
                        key={h.id}
                        className="board__card"
                        draggable
                        onDragStart={(e) => {
                          e.dataTransfer.effectAllowed = 'move';
                          e.dataTransfer.setData('text/plain', h.id);
                          // The last refusal stays until the next drop replaces it: clearing it here
                          // would shift the board under the pointer mid-drag.
                          setDragged(h);
                        }}
                        onDragEnd={() => {
                          setDragged(null);
                          setOver(null);
                        }}
                      >
                        <Link to={`/hypotheses/${h.id}`} className="board__title">{h.statement}</Link>
                        <p className="board__owner">{ownerName(h.ownerId) ? <>Owner: {ownerName(h.ownerId)}</> : <span className="muted">No owner yet</span>}</p>
                        <p className="muted">
                          {[themeName(h.themeId), h.dueDate ? `due ${formatDate(h.dueDate)}` : null].filter(Boolean).join(' · ') || ' '}
                        </p>
                        <MoveStatus hypothesis={h} compact onMoved={onMoved} />
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        )}
      </ListState>
      {change.dialog}
    </div>
  );
}
