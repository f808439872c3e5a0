import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../shared/contract';
import { asCallError, callOrThrow } from '../../api/client';
import { useToasts } from '../feedback/Toasts';
import { restoredElsewhere } from './restoredElsewhere';

type DeleteMethod = Extract<MethodName, `${string}.delete`>;

/**
 * Deleting moves a record to the recycle bin; the toast offers Undo (a restore) right away,
 * and the recycle bin keeps it afterwards. `thenLeave`: the caller leaves the page next, and the
 * toast goes with the person to the next page.
 */
export function useDeleteWithUndo(method: DeleteMethod, table: string, { thenLeave = false }: { thenLeave?: boolean } = {}) {
  const qc = useQueryClient();
  const toasts = useToasts();
  return async (record: { id: string; rev: string }, label: string): Promise<string | null> => {
    try {
      await callOrThrow(method, { id: record.id, rev: record.rev });
    } catch (e) {
      return asCallError(e).message;
    }
    await qc.invalidateQueries();
    toasts.show(
      `Moved "${label}" to the recycle bin`,
      {
        label: 'Undo',
        run: () => {
          void callOrThrow('recycleBin.restore', { table, id: record.id }).then(() => qc.invalidateQueries());
        },
      },
      // Outlives leaving the deleted record's page (when the caller leaves it); goes as soon as the item is restored another way.
      { survives: thenLeave ? 1 : 0, Watch: restoredElsewhere(table, record.id) },
    );
    return null;
  };
}
