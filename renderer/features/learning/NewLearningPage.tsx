import { Link, useNavigate } from 'react-router';
import { useApiMutation } from '../../api/hooks';
import { useToasts } from '../../components/Toasts';
import { LearningForm } from './LearningForm';

export function NewLearningPage() {
  const add = useApiMutation('learning.add');
  const navigate = useNavigate();
  const toasts = useToasts();
  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/learning">Learning log</Link></p>
      <h1>Record learning</h1>
      <p className="lead">What did not work, what failed, what was difficult, or a lesson. It is kept with its full history, and nothing deleted is lost.</p>
      <LearningForm
        initial={null}
        error={add.error}
        pending={add.isPending}
        submitLabel="Save entry"
        onSubmit={(input) =>
          add.mutate(input, {
            onSuccess: (e) => {
              toasts.show(`Recorded "${e.title}"`);
              void navigate(`/learning/${e.id}`);
            },
          })
        }
      />
    </div>
  );
}
