import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../../kit/format/money';

/**
 * Theme colours: twenty, each at least 3:1 against the white page (WCAG 1.4.11, graphics), in an
 * order that keeps neighbours apart. Every figure is also in the table, and each bar says what it
 * is on hover and in the legend.
 */
const PALETTE = [
  '#1d70b8', '#00703c', '#6f3c99', '#b0261a', '#8a5a00', '#003078', '#912b88', '#00615e', '#d4351c', '#4c2c92',
  '#5c5c00', '#0b6e99', '#a3335b', '#3d6b00', '#7a4b1f', '#2e5aac', '#8e1f5d', '#1b7a4b', '#6b4e00', '#5b3f8c',
];
const UNCLASSIFIED_COLOUR = '#505a5f';

export interface SeriesKey {
  key: string;
  label: string;
}

export const colourOf = (keys: SeriesKey[], key: string): string =>
  key === 'unclassified' ? UNCLASSIFIED_COLOUR : (PALETTE[keys.filter((k) => k.key !== 'unclassified').findIndex((k) => k.key === key) % PALETTE.length] ?? UNCLASSIFIED_COLOUR);

/** "Herefordshire and Worcestershire Integrated Care Board" → "Herefordshire and Worcestershire Integr…" (the table has the full name). */
const shortName = (name: string, max = 34): string => (name.length > max ? `${name.slice(0, max - 1).trimEnd()}…` : name);

const ROW_HEIGHT = 30;

/** The legend as a list beside the chart: it wraps with the page and never sits on the bars. */
export function SpendLegend({ keys }: { keys: SeriesKey[] }) {
  return (
    <ul className="spend-legend" aria-label="Themes in the chart">
      {keys.map((k) => (
        <li key={k.key}>
          <span className="spend-legend__swatch" style={{ background: colourOf(keys, k.key) }} aria-hidden="true" />
          {k.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * One horizontal bar per organisation, stacked by theme: names on the left with room to read
 * them, however many agencies. A segment opens the lines behind it. The chart is a picture for
 * sighted users (role="img", described by its caption); the table carries every figure, and the
 * same links, for keyboard and screen-reader users.
 */
export function AgencyBars({
  data,
  keys,
  description,
  onSegment,
}: {
  data: ({ organisation: string; organisationId: string } & Record<string, string | number>)[];
  keys: SeriesKey[];
  description: string;
  onSegment(organisationId: string, themeKey: string): void;
}) {
  const height = Math.max(120, data.length * ROW_HEIGHT + 50);
  return (
    <figure className="spend-hbars">
      <div role="img" aria-label={description}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} layout="vertical" margin={{ top: 5, right: 24, bottom: 5, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={(v: number) => formatMoney(v * 100, { compact: true })} tick={{ fill: '#0b0c0c', fontSize: 12 }} />
            <YAxis type="category" dataKey="organisation" width={230} interval={0} tick={{ fill: '#0b0c0c', fontSize: 13 }} tickFormatter={(v: string) => shortName(v)} />
            <Tooltip formatter={(v) => formatMoney(Math.round(Number(v) * 100))} />
            {keys.map((k) => (
              <Bar
                key={k.key}
                dataKey={k.key}
                name={k.label}
                stackId="spend"
                fill={colourOf(keys, k.key)}
                isAnimationActive={false}
                onClick={(entry: { payload?: { organisationId?: string } }) => entry.payload?.organisationId && onSegment(entry.payload.organisationId, k.key)}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <SpendLegend keys={keys} />
      <figcaption>{description} Select a bar segment to see its lines.</figcaption>
    </figure>
  );
}

/** Each theme's total as a horizontal bar, biggest first (a treemap cannot label twenty themes). A bar opens its lines. */
export function ThemeBars({ totals, keys, description, onTheme }: { totals: Record<string, number>; keys: SeriesKey[]; description: string; onTheme(themeKey: string): void }) {
  const data = keys
    .map((k) => ({ key: k.key, theme: k.label, pounds: (totals[k.key] ?? 0) / 100 }))
    .filter((d) => d.pounds !== 0)
    .sort((a, b) => b.pounds - a.pounds);
  const height = Math.max(120, data.length * ROW_HEIGHT + 50);
  return (
    <figure className="spend-hbars">
      <div role="img" aria-label={description}>
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} layout="vertical" margin={{ top: 5, right: 24, bottom: 5, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={(v: number) => formatMoney(v * 100, { compact: true })} tick={{ fill: '#0b0c0c', fontSize: 12 }} />
            <YAxis type="category" dataKey="theme" width={230} interval={0} tick={{ fill: '#0b0c0c', fontSize: 13 }} tickFormatter={(v: string) => shortName(v)} />
            <Tooltip formatter={(v) => formatMoney(Math.round(Number(v) * 100))} />
            <Bar
              dataKey="pounds"
              name="Spend"
              isAnimationActive={false}
              fill="#1d70b8"
              onClick={(entry: { payload?: { key?: string } }) => entry.payload?.key && onTheme(entry.payload.key)}
              shape={(props: unknown) => {
                const p = props as { x: number; y: number; width: number; height: number; payload: { key: string } };
                return <rect x={Math.min(p.x, p.x + p.width)} y={p.y} width={Math.abs(p.width)} height={p.height} fill={colourOf(keys, p.payload.key)} className="recharts-bar-rectangle" />;
              }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>{description} Select a bar to see its lines.</figcaption>
    </figure>
  );
}
