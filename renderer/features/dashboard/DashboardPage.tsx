import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { daysBetween, describeCountdown, localToday, milestoneStanding, nextMilestone, overdueMilestones } from '../../../shared/calc/timetable';
import { HYPOTHESIS_STATUSES, HYPOTHESIS_STATUS_LABELS } from '../../../shared/domain/hypotheses';
import { LEARNING_KIND_LABELS, type LearningKind } from '../../../shared/domain/learning';
import type { PilotOverview } from '../../../shared/domain/pilot';
import type { DashboardSummary } from '../../../shared/domain/report';
import { useApi } from '../../api/hooks';
import { ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { formatMoney } from '../../kit/format/money';
import { LoadQuery } from '../../kit/page/Loaded';
import { NAV_ITEMS } from '../../app/nav';
import { DemoBanner, Welcome } from './Welcome';
import { countOf } from '../../kit/format/number';

/** A tile leads to its page; when that page is not in this build, the tile still shows its figures. */
function Tile({ to, title, tone, children }: { to: string; title: string; tone?: 'warn' | 'ok'; children: ReactNode }) {
  const routed = to === '/setup' || to.startsWith('/hypotheses') || NAV_ITEMS.some((n) => to === n.to || to.startsWith(`${n.to}/`));
  const className = `tile${tone ? ` tile--${tone}` : ''}${routed ? '' : ' tile--static'}`;
  const body = (
    <>
      <h2>{title}</h2>
      {children}
    </>
  );
  return routed ? <Link to={to} className={className}>{body}</Link> : <div className={className}>{body}</div>;
}

const MAX_LISTED = 3;

function Listed({ items, more }: { items: string[]; more: number }) {
  return (
    <ul className="tile__list">
      {items.map((t, i) => <li key={i}>{t}</li>)}
      {more > 0 && <li>and {more} more</li>}
    </ul>
  );
}

function EvidenceTile({ s }: { s: DashboardSummary }) {
  if (!s.evidence) {
    return <Tile to="/evidence" title="Evidence gaps"><p className="muted">Evidence is not recorded in this version of the workbench.</p></Tile>;
  }
  const { noEvidence, noCitizen } = s.evidence;
  const gaps = noEvidence.length + noCitizen.length;
  return (
    <Tile to="/evidence" title="Evidence gaps" tone={gaps > 0 ? 'warn' : 'ok'}>
      <p className="tile__figure">{noEvidence.length} with no evidence yet</p>
      <p className="muted">{noCitizen.length} with none from the citizen's perspective</p>
      {gaps > 0 && <Listed items={[...noEvidence, ...noCitizen].slice(0, MAX_LISTED).map((h) => h.statement)} more={Math.max(0, gaps - MAX_LISTED)} />}
    </Tile>
  );
}

function SavingsTile({ s }: { s: DashboardSummary }) {
  if (!s.savings) return <Tile to="/estimates" title="Savings range"><p className="muted">Savings estimates are not in this version of the workbench.</p></Tile>;
  const v = s.savings;
  if (v.interventionCount === 0) return <Tile to="/estimates" title="Savings range"><p className="tile__figure">Not estimated yet</p><p className="muted">Estimate an intervention to see the portfolio's range.</p></Tile>;
  const low = v.p10 ?? v.pessimisticNpv;
  const high = v.p90 ?? v.optimisticNpv;
  return (
    <Tile to="/estimates" title="Savings range (net present value)">
      <p className="tile__figure">{formatMoney(low, { compact: true })} to {formatMoney(high, { compact: true })}</p>
      <p className="muted">Central {formatMoney(v.centralNpv, { whole: true })} · {v.p10 !== null ? 'P10–P90 by simulation' : 'pessimistic to optimistic'} · {countOf(v.interventionCount, 'intervention')}</p>
    </Tile>
  );
}

function SpendTile({ s }: { s: DashboardSummary }) {
  const [chosen, setChosen] = useState<string | null>(null);
  if (!s.spend) return <Tile to="/spend" title="Spend by agency"><p className="muted">Spend mapping is not in this version of the workbench.</p></Tile>;
  if (s.spend.byYear.length === 0) return <Tile to="/spend" title="Spend by agency"><p className="tile__figure">No spend imported</p><p className="muted">Import a spend file to map the place's spending.</p></Tile>;
  // One financial year at a time (years added together mean little): the latest that has ended first.
  const year = s.spend.byYear.find((y) => y.year === (chosen ?? s.spend!.year)) ?? s.spend.byYear.at(-1)!;
  const max = Math.max(...year.byAgency.map((a) => a.totalPence), 1);
  return (
    <div className="tile tile--static">
      <h2>Spend by agency</h2>
      <label className="tile__picker">
        Financial year{' '}
        <select value={year.year} onChange={(e) => setChosen(e.target.value)}>
          {s.spend.byYear.map((y) => (
            <option key={y.year} value={y.year}>
              {y.year}
              {y.complete ? '' : ' (so far)'}
            </option>
          ))}
        </select>
      </label>
      <p className="tile__figure">{formatMoney(year.totalPence, { compact: true })}</p>
      <p className="muted">{year.complete ? `April ${year.year.slice(0, 4)} to March ${Number(year.year.slice(0, 4)) + 1}` : 'The year so far'}</p>
      <ul className="tile__bars">
        {year.byAgency.slice(0, 5).map((a) => (
          <li key={a.organisation}>
            <span className="tile__bar-label">{a.organisation}: {formatMoney(a.totalPence, { compact: true })}</span>
            <span className="bar" aria-hidden="true" style={{ width: `${Math.max(2, (a.totalPence / max) * 100)}%` }} />
          </li>
        ))}
      </ul>
      <Link to="/spend">See the whole place</Link>
    </div>
  );
}

/** Data protection: evidence whose retention period has ended, for the team to keep, anonymise or erase. */
function ReviewTile() {
  const r = useApi('retention.overview', {});
  if (!r.data) return null;
  const due = r.data.due.length;
  return (
    <Tile to="/privacy/retention" title="Due for review" tone={due > 0 ? 'warn' : undefined}>
      <p className="tile__figure">{countOf(due, 'item')} due</p>
      <p className="muted">{countOf(r.data.upcoming.length, 'more item', 'more items')} in the next 90 days</p>
    </Tile>
  );
}

export function DashboardPage() {
  // After "Explore a demo pilot" the page changes under the button: focus goes to the new heading.
  const [focusHeading, setFocusHeading] = useState(false);
  return (
    <LoadQuery method="pilot.overview" input={{}} what="the dashboard">
      {(o) => <Dashboard o={o} focusHeading={focusHeading} onDemo={() => setFocusHeading(true)} />}
    </LoadQuery>
  );
}

function Dashboard({ o, focusHeading, onDemo }: { o: PilotOverview; focusHeading: boolean; onDemo(): void }) {
  const summary = useApi('dashboard.summary', {});
  const heading = useRef<HTMLHeadingElement>(null);
  const hasPilot = Boolean(o.pilot);
  useEffect(() => {
    if (focusHeading && hasPilot) heading.current?.focus();
  }, [focusHeading, hasPilot]);
  if (!o.pilot) return <Welcome onDemo={onDemo} />;
  const today = localToday();
  const next = nextMilestone(o.milestones, today);
  const late = overdueMilestones(o.milestones, today);
  const s = summary.data;
  return (
    <div className="page page--wide">
      <h1 ref={heading} tabIndex={-1}>{o.pilot.place}</h1>
      {o.demo && <DemoBanner />}
      <p className="lead question">{o.pilot.question}</p>
      <ErrorSummary error={summary.error} />
      <div className="tiles">
        <Tile to="/setup" title="Report deadline">
          <p className="tile__figure">{o.pilot.reportDeadline ? describeCountdown(daysBetween(today, o.pilot.reportDeadline)) : 'Not set'}</p>
          <p className="muted">{formatDate(o.pilot.reportDeadline)}</p>
        </Tile>
        <Tile to="/setup" title={late.length > 0 ? 'Milestones overdue' : 'Next milestone'} tone={late.length > 0 ? 'warn' : undefined}>
          {late.length > 0 ? (
            // Overdue milestones come first: a passed date with the work not done is never skipped.
            <>
              <p className="tile__figure">{countOf(late.length, 'milestone')} overdue</p>
              <ul className="tile__list">
                {late.slice(0, 3).map((m) => (
                  <li key={m.id}>{m.title}: <strong className="overdue-flag">{milestoneStanding(m, today).text}</strong></li>
                ))}
              </ul>
              {next && <p className="muted">Next: {next.title}, {formatDate(next.dueDate)}</p>}
            </>
          ) : (
            <>
              <p className="tile__figure">{next ? next.title : 'None ahead'}</p>
              <p className="muted">{next ? `${formatDate(next.dueDate)}, ${describeCountdown(daysBetween(today, next.dueDate))}` : 'Add milestones on the set-up page'}</p>
            </>
          )}
        </Tile>
        <Tile to="/hypotheses" title="Hypotheses by status">
          <p className="tile__figure">{s ? `${countOf(s.hypothesisCount, 'hypothesis', 'hypotheses')}` : '…'}</p>
          {s && s.hypothesisCount === 0 && <p className="muted">Write the first hypothesis.</p>}
          {s && (
            <ul className="tile__list">
              {HYPOTHESIS_STATUSES.filter((st) => (s.hypothesesByStatus[st] ?? 0) > 0).map((st) => (
                <li key={st}>{HYPOTHESIS_STATUS_LABELS[st]}: {s.hypothesesByStatus[st]}</li>
              ))}
            </ul>
          )}
        </Tile>
        {s && <EvidenceTile s={s} />}
        {s && <SavingsTile s={s} />}
        {s && <SpendTile s={s} />}
        {s && (
          <Tile to="/actions" title="Overdue actions" tone={s.actions.overdue.length > 0 ? 'warn' : undefined}>
            <p className="tile__figure">{s.actions.overdue.length} overdue</p>
            <p className="muted">{s.actions.open} open or in progress</p>
            {s.actions.overdue.length > 0 && (
              <Listed
                items={s.actions.overdue.slice(0, MAX_LISTED).map((a) => `${a.title} (${[a.owner, a.organisationName].filter(Boolean).join(', ') || 'no owner'}, due ${formatDate(a.dueDate)})`)}
                more={Math.max(0, s.actions.overdue.length - MAX_LISTED)}
              />
            )}
          </Tile>
        )}
        <ReviewTile />
        {s && (
          <Tile to="/learning" title="Recent learning">
            <p className="tile__figure">{countOf(s.learningCount, 'entry', 'entries')}</p>
            {s.recentLearning.length === 0 ? (
              <p className="muted">Record what did not work as it happens.</p>
            ) : (
              <Listed items={s.recentLearning.map((e) => `${LEARNING_KIND_LABELS[e.kind as LearningKind]}: ${e.title}`)} more={0} />
            )}
          </Tile>
        )}
        {s && (
          <Tile to="/benefits" title="Benefits register">
            <p className="tile__figure">{formatMoney(s.benefits.fullYearPence, { compact: true })} a year</p>
            <p className="muted">{countOf(s.benefits.count, 'benefit')} · {formatMoney(s.benefits.realisedToDatePence, { whole: true })} realised to date</p>
          </Tile>
        )}
        <Tile to="/setup" title="Partners and team">
          <p className="tile__figure">{o.organisations.length} organisations</p>
          <p className="muted">{countOf(o.teamMembers.length, 'team member')} · {countOf(o.themes.length, 'theme')}</p>
        </Tile>
      </div>
      {summary.isPending && <Loading what="the figures" />}
    </div>
  );
}
