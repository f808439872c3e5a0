import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../shared/contract';
import { asCallError, callOrThrow } from '../../api/client';
import { useConfirm } from '../feedback/ConfirmProvider';
import { useToasts } from '../feedback/Toasts';
import { DependentsList, usesOf } from './dependents';
import { restoredElsewhere } from './restoredElsewhere';

type DeleteMethod = Extract<MethodName, `${string}.delete`>;

/**
 * Deleting moves a record to the recycle bin; the toast offers Undo (a restore) right away,
 * and the recycle bin keeps it afterwards. A record that others refer to is not deleted at once:
 * the person is first asked, with what refers to it named, unless the caller has already asked
 * (`{ asked: true }`). `thenLeave`: the caller leaves the page next, and the toast goes with the
 * person to the next page. Resolves to an error message, or null (deleted, or kept by choice: `onDeleted`
 * runs only once it is gone).
 */
export function useDeleteWithUndo(method: DeleteMethod, table: string, { thenLeave = false }: { thenLeave?: boolean } = {}) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const ask = useConfirm();
  return async (record: { id: string; rev: string }, label: string, { asked = false, onDeleted }: { asked?: boolean; onDeleted?: () => void } = {}): Promise<string | null> => {
    try {
      if (!asked) {
        const uses = await usesOf(table, record.id);
        const go =
          uses.length === 0 ||
          (await ask({
            title: `Delete “${label}”? It is in use`,
            confirmLabel: 'Delete',
            body: (
              <>
                <DependentsList uses={uses} />
                <p>It moves to the recycle bin. Until it is restored from there, these no longer show it; restoring it brings every link back.</p>
              </>
            ),
          }));
        if (!go) return null;
      }
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
      // Deleting from a list takes the Delete button with the row: focus then goes to Undo.
      { survives: thenLeave ? 1 : 0, Watch: restoredElsewhere(table, record.id), catchFocus: true },
    );
    onDeleted?.();
    return null;
  };
}
