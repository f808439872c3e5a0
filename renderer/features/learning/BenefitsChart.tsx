import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPounds, formatPoundsShort } from '../../../shared/calc/benefits';
import type { BenefitSeriesPoint } from '../../../shared/domain/learning';

const monthLabel = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Cumulative estimated vs realised, as a chart and (for everyone, including screen readers) a table. */
export function BenefitsChart({ series }: { series: BenefitSeriesPoint[] }) {
  if (series.length === 0) return <p className="muted">Give a benefit a start date or record a realisation to see the comparison over time.</p>;
  const last = series.at(-1)!;
  const data = series.map((p) => ({ month: monthLabel(p.month), estimated: p.estimatedPence / 100, realised: p.realisedPence / 100 }));
  return (
    <>
      <figure className="chart">
        <div role="img" aria-label={`Cumulative benefits, estimated against realised, ${monthLabel(series[0]!.month)} to ${monthLabel(last.month)}: by ${monthLabel(last.month)} ${formatPounds(last.estimatedPence)} estimated and ${formatPounds(last.realisedPence)} realised. The table gives every month.`}>
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={data} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis tickFormatter={(v: number) => formatPoundsShort(v * 100)} width={70} />
              <Tooltip formatter={(v) => formatPounds(Math.round(Number(v) * 100))} />
              <Legend />
              <Line type="monotone" dataKey="estimated" name="Estimated (cumulative)" stroke="#1d4f91" strokeDasharray="6 3" strokeWidth={2} dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="realised" name="Realised (cumulative)" stroke="#00703c" strokeWidth={3} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <figcaption className="muted">Estimated: each benefit's full-year value, one twelfth a month from its start. Realised: as recorded.</figcaption>
      </figure>
      <details className="card">
        <summary>Estimated and realised by month (table)</summary>
        <table className="table">
          <caption className="visually-hidden">Cumulative estimated and realised benefits by month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">Estimated to date</th>
              <th scope="col" className="num">Realised to date</th>
              <th scope="col" className="num">Difference</th>
            </tr>
          </thead>
          <tbody>
            {series.map((p) => (
              <tr key={p.month}>
                <th scope="row">{monthLabel(p.month)}</th>
                <td className="num">{formatPounds(p.estimatedPence)}</td>
                <td className="num">{formatPounds(p.realisedPence)}</td>
                <td className="num">{formatPounds(p.realisedPence - p.estimatedPence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
