/** Messages between importHost.ts (the window's thread) and an import worker (spendWorker.ts). */
import type { SpendImportProgress, SpendImportResult } from '../../shared/domain/spend';
import type { ServiceContext } from '../core/context';
import type { ImportJob } from './importRun';

export type ToImporter =
  | { type: 'import'; id: string; dbPath: string; nativeBinding?: string; job: ImportJob; now: string; mode: ServiceContext['mode']; appVersion: string }
  | { type: 'cancel'; id: string }
  /** A workbench closes: the worker closes its connection to that database. */
  | { type: 'close'; dbPath: string };
export type FromImporter =
  | { type: 'ready' }
  | { type: 'progress'; id: string; progress: Partial<SpendImportProgress> }
  | { type: 'result'; id: string; value: SpendImportResult }
  | { type: 'failed'; id: string; error: { code: string; message: string; fields?: Record<string, string> } }
  | { type: 'closed'; dbPath: string };

