import type { z } from 'zod';
import type { Input, MethodName, Output } from '../../../shared/contract';
import type { CallError } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { useToasts } from '../feedback/Toasts';
import { useEditForm } from './useEditForm';

type AddMethod = Extract<MethodName, `${string}.add`>;

interface AddFormOptions<K extends AddMethod, V> {
  initial: V;
  schema: z.ZodType;
  toInput(values: V): Input<K> | CallError;
  /** The toast once it is added, e.g. "Added theme Older people". */
  added(created: Output<K>): string;
  /** Fields left as they were for the next one (adding several people from one organisation). */
  keep?: (keyof V)[];
}

/** A form that adds records one after another: on success it says so and clears itself. */
export function useAddForm<K extends AddMethod, V extends object>(method: K, { initial, schema, toInput, added, keep = [] }: AddFormOptions<K, V>) {
  const mutation = useApiMutation(method);
  const toasts = useToasts();
  const cleared = Object.fromEntries(Object.entries(initial).filter(([k]) => !keep.includes(k as keyof V))) as Partial<V>;
  const form = useEditForm<V, Input<K>>({
    initial,
    schema,
    toInput,
    error: mutation.error,
    onSubmit: (input) =>
      mutation.mutate(input, {
        onSuccess: (created) => {
          toasts.show(added(created));
          form.update(cleared);
        },
      }),
  });
  return { ...form, pending: mutation.isPending };
}
