import { Link } from 'react-router';
import { BCR_NOTE, IMPACT_DIRECTION_LABELS, type AppraisalSummary, type ImpactSummary } from '../../../shared/calc/appraisal';
import { financialYearAt } from '../../../shared/calc/estimateModel';
import { Money } from '../../kit/format/Money';
import { formatMoney, READING, scaleFor } from '../../kit/format/money';
import { formatPercent, formatRatio } from '../../kit/format/number';
import { DataTable } from '../../kit/list/DataTable';

function switchingText(change: number | null, kind: 'cost' | 'benefit'): string {
  if (change === null) return 'None: nothing to move yet';
  if (kind === 'cost') return change >= 0 ? `Can rise by ${formatPercent(change)}` : `Must fall by ${formatPercent(-change)}`;
  if (change < -1) return 'Could fall to nothing';
  return change <= 0 ? `Can fall by ${formatPercent(-change)}` : `Must rise by ${formatPercent(change)}`;
}

/**
 * The Green Book's appraisal summary: the monetised figures (the benefit-cost ratio as
 * information, not a verdict), the simulated range, switching values, and the parameter set.
 */
export function AppraisalFigures({ summary: a, startYear, caption }: { summary: AppraisalSummary; startYear?: string; caption: string }) {
  const switching = scaleFor(a.switching.map((s) => s.switchingPv));
  return (
    <>
      <dl className="detail-list appraisal">
        <dt>Net present value (central)</dt>
        <dd data-testid="appraisal-npv"><Money pence={a.npv} /></dd>
        <dt>Present value of costs and of benefits</dt>
        <dd>
          <Money pence={a.pvCosts} /> and <Money pence={a.pvBenefits} />
        </dd>
        <dt>Benefit-cost ratio, for information</dt>
        <dd>
          {formatRatio(a.bcr)} <span className="muted">{BCR_NOTE}</span>
        </dd>
        {startYear !== undefined && (
          <>
            <dt>Payback year</dt>
            <dd>{a.paybackYear === null ? 'Not within the period' : financialYearAt(startYear, a.paybackYear)}</dd>
          </>
        )}
        <dt>Cashable benefits (PV) and fiscal NPV</dt>
        <dd>
          <Money pence={a.cashablePvBenefits} /> and <Money pence={a.fiscalNpv} />
        </dd>
        <dt>Range (P10 to P90)</dt>
        <dd>{a.range ? `${formatMoney(a.range.p10, READING)} to ${formatMoney(a.range.p90, READING)} (P50 ${formatMoney(a.range.p50, READING)})` : 'Not simulated'}</dd>
        <dt>Parameter set</dt>
        <dd>{a.parameterSets.map((s) => s.name).join('; ') || '—'}</dd>
      </dl>
      {a.switching.length > 0 && (
        <DataTable className="table table--compact" caption={`${caption}${switching === 'millions' ? ' (£m)' : ''}`} columns={['Line', 'Before the NPV is zero', { label: 'Present value at zero', num: true }]}>
          {a.switching.map((s, i) => (
            <tr key={i}>
              <th scope="row">{s.label}</th>
              <td>{switchingText(s.change, s.kind)}</td>
              <td className="num"><Money pence={s.switchingPv} scale={switching} /></td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** Impacts not valued in money, as the appraisal summary lists them beside the figures. */
export function ImpactList({ impacts }: { impacts: ImpactSummary[] }) {
  if (!impacts.length) return <p className="muted">No unmonetised impacts recorded.</p>;
  return (
    <ul className="impact-list">
      {impacts.map((m, i) => (
        <li key={i}>
          <span className="badge">{IMPACT_DIRECTION_LABELS[m.direction]}</span> {m.description}
          {m.affected && <span className="muted"> — affects {m.affected}</span>}
          {m.intervention && (
            <span className="muted">
              {' '}
              (<Link to={`/estimates/${m.intervention.id}`}>{m.intervention.name}</Link>)
            </span>
          )}
          {m.evidence && (
            <span className="muted">
              {' '}
              · evidence: <Link to={`/evidence/${m.evidence.id}`}>{m.evidence.title}</Link>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
