/**
 * The hypotheses' tables, each declared once: the versioned hypotheses and the append-only log of
 * status changes (facts that travel with their hypothesis and are merged by id).
 */
import { Id } from '../../shared/domain/common';
import { HYPOTHESIS_STATUSES, HypothesisFields, HypothesisStatusChange } from '../../shared/domain/hypotheses';
import { z } from 'zod';
import { ref, text } from '../db/columns';
import { defineAppendOnlyTable, defineRecordTable, labelFrom } from '../db/recordSpec';

const Status = z.enum(HYPOTHESIS_STATUSES);

export const hypotheses = defineRecordTable({
  table: 'hypotheses',
  noun: 'Hypothesis',
  scope: 'hypotheses',
  columns: {
    statement: text(HypothesisFields.statement),
    themeId: ref('themes').nullable(),
    ownerId: ref('teamMembers').nullable(),
    rationale: text(HypothesisFields.rationale).nullable(),
    supportCriteria: text(HypothesisFields.supportCriteria).nullable(),
    refuteCriteria: text(HypothesisFields.refuteCriteria).nullable(),
    status: text(Status).defaulted(),
    dueDate: text(HypothesisFields.dueDate).nullable(),
    confidence: text(HypothesisFields.confidence).nullable(),
    // Added by migration 0010 (defaulted, so hypotheses from older versions import).
    indicators: text(HypothesisFields.indicators).nullable().defaulted(),
  },
  label: labelFrom('statement'),
});

export const statusChanges = defineAppendOnlyTable({
  table: 'statusChanges',
  scope: 'hypotheses',
  columns: {
    id: text(Id),
    hypothesisId: ref('hypotheses'),
    fromStatus: text(Status).nullable(),
    toStatus: text(Status),
    actor: text(),
    at: text(),
    note: text(HypothesisStatusChange.shape.note).nullable(),
  },
});

export const hypothesesRecordTables = [hypotheses] as const;
