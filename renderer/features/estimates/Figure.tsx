import type { ReactNode } from 'react';
import { DataTable, numeric } from '../../kit/list/DataTable';

/**
 * A chart with its text alternatives: a one-sentence description for screen readers (the chart
 * itself is an image to them), a visible caption, and the figures as a table anyone can open.
 */
export function Figure({
  title,
  summary,
  caption,
  chart,
  table,
}: {
  title: string;
  summary: string;
  caption: string;
  chart: ReactNode;
  table: { headers: string[]; rows: (string | number)[][] };
}) {
  return (
    <figure className="chart estimate-chart">
      <h3>{title}</h3>
      <div role="img" aria-label={`${title}. ${summary} The table below gives the figures.`}>
        {chart}
      </div>
      <figcaption className="muted">{caption}</figcaption>
      <details>
        <summary>{title}: the figures</summary>
        <DataTable caption={title} hideCaption columns={[table.headers[0] ?? '', ...numeric(...table.headers.slice(1))]}>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={j} className="num">
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </DataTable>
      </details>
    </figure>
  );
}
