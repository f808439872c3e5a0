import { Link } from 'react-router';
import { LEARNING_KIND_LABELS, type LearningEntry } from '../../../shared/domain/learning';
import { useApi } from '../../api/hooks';
import { formatDate } from '../../kit/format/date';
import { RecordPage } from '../../kit/record/RecordPage';
import { StatusLine } from '../../kit/record/StatusLine';
import { withRecord } from '../../kit/record/withRecord';
import { SensitivityBadge } from './Choices';
import { LearningForm } from './LearningForm';

function EntryView({ record: e }: { record: LearningEntry }) {
  const overview = useApi('pilot.overview', {});
  const barriers = useApi('barrier.list', {});
  const hypotheses = useApi('hypothesis.list', {});
  const barrierNames = e.barrierIds.map((b) => barriers.data?.find((x) => x.id === b)?.name ?? 'A deleted barrier');
  const linked = e.hypothesisIds.map((h) => hypotheses.data?.find((x) => x.id === h)).filter((h) => h !== undefined);
  return (
    <RecordPage
      record={e}
      title={e.title}
      home={{ to: '/learning', label: 'Learning log' }}
      table="learningEntries"
      methods={{ update: 'learning.update', delete: 'learning.delete' }}
      saved="Changes saved; the earlier version is kept in the history"
      confirm={{ title: 'Delete this entry?', confirmLabel: 'Delete entry', body: <p>It moves to the recycle bin, where it can be restored with its history. Nothing is lost.</p> }}
      status={
        <StatusLine as="p">
          <span className={`badge badge--kind-${e.kind}`}>{LEARNING_KIND_LABELS[e.kind]}</span>
          <span>{formatDate(e.occurredOn)}</span>
          {e.author && <span>by {e.author}</span>}
          <SensitivityBadge value={e.sensitivity} />
        </StatusLine>
      }
      details={{
        id: 'entry-details',
        heading: 'What happened',
        items: [
          { label: 'What happened', value: e.whatHappened, prose: true },
          { label: 'Why', value: e.why, prose: true },
          { label: 'What we would do differently', value: e.doDifferently, prose: true },
          { label: 'Barriers', value: barrierNames.length ? barrierNames.join('; ') : 'None tagged' },
          { label: 'Theme', value: overview.data?.themes.find((t) => t.id === e.themeId)?.name },
          {
            label: 'Hypotheses',
            value: linked.length ? (
              <ul className="plain-list">{linked.map((h) => <li key={h.id}><Link to={`/hypotheses/${h.id}`}>{h.statement}</Link></li>)}</ul>
            ) : (
              'None linked'
            ),
          },
        ],
      }}
      // After a refused stale save, what the person typed is laid over the reloaded entry.
      editor={(form, kept) => <LearningForm key={`${e.rev}${kept ? ':kept' : ''}`} initial={kept ? { ...e, ...kept } as LearningEntry : e} {...form} />}
    />
  );
}

export const LearningEntryPage = withRecord('learning.get', 'the entry', { to: '/learning', label: 'Back to the learning log' }, EntryView);
