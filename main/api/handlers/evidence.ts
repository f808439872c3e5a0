import type { evidenceContract } from '../../../shared/contract/evidence';
import { searchEvidence } from '../../evidence/search';
import { addEvidenceWithUploads, deleteEvidence, evidenceTags, getEvidence, listEvidence, updateEvidence } from '../../services/evidence';
import { attachUploads, detachAttachment, openAttachment, reindexAttachmentText } from '../../services/evidenceAttachments';
import { evidenceCoverage, evidenceForHypothesis, linkEvidence, rateEvidence, unlinkEvidence, updateLink } from '../../services/evidenceLinks';
import { evidenceMatrix } from '../../services/evidenceMatrix';
import type { Handlers } from './types';

export const evidenceHandlers: Handlers<typeof evidenceContract> = {
  'evidence.list': (ctx, i) => listEvidence(ctx, i),
  'evidence.get': (ctx, i) => getEvidence(ctx, i.id),
  'evidence.tags': (ctx) => evidenceTags(ctx),
  'evidence.add': (ctx, i) => addEvidenceWithUploads(ctx, i),
  'evidence.update': (ctx, i) => updateEvidence(ctx, i),
  'evidence.delete': (ctx, i) => deleteEvidence(ctx, i),
  'evidence.attach': (ctx, i) => attachUploads(ctx, i),
  'evidence.detach': (ctx, i) => detachAttachment(ctx, i),
  'evidence.openAttachment': (ctx, i) => openAttachment(ctx, i.id),
  'evidence.reindex': (ctx) => reindexAttachmentText(ctx),
  'evidence.link': (ctx, i) => linkEvidence(ctx, i),
  'evidence.updateLink': (ctx, i) => updateLink(ctx, i),
  'evidence.unlink': (ctx, i) => unlinkEvidence(ctx, i),
  'evidence.rate': (ctx, i) => rateEvidence(ctx, i),
  'evidence.matrix': (ctx, i) => evidenceMatrix(ctx, i),
  'evidence.search': async (ctx, i) => searchEvidence(ctx.sqlite, i.query, i.limit),
  'evidence.coverage': (ctx) => evidenceCoverage(ctx),
  'evidence.forHypothesis': (ctx, i) => evidenceForHypothesis(ctx, i.id),
};
