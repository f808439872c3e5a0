import { Link } from 'react-router';
import { daysBetween, describeCountdown, formatDate, localToday, nextMilestone } from '../../../shared/calc/timetable';
import { HYPOTHESIS_STATUSES, HYPOTHESIS_STATUS_LABELS } from '../../../shared/domain/hypotheses';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';

export function DashboardPage() {
  const overview = useApi('pilot.overview', {});
  const hypotheses = useApi('hypothesis.list', {});
  if (overview.isPending) return <Loading what="the dashboard" />;
  if (overview.error) return <ErrorSummary error={overview.error} />;
  const o = overview.data;
  if (!o.pilot) {
    return (
      <div className="page">
        <h1>Welcome to Total Place Workbench</h1>
        <EmptyState title="Set up your pilot to begin">
          <p>Name the place, write the one question the pilot will answer, and set the report deadline. Then add the partner organisations, the team and the themes.</p>
          <Link to="/setup" className="button">Set up the pilot</Link>
        </EmptyState>
      </div>
    );
  }
  const today = localToday();
  const next = nextMilestone(o.milestones, today);
  const counts = HYPOTHESIS_STATUSES.map((s) => ({ s, n: (hypotheses.data ?? []).filter((h) => h.status === s).length }));
  return (
    <div className="page page--wide">
      <h1>{o.pilot.place}</h1>
      <p className="lead question">{o.pilot.question}</p>
      <div className="tiles">
        <Link to="/setup" className="tile">
          <h2>Report deadline</h2>
          <p className="tile__figure">{o.pilot.reportDeadline ? describeCountdown(daysBetween(today, o.pilot.reportDeadline)) : 'Not set'}</p>
          <p className="muted">{formatDate(o.pilot.reportDeadline)}</p>
        </Link>
        <Link to="/setup" className="tile">
          <h2>Next milestone</h2>
          <p className="tile__figure">{next ? next.title : 'None ahead'}</p>
          <p className="muted">{next ? `${formatDate(next.dueDate)}, ${describeCountdown(daysBetween(today, next.dueDate))}` : 'Add milestones on the set-up page'}</p>
        </Link>
        <Link to="/hypotheses" className="tile">
          <h2>Hypotheses</h2>
          <p className="tile__figure">{hypotheses.data?.length ?? '…'}</p>
          <ul className="tile__list">
            {counts.filter((c) => c.n > 0).map((c) => (
              <li key={c.s}>{HYPOTHESIS_STATUS_LABELS[c.s]}: {c.n}</li>
            ))}
          </ul>
        </Link>
        <Link to="/setup" className="tile">
          <h2>Partners and team</h2>
          <p className="tile__figure">{o.organisations.length} organisations</p>
          <p className="muted">{o.teamMembers.length} team members · {o.themes.length} themes</p>
        </Link>
      </div>
    </div>
  );
}
