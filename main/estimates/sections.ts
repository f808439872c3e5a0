/**
 * What an estimate or the portfolio shows, as plain tables ("sections"): the CSV and XLSX exports
 * are both written from these, so the two always agree with each other and with the screen.
 * Money is in pounds to the penny (the stored pence / 100).
 */
import { financialYearAt } from '../../shared/calc/estimateModel';
import type { PortfolioView } from '../../shared/calc/portfolio';
import { SCENARIOS } from '../../shared/calc/savings';
import type { InterventionDetail } from '../../shared/contract/estimates';
import { COST_CATEGORY_LABELS, INTERVENTION_STATUS_LABELS, VALUE_TYPE_LABELS } from '../../shared/domain/estimates';

export type Cell = string | number | null;
export interface Section {
  title: string;
  header: string[];
  rows: Cell[][];
}

const gbp = (pence: number | null) => (pence === null ? null : pence / 100);
const pct = (f: number | null) => (f === null ? null : Math.round(f * 10000) / 100);

export function interventionSections(d: InterventionDetail, orgName: (id: string | null) => string): Section[] {
  const i = d.intervention;
  const discount = 'rate' in i.discount ? `Constant ${pct(i.discount.rate)} %` : 'Green Book schedule (3.5 % to year 30, declining after)';
  const r = d.result;
  return [
    {
      title: 'Intervention',
      header: ['Field', 'Value'],
      rows: [
        ['Name', i.name],
        ['Description', i.description],
        ['Status', INTERVENTION_STATUS_LABELS[i.status]],
        ['Start year', i.startYear],
        ['Years', i.years],
        ['Price year', i.priceYear],
        ['Discounting', discount],
        ['Optimism bias on costs (%)', pct(i.optimismBias.costs)],
        ['Optimism bias on benefits (%)', pct(i.optimismBias.benefits)],
        ['Simulation iterations', i.simulation.iterations],
        ['Simulation seed', i.simulation.seed],
      ],
    },
    {
      title: 'Results',
      header: ['Scenario', 'PV costs (£)', 'PV benefits (£)', 'NPV (£)', 'Benefit-cost ratio', 'Payback year', 'Cashable PV benefits (£)', 'Fiscal NPV (£)'],
      rows: SCENARIOS.map((s) => {
        const x = r.scenarios[s];
        return [s, gbp(x.pvCosts), gbp(x.pvBenefits), gbp(x.npv), x.bcr, x.paybackYear === null ? 'never' : financialYearAt(i.startYear, x.paybackYear), gbp(x.cashablePvBenefits), gbp(x.fiscalNpv)];
      }),
    },
    {
      title: 'Simulation',
      header: ['Iterations', 'P10 NPV (£)', 'P50 NPV (£)', 'P90 NPV (£)', 'Mean NPV (£)'],
      rows: r.simulation ? [[r.simulation.iterations, gbp(r.simulation.p10), gbp(r.simulation.p50), gbp(r.simulation.p90), gbp(r.simulation.mean)]] : [],
    },
    {
      title: 'By organisation (central)',
      header: ['Organisation', 'PV costs (£)', 'PV benefits (£)', 'Net (£)'],
      rows: r.scenarios.central.byOrganisation.map((o) => [o.organisation, gbp(o.pvCosts), gbp(o.pvBenefits), gbp(o.net)]),
    },
    {
      title: 'Switching values',
      header: ['Line', 'Kind', 'Organisation', 'Central PV (£)', 'Change that makes NPV zero (%)', 'PV at which NPV is zero (£)'],
      rows: d.switching.map((s) => [s.label, s.kind, s.organisation, gbp(s.pv), pct(s.change), gbp(s.switchingPv)]),
    },
    {
      title: 'Profile by year (central, adjusted)',
      header: ['Year', 'Costs (£)', 'Benefits (£)', 'Discount factor', 'Discounted net (£)', 'Cumulative discounted net (£)'],
      rows: d.yearly.map((y) => [financialYearAt(i.startYear, y.t), gbp(y.costs), gbp(y.benefits), y.discountFactor, gbp(y.discountedNet), gbp(y.cumulativeNet)]),
    },
    {
      title: 'Lines',
      header: [
        'Line', 'Kind', 'Organisation', 'Category or value type', 'Cashable', 'Deadweight (%)', 'Attribution to others (%)', 'Displacement (%)', 'Drop-off (%)',
        'Own optimism bias (%)', 'Confidence grade',
        ...Array.from({ length: i.years }, (_, t) => [`${financialYearAt(i.startYear, t)} low (£)`, `${financialYearAt(i.startYear, t)} central (£)`, `${financialYearAt(i.startYear, t)} high (£)`]).flat(),
      ],
      rows: d.lines.map((l) => [
        l.label,
        l.kind,
        orgName(l.organisationId),
        l.kind === 'cost' ? COST_CATEGORY_LABELS[l.category ?? 'revenue'] : VALUE_TYPE_LABELS[l.valueType ?? 'fiscal'],
        l.cashable ? 'yes' : 'no',
        pct(l.deadweight),
        pct(l.attributionToOthers),
        pct(l.displacement),
        pct(l.dropOff),
        pct(l.optimismBias),
        l.confidenceGrade,
        ...Array.from({ length: i.years }, (_, t) => {
          const p = l.profile[t];
          return [gbp(p?.low ?? 0), gbp(p?.central ?? 0), gbp(p?.high ?? 0)];
        }).flat(),
      ]),
    },
  ];
}

export function portfolioSections(p: PortfolioView): Section[] {
  return [
    {
      title: 'Portfolio totals',
      header: ['Scenario', 'PV costs (£)', 'PV benefits (£)', 'NPV (£)', 'Benefit-cost ratio'],
      rows: SCENARIOS.map((s) => [s, gbp(p.scenarios[s].pvCosts), gbp(p.scenarios[s].pvBenefits), gbp(p.scenarios[s].npv), p.scenarios[s].bcr]),
    },
    {
      title: 'Simulation',
      header: ['Iterations', 'P10 NPV (£)', 'P50 NPV (£)', 'P90 NPV (£)', 'Mean NPV (£)'],
      rows: p.simulation ? [[p.simulation.iterations, gbp(p.simulation.p10), gbp(p.simulation.p50), gbp(p.simulation.p90), gbp(p.simulation.mean)]] : [],
    },
    {
      title: 'Interventions',
      header: ['Intervention', 'PV costs (£)', 'PV benefits (£)', 'Central NPV (£)', 'Benefit-cost ratio', 'P10 NPV (£)', 'P50 NPV (£)', 'P90 NPV (£)'],
      rows: p.interventionDetail.map((d) => [d.name, gbp(d.pvCosts), gbp(d.pvBenefits), gbp(d.centralNpv), d.bcr, gbp(d.p10), gbp(d.p50), gbp(d.p90)]),
    },
    {
      title: 'Wrong pocket (PV £; rows pay, columns benefit)',
      header: ['Paying organisation', ...p.wrongPocket.beneficiaries],
      rows: p.wrongPocket.payers.map((payer, i) => [payer, ...p.wrongPocket.cells[i]!.map((c) => gbp(c))]),
    },
    {
      title: 'By organisation (central)',
      header: ['Organisation', 'PV costs (£)', 'PV benefits (£)', 'Net (£)'],
      rows: p.byOrganisation.map((o) => [o.organisation, gbp(o.pvCosts), gbp(o.pvBenefits), gbp(o.net)]),
    },
  ];
}
