import { CONFIDENCE_LABELS, HYPOTHESIS_STATUS_LABELS, type Hypothesis } from '../../../shared/domain/hypotheses';
import { useApi } from '../../api/hooks';
import { formatDate } from '../../kit/format/date';
import { LoadQuery } from '../../kit/page/Loaded';
import { Section } from '../../kit/page/Section';
import { RecordPage } from '../../kit/record/RecordPage';
import { StatusLine } from '../../kit/record/StatusLine';
import { withRecord } from '../../kit/record/withRecord';
import { HypothesisEvidence } from '../evidence/HypothesisEvidence';
import { HypothesisForm } from './HypothesisForm';
import { MoveStatus } from './MoveStatus';
import { StatusBadge } from './StatusBadge';

const HOME = { to: '/hypotheses', label: 'Hypotheses' };

function HypothesisView({ record: hyp }: { record: Hypothesis }) {
  return (
    <LoadQuery method="pilot.overview" input={{}} what="the hypothesis">
      {(o) => (
        <RecordPage
          record={hyp}
          title={hyp.statement}
          home={HOME}
          table="hypotheses"
          methods={{ update: 'hypothesis.update', delete: 'hypothesis.delete' }}
          confirm={{ title: 'Delete this hypothesis?', confirmLabel: 'Delete hypothesis', body: <p>It moves to the recycle bin, where it can be restored. Its history is kept.</p> }}
          status={
            <StatusLine>
              <span>Status: <StatusBadge status={hyp.status} /></span>
              <MoveStatus hypothesis={hyp} />
            </StatusLine>
          }
          details={{
            id: 'details-heading',
            heading: 'Details',
            items: [
              { label: 'Theme', value: o.themes.find((t) => t.id === hyp.themeId)?.name },
              { label: 'Owner', value: o.teamMembers.find((m) => m.id === hyp.ownerId)?.name },
              { label: 'Due', value: formatDate(hyp.dueDate) },
              { label: 'Confidence', value: hyp.confidence ? CONFIDENCE_LABELS[hyp.confidence] : 'Not assessed' },
              { label: 'Rationale', value: hyp.rationale, prose: true },
              { label: 'Would be supported by', value: hyp.supportCriteria, prose: true },
              { label: 'Would be refuted by', value: hyp.refuteCriteria, prose: true },
              { label: 'Indicators to watch', value: hyp.indicators, prose: true },
            ],
          }}
          editor={(form, kept) => <HypothesisForm key={`${hyp.rev}${kept ? ':kept' : ''}`} initial={kept ? { ...hyp, ...kept } : hyp} overview={o} {...form} />}
        >
          <HypothesisEvidence hypothesisId={hyp.id} />
          <StatusHistory id={hyp.id} />
        </RecordPage>
      )}
    </LoadQuery>
  );
}

export const HypothesisPage = withRecord('hypothesis.get', 'the hypothesis', { to: '/hypotheses', label: 'Back to hypotheses' }, HypothesisView);

function StatusHistory({ id }: { id: string }) {
  const statusHistory = useApi('hypothesis.statusHistory', { id });
  return (
    <Section id="status-history-heading" title="Status history">
      <ol className="timeline">
        {(statusHistory.data ?? []).map((c, i) => (
          <li key={i}>
            <strong>{c.from ? `${HYPOTHESIS_STATUS_LABELS[c.from]} → ${HYPOTHESIS_STATUS_LABELS[c.to]}` : `Proposed`}</strong>{' '}
            by {c.actor}, {formatDate(c.at, 'minute')}
            {c.note && <p className="muted">{c.note}</p>}
          </li>
        ))}
      </ol>
    </Section>
  );
}
