import { useNavigate } from 'react-router';
import { LoadQuery } from '../../kit/page/Loaded';
import { useRecordAdd } from '../../kit/record/useRecordAdd';
import { HypothesisForm } from './HypothesisForm';

export function NewHypothesisPage() {
  const add = useRecordAdd('hypothesis.add', { message: () => 'Hypothesis added', next: (h) => `/hypotheses/${h.id}` });
  const navigate = useNavigate();
  return (
    <LoadQuery method="pilot.overview" input={{}} what="the form">
      {(o) => (
        <div className="page">
          <h1>New hypothesis</h1>
          <HypothesisForm key={add.formKey} initial={null} overview={o} submitLabel="Add hypothesis" onCancel={() => void navigate('/hypotheses')} {...add} />
        </div>
      )}
    </LoadQuery>
  );
}
