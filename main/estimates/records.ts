/**
 * Versioned record tables of the estimates capability (travel in bundles, have history), each
 * declared once, in dependency order. Lines and links copy their intervention's sensitivity, so
 * each row can be judged on its own by bundle export.
 */
import { z } from 'zod';
import { setContentOfText } from '../../shared/calc/parameterSets';
import {
  ConfidenceGradeFields,
  DeflatorFields,
  EstimateLineFields,
  EstimateLineInput,
  InterventionFields,
  InterventionLinkInput,
  NonMonetisedImpactFields,
  PortfolioDealFields,
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
    // Added by migration 0008, with defaults, so bundles from older versions still import.
    variant: text(UnitCostFields.variant).defaulted(),
    category: text(UnitCostFields.category).nullable().defaulted(),
    healthValue: boolean().defaulted(),
  },
  label: (r) => `${String(r.code ?? '')}${r.variant ? ` (${String(r.variant)})` : ''} ${String(r.description ?? '')}`.trim(),
});

export const deflators = defineRecordTable({
  table: 'deflators',
  noun: 'Deflator',
  scope: 'estimates',
  columns: {
    year: text(DeflatorFields.year),
    index: real(DeflatorFields.index),
    source: text(DeflatorFields.source).nullable().defaulted(),
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
    parameterSetId: text(InterventionFields.parameterSetId).defaulted(),
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
    discount: json(EstimateLineFields.discount).nullable().defaulted(),
    parameterValue: text(EstimateLineFields.parameterValue).nullable().defaulted(),
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

/** The set exactly as issued (its text, so its signature can be checked again) and who signed it. */
const SetText = z.string().superRefine((text, ctx) => {
  try {
    setContentOfText(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'This is not a parameter set as the workbench imports them' });
  }
});

export const parameterSets = defineRecordTable({
  table: 'parameterSets',
  noun: 'Parameter set',
  scope: 'estimates',
  columns: {
    setId: text(InterventionFields.parameterSetId),
    name: text(z.string().min(1).max(200)),
    issuer: text(z.string().min(1).max(200)),
    edition: text(z.string().min(4).max(10)),
    content: text(SetText),
    sha256: text(z.string().regex(/^[0-9a-f]{64}$/)),
    signerKey: text(z.string().min(40).max(100)),
    signerFingerprint: text(z.string().regex(/^[0-9A-F]{64}$/)),
    signature: text(z.string().max(4096)),
  },
  label: (r) => `${String(r.name ?? '')} (${String(r.setId ?? '')})`,
});

export const nonMonetisedImpacts = defineRecordTable({
  table: 'nonMonetisedImpacts',
  noun: 'Non-monetised impact',
  scope: 'estimates',
  hasSensitivity: true,
  columns: {
    interventionId: ref('interventions'),
    position: integer(NonMonetisedImpactFields.position).defaulted(),
    description: text(NonMonetisedImpactFields.description),
    direction: text(NonMonetisedImpactFields.direction).defaulted(),
    affected: text(NonMonetisedImpactFields.affected).nullable(),
    evidenceId: ref('evidenceItems').nullable(),
    sensitivity: text(InterventionFields.sensitivity).defaulted(),
  },
  label: labelFrom('description'),
});

/** The wrong-pocket deal as agreed: one live row (the rule and any edited transfers). */
export const portfolioDeals = defineRecordTable({
  table: 'portfolioDeals',
  noun: 'Wrong-pocket deal',
  scope: 'estimates',
  columns: {
    rule: text(PortfolioDealFields.rule).defaulted(),
    transfers: json(PortfolioDealFields.transfers).nullable(),
    note: text(PortfolioDealFields.note).nullable(),
  },
  label: () => 'The wrong-pocket deal',
});

export const estimatesRecordTables = [
  unitCosts,
  deflators,
  confidenceGrades,
  parameterSets,
  interventions,
  estimateLines,
  interventionLinks,
  nonMonetisedImpacts,
  portfolioDeals,
] as const;
