import { useEffect, useState } from 'react';
import { DEFAULT_QUESTION, type Pilot } from '../../../shared/domain/pilot';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../components/Feedback';
import { TextArea, TextField } from '../../components/Field';
import { useToasts } from '../../components/Toasts';

export function PilotForm({ pilot }: { pilot: Pilot | null }) {
  const [place, setPlace] = useState(pilot?.place ?? '');
  const [question, setQuestion] = useState(pilot?.question ?? DEFAULT_QUESTION);
  const [startDate, setStartDate] = useState(pilot?.startDate ?? '');
  const [reportDeadline, setReportDeadline] = useState(pilot?.reportDeadline ?? '');
  const save = useApiMutation('pilot.save');
  const toasts = useToasts();

  // When someone else's save arrives (or the first load completes), show the stored values.
  useEffect(() => {
    if (!pilot) return;
    setPlace(pilot.place);
    setQuestion(pilot.question);
    setStartDate(pilot.startDate ?? '');
    setReportDeadline(pilot.reportDeadline ?? '');
  }, [pilot]);

  return (
    <form
      className="card"
      aria-labelledby="pilot-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { rev: pilot?.rev ?? null, pilot: { place, question, startDate, reportDeadline } },
          { onSuccess: () => toasts.show(pilot ? 'Pilot details saved' : 'Pilot set up') },
        );
      }}
    >
      <h2 id="pilot-heading">The pilot</h2>
      <ErrorSummary error={save.error} />
      <TextField label="Place" hint="The area the pilot covers, e.g. Oxfordshire" value={place} onChange={setPlace} error={fieldError(save.error, 'place')} />
      <TextArea label="The one question" hint="Every hypothesis hangs off this question" value={question} onChange={setQuestion} error={fieldError(save.error, 'question')} rows={3} />
      <div className="field-row">
        <TextField label="Start date" type="date" value={startDate} onChange={setStartDate} error={fieldError(save.error, 'startDate')} />
        <TextField label="Report deadline" type="date" value={reportDeadline} onChange={setReportDeadline} error={fieldError(save.error, 'reportDeadline')} />
      </div>
      <button type="submit" className="button" disabled={save.isPending}>
        {pilot ? 'Save pilot details' : 'Set up the pilot'}
      </button>
    </form>
  );
}
