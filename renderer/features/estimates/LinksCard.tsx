import { useState } from 'react';
import { Link } from 'react-router';
import type { LinkView } from '../../../shared/contract/estimates';
import { MAX_EVIDENCE_PAGE } from '../../../shared/domain/evidence';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { SelectField } from '../../kit/form/fields';
import { Section } from '../../kit/page/Section';

/** The hypotheses and evidence that justify the estimate. */
export function LinksCard({ interventionId, links }: { interventionId: string; links: LinkView[] }) {
  const hypotheses = useApi('hypothesis.list', {});
  // The first page at its largest: enough to choose from; the evidence list pages through the rest.
  const evidence = useApi('evidence.list', { limit: MAX_EVIDENCE_PAGE });
  const add = useApiMutation('interventionLink.add');
  const remove = useApiMutation('interventionLink.delete');
  const [hypothesisId, setHypothesisId] = useState('');
  const [evidenceId, setEvidenceId] = useState('');
  const linkedH = new Set(links.map((l) => l.hypothesisId));
  const linkedE = new Set(links.map((l) => l.evidenceId));
  return (
    <Section id="links-heading" title="Why we think this: hypotheses and evidence">
      <ErrorSummary error={add.error ?? remove.error} />
      {links.length === 0 ? (
        <p className="muted">Nothing linked yet. Link the hypothesis this intervention tests and the evidence behind its figures.</p>
      ) : (
        <ul className="link-list">
          {links.map((l) => (
            <li key={l.id}>
              <span className="badge">{l.kind === 'hypothesis' ? 'Hypothesis' : 'Evidence'}</span>{' '}
              {l.kind === 'hypothesis' ? <Link to={`/hypotheses/${l.hypothesisId}`}>{l.title}</Link> : <Link to={`/evidence/${l.evidenceId}`}>{l.title}</Link>}{' '}
              <button type="button" className="button button--small button--secondary" onClick={() => remove.mutate({ id: l.id, rev: l.rev })}>
                Unlink<span className="visually-hidden"> {l.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field-row field-row--end">
        <SelectField
          label="Hypothesis"
          value={hypothesisId}
          onChange={setHypothesisId}
          emptyLabel={hypotheses.data?.length ? 'Choose a hypothesis' : 'No hypotheses yet'}
          options={(hypotheses.data ?? []).filter((h) => !linkedH.has(h.id)).map((h) => ({ value: h.id, label: h.statement.slice(0, 120) }))}
        />
        <button type="button" className="button button--secondary" disabled={!hypothesisId} onClick={() => add.mutate({ interventionId, hypothesisId }, { onSuccess: () => setHypothesisId('') })}>
          Link hypothesis
        </button>
        <SelectField
          label="Evidence"
          value={evidenceId}
          onChange={setEvidenceId}
          emptyLabel={evidence.data?.items.length ? 'Choose evidence' : 'No evidence yet'}
          options={(evidence.data?.items ?? []).filter((e) => !linkedE.has(e.id)).map((e) => ({ value: e.id, label: e.title.slice(0, 120) }))}
        />
        <button type="button" className="button button--secondary" disabled={!evidenceId} onClick={() => add.mutate({ interventionId, evidenceId }, { onSuccess: () => setEvidenceId('') })}>
          Link evidence
        </button>
      </div>
    </Section>
  );
}
