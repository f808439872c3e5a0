import { formatDate } from '../../../shared/calc/timetable';
import { LEARNING_KINDS, LEARNING_KIND_LABELS, type LearningEntry } from '../../../shared/domain/learning';
import { countByBarrier, listBarriers, listLearning } from '../../learning/queries';
import { html, paragraphs } from '../html';
import type { ReportSection } from '../types';
import { countHeld, heldBack } from '../withheld';

/**
 * The honest section: what did not work and what was difficult, grouped by barrier. An entry
 * with several barriers is told once, under the barrier cited most across the log, and names
 * its other barriers, so the story is not repeated and no tag is lost.
 */
export const learningSection: ReportSection = {
  id: 'learning',
  title: 'What did not work and what was difficult',
  async unavailable() {
    return null;
  },
  async render(rc) {
    const all = await listLearning(rc.ctx, {});
    const entries = rc.visible(all, (e) => `learning:${e.id}`);
    const held = heldBack(countHeld(all.filter((e) => !entries.includes(e))), { noun: ['entry', 'entries'], further: entries.length > 0 });
    const barriers = await listBarriers(rc.ctx);
    if (entries.length === 0) {
      return {
        html: held ? html`<p class="gap">Nothing in the learning log can be shown in this report: ${held}.</p>` : html`<p>Nothing has been recorded in the learning log.</p>`,
        tables: [],
      };
    }
    const counts = countByBarrier(entries, barriers);
    const nameOf = (id: string) => barriers.find((b) => b.id === id)?.name ?? null;
    const groups = counts.map((c) => ({ ...c, entries: [] as LearningEntry[] }));
    for (const e of [...entries].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn))) {
      const group = groups.find((g) => (g.barrierId === null ? !e.barrierIds.some((id) => nameOf(id)) : e.barrierIds.includes(g.barrierId)));
      group?.entries.push(e);
    }
    const kinds = LEARNING_KINDS.map((k) => [k, entries.filter((e) => e.kind === k).length] as const).filter(([, n]) => n > 0);
    const body = html`
      <p>${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} in the learning log: ${kinds.map(([k, n]) => `${LEARNING_KIND_LABELS[k].toLowerCase()}: ${n}`).join('; ')}.${held ? ` ${held}; the counts below are of the entries shown.` : ''}</p>
      <table class="numbers"><caption>Barriers met (an entry can cite several)</caption>
        <thead><tr><th scope="col">Barrier</th><th scope="col" class="num">Entries</th></tr></thead>
        <tbody>${counts.map((c) => html`<tr><th scope="row">${c.name}</th><td class="num">${c.count}</td></tr>`)}</tbody>
      </table>
      ${groups
        .filter((g) => g.entries.length > 0)
        .map(
          (g) => html`<h3>${g.name}</h3>${g.entries.map((e) => {
            const others = e.barrierIds.filter((id) => id !== g.barrierId).map(nameOf).filter((n): n is string => n !== null);
            return html`<article class="learning learning--${e.kind}">
              <h4>${e.title}</h4>
              <p class="meta"><span class="kind">${LEARNING_KIND_LABELS[e.kind]}</span> · ${formatDate(e.occurredOn)}${e.author ? ` · ${e.author}` : ''}${others.length ? ` · Also: ${others.join(', ')}` : ''}</p>
              ${e.whatHappened ? html`<h5>What happened</h5>${paragraphs(e.whatHappened)}` : ''}
              ${e.why ? html`<h5>Why</h5>${paragraphs(e.why)}` : ''}
              ${e.doDifferently ? html`<h5>What we would do differently</h5>${paragraphs(e.doDifferently)}` : ''}
            </article>`;
          })}`,
        )}`;
    return {
      html: body,
      tables: [
        {
          name: 'Learning log',
          columns: [
            { header: 'Date', kind: 'date' },
            { header: 'Kind', kind: 'text' },
            { header: 'Title', kind: 'text' },
            { header: 'Barriers', kind: 'text' },
            { header: 'What happened', kind: 'text' },
            { header: 'Why', kind: 'text' },
            { header: 'What we would do differently', kind: 'text' },
            { header: 'Author', kind: 'text' },
            { header: 'Sensitivity', kind: 'text' },
          ],
          rows: entries.map((e) => [
            e.occurredOn,
            LEARNING_KIND_LABELS[e.kind],
            e.title,
            e.barrierIds.map(nameOf).filter(Boolean).join('; '),
            e.whatHappened,
            e.why,
            e.doDifferently,
            e.author,
            e.sensitivity,
          ]),
        },
        { name: 'Barriers', columns: [{ header: 'Barrier', kind: 'text' }, { header: 'Entries', kind: 'number' }], rows: counts.map((c) => [c.name, c.count]) },
      ],
    };
  },
};
