/**
 * Versioned record tables of the estimates capability (travel in bundles, have history), each
 * declared once, in dependency order. Lines and links copy their intervention's sensitivity, so
 * each row can be judged on its own by bundle export.
 */
import {
  ConfidenceGradeFields,
  DeflatorFields,
  EstimateLineFields,
  EstimateLineInput,
  InterventionFields,
  InterventionLinkInput,
  UnitCostFields,
} from '../../shared/domain/estimates';
import { boolean, integer, json, real, ref, text } from '../db/columns';
import { defineRecordTable, labelFrom } from '../db/recordSpec';

export const unitCosts = defineRecordTable({
  table: 'unitCosts',
  noun: 'Unit cost',
  scope: 'estimates',
  columns: {
    code: text(UnitCostFields.code),
    description: text(UnitCostFields.description),
    unit: text(UnitCostFields.unit),
    agency: text(UnitCostFields.agency),
    valuePence: integer(UnitCostFields.valuePence),
    priceYear: text(UnitCostFields.priceYear),
    source: text(UnitCostFields.source).nullable(),
    quality: text(UnitCostFields.quality).nullable(),
  },
  label: (r) => `${String(r.code ?? '')} ${String(r.description ?? '')}`.trim(),
});

export const deflators = defineRecordTable({
  table: 'deflators',
  noun: 'Deflator',
  scope: 'estimates',
  columns: {
    year: text(DeflatorFields.year),
    index: real(DeflatorFields.index),
  },
  label: labelFrom('year'),
});

export const confidenceGrades = defineRecordTable({
  table: 'confidenceGrades',
  noun: 'Confidence grade',
  scope: 'estimates',
  columns: {
    grade: text(ConfidenceGradeFields.grade),
    description: text(ConfidenceGradeFields.description).nullable(),
    optimismBias: real(ConfidenceGradeFields.optimismBias).defaulted(),
  },
  label: labelFrom('grade'),
});

export const interventions = defineRecordTable({
  table: 'interventions',
  noun: 'Intervention',
  scope: 'estimates',
  hasSensitivity: true,
  columns: {
    name: text(InterventionFields.name),
    description: text(InterventionFields.description).nullable(),
    themeId: ref('themes').nullable(),
    status: text(InterventionFields.status).defaulted(),
    startYear: text(InterventionFields.startYear),
    years: integer(InterventionFields.years),
    priceYear: text(InterventionFields.priceYear),
    discount: json(InterventionFields.discount),
    optimismBias: json(InterventionFields.optimismBias),
    simulation: json(InterventionFields.simulation),
    sensitivity: text(InterventionFields.sensitivity).defaulted(),
  },
  label: labelFrom('name'),
});

export const estimateLines = defineRecordTable({
  table: 'estimateLines',
  noun: 'Estimate line',
  scope: 'estimates',
  hasSensitivity: true,
  columns: {
    interventionId: ref('interventions'),
    position: integer(EstimateLineFields.position).defaulted(),
    kind: text(EstimateLineInput.shape.kind),
    label: text(EstimateLineFields.label),
    organisationId: ref('organisations').nullable(),
    category: text(EstimateLineFields.category).nullable(),
    valueType: text(EstimateLineFields.valueType).nullable(),
    cashable: boolean().defaulted(),
    deadweight: real(EstimateLineFields.deadweight).defaulted(),
    attributionToOthers: real(EstimateLineFields.attributionToOthers).defaulted(),
    displacement: real(EstimateLineFields.displacement).defaulted(),
    dropOff: real(EstimateLineFields.dropOff).defaulted(),
    optimismBias: real(EstimateLineFields.optimismBias).nullable(),
    confidenceGrade: text(EstimateLineFields.confidenceGrade).nullable(),
    profile: json(EstimateLineFields.profile).defaulted(),
    unitCostId: ref('unitCosts').nullable(),
    volumes: json(EstimateLineFields.volumes).nullable(),
    notes: text(EstimateLineFields.notes).nullable(),
    sensitivity: text(InterventionFields.sensitivity).defaulted(),
  },
  label: labelFrom('label'),
});

export const interventionLinks = defineRecordTable({
  table: 'interventionLinks',
  noun: 'Intervention link',
  scope: 'estimates',
  hasSensitivity: true,
  columns: {
    interventionId: ref('interventions'),
    hypothesisId: ref('hypotheses').nullable(),
    evidenceId: ref('evidenceItems').nullable(),
    note: text(InterventionLinkInput.shape.note).nullable(),
    sensitivity: text(InterventionFields.sensitivity).defaulted(),
  },
  label: (r) => `Link from an intervention to ${r.hypothesisId ? 'a hypothesis' : 'evidence'}`,
});

export const estimatesRecordTables = [unitCosts, deflators, confidenceGrades, interventions, estimateLines, interventionLinks] as const;
