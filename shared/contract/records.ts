import { z } from 'zod';
import { ById, type RevisionEntry } from '../domain/common';
import type { Dependents } from '../domain/pilot';
import { command, query } from './define';

export interface DeletedItem {
  table: string;
  id: string;
  rev: string;
  label: string;
  deletedAt: string;
}

// Generic over every versioned record: its history and the recycle bin.
export const recordsContract = {
  'record.history': query<RevisionEntry[]>()(z.object({ table: z.string().min(1).max(64), id: ById.shape.id })),
  /** What refers to a record (asked before deleting it): records by kind, linked records, spend. */
  'record.dependents': query<Dependents>()(z.object({ table: z.string().min(1).max(64), id: ById.shape.id })),
  'recycleBin.list': query<DeletedItem[]>()(z.object({}).default({})),
  'recycleBin.restore': command<{ table: string; id: string }>()(
    z.object({ table: z.string().min(1).max(64), id: ById.shape.id }),
  ),
};
