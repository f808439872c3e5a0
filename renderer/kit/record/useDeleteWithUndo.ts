import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../shared/contract';
import { asCallError, callOrThrow } from '../../api/client';
import { useToasts } from '../feedback/Toasts';

type DeleteMethod = Extract<MethodName, `${string}.delete`>;

/**
 * Deleting moves a record to the recycle bin; the toast offers Undo (a restore) right away,
 * and the recycle bin keeps it afterwards.
 */
export function useDeleteWithUndo(method: DeleteMethod, table: string) {
  const qc = useQueryClient();
  const toasts = useToasts();
  return async (record: { id: string; rev: string }, label: string): Promise<string | null> => {
    try {
      await callOrThrow(method, { id: record.id, rev: record.rev });
    } catch (e) {
      return asCallError(e).message;
    }
    await qc.invalidateQueries();
    toasts.show(`Moved "${label}" to the recycle bin`, {
      label: 'Undo',
      run: () => {
        void callOrThrow('recycleBin.restore', { table, id: record.id }).then(() => qc.invalidateQueries());
      },
    });
    return null;
  };
}
