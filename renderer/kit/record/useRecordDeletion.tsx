import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { MethodName } from '../../../shared/contract';
import { asCallError } from '../../api/client';
import { DependentsList, usesOf } from './dependents';
import { useDeleteWithUndo } from './useDeleteWithUndo';

type DeleteMethod = Extract<MethodName, `${string}.delete`>;

interface DeletionOptions {
  method: DeleteMethod;
  /** The record's table: where the recycle bin restores it from, and whose history is shown. */
  table: string;
  record: { id: string; rev: string };
  /** How the toast names it: "Moved "…" to the recycle bin". */
  label: string;
  /** Where to go once it is in the recycle bin (its page no longer has anything to show). */
  after?: string;
  /**
   * The question asked first; what refers to the record is listed above its body. Without it the
   * record goes at once when nothing refers to it (the toast's Undo is the safety net), and is asked
   * about when something does.
   */
  confirm?: { title: string; confirmLabel: string; body: ReactNode };
}

export type RecordDeletion = ReturnType<typeof useRecordDeletion>;

/** Deleting one record: ask (or not), move it to the recycle bin with Undo, then leave its page. */
export function useRecordDeletion({ method, table, record, label, after, confirm }: DeletionOptions) {
  const remove = useDeleteWithUndo(method, table, { thenLeave: Boolean(after) });
  const navigate = useNavigate();
  const [asking, setAsking] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (asked: boolean) =>
    void remove(record, label, { asked, onDeleted: () => after && void navigate(after) }).then((err) => err && setError(err));
  const request = async () => {
    setError(null);
    if (!confirm) return run(false);
    try {
      setAsking(await usesOf(table, record.id));
    } catch (e) {
      setError(asCallError(e).message);
    }
  };
  return {
    table,
    id: record.id,
    error,
    request: () => void request(),
    dialog: confirm
      ? {
          open: asking !== null,
          // "Delete this hypothesis? It is in use"; a title that already says more is left as it is.
          title: asking?.length && confirm.title.endsWith('?') ? `${confirm.title} It is in use` : confirm.title,
          confirmLabel: confirm.confirmLabel,
          danger: true,
          children: (
            <>
              <DependentsList uses={asking ?? []} />
              {confirm.body}
            </>
          ),
          onCancel: () => setAsking(null),
          onConfirm: () => {
            setAsking(null);
            run(true);
          },
        }
      : null,
  };
}
