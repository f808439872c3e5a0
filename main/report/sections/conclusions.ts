/**
 * Conclusions and recommendations: the page a board reads first after the summary. The team's own
 * conclusions (their commentary for this section) come first; then what the records say — the
 * verdicts on the hypotheses, what the savings and benefits come to, and the recommendations and
 * actions that carry the work on — each pulled from its register, under the same sensitivity rules.
 */
import { formatDate } from '../../../shared/calc/timetable';
import { HYPOTHESIS_STATUS_LABELS } from '../../../shared/domain/hypotheses';
import { portfolio } from '../../estimates/queries';
import { listHypotheses } from '../../hypotheses/queries';
import { listActions, listBenefits } from '../../momentum/queries';
import { html } from '../html';
import { money } from '../money';
import type { ReportSection } from '../types';
import { countHeld, heldBack, plural } from '../withheld';

export const conclusionsSection: ReportSection = {
  id: 'conclusions',
  title: 'Conclusions and recommendations',
  async unavailable() {
    return null;
  },
  async render(rc) {
    const { ctx } = rc;
    const hs = await listHypotheses(ctx, {});
    const verdicts = (['supported', 'refuted', 'inconclusive'] as const).map((s) => [s, hs.filter((h) => h.status === s)] as const);
    const open = hs.filter((h) => h.status === 'proposed' || h.status === 'testing').length;
    const p = await portfolio(ctx, rc.allows);
    const benefits = await listBenefits(ctx);
    const everything = await listActions(ctx, {});
    const actions = rc.visible(everything, (a) => `action:${a.id}`);
    const held = heldBack(countHeld(everything.filter((a) => !actions.includes(a))), { noun: ['recommendation or action', 'recommendations and actions'], further: actions.length > 0 });
    const recs = actions.filter((a) => a.kind === 'recommendation');
    const beyond = actions.filter((a) => a.kind === 'action' && a.beyondPilot && a.status !== 'done' && a.status !== 'dropped');
    const fullYear = benefits.reduce((s, b) => s + b.fullYearPence, 0);
    const cash = benefits.filter((b) => b.cashReleasing).reduce((s, b) => s + b.fullYearPence, 0);

    const body = html`
      <h3>What the pilot found</h3>
      ${hs.length === 0
        ? html`<p>No hypotheses were recorded.</p>`
        : html`<ul>${verdicts.map(([s, list]) =>
            list.length
              ? html`<li><strong>${HYPOTHESIS_STATUS_LABELS[s]}: ${list.length}.</strong> ${list.slice(0, 5).map((h, i) => html`${i ? '; ' : ''}${h.statement}`)}${list.length > 5 ? ` — and ${list.length - 5} more (see "Hypotheses and what the evidence says").` : '.'}</li>`
              : '',
          )}${open ? html`<li>${plural(open, 'hypothesis is', 'hypotheses are')} still proposed or being tested.</li>` : ''}</ul>`}
      <h3>What it is worth</h3>
      <ul>
        ${p.interventionCount
          ? html`<li>${plural(p.interventionCount, 'intervention')} estimated: net present value ${money(p.scenarios.central.npv)} in the central case${p.simulation ? `, with an 80% chance of lying between ${money(p.simulation.p10)} and ${money(p.simulation.p90)}` : ''}.</li>`
          : html`<li>No savings estimate is included.</li>`}
        ${benefits.length
          ? html`<li>${plural(benefits.length, 'benefit')} registered, worth ${money(fullYear)} a full year, of which ${money(cash)} is cash-releasing.</li>`
          : html`<li>No benefits have been registered yet.</li>`}
      </ul>
      <h3>What we recommend</h3>
      ${recs.length
        ? html`<ol>${recs.map((r) => html`<li><strong>${r.title}</strong>${r.owner || r.organisationName ? ` — ${[r.owner, r.organisationName].filter(Boolean).join(', ')}` : ''}${r.dueDate ? `, by ${formatDate(r.dueDate)}` : ''}.</li>`)}</ol>`
        : html`<p>No recommendations have been recorded${held ? ' that this report may include' : ''}.</p>`}
      ${beyond.length
        ? html`<p>${plural(beyond.length, 'action carries', 'actions carry')} the work on beyond the pilot; each has an owner and a date in "Recommendations and next steps".</p>`
        : ''}
      ${held ? html`<p class="gap">${held.replace(/^./, (c) => c.toUpperCase())}.</p>` : ''}`;
    return {
      html: body,
      tables: [
        {
          name: 'Conclusions',
          columns: [
            { header: 'Kind', kind: 'text' },
            { header: 'Title', kind: 'text' },
            { header: 'Owner', kind: 'text' },
            { header: 'Due', kind: 'date' },
          ],
          rows: recs.map((r) => ['Recommendation', r.title, [r.owner, r.organisationName].filter(Boolean).join(', ') || null, r.dueDate]),
        },
      ],
    };
  },
};
