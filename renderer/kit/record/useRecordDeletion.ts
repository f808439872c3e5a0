import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { MethodName } from '../../../shared/contract';
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
  /** The question asked first. Without it the record goes at once: the toast's Undo is the safety net. */
  confirm?: { title: string; confirmLabel: string; body: ReactNode };
}

export type RecordDeletion = ReturnType<typeof useRecordDeletion>;

/** Deleting one record: ask (or not), move it to the recycle bin with Undo, then leave its page. */
export function useRecordDeletion({ method, table, record, label, after, confirm }: DeletionOptions) {
  const remove = useDeleteWithUndo(method, table, { thenLeave: Boolean(after) });
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = () =>
    void remove(record, label).then((err) => {
      if (err) setError(err);
      else if (after) void navigate(after);
    });
  return {
    table,
    id: record.id,
    error,
    request: () => (confirm ? setAsking(true) : run()),
    dialog: confirm
      ? {
          open: asking,
          title: confirm.title,
          confirmLabel: confirm.confirmLabel,
          danger: true,
          children: confirm.body,
          onCancel: () => setAsking(false),
          onConfirm: () => {
            setAsking(false);
            run();
          },
        }
      : null,
  };
}
