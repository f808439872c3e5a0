import { formatDate } from '../../../shared/calc/timetable';
import { ACTION_STATUS_LABELS, type ActionView } from '../../../shared/domain/learning';
import { listActions } from '../../momentum/queries';
import { html, paragraphs } from '../html';
import type { ReportSection } from '../types';
import { countHeld, heldBack } from '../withheld';

const ownerOf = (a: ActionView) => [a.owner, a.organisationName].filter(Boolean).join(', ') || 'No owner yet';

function actionTable(caption: string, list: ActionView[]) {
  return html`<table><caption>${caption}</caption>
    <thead><tr><th scope="col">What</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>
    <tbody>${list.map(
      (a) => html`<tr${a.overdue ? html` class="overdue"` : ''}>
        <td><strong>${a.title}</strong>${a.beyondPilot ? html` <span class="tag">Beyond the pilot</span>` : ''}${paragraphs(a.description)}</td>
        <td>${ownerOf(a)}</td>
        <td>${formatDate(a.dueDate)}${a.overdue ? html`<br><strong>Overdue</strong>` : ''}</td>
        <td>${ACTION_STATUS_LABELS[a.status]}</td>
      </tr>`,
    )}</tbody></table>`;
}

export const actionsSection: ReportSection = {
  id: 'actions',
  title: 'Recommendations and next steps',
  async unavailable() {
    return null;
  },
  async render(rc) {
    const everything = await listActions(rc.ctx, {});
    const all = rc.visible(everything, (a) => `action:${a.id}`);
    const held = heldBack(countHeld(everything.filter((a) => !all.includes(a))), { further: all.length > 0 });
    if (all.length === 0) {
      return {
        html: held ? html`<p class="gap">No recommendation or action can be shown in this report: ${held}.</p>` : html`<p>No recommendations or actions have been recorded.</p>`,
        tables: [],
      };
    }
    const recs = all.filter((a) => a.kind === 'recommendation');
    const acts = all.filter((a) => a.kind === 'action');
    const overdue = all.filter((a) => a.overdue).length;
    const beyond = all.filter((a) => a.beyondPilot).length;
    const body = html`
      <p>${recs.length} recommendation${recs.length === 1 ? '' : 's'} and ${acts.length} action${acts.length === 1 ? '' : 's'}; ${beyond} carr${beyond === 1 ? 'ies' : 'y'} on beyond the pilot${overdue ? `; ${overdue} ${overdue === 1 ? 'is' : 'are'} overdue` : ''}.${held ? ` ${held}, so these counts are of those shown.` : ''}</p>
      ${recs.length ? actionTable('Recommendations', recs) : ''}
      ${acts.length ? actionTable('Actions', acts) : ''}`;
    return {
      html: body,
      tables: [
        {
          name: 'Recommendations and actions',
          columns: [
            { header: 'Kind', kind: 'text' },
            { header: 'Title', kind: 'text' },
            { header: 'Description', kind: 'text' },
            { header: 'Owner', kind: 'text' },
            { header: 'Organisation', kind: 'text' },
            { header: 'Due', kind: 'date' },
            { header: 'Status', kind: 'text' },
            { header: 'Overdue', kind: 'text' },
            { header: 'Beyond the pilot', kind: 'text' },
          ],
          rows: all.map((a) => [
            a.kind === 'recommendation' ? 'Recommendation' : 'Action',
            a.title,
            a.description,
            a.owner,
            a.organisationName,
            a.dueDate,
            ACTION_STATUS_LABELS[a.status],
            a.overdue ? 'Yes' : 'No',
            a.beyondPilot ? 'Yes' : 'No',
          ]),
        },
      ],
    };
  },
};
