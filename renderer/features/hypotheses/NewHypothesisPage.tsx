import { useNavigate } from 'react-router';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary, Loading } from '../../components/Feedback';
import { useToasts } from '../../components/Toasts';
import { HypothesisForm, inputOf } from './HypothesisForm';

export function NewHypothesisPage() {
  const overview = useApi('pilot.overview', {});
  const add = useApiMutation('hypothesis.add');
  const navigate = useNavigate();
  const toasts = useToasts();
  if (overview.isPending) return <Loading what="the form" />;
  if (overview.error) return <ErrorSummary error={overview.error} />;
  return (
    <div className="page">
      <h1>New hypothesis</h1>
      <HypothesisForm
        initial={null}
        overview={overview.data}
        error={add.error}
        pending={add.isPending}
        submitLabel="Add hypothesis"
        onCancel={() => void navigate('/hypotheses')}
        onSubmit={(v) =>
          add.mutate(inputOf(v), {
            onSuccess: (h) => {
              toasts.show('Hypothesis added');
              void navigate(`/hypotheses/${h.id}`);
            },
          })
        }
      />
    </div>
  );
}
