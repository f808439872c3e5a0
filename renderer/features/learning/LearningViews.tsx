import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LEARNING_KINDS, LEARNING_KIND_LABELS, type BarrierCount, type LearningEntry, type LearningFilter, type LearningMonth } from '../../../shared/domain/learning';
import { formatDate } from '../../kit/format/date';
import { DataTable } from '../../kit/list/DataTable';
import { LoadQuery } from '../../kit/page/Loaded';

/** Colours for the four kinds: distinguishable, and each meets 3:1 against white (WCAG 1.4.11). */
export const KIND_COLOURS: Record<(typeof LEARNING_KINDS)[number], string> = {
  'did-not-work': '#b10e1e',
  failed: '#6f3c99',
  difficult: '#8a4b00',
  lesson: '#1d70b8',
};

const monthLabel = (m: string) => formatDate(m, 'month');

export function ByBarrierView({ filter, entries, onPick }: { filter: LearningFilter; entries: LearningEntry[]; onPick(barrierId: string): void }) {
  return (
    <LoadQuery method="learning.byBarrier" input={filter} what="barrier counts">
      {(rows) => <BarrierCounts counts={rows} entries={entries} onPick={onPick} />}
    </LoadQuery>
  );
}

function BarrierCounts({ counts, entries, onPick }: { counts: BarrierCount[]; entries: LearningEntry[]; onPick(barrierId: string): void }) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  return (
    <section aria-labelledby="by-barrier-heading">
      <h2 id="by-barrier-heading">By barrier</h2>
      <p className="muted">An entry tagged with several barriers counts under each of them.</p>
      <DataTable caption="Learning entries per barrier" hideCaption columns={['Barrier', { label: 'Entries', num: true }, { label: 'Share', hidden: true }, 'Most recent']}>
        {counts.map((c) => {
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
      </DataTable>
    </section>
  );
}

export function OverTimeView({ filter }: { filter: LearningFilter }) {
  return (
    <LoadQuery method="learning.byMonth" input={filter} what="the timeline">
      {(rows) => <MonthCounts months={rows} />}
    </LoadQuery>
  );
}

function MonthCounts({ months }: { months: LearningMonth[] }) {
  const data = months.map((m) => ({ month: monthLabel(m.month), ...m.byKind }));
  const peak = [...months].sort((a, b) => b.total - a.total)[0];
  return (
    <section aria-labelledby="over-time-heading">
      <h2 id="over-time-heading">Over time</h2>
      <figure className="chart">
        <div role="img" aria-label={`Learning entries per month, stacked by kind, from ${monthLabel(months[0]!.month)} to ${monthLabel(months.at(-1)!.month)}; the most in ${monthLabel(peak!.month)} (${peak!.total}). The table below gives the figures.`}>
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
      <DataTable caption="Entries per month" columns={['Month', ...LEARNING_KINDS.map((k) => ({ label: LEARNING_KIND_LABELS[k], num: true })), { label: 'Total', num: true }]}>
        {months.map((m) => (
          <tr key={m.month}>
            <th scope="row">{monthLabel(m.month)}</th>
            {LEARNING_KINDS.map((k) => <td key={k} className="num">{m.byKind[k]}</td>)}
            <td className="num">{m.total}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
