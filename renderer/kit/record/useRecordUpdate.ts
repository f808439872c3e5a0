import type { Input, MethodName } from '../../../shared/contract';
import { useApiMutation } from '../../api/hooks';
import { useToasts } from '../feedback/Toasts';
import type { FormProps } from '../form/useEditForm';

export type UpdateMethod = Extract<MethodName, `${string}.update`>;
type PatchOf<K extends UpdateMethod> = Input<K> extends { patch: infer P } ? P : never;

/** What a record's edit form is given: spread it on the form. */
export type RecordFormProps<K extends UpdateMethod> = FormProps<PatchOf<K>> & { submitLabel: string };

/** Saving an edit of one record at the revision the user was looking at (a stale edit is refused). */
export function useRecordUpdate<K extends UpdateMethod>(method: K, record: { id: string; rev: string }, savedMessage = 'Changes saved') {
  const mutation = useApiMutation(method);
  const toasts = useToasts();
  const save = (patch: PatchOf<K>, then?: () => void) =>
    mutation.mutate({ id: record.id, rev: record.rev, patch } as Input<K>, {
      onSuccess: () => {
        then?.();
        toasts.show(savedMessage);
      },
    });
  return {
    error: mutation.error,
    pending: mutation.isPending,
    save,
    /** What a record's edit form needs; `close` (back to the details) runs once it is saved. */
    formProps: (close?: () => void): RecordFormProps<K> => ({
      error: mutation.error,
      pending: mutation.isPending,
      submitLabel: 'Save changes',
      onCancel: close,
      onSubmit: (patch: PatchOf<K>) => save(patch, close),
    }),
  };
}
