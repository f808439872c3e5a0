import { Link } from 'react-router';
import { NO_PAYER } from '../../../shared/calc/portfolio';
import type { PortfolioPage as PortfolioData } from '../../../shared/contract/estimates';
import { SCENARIOS } from '../../../shared/calc/savings';
import { SCENARIO_LABELS } from '../../../shared/domain/estimates';
import { EmptyState } from '../../kit/feedback/Feedback';
import { Money } from '../../kit/format/Money';
import { formatMoney, READING, scaleFor, type MoneyScale } from '../../kit/format/money';
import { countOf, formatNumber, formatRatio } from '../../kit/format/number';
import { DataTable, numeric } from '../../kit/list/DataTable';
import { LoadQuery } from '../../kit/page/Loaded';
import { Section } from '../../kit/page/Section';
import { AppraisalFigures, ImpactList } from './AppraisalSummary';
import { NpvRangeChart, OrganisationChart, WaterfallChart } from './charts';
import { DealSection } from './DealSection';
import { EstimatesHeader } from './EstimatesHeader';
import { ExportButtons } from './ExportButtons';


export function PortfolioPage() {
  return (
    <LoadQuery method="estimate.portfolioView" input={{}} what="the portfolio">
      {(p) => <Portfolio p={p} />}
    </LoadQuery>
  );
}

function Portfolio({ p }: { p: PortfolioData }) {
  // Each table in one unit: whole pounds, or £m when any figure in it reaches a million.
  const totals = scaleFor(SCENARIOS.flatMap((s) => [p.scenarios[s].pvCosts, p.scenarios[s].pvBenefits, p.scenarios[s].npv]));
  const matrix = scaleFor(p.wrongPocket.cells.flatMap((row) => [...row, row.reduce((a, b) => a + b, 0)]));
  const detail = scaleFor(p.interventionDetail.flatMap((d) => [d.pvCosts, d.pvBenefits, d.centralNpv, d.p10, d.p90]));
  const inM = (scale: MoneyScale) => (scale === 'millions' ? ', £m' : '');
  return (
    <div className="page page--wide">
      <EstimatesHeader title="Savings portfolio" />
      {p.interventionCount === 0 ? (
        <EmptyState title="No interventions to total yet">
          <p>The portfolio adds up every intervention's estimate. <Link to="/estimates">Add an intervention</Link> and give it its costs and benefits.</p>
        </EmptyState>
      ) : (
        <>
          <p className="lead">
            {countOf(p.interventionCount, 'intervention')} together. Central NPV <Money pence={p.scenarios.central.npv} />
            {p.simulation && `; 80 % of ${formatNumber(p.simulation.iterations)} simulated outcomes fall between ${formatMoney(p.simulation.p10, READING)} and ${formatMoney(p.simulation.p90, READING)}`}.
          </p>
          <Section id="totals-heading" title="Totals by scenario">
            <DataTable caption={`Portfolio totals by scenario${inM(totals)}`} hideCaption columns={['Scenario', ...numeric('PV costs', 'PV benefits', 'NPV', 'BCR')]}>
              {SCENARIOS.map((s) => (
                <tr key={s}>
                  <th scope="row">{SCENARIO_LABELS[s]}</th>
                  <td className="num"><Money pence={p.scenarios[s].pvCosts} scale={totals} /></td>
                  <td className="num"><Money pence={p.scenarios[s].pvBenefits} scale={totals} /></td>
                  <td className="num"><Money pence={p.scenarios[s].npv} scale={totals} /></td>
                  <td className="num">{formatRatio(p.scenarios[s].bcr)}</td>
                </tr>
              ))}
            </DataTable>
            {p.simulation && (
              <p>
                Simulation ({formatNumber(p.simulation.iterations)} draws, every line of every intervention drawn independently): P10 <Money pence={p.simulation.p10} />, P50{' '}
                <Money pence={p.simulation.p50} />, P90 <Money pence={p.simulation.p90} />, mean <Money pence={p.simulation.mean} />.
              </p>
            )}
          </Section>
          <Section id="portfolio-appraisal-heading" title="Appraisal summary">
            <AppraisalFigures summary={p.appraisal} caption="Switching values: how far all costs, or all benefits, can move before the portfolio's NPV is zero" />
            <h3>Impacts not valued in money</h3>
            <ImpactList impacts={p.appraisal.nonMonetised} />
          </Section>
          <Section id="wrong-pocket-heading" title="The wrong pocket: who pays, who benefits">
            <p className="muted">
              Rows are the organisations that pay; columns the organisations that benefit; cells are present values (central). Within each intervention, each organisation's benefits
              are shared among the organisations paying for it in proportion to what they pay. Off the diagonal, one organisation's spending saves another's money.
              {p.wrongPocket.payers.includes(NO_PAYER) && ` "${NO_PAYER}" collects benefits of interventions that have no costs entered.`}
            </p>
            {/* Focusable so a keyboard user can scroll a wide matrix. */}
            <div className="table-scroll" role="region" aria-label="Wrong-pocket matrix, scrollable" tabIndex={0}>
              <DataTable
                className="table wrong-pocket"
                caption={`Wrong-pocket matrix (present values, ${matrix === 'millions' ? '£m' : '£'})`}
                columns={['Pays ↓ / benefits →', ...numeric(...p.wrongPocket.beneficiaries), { label: 'Total', key: '(total)', num: true }]}
              >
                {p.wrongPocket.payers.map((payer, i) => (
                  <tr key={payer}>
                    <th scope="row">{payer}</th>
                    {p.wrongPocket.cells[i]!.map((c, j) => (
                      <td key={j} className={`num${p.wrongPocket.beneficiaries[j] !== payer && c > 0 ? ' wrong-pocket__cell--other' : ''}`}>
                        <Money pence={c} scale={matrix} />
                      </td>
                    ))}
                    <td className="num"><Money pence={p.wrongPocket.cells[i]!.reduce((a, b) => a + b, 0)} scale={matrix} /></td>
                  </tr>
                ))}
              </DataTable>
            </div>
          </Section>
          <DealSection p={p} />
          <Section id="by-intervention-heading" title="By intervention">
            <DataTable
              caption={`Each intervention's central figures and simulated range${inM(detail)}`}
              hideCaption
              columns={['Intervention', ...numeric('PV costs', 'PV benefits', 'Central NPV', 'BCR', 'P10', 'P90')]}
            >
              {p.interventionDetail.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <Link to={`/estimates/${d.id}`}>{d.name}</Link>
                  </th>
                  <td className="num"><Money pence={d.pvCosts} scale={detail} /></td>
                  <td className="num"><Money pence={d.pvBenefits} scale={detail} /></td>
                  <td className="num"><Money pence={d.centralNpv} scale={detail} /></td>
                  <td className="num">{formatRatio(d.bcr)}</td>
                  <td className="num"><Money pence={d.p10} scale={detail} /></td>
                  <td className="num"><Money pence={d.p90} scale={detail} /></td>
                </tr>
              ))}
            </DataTable>
            <NpvRangeChart rows={p.interventionDetail.map((d) => ({ name: d.name, p10: d.p10 ?? d.centralNpv, central: d.centralNpv, p90: d.p90 ?? d.centralNpv }))} title="NPV range by intervention" />
            <WaterfallChart items={p.interventionDetail.map((d) => ({ name: d.name, npv: d.centralNpv }))} />
            {p.byOrganisation.length > 0 && <OrganisationChart positions={p.byOrganisation} />}
          </Section>
          <ExportButtons what="the portfolio" />
        </>
      )}
    </div>
  );
}
