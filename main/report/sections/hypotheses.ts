import { CONFIDENCE_LABELS, HYPOTHESIS_STATUS_LABELS, type Hypothesis, type HypothesisStatus } from '../../../shared/domain/hypotheses';
import type { HypothesisEvidenceRow } from '../../../shared/domain/evidence';
import { listHypotheses } from '../../hypotheses/queries';
import { pilotOverview } from '../../pilot/queries';
import { evidenceForHypothesis, quotesForHypothesis } from '../../evidence/queries';
import { figure } from '../charts/svg';
import { statusChart } from '../charts/statusChart';
import { html, paragraphs } from '../html';
import { commentary } from '../narrativeHtml';
import type { ExtractTable, ReportSection } from '../types';
import { countHeld, heldBack, heldTotal, plural } from '../withheld';

/**
 * The report stays concise for a large pilot: a few quotes and items per hypothesis, with a count of
 * the rest (every item is in the "Evidence by hypothesis" extract).
 */
const MAX_QUOTES = 5;
const MAX_ITEMS = 8;
/** Quotes (issue 13): what people said, in their words, rated against the hypothesis; citizens' first. */
type RatedQuote = Awaited<ReturnType<typeof quotesForHypothesis>>[number];
const quotesBlock = (qs: readonly RatedQuote[]) =>
  qs.length === 0
    ? ''
    : html`<h4>In their own words</h4>${[...qs]
        .sort((a, b) => Number(b.citizenPerspective) - Number(a.citizenPerspective))
        .slice(0, MAX_QUOTES)
        .map(
          (q) =>
            html`<blockquote class="${q.citizenPerspective ? 'citizen quote' : 'quote'}"><p>${q.text}</p><footer>${q.speaker ? `${q.speaker}, ` : ''}${q.itemTitle} (${RATING_LABELS[q.rating]}${q.codes.length ? `; ${q.codes.map((c) => c.name).join(', ')}` : ''})</footer></blockquote>`,
        )}${qs.length > MAX_QUOTES ? html`<p class="note">…and ${qs.length - MAX_QUOTES} more quotes.</p>` : ''}`;
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

const isSupporting = (e: HypothesisEvidenceRow) => e.rating === 'CC' || e.rating === 'C';
const isContradicting = (e: HypothesisEvidenceRow) => e.rating === 'I' || e.rating === 'II';

/** "1 citizen journey (strongly supports, high weight)": what a held-back item is, never what it says. */
const describe = (e: HypothesisEvidenceRow) => `${kindLabel(e.kind)} (${RATING_LABELS[e.rating]}, ${e.weight} weight)`;

/** No evidence can be shown: either there is none, or all of it is held back — and then how much. */
export function evidenceGap(held: readonly HypothesisEvidenceRow[]): string {
  if (held.length === 0) return 'No evidence has been recorded for this hypothesis.';
  const citizen = held.filter((e) => e.citizenPerspective);
  const pro = held.filter(isSupporting).length;
  const con = held.filter(isContradicting).length;
  return (
    `No evidence for this hypothesis can be shown in this report: ${heldBack(countHeld(held))}. ` +
    `Of them, ${pro} support${pro === 1 ? 's' : ''} it and ${con} contradict${con === 1 ? 's' : ''} it` +
    (citizen.length
      ? `; ${citizen.length} ${citizen.length === 1 ? 'is' : 'are'} from the citizen's perspective: ${citizen.map(describe).join('; ')}.`
      : "; none of them is from the citizen's perspective.")
  );
}

/** The counts of what is shown, and what is held back on top of it. */
export function evidenceCounts(items: readonly HypothesisEvidenceRow[], held: readonly HypothesisEvidenceRow[], citizenShown: number): string {
  const shown = `${plural(items.length, 'item')} of evidence: ${items.filter(isSupporting).length} supporting, ${items.filter(isContradicting).length} contradicting, ${citizenShown} from the citizen's perspective.`;
  if (held.length === 0) return shown;
  return `${shown} ${heldBack(countHeld(held), { further: true }).replace(/^./, (x) => x.toUpperCase())} (${held.filter(isSupporting).length} supporting, ${held.filter(isContradicting).length} contradicting, ${held.filter((e) => e.citizenPerspective).length} from the citizen's perspective), so the figures above are of the items shown.`;
}

