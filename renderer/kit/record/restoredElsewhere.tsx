import { useEffect } from 'react';
import { useApi } from '../../api/hooks';

/** How often an open Undo checks that its item is still in the recycle bin (a local call). */
const CHECK_MS = 2000;

/**
 * For an Undo toast: dismisses it once the item has left the recycle bin some other way (restored
 * from the recycle bin page, by a teammate's sync, or with `tpw`), so a stale Undo never stays.
 */
export function restoredElsewhere(table: string, id: string) {
  return function RestoredElsewhere({ dismiss }: { dismiss(): void }) {
    const bin = useApi('recycleBin.list', {}, { refetchInterval: CHECK_MS });
    // Only a list read after the deletion counts: an older cached one never held the item.
    const gone = bin.isFetchedAfterMount && bin.data !== undefined && !bin.data.some((d) => d.table === table && d.id === id);
    useEffect(() => {
      if (gone) dismiss();
    }, [gone, dismiss]);
    return null;
  };
}
