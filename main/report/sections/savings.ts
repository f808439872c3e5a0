import { formatPounds } from '../../../shared/calc/benefits';
import { portfolio } from '../../estimates/queries';
import { html } from '../html';
import type { ReportSection } from '../types';

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
  async render({ ctx }) {
    const p = await portfolio(ctx);
    if (p.interventionCount === 0) return { html: html`<p>No interventions have been estimated yet.</p>`, tables: [] };
    const sim = p.simulation;
    const wp = p.wrongPocket;
    const body = html`
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
      ${p.interventions.length
        ? html`<table class="numbers"><caption>Interventions</caption>
            <thead><tr><th scope="col">Intervention</th><th scope="col" class="num">Central NPV</th><th scope="col" class="num">P10</th><th scope="col" class="num">P90</th></tr></thead>
            <tbody>${p.interventions.map((i) => html`<tr><th scope="row">${i.name}</th><td class="num">${formatPounds(i.centralNpv)}</td><td class="num">${i.p10 === null ? '—' : formatPounds(i.p10)}</td><td class="num">${i.p90 === null ? '—' : formatPounds(i.p90)}</td></tr>`)}</tbody></table>`
        : ''}
      <h3>Who pays and who saves (the "wrong pocket")</h3>
      ${wp.payers.length && wp.beneficiaries.length
        ? html`<table class="numbers matrix"><caption>Net benefits (central case): rows pay, columns save</caption>
            <thead><tr><th scope="col">Pays ↓ / Saves →</th>${wp.beneficiaries.map((b) => html`<th scope="col" class="num">${b}</th>`)}</tr></thead>
            <tbody>${wp.payers.map((payer, i) => html`<tr><th scope="row">${payer}</th>${wp.beneficiaries.map((_, j) => html`<td class="num">${formatPounds(wp.cells[i]?.[j] ?? 0)}</td>`)}</tr>`)}</tbody></table>`
        : html`<p>No costs or benefits are assigned to organisations yet.</p>`}`;
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
      ],
    };
  },
};
