import { IMPACT_DIRECTION_LABELS, BCR_NOTE } from '../../../shared/calc/appraisal';
import { financialYearAt } from '../../../shared/calc/estimateModel';
import { appraisalForReport, estimateBasis, portfolio } from '../../estimates/queries';
import { npvRangeChart } from '../charts/npvChart';
import { figure } from '../charts/svg';
import { wrongPocketChart } from '../charts/wrongPocketChart';
import { html } from '../html';
import { money as formatPounds } from '../money';
import type { ReportSection } from '../types';
import { countHeld, heldBack } from '../withheld';
import { basisHtml } from './savingsBasis';

const SCENARIOS: ['pessimistic' | 'central' | 'optimistic', string][] = [
  ['pessimistic', 'Pessimistic'],
  ['central', 'Central'],
  ['optimistic', 'Optimistic'],
];

const bcr = (v: number | null) => (v === null ? '—' : v.toFixed(2));

export const savingsSection: ReportSection = {
  id: 'savings',
  title: 'Savings estimates',
  async unavailable() {
    return null;
  },
  async render(rc) {
    const { ctx } = rc;
    // Interventions carry a sensitivity: team-only ones stay out unless chosen, and the report says so.
    const basis = (await estimateBasis(ctx)).interventions;
    const shown = rc.visible(basis, (i) => `intervention:${i.id}`);
    const held = heldBack(countHeld(basis.filter((i) => !shown.includes(i))), { noun: ['intervention', 'interventions'], further: shown.length > 0 });
    const p = await portfolio(ctx, rc.allows);
    if (p.interventionCount === 0) return { html: held ? html`<p class="gap">No savings estimate can be shown in this report: ${held}.</p>` : html`<p>No interventions have been estimated yet.</p>`, tables: [] };
    const sim = p.simulation;
    const wp = p.wrongPocket;
    const ranges = p.interventions.filter((i) => i.p10 !== null && i.p90 !== null).map((i) => ({ name: i.name, p10: i.p10!, p50: null, p90: i.p90!, central: i.centralNpv }));
    const rangeChart = ranges.length ? npvRangeChart('Net present value range per intervention', ranges) : null;
    const portfolioChart = sim ? npvRangeChart('Net present value range of the portfolio', [{ name: 'All interventions', p10: sim.p10, p50: sim.p50, p90: sim.p90, central: p.scenarios.central.npv }]) : null;
    const pocketChart = wp.payers.length && wp.beneficiaries.length ? wrongPocketChart(wp.payers, wp.beneficiaries, wp.cells) : null;
    // The appraisal summary (Green Book): each estimate's figures and parameter set, the impacts not valued in money, and the deal.
    const ap = await appraisalForReport(ctx, rc.allows);
    const startOf = new Map(basis.map((i) => [i.id, i.startYear]));
    const deal = ap.deal;
    const body = html`
      ${basisHtml(shown)}
      ${held ? html`<p class="gap">${held}; the figures below leave ${held.startsWith('1 ') ? 'it' : 'them'} out.</p>` : ''}
      <p>${p.interventionCount} intervention${p.interventionCount === 1 ? '' : 's'} estimated. Net present value of the portfolio:
        ${formatPounds(p.scenarios.central.npv)} in the central case, ranging from ${formatPounds(p.scenarios.pessimistic.npv)} (pessimistic) to ${formatPounds(p.scenarios.optimistic.npv)} (optimistic).
        ${sim ? `By simulation (${sim.iterations.toLocaleString('en-GB')} runs) there is an 80% chance it lies between ${formatPounds(sim.p10)} and ${formatPounds(sim.p90)} (median ${formatPounds(sim.p50)}).` : ''}</p>
      <table class="numbers">
        <caption>Portfolio by scenario (present values)</caption>
        <thead><tr><th scope="col">Scenario</th><th scope="col" class="num">Costs</th><th scope="col" class="num">Benefits</th><th scope="col" class="num">Net present value</th><th scope="col" class="num">Benefit-cost ratio</th></tr></thead>
        <tbody>${SCENARIOS.map(([k, label]) => {
          const s = p.scenarios[k];
          return html`<tr><th scope="row">${label}</th><td class="num">${formatPounds(s.pvCosts)}</td><td class="num">${formatPounds(s.pvBenefits)}</td><td class="num">${formatPounds(s.npv)}</td><td class="num">${bcr(s.bcr)}</td></tr>`;
        })}</tbody>
      </table>
      ${portfolioChart ? figure('figure-npv-portfolio', rc.nextFigure(), 'Net present value of the portfolio, P10 to P90', portfolioChart.chart, portfolioChart.data) : ''}
      ${rangeChart ? figure('figure-npv-interventions', rc.nextFigure(), 'Net present value per intervention, P10 to P90', rangeChart.chart, rangeChart.data) : ''}
      ${p.interventions.length
        ? html`<table class="numbers"><caption>Interventions</caption>
            <thead><tr><th scope="col">Intervention</th><th scope="col" class="num">Central NPV</th><th scope="col" class="num">P10</th><th scope="col" class="num">P90</th></tr></thead>
            <tbody>${p.interventions.map((i) => html`<tr><th scope="row">${i.name}</th><td class="num">${formatPounds(i.centralNpv)}</td><td class="num">${i.p10 === null ? '—' : formatPounds(i.p10)}</td><td class="num">${i.p90 === null ? '—' : formatPounds(i.p90)}</td></tr>`)}</tbody></table>`
        : ''}
      <h3>Who pays and who saves (the "wrong pocket")</h3>
      ${pocketChart ? figure('figure-wrong-pocket', rc.nextFigure(), 'Who pays and who benefits, central case', pocketChart.chart, pocketChart.data) : ''}
      ${wp.payers.length && wp.beneficiaries.length
        ? html`<table class="numbers matrix"><caption>Net benefits (central case): rows pay, columns save</caption>
            <thead><tr><th scope="col">Pays ↓ / Saves →</th>${wp.beneficiaries.map((b) => html`<th scope="col" class="num">${b}</th>`)}</tr></thead>
            <tbody>${wp.payers.map((payer, i) => html`<tr><th scope="row">${payer}</th>${wp.beneficiaries.map((_, j) => html`<td class="num">${formatPounds(wp.cells[i]?.[j] ?? 0)}</td>`)}</tr>`)}</tbody></table>`
        : html`<p>No costs or benefits are assigned to organisations yet.</p>`}
      <h3>Appraisal summary</h3>
      <p>Parameter set${ap.appraisal.parameterSets.length === 1 ? '' : 's'} used: ${ap.appraisal.parameterSets.map((s) => s.name).join('; ')}. ${BCR_NOTE}</p>
      <table class="numbers">
        <caption>Appraisal summary by intervention (central case)</caption>
        <thead><tr><th scope="col">Intervention</th><th scope="col">Parameter set</th><th scope="col" class="num">NPV</th><th scope="col" class="num">Benefit-cost ratio (for information)</th><th scope="col">Payback</th><th scope="col" class="num">P10</th><th scope="col" class="num">P90</th></tr></thead>
        <tbody>${ap.interventions.map((d) => {
          const start = startOf.get(d.id);
          const payback = d.paybackYear === null ? 'not within the period' : start ? financialYearAt(start, d.paybackYear) : `year ${d.paybackYear}`;
          return html`<tr><th scope="row">${d.name}</th><td>${d.parameterSet.name}</td><td class="num">${formatPounds(d.centralNpv)}</td><td class="num">${bcr(d.bcr)}</td><td>${payback}</td><td class="num">${d.p10 === null ? '—' : formatPounds(d.p10)}</td><td class="num">${d.p90 === null ? '—' : formatPounds(d.p90)}</td></tr>`;
        })}</tbody>
      </table>
      <p>Across the portfolio: cashable benefits ${formatPounds(ap.appraisal.cashablePvBenefits)} (present value); fiscal net present value ${formatPounds(ap.appraisal.fiscalNpv)}.
        ${ap.appraisal.switching.map((s) => (s.change === null ? '' : `${s.label} ${s.kind === 'cost' ? (s.change >= 0 ? `can rise by ${(s.change * 100).toFixed(1)}%` : `must fall by ${(-s.change * 100).toFixed(1)}%`) : s.change <= 0 ? (s.change < -1 ? 'could fall to nothing' : `can fall by ${(-s.change * 100).toFixed(1)}%`) : `must rise by ${(s.change * 100).toFixed(1)}%`} before the net present value is zero.`)).join(' ')}</p>
      <h4>Impacts not valued in money</h4>
      ${ap.appraisal.nonMonetised.length
        ? html`<table><caption>Impacts not valued in money</caption>
            <thead><tr><th scope="col">Impact</th><th scope="col">Direction</th><th scope="col">Who is affected</th><th scope="col">Intervention</th><th scope="col">Evidence</th></tr></thead>
            <tbody>${ap.appraisal.nonMonetised.map((m) => html`<tr><td>${m.description}</td><td>${IMPACT_DIRECTION_LABELS[m.direction]}</td><td>${m.affected ?? '—'}</td><td>${m.intervention?.name ?? '—'}</td><td>${m.evidence?.title ?? '—'}</td></tr>`)}</tbody></table>`
        : html`<p>None recorded.</p>`}
      <h3>A deal for the wrong pocket</h3>
      <p>${deal.edited ? 'Transfers as agreed (edited from the rule’s proposal).' : deal.ruleText} ${deal.message}</p>
      ${deal.transfers.length
        ? html`<table class="numbers"><caption>Transfers between organisations (present values)</caption>
            <thead><tr><th scope="col">Pays</th><th scope="col">To</th><th scope="col" class="num">Amount</th></tr></thead>
            <tbody>${deal.transfers.map((t) => html`<tr><td>${t.from}</td><td>${t.to}</td><td class="num">${formatPounds(t.amount)}</td></tr>`)}</tbody></table>`
        : ''}
      ${deal.positions.length
        ? html`<table class="numbers"><caption>Each organisation's position before and after the transfers (central case)</caption>
            <thead><tr><th scope="col">Organisation</th><th scope="col" class="num">Before</th><th scope="col" class="num">After</th></tr></thead>
            <tbody>${deal.positions.map((x) => html`<tr><th scope="row">${x.organisation}</th><td class="num">${formatPounds(x.before)}</td><td class="num">${formatPounds(x.after)}</td></tr>`)}</tbody></table>`
        : ''}`;
    return {
      html: body,
      tables: [
        {
          name: 'Savings by scenario',
          columns: [
            { header: 'Scenario', kind: 'text' },
            { header: 'PV costs', kind: 'money' },
            { header: 'PV benefits', kind: 'money' },
            { header: 'NPV', kind: 'money' },
            { header: 'Benefit-cost ratio', kind: 'number' },
          ],
          rows: SCENARIOS.map(([k, label]) => [label, p.scenarios[k].pvCosts, p.scenarios[k].pvBenefits, p.scenarios[k].npv, p.scenarios[k].bcr]),
        },
        {
          name: 'Interventions',
          columns: [
            { header: 'Intervention', kind: 'text' },
            { header: 'Central NPV', kind: 'money' },
            { header: 'P10', kind: 'money' },
            { header: 'P90', kind: 'money' },
          ],
          rows: p.interventions.map((i) => [i.name, i.centralNpv, i.p10, i.p90]),
        },
        {
          name: 'Wrong pocket',
          columns: [{ header: 'Pays', kind: 'text' }, { header: 'Saves', kind: 'text' }, { header: 'Amount', kind: 'money' }],
          rows: wp.payers.flatMap((payer, i) => wp.beneficiaries.map((b, j) => [payer, b, wp.cells[i]?.[j] ?? 0])),
        },
        {
          name: 'Appraisal summary',
          columns: [
            { header: 'Intervention', kind: 'text' },
            { header: 'Parameter set', kind: 'text' },
            { header: 'Central NPV', kind: 'money' },
            { header: 'Benefit-cost ratio (for information)', kind: 'number' },
            { header: 'Payback year', kind: 'text' },
            { header: 'P10', kind: 'money' },
            { header: 'P90', kind: 'money' },
          ],
          rows: ap.interventions.map((d) => {
            const start = startOf.get(d.id);
            return [d.name, d.parameterSet.name, d.centralNpv, d.bcr, d.paybackYear === null ? null : start ? financialYearAt(start, d.paybackYear) : String(d.paybackYear), d.p10, d.p90];
          }),
        },
        {
          name: 'Impacts not valued in money',
          columns: [
            { header: 'Impact', kind: 'text' },
            { header: 'Direction', kind: 'text' },
            { header: 'Who is affected', kind: 'text' },
            { header: 'Intervention', kind: 'text' },
            { header: 'Evidence', kind: 'text' },
          ],
          rows: ap.appraisal.nonMonetised.map((m) => [m.description, IMPACT_DIRECTION_LABELS[m.direction], m.affected, m.intervention?.name ?? null, m.evidence?.title ?? null]),
        },
        {
          name: 'Deal transfers',
          columns: [{ header: 'Pays', kind: 'text' }, { header: 'To', kind: 'text' }, { header: 'Amount', kind: 'money' }],
          rows: deal.transfers.map((t) => [t.from, t.to, t.amount]),
        },
        {
          name: 'Deal positions',
          columns: [
            { header: 'Organisation', kind: 'text' },
            { header: 'Before', kind: 'money' },
            { header: 'Pays', kind: 'money' },
            { header: 'Receives', kind: 'money' },
            { header: 'After', kind: 'money' },
          ],
          rows: deal.positions.map((x) => [x.organisation, x.before, x.paid, x.received, x.after]),
        },
      ],
    };
  },
};
