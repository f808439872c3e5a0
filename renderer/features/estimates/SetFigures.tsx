import { describeBands, type ParameterSetContent } from '../../../shared/calc/parameterSets';
import type { Option } from '../../kit/form/fields';
import { formatMoney } from '../../kit/format/money';
import { formatPercent } from '../../kit/format/number';

/** The discounting choices, named as the parameter set names its schedules (plus "as the intervention's" for a line). */
export function discountOptions(set: ParameterSetContent | undefined, inherit?: string): Option[] {
  return [
    ...(inherit ? [{ value: '', label: inherit }] : []),
    { value: 'green-book', label: set?.schedules['green-book'].label ?? 'Standard schedule' },
    { value: 'health', label: set?.schedules.health.label ?? 'Health schedule' },
    { value: 'rate', label: 'A constant rate' },
  ];
}

/** A parameter set's figures, each with its source. */
export function SetFigures({ set, sha256 }: { set: ParameterSetContent; sha256?: string }) {
  return (
    <>
      <dl className="detail-list">
        <dt>Standard schedule</dt>
        <dd>
          {describeBands(set.schedules['green-book'].bands)}. <span className="muted">Source: {set.schedules['green-book'].source}</span>
        </dd>
        <dt>Health schedule</dt>
        <dd>
          {describeBands(set.schedules.health.bands)}. <span className="muted">Source: {set.schedules.health.source}</span>
        </dd>
        <dt>Optimism bias (costs: upper and lower bounds)</dt>
        <dd>
          {set.optimismBias.length ? set.optimismBias.map((o) => `${o.projectType} ${formatPercent(o.costsUpper, 0)} / ${formatPercent(o.costsLower, 0)}`).join('; ') : 'None'}
          {set.optimismBias[0] && <span className="muted"> Source: {set.optimismBias[0].source}</span>}
        </dd>
        <dt>Deflators</dt>
        <dd>
          {set.deflators.length
            ? `${set.deflators.map((d) => `${d.year} ${d.index}`).join(', ')}. Source: ${[...new Set(set.deflators.map((d) => d.source))].join('; ')}`
            : 'None in this set: the deflator table below is used.'}
        </dd>
        <dt>Values per unit</dt>
        <dd>
          {set.values.length
            ? set.values.map((v) => `${v.label}: ${formatMoney(v.valuePence)} ${v.unit} (${v.priceYear} prices; source: ${v.source})`).join('; ')
            : 'None in this set.'}
        </dd>
        {sha256 && (
          <>
            <dt>Checksum (SHA-256)</dt>
            <dd>
              <code>{sha256}</code>
            </dd>
          </>
        )}
      </dl>
      {set.notes && <p className="muted">{set.notes}</p>}
    </>
  );
}
