/**
 * Versioned record tables of momentum — recommendations and actions, the benefits register —
 * each declared once (bundle scope: learning). Benefits before their realisations.
 */
import { Id } from '../../shared/domain/common';
import { ActionFields, BenefitFields, RealisationFields } from '../../shared/domain/learning';
import { boolean, integer, json, ref, text } from '../db/columns';
import { defineRecordTable, labelFrom } from '../db/recordSpec';

export const actions = defineRecordTable({
  table: 'actions',
  noun: 'Action',
  scope: 'learning',
  hasSensitivity: true,
  columns: {
    kind: text(ActionFields.kind).defaulted(),
    title: text(ActionFields.title),
    description: text(ActionFields.description).nullable(),
    organisationId: ref('organisations').nullable(),
    owner: text(ActionFields.owner).nullable(),
    dueDate: text(ActionFields.dueDate).nullable(),
    status: text(ActionFields.status).defaulted(),
    beyondPilot: boolean().defaulted(),
    hypothesisIds: json(ActionFields.hypothesisIds).defaulted(),
    interventionIds: json(ActionFields.interventionIds).defaulted(),
    sensitivity: text(ActionFields.sensitivity).defaulted(),
    recommendationId: ref('actions').nullable(),
  },
  label: labelFrom('title'),
});

export const benefits = defineRecordTable({
  table: 'benefits',
  noun: 'Benefit',
  scope: 'learning',
  columns: {
    title: text(BenefitFields.title),
    owner: text(BenefitFields.owner).nullable(),
    organisationId: ref('organisations').nullable(),
    measure: text(BenefitFields.measure).nullable(),
    target: text(BenefitFields.target).nullable(),
    fullYearPence: integer(BenefitFields.fullYearPence),
    cashReleasing: boolean().defaulted(),
    startsOn: text(BenefitFields.startsOn).nullable(),
    interventionId: text(Id).nullable(),
    notes: text(BenefitFields.notes).nullable(),
  },
  label: labelFrom('title'),
});

export const benefitRealisations = defineRecordTable({
  table: 'benefitRealisations',
  noun: 'Benefit realisation',
  scope: 'learning',
  columns: {
    benefitId: ref('benefits'),
    realisedOn: text(RealisationFields.realisedOn),
    realisedPence: integer(RealisationFields.realisedPence),
    note: text(RealisationFields.note).nullable(),
  },
  label: (row) => `${String(row.realisedOn ?? '')}: ${(Number(row.realisedPence ?? 0) / 100).toFixed(2)}`,
});

export const momentumRecordTables = [actions, benefits, benefitRealisations] as const;
