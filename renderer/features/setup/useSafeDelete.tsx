import { useState } from 'react';
import type { MethodName } from '../../../shared/contract';
import type { DependedOnTable } from '../../../shared/domain/pilot';
import { asCallError } from '../../api/client';
import { ConfirmDialog } from '../../kit/feedback/ConfirmDialog';
import { DependentsList, usesOf } from '../../kit/record/dependents';
import { useDeleteWithUndo } from '../../kit/record/useDeleteWithUndo';

type DeleteMethod = Extract<MethodName, `${string}.delete`>;
type Target = { id: string; rev: string };

/**
 * Deleting a set-up record that others use asks first and names what uses it; one nothing uses
 * goes at once, with Undo in the toast. The recycle bin keeps it either way.
 */
export function useSafeDelete(method: DeleteMethod, table: DependedOnTable, noun: string) {
  const remove = useDeleteWithUndo(method, table);
  const [asking, setAsking] = useState<{ record: Target; label: string; uses: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (record: Target, label: string) => void remove(record, label, { asked: true }).then(setError);
  const request = async (record: Target, label: string) => {
    setError(null);
    try {
      const uses = await usesOf(table, record.id);
      if (uses.length === 0) run(record, label);
      else setAsking({ record, label, uses });
    } catch (e) {
      setError(asCallError(e).message);
    }
  };
  const dialog = (
    <ConfirmDialog
      open={asking !== null}
      title={asking ? `Delete ${noun} “${asking.label}”? It is in use` : ''}
      confirmLabel={`Delete ${noun}`}
      danger
      onCancel={() => setAsking(null)}
      onConfirm={() => {
        if (asking) run(asking.record, asking.label);
        setAsking(null);
      }}
    >
      {asking && (
        <>
          <DependentsList uses={asking.uses} />
          <p>It moves to the recycle bin. Until it is restored from there, these show no {noun}; restoring it brings every link back.</p>
        </>
      )}
    </ConfirmDialog>
  );
  return { request: (record: Target, label: string) => void request(record, label), dialog, error };
}
