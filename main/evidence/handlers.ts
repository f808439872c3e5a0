import type { evidenceContract } from '../../shared/contract/evidence';
import { searchEvidence } from './search';
import { addEvidenceWithUploads, deleteEvidence, evidenceTags, getEvidence, listEvidence, updateEvidence } from './service';
import { attachUploads, detachAttachment, markAttachment, reindexAttachmentText } from './attachments';
import { openAttachment } from './opening';
import { linkEvidence, rateEvidence, unlinkEvidence, updateLink } from './links';
import { evidenceCoverage, evidenceForHypothesis, quotesForHypothesis } from './queries';
import { evidenceMatrix, matrixSensitivity } from './matrix';
import { addQuote, deleteQuote, getQuote, linkQuote, listQuotes, rateQuote, unlinkQuote, updateQuote, updateQuoteLink } from './quotes';
import { addCode, deleteCode, listCodes, mergeCodes, updateCode } from './codes';
import { pseudonymise, sourceTexts } from './pseudonymise';
import { codesByHypotheses } from './codeMatrix';
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
  'evidence.markAttachment': (ctx, i) => markAttachment(ctx, i),
  'evidence.openAttachment': (ctx, i) => openAttachment(ctx, i),
  'evidence.reindex': (ctx) => reindexAttachmentText(ctx),
  'evidence.sources': (ctx, i) => sourceTexts(ctx, i.id),
  'evidence.pseudonymise': (ctx, i) => pseudonymise(ctx, i),
  'evidence.sensitivity': (ctx, i) => matrixSensitivity(ctx, i),
  'evidence.codesByHypotheses': (ctx) => codesByHypotheses(ctx),
  'evidence.link': (ctx, i) => linkEvidence(ctx, i),
  'evidence.updateLink': (ctx, i) => updateLink(ctx, i),
  'evidence.unlink': (ctx, i) => unlinkEvidence(ctx, i),
  // A quote row of the matrix rates the quote; its `weight`, if given alone, stands for both judgements.
  'evidence.rate': (ctx, { quoteId, evidenceId, weight, ...i }) =>
    quoteId ? rateQuote(ctx, { ...i, quoteId, credibility: i.credibility ?? weight, relevance: i.relevance ?? weight }) : rateEvidence(ctx, { ...i, evidenceId, weight }),
  'evidence.matrix': (ctx, i) => evidenceMatrix(ctx, i),
  'evidence.search': async (ctx, i) => searchEvidence(ctx.sqlite, i.query, i.limit),
  'evidence.coverage': (ctx) => evidenceCoverage(ctx),
  'evidence.forHypothesis': (ctx, i) => evidenceForHypothesis(ctx, i.id),

  'quote.list': (ctx, i) => listQuotes(ctx, i),
  'quote.get': (ctx, i) => getQuote(ctx, i.id),
  'quote.add': (ctx, i) => addQuote(ctx, i),
  'quote.update': (ctx, i) => updateQuote(ctx, i),
  'quote.delete': (ctx, i) => deleteQuote(ctx, i),
  'quote.link': (ctx, i) => linkQuote(ctx, i),
  'quote.updateLink': (ctx, i) => updateQuoteLink(ctx, i),
  'quote.unlink': (ctx, i) => unlinkQuote(ctx, i),
  'quote.forHypothesis': (ctx, i) => quotesForHypothesis(ctx, i.id),

  'code.list': (ctx) => listCodes(ctx),
  'code.add': (ctx, i) => addCode(ctx, i),
  'code.update': (ctx, i) => updateCode(ctx, i),
  'code.delete': (ctx, i) => deleteCode(ctx, i),
  'code.merge': (ctx, i) => mergeCodes(ctx, i),
};
