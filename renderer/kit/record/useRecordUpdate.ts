import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Input, MethodName } from '../../../shared/contract';
import type { CallError } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { useToasts } from '../feedback/Toasts';
import type { FormProps } from '../form/useEditForm';

export type UpdateMethod = Extract<MethodName, `${string}.update`>;
export type PatchOf<K extends UpdateMethod> = Input<K> extends { patch: infer P } ? P : never;

/** What a record's edit form is given: spread it on the form. */
export type RecordFormProps<K extends UpdateMethod> = FormProps<PatchOf<K>> & { submitLabel: string };

/**
 * A save refused because someone changed the record since it was opened (optimistic
 * concurrency), as opposed to other conflicts such as a name already taken.
 */
export const isStaleEdit = (error: CallError | null): boolean => error?.code === 'CONFLICT' && /since you opened it/.test(error.message);

const blank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => (blank(a) && blank(b)) || JSON.stringify(a) === JSON.stringify(b);

/**
 * What the person actually changed: the fields of a form's patch that differ from the record as
 * it was when they started. Only these are laid over the reloaded record, so someone else's
 * change to a field they did not touch is kept too.
 */
export function typedChanges<P extends object>(patch: P, original: object): Partial<P> {
  const was = original as Record<string, unknown>;
  return Object.fromEntries(Object.entries(patch).filter(([k, v]) => !same(v, was[k]))) as Partial<P>;
}

/**
 * Saving an edit of one record at the revision the user was looking at. A stale edit is refused;
 * then `keepMine` reloads the latest while keeping what was typed (`kept`, to lay over the
 * reloaded record in the form) so nothing typed is lost, and `discardMine` just reloads.
 */
export function useRecordUpdate<K extends UpdateMethod>(method: K, record: { id: string; rev: string }, savedMessage = 'Changes saved') {
  const mutation = useApiMutation(method);
  const qc = useQueryClient();
  const toasts = useToasts();
  const [attempted, setAttempted] = useState<Partial<PatchOf<K>> | null>(null);
  const [kept, setKept] = useState<Partial<PatchOf<K>> | null>(null);
  const save = (patch: PatchOf<K>, then?: () => void) => {
    setAttempted(typedChanges(patch as object, record) as Partial<PatchOf<K>>);
    mutation.mutate({ id: record.id, rev: record.rev, patch } as Input<K>, {
      onSuccess: () => {
        setKept(null);
        then?.();
        toasts.show(savedMessage);
      },
    });
  };
  const reload = (keep: boolean) => {
    setKept(keep ? attempted : null);
    mutation.reset();
    void qc.invalidateQueries();
  };
  return {
    error: mutation.error,
    pending: mutation.isPending,
    save,
    stale: isStaleEdit(mutation.error),
    /** What was typed before a stale save, laid over the reloaded record; null otherwise. */
    kept,
    keepMine: () => reload(true),
    discardMine: () => reload(false),
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
