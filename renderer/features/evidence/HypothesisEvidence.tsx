import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { isContradicting, isSupporting } from '../../../shared/calc/ach';
import { ACH_RATING_LABELS, type AchRating, type HypothesisEvidenceRow, type LinkWeight } from '../../../shared/domain/evidence';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { SelectField, TextField } from '../../kit/form/fields';
import { Section } from '../../kit/page/Section';
import { CitizenBadge } from './Badges';
import { RATING_OPTIONS, WEIGHT_OPTIONS } from './labels';
import { countOf } from '../../kit/format/number';

function EvidenceList({ rows, empty }: { rows: HypothesisEvidenceRow[]; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul>
      {rows.map((r) => (
        <li key={r.evidenceId}>
          <Link to={`/evidence/${r.evidenceId}`}>{r.title}</Link> <CitizenBadge show={r.citizenPerspective} />
          <span className="muted"> — {ACH_RATING_LABELS[r.rating]}; credibility {r.credibility}, relevance {r.relevance}</span>
          {r.note && <p className="muted">{r.note}</p>}
        </li>
      ))}
    </ul>
  );
}

/** A hypothesis's supporting and contradicting evidence and quotes, with how much is the citizen's view; add or link more. */
export function HypothesisEvidence({ hypothesisId }: { hypothesisId: string }) {
  const rows = useApi('evidence.forHypothesis', { id: hypothesisId });
  const quotes = useApi('quote.forHypothesis', { id: hypothesisId });
  const all = rows.data ?? [];
  const supporting = all.filter((r) => isSupporting(r.rating));
  const contradicting = all.filter((r) => isContradicting(r.rating));
  const other = all.length - supporting.length - contradicting.length;
  const citizen = all.filter((r) => r.citizenPerspective).length;
  return (
    <Section id="hypothesis-evidence-heading" title="Evidence">
      <ErrorSummary error={rows.error ?? quotes.error} />
      {rows.data && all.length === 0 ? (
        <EmptyState level={3} title="No evidence linked yet">
          <p>
            Add new evidence or link evidence already recorded, below; or rate it in the <Link to="/evidence/matrix">evidence matrix</Link>.
          </p>
        </EmptyState>
      ) : (
        rows.data && (
          <>
            <p>
              {countOf(all.length, 'item')} of evidence, {citizen} from the citizen’s perspective
              {other > 0 ? `; ${other} neutral or not applicable` : ''}.
            </p>
            <div className="evidence-columns">
              <div>
                <h3>Supporting ({supporting.length})</h3>
                <EvidenceList rows={supporting} empty="Nothing supports it yet." />
              </div>
              <div>
                <h3>Contradicting ({contradicting.length})</h3>
                <EvidenceList rows={contradicting} empty="Nothing contradicts it yet." />
              </div>
            </div>
          </>
        )
      )}
      {quotes.data && quotes.data.length > 0 && (
        <>
          <h3>Quotes ({quotes.data.length})</h3>
          <ul className="quote-list">
            {quotes.data.map((q) => (
              <li key={q.id}>
                <blockquote className={q.citizenPerspective ? 'quote quote--citizen' : 'quote'}>
                  <p>{q.text}</p>
                  <footer>
                    {q.speaker ? `— ${q.speaker}, ` : ''}
                    <Link to={`/evidence/${q.evidenceId}#quote-${q.id}`}>{q.itemTitle}</Link> · {ACH_RATING_LABELS[q.rating]}
                    {q.codes.length > 0 && ` · ${q.codes.map((c) => c.name).join(', ')}`}
                  </footer>
                </blockquote>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="button-row">
        <Link className="button" to={`/evidence/new?hypothesisId=${hypothesisId}`}>Add new evidence</Link>
      </div>
      <LinkExisting hypothesisId={hypothesisId} linked={new Set(all.map((r) => r.evidenceId))} />
    </Section>
  );
}

/** Find an item already recorded and link it with a rating, credibility and relevance. */
function LinkExisting({ hypothesisId, linked }: { hypothesisId: string; linked: Set<string> }) {
  const [words, setWords] = useState('');
  const [query, setQuery] = useState('');
  const [evidenceId, setEvidenceId] = useState('');
  const [rating, setRating] = useState<AchRating>('C');
  const [credibility, setCredibility] = useState<LinkWeight>('medium');
  const [relevance, setRelevance] = useState<LinkWeight>('medium');
  const found = useApi('evidence.list', { text: query, limit: 50, offset: 0 }, { enabled: query.length > 0 });
  const recent = useApi('evidence.list', { limit: 50, offset: 0 }, { enabled: query.length === 0 });
  const link = useApiMutation('evidence.link');
  const toasts = useToasts();
  const choices = ((query ? found.data : recent.data)?.items ?? []).filter((e) => !linked.has(e.id));
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery(words.trim());
    setEvidenceId('');
  };
  return (
    <div className="inline-form" role="group" aria-labelledby="link-existing-heading">
      <h3 id="link-existing-heading">Link existing evidence</h3>
      <form className="filters" role="search" aria-label="Find evidence to link" onSubmit={search}>
        <TextField label="Find evidence" type="search" value={words} onChange={setWords} hint="Words from its title, notes, tags or files; leave blank for the latest." />
        <div className="field" style={{ flex: '0 0 auto', alignSelf: 'end' }}>
          <button type="submit" className="button button--secondary">Find</button>
        </div>
      </form>
      <ErrorSummary error={link.error} />
      <form
        aria-label="Link the chosen evidence"
        onSubmit={(e) => {
          e.preventDefault();
          link.mutate({ evidenceId, hypothesisId, rating, credibility, relevance, note: null }, { onSuccess: () => { toasts.show('Linked'); setEvidenceId(''); } });
        }}
      >
        <SelectField label="Evidence" value={evidenceId} onChange={setEvidenceId} emptyLabel={choices.length ? 'Choose an item' : 'No unlinked items found'} options={choices.map((e) => ({ value: e.id, label: e.title }))} />
        <div className="field-row">
          <SelectField label="Rating" value={rating} onChange={(v) => setRating(v as AchRating)} options={RATING_OPTIONS} />
          <SelectField label="Credibility" value={credibility} onChange={(v) => setCredibility(v as LinkWeight)} options={WEIGHT_OPTIONS} />
          <SelectField label="Relevance" value={relevance} onChange={(v) => setRelevance(v as LinkWeight)} options={WEIGHT_OPTIONS} />
        </div>
        <button type="submit" className="button" disabled={!evidenceId || link.isPending}>Link evidence</button>
      </form>
    </div>
  );
}