/** No citizen's-perspective item is shown: say whether one exists but is held back. */
export function citizenGap(held: readonly HypothesisEvidenceRow[]): string {
  const citizen = held.filter((e) => e.citizenPerspective);
  if (citizen.length === 0) {
    return heldTotal(countHeld(held)) > 0
      ? `None of the evidence, including the ${plural(held.length, 'item')} held back, is from the citizen's perspective.`
      : "None of the evidence is from the citizen's perspective.";
  }
  const c = countHeld(citizen);
  return `The citizen's perspective cannot be shown in this report: ${heldBack(c, { noun: ["citizen's-perspective item", "citizen's-perspective items"] })} — ${citizen.map(describe).join('; ')}.`;
}

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
    // What the sensitivity rules leave out, per hypothesis: the report must say so, never "none".
    const heldFor = new Map<string, HypothesisEvidenceRow[]>();
    const quotesFor = new Map<string, RatedQuote[]>();
    for (const h of hs) {
      const all = await evidenceForHypothesis(ctx, h.id);
      const shown = rc.visible(all, (e) => `evidence:${e.evidenceId}`);
      evidence.set(h.id, shown);
      heldFor.set(h.id, all.filter((e) => !shown.includes(e)));
      // A quote is shown only where its item may be (it inherits the item's sensitivity).
      quotesFor.set(h.id, rc.visible(await quotesForHypothesis(ctx, h.id), (q) => `evidence:${q.evidenceId}`));
    }
    if (hs.length === 0) return { html: html`<p>No hypotheses were recorded.</p>`, tables: [] };

    const themeName = (h: Hypothesis) => o.themes.find((t) => t.id === h.themeId)?.name ?? null;
    const ownerName = (h: Hypothesis) => o.teamMembers.find((m) => m.id === h.ownerId)?.name ?? null;
    const counts = ORDER.map((s) => [s, hs.filter((h) => h.status === s).length] as const).filter(([, n]) => n > 0);
    const supporting = (items: HypothesisEvidenceRow[]) => items.filter((e) => e.rating === 'CC' || e.rating === 'C').length;
    const contradicting = (items: HypothesisEvidenceRow[]) => items.filter((e) => e.rating === 'I' || e.rating === 'II').length;

    const chart = statusChart(counts.map(([s, n]) => ({ label: HYPOTHESIS_STATUS_LABELS[s], count: n })));
    const body = html`
      <p>${hs.length} hypothes${hs.length === 1 ? 'is was' : 'es were'} tested or proposed: ${counts.map(([s, n]) => `${n} ${HYPOTHESIS_STATUS_LABELS[s].toLowerCase()}`).join(', ')}.</p>
      ${figure('figure-hypotheses', rc.nextFigure(), 'Hypotheses by status', chart.chart, chart.data)}
      ${hs.map((h) => {
        const items = evidence.get(h.id) ?? [];
        const held = heldFor.get(h.id) ?? [];
        const citizen = items.filter((e) => e.citizenPerspective).sort(byWeight);
        const others = items.filter((e) => !e.citizenPerspective).sort(byWeight);
        return html`<article class="hypothesis">
          <h3>${h.statement}</h3>
          <p class="meta"><span class="status status--${h.status}">${HYPOTHESIS_STATUS_LABELS[h.status]}</span>${themeName(h) ? ` · Theme: ${themeName(h)}` : ''}${ownerName(h) ? ` · Owner: ${ownerName(h)}` : ''}${h.confidence ? ` · Confidence: ${CONFIDENCE_LABELS[h.confidence]}` : ''}</p>
          ${commentary(rc.narrative(`hypothesis:${h.id}`), 4)}
          ${h.rationale ? html`<h4>Why we thought so</h4>${paragraphs(h.rationale)}` : ''}
          ${items.length === 0
              ? html`<p class="gap">${evidenceGap(held)}</p>`
              : html`<p>${evidenceCounts(items, held, citizen.length)}</p>
                ${citizen.length
                  ? html`<h4>The citizen's perspective</h4>${citizen
                      .slice(0, MAX_QUOTES)
                      .map((e) => html`<blockquote class="citizen"><p>${e.summary ?? e.note ?? e.title}</p><footer>${e.title} (${kindLabel(e.kind)}; ${RATING_LABELS[e.rating]})</footer></blockquote>`)}${more(citizen.length - MAX_QUOTES, "citizen's-perspective items")}`
                  : html`<p class="gap">${citizenGap(held)}</p>`}
                ${others.length
                  ? html`<h4>Other evidence</h4><ul class="evidence">${others
                      .slice(0, MAX_ITEMS)
                      .map((e) => html`<li><strong>${e.title}</strong> (${kindLabel(e.kind)}) — ${RATING_LABELS[e.rating]}, ${e.weight} weight${e.note ? html`: ${e.note}` : ''}</li>`)}</ul>${more(others.length - MAX_ITEMS, 'items')}`
                  : ''}`}
          ${quotesBlock(quotesFor.get(h.id) ?? [])}
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
          { header: 'Held back (team-only)', kind: 'number' },
          { header: 'Held back (personal data)', kind: 'number' },
        ],
        rows: hs.map((h) => {
          const items = evidence.get(h.id) ?? [];
          const held = countHeld(heldFor.get(h.id) ?? []);
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
            held.team,
            held.personal,
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
