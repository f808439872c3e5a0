import { z } from 'zod';
import { ById } from '../domain/common';
import {
  ConflictResolveInput,
  ContactAddInput,
  ExportInput,
  ExportPreviewInput,
  ImportInput,
  type BundleLogEntry,
  type ConflictView,
  type Contact,
  type ExportPreview,
  type ExportResult,
  type FileLink,
  type IdentityView,
  type ImportResult,
} from '../domain/bundles';
import { DsaInput } from '../domain/sharing';
import { command, query } from './define';

/** Identity, partner directory, bundle export / import, conflicts and the exchange log. */
export const bundlesContract = {
  /** Creates this installation's keys on first use. */
  'identity.show': query<IdentityView>()(z.object({}).default({})),
  /** Our contact card as a downloadable file, for partners to add us. */
  'identity.exportCard': query<FileLink>()(z.object({}).default({})),

  'contact.list': query<Contact[]>()(z.object({}).default({})),
  'contact.add': command<Contact>()(ContactAddInput),
  'contact.setVerified': command<Contact>()(z.object({ id: ById.shape.id, verified: z.boolean() })),
  'contact.remove': command<{ id: string }>()(ById),
  /** Records (or replaces) the partner's data-sharing agreement and DPIA reference. */
  'contact.setAgreement': command<Contact>()(DsaInput),
  /** Takes the agreement off the partner record. */
  'contact.clearAgreement': command<Contact>()(ById),

  'bundle.previewExport': query<ExportPreview>()(ExportPreviewInput),
  'bundle.export': command<ExportResult>()(ExportInput),
  /** Verifies and previews an uploaded bundle without changing anything. */
  'bundle.inspect': query<ImportResult>()(ImportInput),
  'bundle.import': command<ImportResult>()(ImportInput),
  'bundle.log': query<BundleLogEntry[]>()(z.object({}).default({})),

  'conflict.list': query<ConflictView[]>()(z.object({ includeResolved: z.boolean().default(false) }).default({ includeResolved: false })),
  'conflict.resolve': command<ConflictView>()(ConflictResolveInput),
};
