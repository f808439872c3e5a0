import type { evidenceContract } from '../../shared/contract/evidence';
import { searchEvidence } from './search';
import { addEvidenceWithUploads, deleteEvidence, evidenceTags, getEvidence, listEvidence, updateEvidence } from './service';
import { attachUploads, detachAttachment, openAttachment, reindexAttachmentText } from './attachments';
import { linkEvidence, rateEvidence, unlinkEvidence, updateLink } from './links';
import { evidenceCoverage, evidenceForHypothesis } from './queries';
import { evidenceMatrix } from './matrix';
import type { Handlers } from '../core/handlers';

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
