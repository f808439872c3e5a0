import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LEARNING_KINDS, LEARNING_KIND_LABELS, type LearningEntry, type LearningFilter } from '../../../shared/domain/learning';
import { useApi } from '../../api/hooks';
import { ErrorSummary, Loading } from '../../components/Feedback';

/** Colours for the four kinds: distinguishable, and each meets 3:1 against white (WCAG 1.4.11). */
export const KIND_COLOURS: Record<(typeof LEARNING_KINDS)[number], string> = {
  'did-not-work': '#b10e1e',
  failed: '#6f3c99',
  difficult: '#8a4b00',
  lesson: '#1d70b8',
};

const monthLabel = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function ByBarrierView({ filter, entries, onPick }: { filter: LearningFilter; entries: LearningEntry[]; onPick(barrierId: string): void }) {
  const counts = useApi('learning.byBarrier', filter);
  if (counts.isPending) return <Loading what="barrier counts" />;
  if (counts.error) return <ErrorSummary error={counts.error} />;
  const max = Math.max(1, ...counts.data.map((c) => c.count));
  return (
    <section aria-labelledby="by-barrier-heading">
      <h2 id="by-barrier-heading">By barrier</h2>
      <p className="muted">An entry tagged with several barriers counts under each of them.</p>
      <table className="table">
        <caption className="visually-hidden">Learning entries per barrier</caption>
        <thead>
          <tr>
            <th scope="col">Barrier</th>
            <th scope="col" className="num">Entries</th>
            <th scope="col"><span className="visually-hidden">Share</span></th>
            <th scope="col">Most recent</th>
          </tr>
        </thead>
        <tbody>
          {counts.data.map((c) => {
            const mine = entries.filter((e) => (c.barrierId === null ? e.barrierIds.length === 0 : e.barrierIds.includes(c.barrierId)));
            return (
              <tr key={c.barrierId ?? 'none'}>
                <th scope="row">
                  {c.barrierId ? (
                    <button type="button" className="link-button" onClick={() => onPick(c.barrierId!)}>{c.name}</button>
                  ) : (
                    c.name
                  )}
                </th>
                <td className="num">{c.count}</td>
                <td className="bar-cell" aria-hidden="true"><span className="bar" style={{ width: `${(c.count / max) * 100}%` }} /></td>
                <td>{mine[0] ? <Link to={`/learning/${mine[0].id}`}>{mine[0].title}</Link> : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function OverTimeView({ filter }: { filter: LearningFilter }) {
  const months = useApi('learning.byMonth', filter);
  if (months.isPending) return <Loading what="the timeline" />;
  if (months.error) return <ErrorSummary error={months.error} />;
  const data = months.data.map((m) => ({ month: monthLabel(m.month), ...m.byKind }));
  const peak = [...months.data].sort((a, b) => b.total - a.total)[0];
  return (
    <section aria-labelledby="over-time-heading">
      <h2 id="over-time-heading">Over time</h2>
      <figure className="chart">
        <div role="img" aria-label={`Learning entries per month, stacked by kind, from ${monthLabel(months.data[0]!.month)} to ${monthLabel(months.data.at(-1)!.month)}; the most in ${monthLabel(peak!.month)} (${peak!.total}). The table below gives the figures.`}>
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={data} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {LEARNING_KINDS.map((k) => (
                <Bar key={k} dataKey={k} name={LEARNING_KIND_LABELS[k]} stackId="kinds" fill={KIND_COLOURS[k]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="muted">Entries per month by when they happened.</figcaption>
      </figure>
      <table className="table">
        <caption>Entries per month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            {LEARNING_KINDS.map((k) => <th key={k} scope="col" className="num">{LEARNING_KIND_LABELS[k]}</th>)}
            <th scope="col" className="num">Total</th>
          </tr>
        </thead>
        <tbody>
          {months.data.map((m) => (
            <tr key={m.month}>
              <th scope="row">{monthLabel(m.month)}</th>
              {LEARNING_KINDS.map((k) => <td key={k} className="num">{m.byKind[k]}</td>)}
              <td className="num">{m.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
