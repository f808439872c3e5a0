import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { AchRating, EvidenceDetail, LinkWeight } from '../../../shared/domain/evidence';
import type { CallError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { SelectField, TextField } from '../../kit/form/fields';
import { DataTable } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { RATING_OPTIONS, WEIGHT_OPTIONS } from './labels';

/** The hypotheses this item tests: each with its ACH rating, weight and note, all editable. */
export function LinksSection({ item }: { item: EvidenceDetail }) {
  const hypotheses = useApi('hypothesis.list', {});
  const link = useApiMutation('evidence.link');
  const update = useApiMutation('evidence.updateLink');
  const unlink = useApiMutation('evidence.unlink');
  const [hypothesisId, setHypothesisId] = useState('');
  const [rating, setRating] = useState<AchRating>('C');
  const [credibility, setCredibility] = useState<LinkWeight>('medium');
  const [relevance, setRelevance] = useState<LinkWeight>('medium');
  const [note, setNote] = useState('');
  const linked = new Set(item.links.map((l) => l.hypothesisId));
  const available = (hypotheses.data ?? []).filter((h) => !linked.has(h.id));
  const error = (link.error ?? update.error ?? unlink.error) as CallError | null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    link.mutate(
      { evidenceId: item.id, hypothesisId, rating, credibility, relevance, note: note || null },
      {
        onSuccess: () => {
          setHypothesisId('');
          setNote('');
        },
      },
    );
  };

  return (
    <Section id="links-heading" title="Hypotheses it tests">
      <ErrorSummary error={error} />
      {item.links.length === 0 ? (
        <EmptyState level={3} title="Not linked to any hypothesis yet">
          <p>Say which hypotheses this evidence bears on, and how: from CC (strongly consistent) to II (strongly inconsistent).</p>
        </EmptyState>
      ) : (
        <DataTable caption="Linked hypotheses" hideCaption columns={['Hypothesis', 'Rating', 'Credibility', 'Relevance', 'Note', { label: 'Actions', hidden: true }]}>
          {item.links.map((l) => (
            <tr key={l.id}>
              <td><Link to={`/hypotheses/${l.hypothesisId}`}>{l.hypothesisStatement}</Link></td>
              <td>
                <select aria-label={`Rating against "${l.hypothesisStatement}"`} value={l.rating} onChange={(e) => update.mutate({ id: l.id, rev: l.rev, patch: { rating: e.target.value as AchRating } })}>
                  {RATING_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              </td>
              <td>
                <select aria-label={`Credibility of this evidence for "${l.hypothesisStatement}"`} value={l.credibility} onChange={(e) => update.mutate({ id: l.id, rev: l.rev, patch: { credibility: e.target.value as LinkWeight } })}>
                  {WEIGHT_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              </td>
              <td>
                <select aria-label={`Relevance of this evidence to "${l.hypothesisStatement}"`} value={l.relevance} onChange={(e) => update.mutate({ id: l.id, rev: l.rev, patch: { relevance: e.target.value as LinkWeight } })}>
                  {WEIGHT_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              </td>
              <td>{l.note ?? '—'}</td>
              <td className="table__actions">
                <button type="button" className="button button--small button--secondary" onClick={() => unlink.mutate({ id: l.id, rev: l.rev })}>
                  Unlink<span className="visually-hidden"> from "{l.hypothesisStatement}"</span>
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {available.length > 0 ? (
        <form className="inline-form" onSubmit={submit} aria-label="Link to a hypothesis">
          <h3>Link to a hypothesis</h3>
          <SelectField label="Hypothesis" value={hypothesisId} onChange={setHypothesisId} emptyLabel="Choose a hypothesis" options={available.map((h) => ({ value: h.id, label: h.statement }))} error={fieldError(link.error, 'hypothesisId')} />
          <div className="field-row">
            <SelectField label="Rating" value={rating} onChange={(r) => setRating(r as AchRating)} options={RATING_OPTIONS} hint="How consistent is this evidence with the hypothesis?" />
            <SelectField label="Credibility" value={credibility} onChange={(w) => setCredibility(w as LinkWeight)} options={WEIGHT_OPTIONS} hint="How far can it be believed?" />
            <SelectField label="Relevance" value={relevance} onChange={(w) => setRelevance(w as LinkWeight)} options={WEIGHT_OPTIONS} hint="How much does it bear on this hypothesis?" />
          </div>
          <TextField label="Note" value={note} onChange={setNote} error={fieldError(link.error, 'note')} />
          <button type="submit" className="button" disabled={link.isPending || !hypothesisId}>Link to hypothesis</button>
        </form>
      ) : (
        (hypotheses.data?.length ?? 0) === 0 && (
          <p>
            There are no hypotheses yet. <Link to="/hypotheses/new">Write one</Link> to test this evidence against.
          </p>
        )
      )}
    </Section>
  );
}
