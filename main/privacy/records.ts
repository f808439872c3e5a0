/**
 * The one table of the privacy capability that travels: erasure tombstones. A tombstone names an
 * erased record (its table and id) and when it was erased — never anything it held — so partners
 * (in bundles) and team members (in change files) who received the record erase it too, and a
 * copy that arrives later is erased on arrival.
 */
import { Id } from '../../shared/domain/common';
import { text } from '../db/columns';
import { defineAppendOnlyTable } from '../db/recordSpec';

export const erasureTombstones = defineAppendOnlyTable({
  table: 'erasureTombstones',
  scope: 'evidence',
  columns: {
    id: text(Id),
    recordTable: text(),
    recordId: text(Id),
    erasedAt: text(),
  },
});
