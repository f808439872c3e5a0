import { formatDate } from '../../../shared/calc/timetable';
import { ORGANISATION_TYPE_LABELS } from '../../../shared/domain/pilot';
import { getPilot, pilotOverview } from '../../pilot/queries';
import { html, paragraphs } from '../html';
import type { ReportSection } from '../types';

export const questionSection: ReportSection = {
  id: 'question',
  title: 'The question and the timetable',
  async unavailable(ctx) {
    return (await getPilot(ctx)) ? null : 'Set up the pilot first (its place and question).';
  },
  async render({ ctx }) {
    const o = await pilotOverview(ctx);
    const p = o.pilot!;
    const body = html`
      <blockquote class="question">${p.question}</blockquote>
      <dl class="facts">
        <dt>Place</dt><dd>${p.place}</dd>
        <dt>Started</dt><dd>${formatDate(p.startDate)}</dd>
        <dt>Report deadline</dt><dd>${formatDate(p.reportDeadline)}</dd>
        <dt>Partners</dt><dd>${o.organisations.length ? o.organisations.map((g) => `${g.name} (${ORGANISATION_TYPE_LABELS[g.type]})`).join('; ') : 'None recorded'}</dd>
        <dt>Themes</dt><dd>${o.themes.length ? o.themes.map((t) => t.name).join('; ') : 'None recorded'}</dd>
        <dt>Team</dt><dd>${o.teamMembers.length} people, ${o.teamMembers.reduce((s, m) => s + m.fte, 0).toFixed(1)} full-time equivalent</dd>
      </dl>
      ${o.themes.filter((t) => t.description).map((t) => html`<h3>${t.name}</h3>${paragraphs(t.description)}`)}
      ${o.milestones.length
        ? html`<table><caption>Timetable</caption><thead><tr><th scope="col">Milestone</th><th scope="col">Due</th><th scope="col">Done</th></tr></thead><tbody>
            ${o.milestones.map((m) => html`<tr><td>${m.title}</td><td>${formatDate(m.dueDate)}</td><td>${m.done ? 'Yes' : 'No'}</td></tr>`)}
          </tbody></table>`
        : html`<p>No milestones were recorded.</p>`}`;
    return {
      html: body,
      tables: [
        {
          name: 'Timetable',
          columns: [{ header: 'Milestone', kind: 'text' }, { header: 'Due', kind: 'date' }, { header: 'Done', kind: 'text' }],
          rows: o.milestones.map((m) => [m.title, m.dueDate, m.done ? 'Yes' : 'No']),
        },
      ],
    };
  },
};
