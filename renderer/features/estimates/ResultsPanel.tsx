import { financialYearAt } from '../../../shared/calc/estimateModel';
import { SCENARIOS, type EstimateResult, type YearRow } from '../../../shared/calc/savings';
import { SCENARIO_LABELS } from '../../../shared/domain/estimates';
import type { ReactNode } from 'react';
import { EmptyState } from '../../kit/feedback/Feedback';
import { Money } from '../../kit/format/Money';
import { scaleFor } from '../../kit/format/money';
import { formatNumber, formatRatio } from '../../kit/format/number';
import { DataTable, numeric } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { NpvRangeChart, OrganisationChart, ProfileChart } from './charts';


/** The estimate's results, recomputed in the page as figures are typed. */
export function ResultsPanel({ name, result, yearly, startYear }: { name: string; result: EstimateResult; yearly: YearRow[]; startYear: string }) {
  const s = result.scenarios;
  const payback = (t: number | null) => (t === null ? 'Not within the period' : financialYearAt(startYear, t));
  // Each table in one unit (whole pounds, or £m when any figure in it reaches a million); exact on hover.
  const byScenario = scaleFor(SCENARIOS.flatMap((k) => [s[k].pvCosts, s[k].pvBenefits, s[k].npv, s[k].cashablePvBenefits, s[k].fiscalNpv]));
  const byOrganisation = scaleFor(s.central.byOrganisation.flatMap((o) => [o.pvCosts, o.pvBenefits, o.net]));
  const Cell = ({ pence }: { pence: number }) => <Money pence={pence} scale={byScenario} />;
  const rows: [string, (k: (typeof SCENARIOS)[number]) => ReactNode][] = [
    ['Present value of costs', (k) => <Cell pence={s[k].pvCosts} />],
    ['Present value of benefits', (k) => <Cell pence={s[k].pvBenefits} />],
    ['Net present value', (k) => <Cell pence={s[k].npv} />],
    ['Benefit-cost ratio', (k) => formatRatio(s[k].bcr)],
    ['Payback year', (k) => payback(s[k].paybackYear)],
    ['Cashable benefits (PV)', (k) => <Cell pence={s[k].cashablePvBenefits} />],
    ['Fiscal NPV', (k) => <Cell pence={s[k].fiscalNpv} />],
  ];
  // Nothing typed yet: no payback year, no charts with £0 axes, just what to do.
  if (SCENARIOS.every((k) => s[k].pvCosts === 0 && s[k].pvBenefits === 0))
    return (
      <Section id="results-heading" title="Results" className="card results">
        <EmptyState level={3} title="No figures yet">
          <p>Type the yearly figures of a cost line and a benefit line. The net present value, payback year and charts appear here as you type.</p>
        </EmptyState>
      </Section>
    );
  return (
    <Section id="results-heading" title="Results" className="card results">
      <div className="tiles tiles--results">
        <div className="tile">
          <h3>Central NPV</h3>
          <p className="tile__figure">
            <Money pence={s.central.npv} testId="central-npv" />
          </p>
          <p className="muted">BCR {formatRatio(s.central.bcr)}</p>
        </div>
        {result.simulation && (
          <div className="tile">
            <h3>Simulated range (P10 to P90)</h3>
            <p className="tile__figure">
              <Money pence={result.simulation.p10} /> to <Money pence={result.simulation.p90} />
            </p>
            <p className="muted">
              P50 <Money pence={result.simulation.p50} />, mean <Money pence={result.simulation.mean} /> over {formatNumber(result.simulation.iterations)} draws
            </p>
          </div>
        )}
      </div>
      <DataTable caption={`Results by scenario${byScenario === 'millions' ? ' (£m)' : ''}`} columns={['Measure', ...numeric(...SCENARIOS.map((k) => SCENARIO_LABELS[k]))]}>
        {rows.map(([label, f]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {SCENARIOS.map((k) => (
              <td key={k} className="num">
                {f(k)}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      <p className="muted">Pessimistic: benefits at their low values and costs at their high values; optimistic the reverse.</p>
      <DataTable caption={`Who pays and who benefits (central, present values${byOrganisation === 'millions' ? ', £m' : ''})`} columns={['Organisation', ...numeric('Costs', 'Benefits', 'Net')]}>
        {s.central.byOrganisation.map((o) => (
          <tr key={o.organisation}>
            <th scope="row">{o.organisation}</th>
            <td className="num">
              <Money pence={o.pvCosts} scale={byOrganisation} />
            </td>
            <td className="num">
              <Money pence={o.pvBenefits} scale={byOrganisation} />
            </td>
            <td className="num">
              <Money pence={o.net} scale={byOrganisation} />
            </td>
          </tr>
        ))}
      </DataTable>
      {yearly.length > 0 && <ProfileChart yearly={yearly} startYear={startYear} />}
      {result.simulation && <NpvRangeChart rows={[{ name, p10: result.simulation.p10, central: s.central.npv, p90: result.simulation.p90 }]} />}
      {s.central.byOrganisation.length > 0 && <OrganisationChart positions={s.central.byOrganisation} />}
    </Section>
  );
}
