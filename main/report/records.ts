/**
 * The report's narrative — executive summary, introduction, and a commentary per section and per
 * hypothesis — as versioned records: every edit is kept in the history, and they travel in
 * bundles and team sync like any other record (bundle scope: report).
 *
 * One record per place in the report. Its id is derived from that place (see narratives.ts), so two
 * team members who each start the executive summary on their own laptop write the same record:
 * when their work meets, the merge sees concurrent edits of one record and keeps both as a
 * conflict to resolve, instead of two summaries silently competing.
 */
import { NarrativeFields } from '../../shared/domain/report';
import { ref, text } from '../db/columns';
import { defineRecordTable } from '../db/recordSpec';

const KIND_LABELS: Record<string, string> = { summary: 'Executive summary', introduction: 'Introduction', section: 'Commentary', hypothesis: 'Commentary on a hypothesis' };

export const reportNarratives = defineRecordTable({
  table: 'reportNarratives',
  noun: 'Report narrative',
  scope: 'report',
  columns: {
    kind: text(NarrativeFields.kind),
    sectionId: text(NarrativeFields.sectionId).nullable(),
    hypothesisId: ref('hypotheses').nullable(),
    body: text(NarrativeFields.body).defaulted(),
  },
  label: (row) => `${KIND_LABELS[String(row.kind)] ?? 'Narrative'}${row.sectionId ? ` (${String(row.sectionId)})` : ''}`,
});

export const reportRecordTables = [reportNarratives] as const;
