import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Input, MethodName, Output } from '../../../shared/contract';
import { useApiMutation } from '../../api/hooks';
import { useToasts } from '../feedback/Toasts';

type AddMethod = Extract<MethodName, `${string}.add`>;

/**
 * Adding a record from its "new" page: say so, then go where the new record is shown. Spread the
 * result on the form. `addAnother` is a second submit button ("Save and add another"): the record
 * is saved and the person stays on a fresh form (`formKey` changes: key the form with it) with
 * focus on its first field.
 */
export function useRecordAdd<K extends AddMethod>(method: K, { message, next }: { message?(created: Output<K>): string; next(created: Output<K>): string }) {
  const mutation = useApiMutation(method);
  const navigate = useNavigate();
  const toasts = useToasts();
  const another = useRef(false);
  const [formKey, setFormKey] = useState(0);
  return {
    error: mutation.error,
    pending: mutation.isPending,
    formKey,
    addAnother: { label: 'Save and add another', choose: (yes: boolean) => (another.current = yes) },
    onSubmit: (input: Input<K>) =>
      mutation.mutate(input, {
        onSuccess: (created) => {
          if (another.current) {
            another.current = false;
            if (message) toasts.show(message(created));
            mutation.reset();
            setFormKey((k) => k + 1);
            requestAnimationFrame(() => document.querySelector<HTMLElement>('main form input:not([type=hidden]), main form select, main form textarea')?.focus());
            return;
          }
          // Said on the page it leads to: the toast outlives this one navigation.
          if (message) toasts.show(message(created), undefined, { survives: 1 });
          void navigate(next(created));
        },
      }),
  };
}
