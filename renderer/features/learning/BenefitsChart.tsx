import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BenefitSeriesPoint } from '../../../shared/domain/learning';
import { formatDate } from '../../kit/format/date';
import { formatMoney } from '../../kit/format/money';
import { DataTable } from '../../kit/list/DataTable';

const monthLabel = (m: string) => formatDate(m, 'month');
const WHOLE = { whole: true };

/** Cumulative estimated vs realised, as a chart and (for everyone, including screen readers) a table. */
export function BenefitsChart({ series }: { series: BenefitSeriesPoint[] }) {
  if (series.length === 0) return <p className="muted">Give a benefit a start date or record a realisation to see the comparison over time.</p>;
  const last = series.at(-1)!;
  const data = series.map((p) => ({ month: monthLabel(p.month), estimated: p.estimatedPence / 100, realised: p.realisedPence / 100 }));
  return (
    <>
      <figure className="chart">
        <div role="img" aria-label={`Cumulative benefits, estimated against realised, ${monthLabel(series[0]!.month)} to ${monthLabel(last.month)}: by ${monthLabel(last.month)} ${formatMoney(last.estimatedPence, WHOLE)} estimated and ${formatMoney(last.realisedPence, WHOLE)} realised. The table gives every month.`}>
          <ResponsiveContainer width="100%" height={280}>
            <LineChart data={data} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis tickFormatter={(v: number) => formatMoney(v * 100, { compact: true })} width={70} />
              <Tooltip formatter={(v) => formatMoney(Math.round(Number(v) * 100), WHOLE)} />
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
        <DataTable
          caption="Cumulative estimated and realised benefits by month"
          hideCaption
          columns={['Month', { label: 'Estimated to date', num: true }, { label: 'Realised to date', num: true }, { label: 'Difference', num: true }]}
        >
          {series.map((p) => (
            <tr key={p.month}>
              <th scope="row">{monthLabel(p.month)}</th>
              <td className="num">{formatMoney(p.estimatedPence, WHOLE)}</td>
              <td className="num">{formatMoney(p.realisedPence, WHOLE)}</td>
              <td className="num">{formatMoney(p.realisedPence - p.estimatedPence, WHOLE)}</td>
            </tr>
          ))}
        </DataTable>
      </details>
    </>
  );
}
