import { Link } from 'react-router';
import { SCENARIOS } from '../../../shared/calc/savings';
import { NO_PAYER } from '../../../shared/calc/portfolio';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { NpvRangeChart, OrganisationChart, WaterfallChart } from './charts';
import { EstimatesHeader } from './EstimatesHeader';
import { ExportButtons } from './ExportButtons';
import { gbp, ratio } from './format';

const LABEL = { pessimistic: 'Pessimistic', central: 'Central', optimistic: 'Optimistic' } as const;

export function PortfolioPage() {
  const view = useApi('estimate.portfolioView', {});
  if (view.isPending) return <Loading what="the portfolio" />;
  if (view.error) return <ErrorSummary error={view.error} />;
  const p = view.data;
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
            {p.interventionCount} intervention{p.interventionCount === 1 ? '' : 's'} together. Central NPV {gbp(p.scenarios.central.npv)}
            {p.simulation && `; 80 % of ${p.simulation.iterations.toLocaleString('en-GB')} simulated outcomes fall between ${gbp(p.simulation.p10)} and ${gbp(p.simulation.p90)}`}.
          </p>
          <section className="card" aria-labelledby="totals-heading">
            <h2 id="totals-heading">Totals by scenario</h2>
            <table className="table">
              <caption className="visually-hidden">Portfolio totals by scenario</caption>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col" className="num">PV costs</th>
                  <th scope="col" className="num">PV benefits</th>
                  <th scope="col" className="num">NPV</th>
                  <th scope="col" className="num">BCR</th>
                </tr>
              </thead>
              <tbody>
                {SCENARIOS.map((s) => (
                  <tr key={s}>
                    <th scope="row">{LABEL[s]}</th>
                    <td className="num">{gbp(p.scenarios[s].pvCosts)}</td>
                    <td className="num">{gbp(p.scenarios[s].pvBenefits)}</td>
                    <td className="num">{gbp(p.scenarios[s].npv)}</td>
                    <td className="num">{ratio(p.scenarios[s].bcr)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {p.simulation && (
              <p>
                Simulation ({p.simulation.iterations.toLocaleString('en-GB')} draws, every line of every intervention drawn independently): P10 {gbp(p.simulation.p10)}, P50{' '}
                {gbp(p.simulation.p50)}, P90 {gbp(p.simulation.p90)}, mean {gbp(p.simulation.mean)}.
              </p>
            )}
          </section>
          <section className="card" aria-labelledby="wrong-pocket-heading">
            <h2 id="wrong-pocket-heading">The wrong pocket: who pays, who benefits</h2>
            <p className="muted">
              Rows are the organisations that pay; columns the organisations that benefit; cells are present values (central). Within each intervention, each organisation's benefits
              are shared among the organisations paying for it in proportion to what they pay. Off the diagonal, one organisation's spending saves another's money.
              {p.wrongPocket.payers.includes(NO_PAYER) && ` "${NO_PAYER}" collects benefits of interventions that have no costs entered.`}
            </p>
            {/* Focusable so a keyboard user can scroll a wide matrix. */}
            <div className="table-scroll" role="region" aria-label="Wrong-pocket matrix, scrollable" tabIndex={0}>
              <table className="table wrong-pocket">
                <caption>Wrong-pocket matrix (present values, £)</caption>
                <thead>
                  <tr>
                    <th scope="col">Pays ↓ / benefits →</th>
                    {p.wrongPocket.beneficiaries.map((b) => (
                      <th key={b} scope="col" className="num">
                        {b}
                      </th>
                    ))}
                    <th scope="col" className="num">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {p.wrongPocket.payers.map((payer, i) => (
                    <tr key={payer}>
                      <th scope="row">{payer}</th>
                      {p.wrongPocket.cells[i]!.map((c, j) => (
                        <td key={j} className={`num${p.wrongPocket.beneficiaries[j] !== payer && c > 0 ? ' wrong-pocket__cell--other' : ''}`}>
                          {gbp(c)}
                        </td>
                      ))}
                      <td className="num">{gbp(p.wrongPocket.cells[i]!.reduce((a, b) => a + b, 0))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" aria-labelledby="by-intervention-heading">
            <h2 id="by-intervention-heading">By intervention</h2>
            <table className="table">
              <caption className="visually-hidden">Each intervention's central figures and simulated range</caption>
              <thead>
                <tr>
                  <th scope="col">Intervention</th>
                  <th scope="col" className="num">PV costs</th>
                  <th scope="col" className="num">PV benefits</th>
                  <th scope="col" className="num">Central NPV</th>
                  <th scope="col" className="num">BCR</th>
                  <th scope="col" className="num">P10</th>
                  <th scope="col" className="num">P90</th>
                </tr>
              </thead>
              <tbody>
                {p.interventionDetail.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <Link to={`/estimates/${d.id}`}>{d.name}</Link>
                    </th>
                    <td className="num">{gbp(d.pvCosts)}</td>
                    <td className="num">{gbp(d.pvBenefits)}</td>
                    <td className="num">{gbp(d.centralNpv)}</td>
                    <td className="num">{ratio(d.bcr)}</td>
                    <td className="num">{gbp(d.p10)}</td>
                    <td className="num">{gbp(d.p90)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <NpvRangeChart rows={p.interventionDetail.map((d) => ({ name: d.name, p10: d.p10 ?? d.centralNpv, central: d.centralNpv, p90: d.p90 ?? d.centralNpv }))} title="NPV range by intervention" />
            <WaterfallChart items={p.interventionDetail.map((d) => ({ name: d.name, npv: d.centralNpv }))} />
            {p.byOrganisation.length > 0 && <OrganisationChart positions={p.byOrganisation} />}
          </section>
          <ExportButtons what="the portfolio" />
        </>
      )}
    </div>
  );
}
