/**
 * What an estimate or the portfolio shows, as plain tables ("sections"): the CSV and XLSX exports
 * are both written from these, so the two always agree with each other and with the screen.
 * Money is in pounds to the penny (the stored pence / 100).
 */
import { IMPACT_DIRECTION_LABELS, type AppraisalSummary } from '../../shared/calc/appraisal';
import type { Deal } from '../../shared/calc/deal';
import { financialYearAt } from '../../shared/calc/estimateModel';
import { discountText, type ParameterSetContent } from '../../shared/calc/parameterSets';
import { SCENARIOS } from '../../shared/calc/savings';
import type { InterventionDetail, PortfolioPage } from '../../shared/contract/estimates';
import { COST_CATEGORY_LABELS, INTERVENTION_STATUS_LABELS, VALUE_TYPE_LABELS } from '../../shared/domain/estimates';

export type Cell = string | number | null;
export interface Section {
  title: string;
  header: string[];
  rows: Cell[][];
}

const gbp = (pence: number | null) => (pence === null ? null : pence / 100);
const pct = (f: number | null) => (f === null ? null : Math.round(f * 10000) / 100);

/** The appraisal summary: the monetised figures beside the impacts not valued in money. */
function appraisalSections(a: AppraisalSummary, startYear: string | null): Section[] {
  return [
    {
      title: 'Appraisal summary',
      header: ['Measure', 'Value'],
      rows: [
        ['Parameter set', a.parameterSets.map((s) => s.name).join('; ')],
        ['Net present value (£)', gbp(a.npv)],
        ['PV costs (£)', gbp(a.pvCosts)],
        ['PV benefits (£)', gbp(a.pvBenefits)],
        ['Benefit-cost ratio (for information)', a.bcr],
        ...(startYear ? [['Payback year', a.paybackYear === null ? 'never' : financialYearAt(startYear, a.paybackYear)] as Cell[]] : []),
        ['Cashable PV benefits (£)', gbp(a.cashablePvBenefits)],
        ['Fiscal NPV (£)', gbp(a.fiscalNpv)],
        ['P10 NPV (£)', gbp(a.range?.p10 ?? null)],
        ['P50 NPV (£)', gbp(a.range?.p50 ?? null)],
        ['P90 NPV (£)', gbp(a.range?.p90 ?? null)],
        ...a.switching.map((s) => [`Switching value: ${s.label} (%)`, pct(s.change)] as Cell[]),
      ],
    },
    {
      title: 'Impacts not valued in money',
      header: ['Impact', 'Direction', 'Who is affected', 'Evidence', 'Intervention'],
      rows: a.nonMonetised.map((m) => [m.description, IMPACT_DIRECTION_LABELS[m.direction], m.affected, m.evidence?.title ?? null, m.intervention?.name ?? null]),
    },
  ];
}

function dealSections(deal: Deal): Section[] {
  return [
    {
      title: 'Wrong-pocket deal',
      header: ['From', 'To', 'Amount (£)'],
      rows: [...deal.transfers.map((t) => [t.from, t.to, gbp(t.amount)] as Cell[]), ['Rule', deal.ruleText, null], ['Result', deal.message, null], ['Transfers', deal.edited ? 'as edited' : 'as proposed by the rule', null]],
    },
    {
      title: 'Positions before and after the deal',
      header: ['Organisation', 'Before (£)', 'Pays (£)', 'Receives (£)', 'After (£)'],
      rows: deal.positions.map((p) => [p.organisation, gbp(p.before), gbp(p.paid), gbp(p.received), gbp(p.after)]),
    },
  ];
}

export function interventionSections(d: InterventionDetail, orgName: (id: string | null) => string, set: ParameterSetContent): Section[] {
  const i = d.intervention;
  const discount = discountText(i.discount, set);
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
        ['Parameter set', `${set.name} (${set.id})`],
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
    ...appraisalSections(d.appraisal, i.startYear),
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
        'Own optimism bias (%)', 'Confidence grade', 'Discounting',
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
        l.discount ? discountText(l.discount, set) : 'As the intervention',
        ...Array.from({ length: i.years }, (_, t) => {
          const p = l.profile[t];
          return [gbp(p?.low ?? 0), gbp(p?.central ?? 0), gbp(p?.high ?? 0)];
        }).flat(),
      ]),
    },
  ];
}

export function portfolioSections(p: PortfolioPage): Section[] {
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
    ...appraisalSections(p.appraisal, null),
    ...dealSections(p.deal),
  ];
}
