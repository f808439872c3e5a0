/**
 * Versioned record tables of the learning log (travel in bundles, have history), each declared
 * once. Dependency order: barriers before the entries that tag them; entries before their links.
 */
import { BarrierFields, LearningFields } from '../../shared/domain/learning';
import { json, ref, text } from '../db/columns';
import { defineRecordTable, labelFrom } from '../db/recordSpec';

export const barriers = defineRecordTable({
  table: 'barriers',
  noun: 'Barrier',
  scope: 'learning',
  columns: {
    name: text(BarrierFields.name),
    description: text(BarrierFields.description).nullable(),
  },
  label: labelFrom('name'),
});

export const learningEntries = defineRecordTable({
  table: 'learningEntries',
  noun: 'Learning entry',
  scope: 'learning',
  hasSensitivity: true,
  columns: {
    kind: text(LearningFields.kind),
    title: text(LearningFields.title),
    whatHappened: text(LearningFields.whatHappened).nullable(),
    why: text(LearningFields.why).nullable(),
    doDifferently: text(LearningFields.doDifferently).nullable(),
    author: text(LearningFields.author).nullable(),
    occurredOn: text(LearningFields.occurredOn),
    themeId: ref('themes').nullable(),
    barrierIds: json(LearningFields.barrierIds).defaulted(),
    sensitivity: text(LearningFields.sensitivity).defaulted(),
  },
  label: labelFrom('title'),
});

export const learningLinks = defineRecordTable({
  table: 'learningLinks',
  noun: 'Learning link',
  scope: 'learning',
  columns: {
    entryId: ref('learningEntries'),
    hypothesisId: ref('hypotheses'),
  },
  label: (row) => `entry ${String(row.entryId ?? '').slice(0, 8)} → hypothesis ${String(row.hypothesisId ?? '').slice(0, 8)}`,
});

export const learningRecordTables = [barriers, learningEntries, learningLinks] as const;
