import type { EvidenceDetail } from '../../../shared/domain/evidence';
import { useApi } from '../../api/hooks';
import { formatDate } from '../../kit/format/date';
import { RecordPage } from '../../kit/record/RecordPage';
import { StatusLine } from '../../kit/record/StatusLine';
import { withRecord } from '../../kit/record/withRecord';
import { AttachmentsSection, useAttach } from './AttachmentsSection';
import { CitizenBadge, KindLabel, SensitivityBadge } from './Badges';
import { EvidenceForm, valuesOf } from './EvidenceForm';
import { useFileDrop } from './FileDrop';
import { LinksSection } from './LinksSection';
import { PseudonymiseSection } from './PseudonymiseSection';
import { QuotesSection } from './QuotesSection';
import { RetentionSection } from '../privacy/RetentionSection';

function EvidenceView({ record: e }: { record: EvidenceDetail }) {
  const overview = useApi('pilot.overview', {});
  const organisations = useApi('organisation.list', {});
  const orgs = organisations.data ?? [];
  // Files dropped anywhere on the page are attached to this item.
  const attach = useAttach(e.id);
  const { over, dropProps } = useFileDrop((files) => void attach.attach(files));
  return (
    <RecordPage
      record={e}
      title={e.title}
      home={{ to: '/evidence', label: 'Evidence' }}
      table="evidenceItems"
      methods={{ update: 'evidence.update', delete: 'evidence.delete' }}
      confirm={{ title: 'Delete this evidence?', confirmLabel: 'Delete evidence', body: <p>It moves to the recycle bin with its files and links, and can be restored from there.</p> }}
      status={
        <StatusLine>
          <KindLabel kind={e.kind} />
          <SensitivityBadge value={e.sensitivity} marking={e.marking} />
          <CitizenBadge show={e.citizenPerspective} />
        </StatusLine>
      }
      details={{
        id: 'details-heading',
        heading: 'Details',
        items: [
          { label: 'Summary', value: e.summary, prose: true },
          { label: 'Source', value: e.source },
          { label: 'Organisation', value: orgs.find((o) => o.id === e.organisationId)?.name },
          { label: 'Theme', value: overview.data?.themes.find((t) => t.id === e.themeId)?.name },
          { label: 'Date observed', value: formatDate(e.observedOn) },
          { label: 'Date reported', value: formatDate(e.reportedOn) },
          { label: 'Collected by', value: e.collectedBy },
          { label: 'Tags', value: e.tags.join(', ') || null },
        ],
      }}
      // After a stale-edit refusal, "keep my text" lays what was typed over the reloaded item.
      editor={(form, kept) => <EvidenceForm key={`${e.rev}${kept ? ':kept' : ''}`} initial={valuesOf(kept ? ({ ...e, ...kept } as EvidenceDetail) : e)} overview={overview.data} organisations={orgs} {...form} />}
      pageProps={dropProps}
    >
      <LinksSection item={e} />
      <AttachmentsSection attachments={e.attachments} over={over} attach={attach} sensitivity={e.sensitivity} />
      <QuotesSection item={e} />
      <PseudonymiseSection item={e} />
      <RetentionSection evidenceId={e.id} after="/evidence" />
    </RecordPage>
  );
}

export const EvidencePage = withRecord('evidence.get', 'the evidence', { to: '/evidence', label: 'Back to evidence' }, EvidenceView);
