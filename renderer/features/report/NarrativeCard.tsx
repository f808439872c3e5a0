import { useState } from 'react';
import type { Narrative, ReportSectionInfo } from '../../../shared/domain/report';
import { useApi } from '../../api/hooks';
import { Section } from '../../kit/page/Section';
import { NarrativeEditor } from './NarrativeEditor';

/** The words only the team can write: summary, introduction, and commentary per section and per hypothesis. */
export function NarrativeCard({ narratives, sections }: { narratives: Narrative[]; sections: ReportSectionInfo[] }) {
  const hypotheses = useApi('hypothesis.list', {});
  const [sectionId, setSectionId] = useState(sections[0]?.id ?? '');
  const [hypothesisId, setHypothesisId] = useState('');
  const find = (kind: Narrative['kind'], key?: string) =>
    narratives.find((n) => n.kind === kind && (kind === 'section' ? n.sectionId === key : kind === 'hypothesis' ? n.hypothesisId === key : true));
  const section = sections.find((s) => s.id === sectionId);
  const hypothesis = hypotheses.data?.find((h) => h.id === hypothesisId);
  return (
    <Section id="report-narrative" title="The team's words">
      <p className="muted">Saved with the pilot's records (each save kept in the history) and shared in bundles like any other record.</p>
      <NarrativeEditor key="summary" slot={{ kind: 'summary' }} label="Executive summary" narrative={find('summary')} rows={8} />
      <NarrativeEditor key="introduction" slot={{ kind: 'introduction' }} label="Introduction" narrative={find('introduction')} />
      <h3>Commentary on a section</h3>
      <div className="field">
        <label htmlFor="commentary-section">Section</label>
        <select id="commentary-section" value={sectionId} onChange={(e) => setSectionId(e.target.value)}>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
              {find('section', s.id)?.body ? ' (written)' : ''}
            </option>
          ))}
        </select>
      </div>
      {section && <NarrativeEditor key={`section:${section.id}`} slot={{ kind: 'section', sectionId: section.id }} label={`Commentary on ${section.title}`} narrative={find('section', section.id)} />}
      <h3>Commentary on a hypothesis</h3>
      {hypotheses.data && hypotheses.data.length > 0 ? (
        <>
          <div className="field">
            <label htmlFor="commentary-hypothesis">Hypothesis</label>
            <select id="commentary-hypothesis" value={hypothesisId} onChange={(e) => setHypothesisId(e.target.value)}>
              <option value="">Choose a hypothesis</option>
              {hypotheses.data.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.statement.length > 90 ? `${h.statement.slice(0, 89)}…` : h.statement}
                  {find('hypothesis', h.id)?.body ? ' (written)' : ''}
                </option>
              ))}
            </select>
          </div>
          {hypothesis && <NarrativeEditor key={`hypothesis:${hypothesis.id}`} slot={{ kind: 'hypothesis', hypothesisId: hypothesis.id }} label="Commentary on this hypothesis" narrative={find('hypothesis', hypothesis.id)} />}
        </>
      ) : (
        <p className="muted">No hypotheses yet.</p>
      )}
    </Section>
  );
}
