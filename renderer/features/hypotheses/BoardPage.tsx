import { Link } from 'react-router';
import { formatDate } from '../../../shared/calc/timetable';
import { HYPOTHESIS_STATUSES, HYPOTHESIS_STATUS_LABELS } from '../../../shared/domain/hypotheses';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { HypothesesHeader } from './HypothesesTabs';
import { MoveStatus } from './MoveStatus';

export function BoardPage() {
  const list = useApi('hypothesis.list', {});
  const overview = useApi('pilot.overview', {});
  const themeName = (id: string | null) => overview.data?.themes.find((t) => t.id === id)?.name;
  return (
    <div className="page page--wide">
      <HypothesesHeader />
      {list.isPending && <Loading what="hypotheses" />}
      <ErrorSummary error={list.error} />
      {list.data && list.data.length === 0 && (
        <EmptyState title="No hypotheses yet">
          <p>Start with what the team believes could give better outcomes at less cost. Each hypothesis is then tested with evidence.</p>
          <Link to="/hypotheses/new" className="button">Write the first hypothesis</Link>
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <div className="board">
          {HYPOTHESIS_STATUSES.map((status) => {
            const items = list.data.filter((h) => h.status === status);
            return (
              <section key={status} className={`board__column board__column--${status}`} aria-labelledby={`col-${status}`}>
                <h2 id={`col-${status}`}>
                  {HYPOTHESIS_STATUS_LABELS[status]} <span className="count">{items.length}</span>
                </h2>
                <ul>
                  {items.map((h) => (
                    <li key={h.id} className="board__card">
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
    </div>
  );
}
