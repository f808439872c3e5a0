import type { privacyContract } from '../../shared/contract/privacy';
import type { Handlers } from '../core/handlers';
import { pruneSnapshots, snapshotsBefore } from './copies';
import { eraseRecord, erasureLog, previewErasure } from './erase';
import { decideRetention, retentionItem, retentionOverview, setRetentionRule, setReviewDate } from './retention';
import { sarExport, sarLog, sarPack, sarSearch } from './sar';

export const privacyHandlers: Handlers<typeof privacyContract> = {
  'retention.overview': async (ctx) => retentionOverview(ctx),
  'retention.item': async (ctx, i) => retentionItem(ctx, i.evidenceId),
  'retention.setRule': (ctx, i) => setRetentionRule(ctx, i),
  'retention.setReviewDate': (ctx, i) => setReviewDate(ctx, i),
  'retention.decide': (ctx, i) => decideRetention(ctx, i),
  'erasure.preview': (ctx, i) => previewErasure(ctx, i.id),
  'erasure.erase': (ctx, i) => eraseRecord(ctx, { id: i.id, reason: i.reason, source: 'here', tombstone: true }),
  'erasure.log': async (ctx) => erasureLog(ctx),
  'erasure.snapshots': async (ctx) => snapshotsBefore(ctx),
  'erasure.pruneSnapshots': async (ctx, i) => pruneSnapshots(ctx, i.snapshots),
  'sar.search': (ctx, i) => sarSearch(ctx, i),
  'sar.log': async (ctx) => sarLog(ctx),
  'sar.pack': (ctx, i) => sarPack(ctx, i),
  'sar.export': (ctx, i) => sarExport(ctx, i),
};
