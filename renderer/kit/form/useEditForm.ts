import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { CallError } from '../../api/client';
import { fieldError } from '../feedback/Feedback';
import { binder } from './binder';
import { validate } from './validate';

export interface EditFormOptions<V, I> {
  /** Shown until the first edit, so defaults that arrive late (the user's name) still land. */
  initial: V;
  /** The shared schema the service parses the input with (shared/domain); checked here first. */
  schema: z.ZodType;
  /** Values → the method's input; a CallError when a typed figure cannot be read at all. */
  toInput(values: V): I | CallError;
  /** The last refused save: shown when the form itself found nothing wrong. */
  error: CallError | null;
  onSubmit(input: I): void;
}

/** An edit form's state: its values, their binding to fields, and validation before submitting. */
export function useEditForm<V extends object, I>({ initial, schema, toInput, error: saveError, onSubmit }: EditFormOptions<V, I>) {
  const [edited, setEdited] = useState<V | null>(null);
  const [localError, setLocalError] = useState<CallError | null>(null);
  const values = edited ?? initial;
  const error = localError ?? saveError;
  const update = (patch: Partial<V>) => setEdited((old) => ({ ...(old ?? initial), ...patch }));
  const set =
    <K extends keyof V>(k: K) =>
    (value: V[K]) =>
      update({ [k]: value } as unknown as Partial<V>);
  const errorOf = (...keys: string[]) => fieldError(error, ...keys);
  return {
    values,
    error,
    set,
    update,
    reset: () => setEdited(null),
    errorOf,
    bind: binder(values, set, errorOf),
    submit: (e: FormEvent) => {
      e.preventDefault();
      const input = toInput(values);
      const problem = input instanceof CallError ? input : validate(schema, input);
      setLocalError(problem);
      if (!problem) onSubmit(input as I);
    },
  };
}

export type EditFormState = Pick<ReturnType<typeof useEditForm>, 'error' | 'submit'>;

/** What a page hands a record's form (useRecordAdd, RecordPage): how saving went, and where valid input goes. */
export interface FormProps<I> {
  error: CallError | null;
  pending: boolean;
  onSubmit(input: I): void;
  onCancel?: () => void;
  /** On a "new" page: a second button that saves and stays on a fresh form (useRecordAdd). */
  addAnother?: AddAnother;
}

export interface AddAnother {
  label: string;
  /** Told which button submitted, just before the submit. */
  choose(another: boolean): void;
}
