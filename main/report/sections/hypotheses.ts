import { HYPOTHESIS_STATUS_LABELS, type Hypothesis, type HypothesisStatus } from '../../../shared/domain/hypotheses';
import type { HypothesisEvidenceRow } from '../../../shared/domain/evidence';
import { listHypotheses } from '../../hypotheses/queries';
import { pilotOverview } from '../../pilot/queries';
import { evidenceForHypothesis } from '../../evidence/queries';
import { html, paragraphs } from '../html';
import type { ExtractTable, ReportSection } from '../types';

/**
 * The report stays concise for a large pilot: a few quotes and items per hypothesis, with a count of
 * the rest (every item is in the "Evidence by hypothesis" extract).
 */
const MAX_QUOTES = 5;
const MAX_ITEMS = 8;
const more = (n: number, what: string) => (n > 0 ? html`<p class="note">…and ${n} more ${what}; all are listed in the "Evidence by hypothesis" table of the extracts.</p>` : '');

const WEIGHT_ORDER = ['high', 'medium', 'low'];
const byWeight = (a: HypothesisEvidenceRow, b: HypothesisEvidenceRow) => WEIGHT_ORDER.indexOf(a.weight) - WEIGHT_ORDER.indexOf(b.weight);
/** "citizen_interview" → "citizen interview". */
const kindLabel = (kind: string) => kind.replace(/[_-]+/g, ' ');

/** Verdicts first: what the pilot found, then what is still open. */
const ORDER: HypothesisStatus[] = ['supported', 'refuted', 'inconclusive', 'testing', 'proposed', 'parked'];

export const RATING_LABELS: Record<HypothesisEvidenceRow['rating'], string> = {
  CC: 'strongly supports',
  C: 'supports',
  N: 'neutral',
  I: 'contradicts',
  II: 'strongly contradicts',
  NA: 'not applicable',
};

export const hypothesesSection: ReportSection = {
  id: 'hypotheses',
  title: 'Hypotheses and what the evidence says',
  async unavailable() {
    return null;
  },
  async render(rc) {
    const { ctx } = rc;
    const o = await pilotOverview(ctx);
    const hs = (await listHypotheses(ctx, {})).sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.createdAt.localeCompare(b.createdAt));
    const evidence = new Map<string, HypothesisEvidenceRow[]>();
    for (const h of hs) {
      evidence.set(
        h.id,
        (await evidenceForHypothesis(ctx, h.id)).filter((e) => {
          if (rc.allows(e.sensitivity)) return true;
          if (e.sensitivity === 'team' || e.sensitivity === 'personal') rc.withheld[e.sensitivity] += 1;
          return false;
        }),
      );
    }
    if (hs.length === 0) return { html: html`<p>No hypotheses were recorded.</p>`, tables: [] };

    const themeName = (h: Hypothesis) => o.themes.find((t) => t.id === h.themeId)?.name ?? null;
    const ownerName = (h: Hypothesis) => o.teamMembers.find((m) => m.id === h.ownerId)?.name ?? null;
    const counts = ORDER.map((s) => [s, hs.filter((h) => h.status === s).length] as const).filter(([, n]) => n > 0);
    const supporting = (items: HypothesisEvidenceRow[]) => items.filter((e) => e.rating === 'CC' || e.rating === 'C').length;
    const contradicting = (items: HypothesisEvidenceRow[]) => items.filter((e) => e.rating === 'I' || e.rating === 'II').length;

    const body = html`
      <p>${hs.length} hypothes${hs.length === 1 ? 'is was' : 'es were'} tested or proposed: ${counts.map(([s, n]) => `${n} ${HYPOTHESIS_STATUS_LABELS[s].toLowerCase()}`).join(', ')}.</p>
      ${hs.map((h) => {
        const items = evidence.get(h.id) ?? [];
        const citizen = items.filter((e) => e.citizenPerspective).sort(byWeight);
        const others = items.filter((e) => !e.citizenPerspective).sort(byWeight);
        return html`<article class="hypothesis">
          <h3>${h.statement}</h3>
          <p class="meta"><span class="status status--${h.status}">${HYPOTHESIS_STATUS_LABELS[h.status]}</span>${themeName(h) ? ` · Theme: ${themeName(h)}` : ''}${ownerName(h) ? ` · Owner: ${ownerName(h)}` : ''}${h.confidence ? ` · Confidence: ${h.confidence}` : ''}</p>
          ${h.rationale ? html`<h4>Why we thought so</h4>${paragraphs(h.rationale)}` : ''}
          ${items.length === 0
              ? html`<p class="gap">No evidence has been recorded for this hypothesis.</p>`
              : html`<p>${items.length} item${items.length === 1 ? '' : 's'} of evidence: ${supporting(items)} supporting, ${contradicting(items)} contradicting, ${citizen.length} from the citizen's perspective.</p>
                ${citizen.length
                  ? html`<h4>The citizen's perspective</h4>${citizen
                      .slice(0, MAX_QUOTES)
                      .map((e) => html`<blockquote class="citizen"><p>${e.summary ?? e.note ?? e.title}</p><footer>${e.title} (${kindLabel(e.kind)}; ${RATING_LABELS[e.rating]})</footer></blockquote>`)}${more(citizen.length - MAX_QUOTES, "citizen's-perspective items")}`
                  : html`<p class="gap">None of the evidence is from the citizen's perspective.</p>`}
                ${others.length
                  ? html`<h4>Other evidence</h4><ul class="evidence">${others
                      .slice(0, MAX_ITEMS)
                      .map((e) => html`<li><strong>${e.title}</strong> (${kindLabel(e.kind)}) — ${RATING_LABELS[e.rating]}, ${e.weight} weight${e.note ? html`: ${e.note}` : ''}</li>`)}</ul>${more(others.length - MAX_ITEMS, 'items')}`
                  : ''}`}
        </article>`;
      })}`;

    const tables: ExtractTable[] = [
      {
        name: 'Hypotheses',
        columns: [
          { header: 'Hypothesis', kind: 'text' },
          { header: 'Status', kind: 'text' },
          { header: 'Theme', kind: 'text' },
          { header: 'Owner', kind: 'text' },
          { header: 'Confidence', kind: 'text' },
          { header: 'Evidence items', kind: 'number' },
          { header: 'Supporting', kind: 'number' },
          { header: 'Contradicting', kind: 'number' },
          { header: "Citizen's perspective", kind: 'number' },
        ],
        rows: hs.map((h) => {
          const items = evidence.get(h.id) ?? [];
          return [
            h.statement,
            HYPOTHESIS_STATUS_LABELS[h.status],
            themeName(h),
            ownerName(h),
            h.confidence,
            items.length,
            supporting(items),
            contradicting(items),
            items.filter((e) => e.citizenPerspective).length,
          ];
        }),
      },
    ];
    {
      tables.push({
        name: 'Evidence by hypothesis',
        columns: [
          { header: 'Hypothesis', kind: 'text' },
          { header: 'Evidence', kind: 'text' },
          { header: 'Kind', kind: 'text' },
          { header: "Citizen's perspective", kind: 'text' },
          { header: 'Stance', kind: 'text' },
          { header: 'Weight', kind: 'text' },
          { header: 'Note', kind: 'text' },
        ],
        rows: hs.flatMap((h) =>
          (evidence.get(h.id) ?? []).map((e) => [h.statement, e.title, kindLabel(e.kind), e.citizenPerspective ? 'Yes' : 'No', RATING_LABELS[e.rating], e.weight, e.note]),
        ),
      });
    }
    return { html: body, tables };
  },
};
