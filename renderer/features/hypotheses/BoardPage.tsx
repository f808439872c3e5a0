import { useState } from 'react';
import { Link } from 'react-router';
import { HYPOTHESIS_STATUSES, HYPOTHESIS_STATUS_LABELS, HYPOTHESIS_TRANSITIONS, type Hypothesis, type HypothesisStatus } from '../../../shared/domain/hypotheses';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { ListState } from '../../kit/list/ListState';
import { HypothesesHeader } from './HypothesesTabs';
import { MoveStatus } from './MoveStatus';
import { useStatusChange } from './StatusChange';

export function BoardPage() {
  const list = useApi('hypothesis.list', {});
  const overview = useApi('pilot.overview', {});
  const themeName = (id: string | null) => overview.data?.themes.find((t) => t.id === id)?.name;
  // Mouse users can drag a card to a column; the "Move…" buttons do the same from the keyboard.
  const [dragged, setDragged] = useState<Hypothesis | null>(null);
  // A drop asks for the reason, as the buttons do.
  const change = useStatusChange();
  const canDrop = (status: HypothesisStatus) => dragged !== null && HYPOTHESIS_TRANSITIONS[dragged.status].includes(status);
  const drop = (status: HypothesisStatus) => {
    if (!dragged || !canDrop(status)) return;
    change.request(dragged, status);
    setDragged(null);
  };
  return (
    <div className="page page--wide">
      <HypothesesHeader />
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
          <div className="board">
            {HYPOTHESIS_STATUSES.map((status) => {
              const items = all.filter((h) => h.status === status);
              return (
                <section
                  key={status}
                  className={`board__column board__column--${status}${canDrop(status) ? ' board__column--droppable' : ''}`}
                  aria-labelledby={`col-${status}`}
                  onDragOver={(e) => {
                    if (canDrop(status)) e.preventDefault();
                  }}
                  onDrop={(e) => {
                    e.preventDefault();
                    drop(status);
                  }}
                >
                  <h2 id={`col-${status}`}>
                    {HYPOTHESIS_STATUS_LABELS[status]} <span className="count">{items.length}</span>
                  </h2>
                  <ul>
                    {items.map((h) => (
                      <li
                        key={h.id}
                        className="board__card"
                        draggable
                        onDragStart={(e) => {
                          e.dataTransfer.effectAllowed = 'move';
                          e.dataTransfer.setData('text/plain', h.id);
                          setDragged(h);
                        }}
                        onDragEnd={() => setDragged(null)}
                      >
                        <Link to={`/hypotheses/${h.id}`} className="board__title">{h.statement}</Link>
                        <p className="muted">
                          {[themeName(h.themeId), h.dueDate ? `due ${formatDate(h.dueDate)}` : null].filter(Boolean).join(' · ') || ' '}
                        </p>
                        <MoveStatus hypothesis={h} compact />
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
