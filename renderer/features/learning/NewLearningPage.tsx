import { Link } from 'react-router';
import { useRecordAdd } from '../../kit/record/useRecordAdd';
import { LearningForm } from './LearningForm';

export function NewLearningPage() {
  const add = useRecordAdd('learning.add', { message: (e) => `Recorded "${e.title}"`, next: (e) => `/learning/${e.id}` });
  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/learning">Learning log</Link></p>
      <h1>Record learning</h1>
      <p className="lead">What did not work, what failed, what was difficult, or a lesson. It is kept with its full history, and nothing deleted is lost.</p>
      <LearningForm key={add.formKey} initial={null} submitLabel="Save entry" {...add} />
    </div>
  );
}
