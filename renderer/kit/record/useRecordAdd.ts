import { useNavigate } from 'react-router';
import type { Input, MethodName, Output } from '../../../shared/contract';
import { useApiMutation } from '../../api/hooks';
import { useToasts } from '../feedback/Toasts';

type AddMethod = Extract<MethodName, `${string}.add`>;

/** Adding a record from its "new" page: say so, then go where the new record is shown. Spread the result on the form. */
export function useRecordAdd<K extends AddMethod>(method: K, { message, next }: { message?(created: Output<K>): string; next(created: Output<K>): string }) {
  const mutation = useApiMutation(method);
  const navigate = useNavigate();
  const toasts = useToasts();
  return {
    error: mutation.error,
    pending: mutation.isPending,
    onSubmit: (input: Input<K>) =>
      mutation.mutate(input, {
        onSuccess: (created) => {
          if (message) toasts.show(message(created));
          void navigate(next(created));
        },
      }),
  };
}
