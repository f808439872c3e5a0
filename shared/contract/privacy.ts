import { z } from 'zod';
import { ById, Id } from '../domain/common';
import {
  EraseInput,
  PruneSnapshotsInput,
  RetentionDecisionInput,
  RetentionRuleInput,
  ReviewDateInput,
  SarExportInput,
  SarSearchInput,
  type ErasePreview,
  type EraseResult,
  type ErasureLogEntry,
  type RetentionItem,
  type RetentionOverview,
  type SarLogEntry,
  type SarResult,
  type SnapshotFile,
} from '../domain/privacy';
import { command, localOnly, query } from './define';

// Data protection: retention, erasure, subject access (main/privacy/).
export const privacyContract = {
  'retention.overview': query<RetentionOverview>()(z.object({}).default({})),
  /** One item's review date (its rule's, or one set for it) and the last decision about it. */
  'retention.item': query<RetentionItem>()(z.object({ evidenceId: Id })),
  'retention.setRule': command<RetentionOverview>()(RetentionRuleInput),
  'retention.setReviewDate': command<RetentionOverview>()(ReviewDateInput),
  'retention.decide': command<{ decision: 'keep' | 'anonymise' | 'erase'; evidenceId: string; erasure: EraseResult | null }>()(RetentionDecisionInput),
  'erasure.preview': query<ErasePreview>()(ById),
  'erasure.erase': command<EraseResult>()(EraseInput),
  'erasure.log': query<ErasureLogEntry[]>()(z.object({}).default({})),
  'erasure.snapshots': query<SnapshotFile[]>()(z.object({}).default({})),
  'erasure.pruneSnapshots': command<{ removed: number }>()(PruneSnapshotsInput),
  /** Records the search in the log of subject-access searches, so it is a command. */
  'sar.search': command<SarResult>()(SarSearchInput),
  'sar.log': query<SarLogEntry[]>()(z.object({}).default({})),
  /** Writes the pack into a folder on this machine (the page downloads it as a zip instead: sar.download). */
  /** The same pack as one zip file to download (browser mode and the desktop window). */
  'sar.pack': command<{ name: string; urlPath: string; path: string; matches: number }>()(SarSearchInput),
  'sar.export': localOnly(command<{ folder: string; files: number; matches: number }>()(SarExportInput), { pick: { field: 'folder', kind: 'folder', title: 'Choose a folder for the subject-access pack' } }),
};
