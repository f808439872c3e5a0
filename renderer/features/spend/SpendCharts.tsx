import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, Treemap, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../../kit/format/money';

/** Theme colours for the charts, each dark enough for white labels (contrast above 4.5:1). */
const PALETTE = ['#1d70b8', '#00703c', '#6f3c99', '#8a5a00', '#b0261a', '#003078', '#912b88', '#00615e', '#4c2c92', '#5c5c00'];
const UNCLASSIFIED_COLOUR = '#505a5f';

export interface SeriesKey {
  key: string;
  label: string;
}

const colourOf = (keys: SeriesKey[], key: string): string =>
  key === 'unclassified' ? UNCLASSIFIED_COLOUR : (PALETTE[keys.filter((k) => k.key !== 'unclassified').findIndex((k) => k.key === key) % PALETTE.length] ?? UNCLASSIFIED_COLOUR);

/**
 * Stacked bars: one bar per organisation, one stack segment per theme. The chart is a picture
 * (role="img") described by its caption; the table on the page carries every figure for screen
 * readers and keyboard users.
 */
/** "Herefordshire and Worcestershire ICB" → "Herefordshire and Worc…" (the full name is in the table). */
function shortName(name: string): string {
  return name.length > 24 ? `${name.slice(0, 23).trimEnd()}…` : name;
}

export function AgencyBarChart({ data, keys, description }: { data: Record<string, string | number>[]; keys: SeriesKey[]; description: string }) {
  return (
    <figure className="spend-chart">
      <div role="img" aria-label={description} className="spend-chart__canvas">
        <ResponsiveContainer width="100%" height={340}>
          <BarChart data={data} margin={{ top: 10, right: 20, bottom: 10, left: 20 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            {/* Long agency names would overlap: the axis shows a short form, the table below has the full name. */}
            <XAxis dataKey="organisation" tick={{ fill: '#0b0c0c', fontSize: 13 }} interval={0} tickFormatter={shortName} height={40} />
            <YAxis tickFormatter={(v: number) => formatMoney(v * 100, { compact: true })} tick={{ fill: '#0b0c0c' }} width={70} />
            <Tooltip formatter={(v) => formatMoney(Math.round(Number(v) * 100))} />
            <Legend />
            {keys.map((k) => (
              <Bar key={k.key} dataKey={k.key} name={k.label} stackId="spend" fill={colourOf(keys, k.key)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>{description}</figcaption>
    </figure>
  );
}

interface Cell {
  name: string;
  size: number;
  fill: string;
  [key: string]: unknown;
}

function TreemapCell(props: { x?: number; y?: number; width?: number; height?: number; name?: string; fill?: string; depth?: number }) {
  const { x = 0, y = 0, width = 0, height = 0, name = '', fill = UNCLASSIFIED_COLOUR, depth = 1 } = props;
  if (depth === 0) return null;
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} fill={fill} stroke="#fff" strokeWidth={2} />
      {width > 60 && height > 24 && (
        <text x={x + 6} y={y + 18} fill="#fff" fontSize={13}>
          {name.length > width / 8 ? `${name.slice(0, Math.max(3, Math.floor(width / 8) - 1))}…` : name}
        </text>
      )}
    </g>
  );
}

/** Each theme's share of the place's spend (credits can make a theme's net total negative: shown as zero area). */
export function ThemeTreemap({ totals, keys, description }: { totals: Record<string, number>; keys: SeriesKey[]; description: string }) {
  const data: Cell[] = keys.map((k) => ({ name: k.label, size: Math.max(0, (totals[k.key] ?? 0) / 100), fill: colourOf(keys, k.key) })).filter((c) => c.size > 0);
  return (
    <figure className="spend-chart">
      <div role="img" aria-label={description} className="spend-chart__canvas">
        <ResponsiveContainer width="100%" height={300}>
          <Treemap data={data} dataKey="size" nameKey="name" isAnimationActive={false} content={<TreemapCell />} />
        </ResponsiveContainer>
      </div>
      <figcaption>{description}</figcaption>
    </figure>
  );
}
