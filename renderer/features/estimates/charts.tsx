/** The estimates charts (recharts). Each comes with a summary sentence and a table via Figure. */
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { financialYearAt } from '../../../shared/calc/estimateModel';
import type { OrganisationPosition, YearRow } from '../../../shared/calc/savings';
import { formatMoney, READING } from '../../kit/format/money';
import { countOf } from '../../kit/format/number';
import { Figure } from './Figure';

const BLUE = '#1d4f91';
const GREEN = '#00703c';
const RED = '#b10e1e';
const GREY = '#505a5f';
const money = (v: unknown) => formatMoney(Math.round(Number(v) * 100), READING);
const axis = (v: number) => formatMoney(v * 100, { compact: true });

export function ProfileChart({ yearly, startYear }: { yearly: YearRow[]; startYear: string }) {
  const data = yearly.map((y) => ({ year: financialYearAt(startYear, y.t), costs: y.costs / 100, benefits: y.benefits / 100, cumulative: y.cumulativeNet / 100 }));
  const last = yearly.at(-1);
  return (
    <Figure
      title="Cost and benefit profile by year"
      summary={`Central costs and benefits after adjustments, ${data[0]?.year ?? ''} to ${data.at(-1)?.year ?? ''}; the cumulative discounted net ends at ${formatMoney(last?.cumulativeNet ?? 0, READING)}.`}
      caption="Bars: central costs and benefits each year after optimism bias and adjustments, before discounting. Line: cumulative discounted net."
      chart={
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={data} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="year" />
            <YAxis tickFormatter={axis} width={70} />
            <Tooltip formatter={money} />
            <Legend />
            <ReferenceLine y={0} stroke="#0b0c0c" />
            <Bar dataKey="costs" name="Costs" fill={RED} isAnimationActive={false} />
            <Bar dataKey="benefits" name="Benefits" fill={GREEN} isAnimationActive={false} />
            <Line dataKey="cumulative" name="Cumulative discounted net" stroke={BLUE} strokeWidth={3} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      }
      table={{
        headers: ['Year', 'Costs', 'Benefits', 'Discounted net', 'Cumulative discounted net'],
        rows: yearly.map((y) => [financialYearAt(startYear, y.t), formatMoney(y.costs), formatMoney(y.benefits), formatMoney(y.discountedNet), formatMoney(y.cumulativeNet)]),
      }}
    />
  );
}

/** One horizontal row per named item, zero marked, money along the bottom. */
function RowsChart({ data, rowHeight, labelWidth, tooltip, children }: { data: { name: string }[]; rowHeight: number; labelWidth: number; tooltip(value: unknown): string; children: ReactNode }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, 60 + data.length * rowHeight)}>
      <ComposedChart data={data} layout="vertical" accessibilityLayer={false} margin={{ left: 20 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={axis} />
        <YAxis type="category" dataKey="name" width={labelWidth} />
        <Tooltip formatter={tooltip} />
        <ReferenceLine x={0} stroke="#0b0c0c" />
        {children}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export interface RangeRow {
  name: string;
  p10: number;
  central: number;
  p90: number;
}

/** NPV ranges: a P10–P90 band per row with the central NPV marked. */
export function NpvRangeChart({ rows, title = 'NPV range (P10 to P90) and central NPV' }: { rows: RangeRow[]; title?: string }) {
  const data = rows.map((r) => ({ name: r.name, band: [r.p10 / 100, r.p90 / 100] as [number, number], central: r.central / 100 }));
  return (
    <Figure
      title={title}
      summary={rows.map((r) => `${r.name}: central ${formatMoney(r.central, READING)}, 80 % of simulated outcomes between ${formatMoney(r.p10, READING)} and ${formatMoney(r.p90, READING)}.`).join(' ')}
      caption="Band: the 10th to 90th percentile of simulated NPVs (80 % of outcomes fall inside). Dot: the central NPV."
      chart={
        <RowsChart data={data} rowHeight={44} labelWidth={160} tooltip={(v) => (Array.isArray(v) ? `${money(v[0])} to ${money(v[1])}` : money(v))}>
          <Bar dataKey="band" name="P10 to P90" fill="#9fb4d3" isAnimationActive={false} barSize={18} />
          <Scatter dataKey="central" name="Central NPV" fill={BLUE} isAnimationActive={false} />
        </RowsChart>
      }
      table={{ headers: ['', 'P10', 'Central', 'P90'], rows: rows.map((r) => [r.name, formatMoney(r.p10), formatMoney(r.central), formatMoney(r.p90)]) }}
    />
  );
}

export function OrganisationChart({ positions }: { positions: OrganisationPosition[] }) {
  const data = positions.map((o) => ({ name: o.organisation, net: o.net / 100 }));
  return (
    <Figure
      title="Net position by organisation"
      summary={positions.map((o) => `${o.organisation} ${o.net >= 0 ? 'gains' : 'loses'} ${formatMoney(Math.abs(o.net), READING)}.`).join(' ')}
      caption="Present value of benefits received minus costs paid, central scenario. Organisations below zero pay for savings that land elsewhere."
      chart={
        <RowsChart data={data} rowHeight={40} labelWidth={170} tooltip={money}>
          <Bar dataKey="net" name="Net position" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.name} fill={d.net >= 0 ? GREEN : RED} />
            ))}
          </Bar>
        </RowsChart>
      }
      table={{ headers: ['Organisation', 'PV costs', 'PV benefits', 'Net'], rows: positions.map((o) => [o.organisation, formatMoney(o.pvCosts), formatMoney(o.pvBenefits), formatMoney(o.net)]) }}
    />
  );
}

/** Waterfall: each intervention's central NPV stacked from zero to the portfolio total. */
export function WaterfallChart({ items }: { items: { name: string; npv: number }[] }) {
  let running = 0;
  const data = items.map((i) => {
    const start = running;
    running += i.npv;
    return { name: i.name, step: [start / 100, running / 100] as [number, number], up: i.npv >= 0 };
  });
  data.push({ name: 'Portfolio', step: [0, running / 100], up: running >= 0 });
  // Range bars need the axis to span every step and zero (recharts' default starts bars at 0).
  const ends = data.flatMap((d) => d.step);
  const domain: [number, number] = [Math.min(0, ...ends), Math.max(0, ...ends)];
  return (
    <Figure
      title="Portfolio waterfall (central NPV)"
      summary={`${countOf(items.length, 'intervention')} add up to a central NPV of ${formatMoney(running, READING)}.`}
      caption="Each bar starts where the previous one ended: green adds to the portfolio's NPV, red takes from it. The last bar is the total."
      chart={
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={data} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={axis} width={70} domain={domain} />
            <Tooltip formatter={(v) => (Array.isArray(v) ? `${money(Number(v[1]) - Number(v[0]))}` : money(v))} />
            <ReferenceLine y={0} stroke="#0b0c0c" />
            <Bar dataKey="step" name="Central NPV" isAnimationActive={false}>
              {data.map((d, i) => (
                <Cell key={i} fill={i === data.length - 1 ? GREY : d.up ? GREEN : RED} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={{ headers: ['Intervention', 'Central NPV', 'Running total'], rows: data.map((d) => [d.name, formatMoney(Math.round((d.step[1] - d.step[0]) * 100)), formatMoney(Math.round(d.step[1] * 100))]) }}
    />
  );
}
