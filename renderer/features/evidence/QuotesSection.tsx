import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { LINK_WEIGHT_LABELS, TEXT_STATUS_LABELS, type AchRating, type EvidenceDetail, type LinkWeight, type TextStatus } from '../../../shared/domain/evidence';
import type { QuoteView, SourceText } from '../../../shared/domain/quotes';
import type { CallError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { CheckboxField } from '../../kit/form/CheckboxField';
import { CheckboxGroup } from '../../kit/form/CheckboxGroup';
import { SelectField, TextArea, TextField } from '../../kit/form/fields';
import { Section } from '../../kit/page/Section';
import { CitizenBadge, SensitivityBadge } from './Badges';
import { RATING_OPTIONS, WEIGHT_OPTIONS } from './labels';

const LEVEL_OPTIONS = WEIGHT_OPTIONS;

/**
 * Citizen insight at the level of the quote: read the item's notes or a file's text, select a
 * passage (or type it), and save it as a quote with codes, a speaker and the citizen flag; then
 * rate each quote against hypotheses as items are rated.
 */
export function QuotesSection({ item }: { item: EvidenceDetail }) {
  const sources = useApi('evidence.sources', { id: item.id });
  const quotes = useApi('quote.list', { evidenceId: item.id, limit: 500 });
  const [sourceIndex, setSourceIndex] = useState(0);
  const [draft, setDraft] = useState<{ text: string; startOffset: number | null } | null>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const list = sources.data ?? [];
  const source: SourceText | undefined = list[Math.min(sourceIndex, list.length - 1)];

  const takeSelection = () => {
    const sel = window.getSelection();
    const selected = sel && textRef.current && sel.rangeCount > 0 && textRef.current.contains(sel.getRangeAt(0).commonAncestorContainer) ? sel.toString().trim() : '';
    const at = selected && source ? source.text.indexOf(selected) : -1;
    setDraft({ text: selected, startOffset: at >= 0 ? at : null });
  };

  return (
    <Section id="quotes-heading" title="Text and quotes">
      <ErrorSummary error={sources.error ?? quotes.error} />
      {list.length > 0 && (
        <>
          <SelectField
            label="Text to quote from"
            value={String(sourceIndex)}
            onChange={(v) => {
              setSourceIndex(Number(v));
              setDraft(null);
            }}
            options={list.map((s, i) => ({ value: String(i), label: s.attachmentId ? `${s.name} — ${TEXT_STATUS_LABELS[s.status as TextStatus] ?? s.status}` : 'The item’s notes' }))}
          />
          {source && source.text ? (
            <>
              <div ref={textRef} className="source-text" tabIndex={0} role="document" aria-label={`Text of ${source.attachmentId ? source.name : 'the notes'}`}>
                {source.text}
              </div>
              {source.truncated && <p className="muted">{source.detail ?? 'Only the beginning of this file’s text is shown and searched.'}</p>}
              <p className="muted">Select a passage with the mouse (or Shift and the arrow keys), then quote it; or type the passage yourself.</p>
              <div className="button-row">
                <button type="button" className="button" onClick={takeSelection}>Quote the selected passage</button>
                <button type="button" className="button button--secondary" onClick={() => setDraft({ text: '', startOffset: null })}>Type a quote</button>
              </div>
            </>
          ) : (
            source && (
              <p className="muted">
                {source.attachmentId ? `${TEXT_STATUS_LABELS[source.status as TextStatus] ?? source.status}${source.detail ? ` (${source.detail})` : ''}.` : 'This item has no notes yet. Edit the item to add them.'}
              </p>
            )
          )}
          {draft && source && <QuoteForm item={item} source={source} draft={draft} onDone={() => setDraft(null)} />}
        </>
      )}
      <h3>Quotes from this item ({quotes.data?.length ?? 0})</h3>
      {quotes.data && quotes.data.length === 0 ? (
        <EmptyState level={3} title="No quotes yet">
          <p>Quote what people said in their own words: each quote can carry codes and be rated against hypotheses.</p>
        </EmptyState>
      ) : (
        <ul className="quote-list" aria-label="Quotes">
          {(quotes.data ?? []).map((q) => (
            <QuoteCard key={q.id} quote={q} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function QuoteForm({ item, source, draft, onDone }: { item: EvidenceDetail; source: SourceText; draft: { text: string; startOffset: number | null }; onDone(): void }) {
  const codes = useApi('code.list', {});
  const add = useApiMutation('quote.add');
  const addCode = useApiMutation('code.add');
  const toasts = useToasts();
  const [text, setText] = useState(draft.text);
  const [lastDraft, setLastDraft] = useState(draft);
  if (draft !== lastDraft) {
    setLastDraft(draft);
    setText(draft.text);
  }
  const [codeIds, setCodeIds] = useState<string[]>([]);
  const [newCode, setNewCode] = useState('');
  const [speaker, setSpeaker] = useState('');
  const [citizen, setCitizen] = useState(item.citizenPerspective);
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { evidenceId: item.id, attachmentId: source.attachmentId, startOffset: text === draft.text ? draft.startOffset : null, text, codeIds, speaker: speaker || null, citizenPerspective: citizen, note: note || null },
      {
        onSuccess: () => {
          toasts.show('Quote saved');
          onDone();
        },
      },
    );
  };
  const createCode = () => {
    if (!newCode.trim()) return;
    addCode.mutate({ name: newCode.trim(), description: null }, { onSuccess: (c) => { setCodeIds((ids) => [...ids, c.id]); setNewCode(''); } });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="New quote">
      <h3>New quote</h3>
      <ErrorSummary error={(add.error ?? addCode.error) as CallError | null} />
      <TextArea label="Quoted passage" value={text} onChange={setText} rows={3} error={fieldError(add.error, 'text')} />
      <CheckboxGroup legend="Codes" hint="What the passage is about, from the team’s code book." options={(codes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} value={codeIds} onChange={setCodeIds} columns scroll />
      <div className="field-row">
        <TextField label="New code" value={newCode} onChange={setNewCode} hint="Adds it to the code book and to this quote." />
        <div className="field" style={{ flex: '0 0 auto', alignSelf: 'end' }}>
          <button type="button" className="button button--secondary" onClick={createCode} disabled={!newCode.trim() || addCode.isPending}>Add code</button>
        </div>
      </div>
      <div className="field-row">
        <TextField label="Speaker or persona" value={speaker} onChange={setSpeaker} hint="Who said it: a pseudonym or a persona, not a real name." />
        <TextField label="Note" value={note} onChange={setNote} />
      </div>
      <CheckboxField label="The citizen’s perspective" checked={citizen} onChange={setCitizen} />
      <div className="button-row">
        <button type="submit" className="button" disabled={add.isPending || !text.trim()}>Save quote</button>
        <button type="button" className="button button--secondary" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

function QuoteCard({ quote: q }: { quote: QuoteView }) {
  const hypotheses = useApi('hypothesis.list', {});
  const link = useApiMutation('quote.link');
  const updateLink = useApiMutation('quote.updateLink');
  const unlink = useApiMutation('quote.unlink');
  const remove = useApiMutation('quote.delete');
  const toasts = useToasts();
  const [hypothesisId, setHypothesisId] = useState('');
  const [rating, setRating] = useState<AchRating>('C');
  const [credibility, setCredibility] = useState<LinkWeight>('medium');
  const [relevance, setRelevance] = useState<LinkWeight>('medium');
  const linked = new Set(q.links.map((l) => l.hypothesisId));
  const available = (hypotheses.data ?? []).filter((h) => !linked.has(h.id));
  const error = (link.error ?? updateLink.error ?? unlink.error ?? remove.error) as CallError | null;
  const short = q.text.length > 40 ? `${q.text.slice(0, 37)}…` : q.text;
  return (
    <li id={`quote-${q.id}`} className="quote-card">
      <blockquote className={q.citizenPerspective ? 'quote quote--citizen' : 'quote'}>
        <p>{q.text}</p>
        <footer>
          {q.speaker ? `— ${q.speaker}` : '— Unattributed'} <span className="muted">({q.source})</span> <CitizenBadge show={q.citizenPerspective} /> <SensitivityBadge value={q.sensitivity} marking={q.marking} />
        </footer>
      </blockquote>
      {q.codes.length > 0 && (
        <ul className="code-list" aria-label="Codes">
          {q.codes.map((c) => (
            <li key={c.id} className="badge badge--code">{c.name}</li>
          ))}
        </ul>
      )}
      <ErrorSummary error={error} />
      {q.links.length > 0 && (
        <ul className="quote-links" aria-label="Rated against">
          {q.links.map((l) => (
            <li key={l.id}>
              <Link to={`/hypotheses/${l.hypothesisId}`}>{l.hypothesisStatement}</Link>:{' '}
              <select aria-label={`Rating of the quote “${short}” against “${l.hypothesisStatement}”`} value={l.rating} onChange={(e) => updateLink.mutate({ id: l.id, rev: l.rev, patch: { rating: e.target.value as AchRating } })}>
                {RATING_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>{' '}
              <span className="muted">credibility {LINK_WEIGHT_LABELS[l.credibility].toLowerCase()}, relevance {LINK_WEIGHT_LABELS[l.relevance].toLowerCase()}</span>{' '}
              <button type="button" className="button button--small button--secondary" onClick={() => unlink.mutate({ id: l.id, rev: l.rev })}>
                Unlink<span className="visually-hidden"> the quote from “{l.hypothesisStatement}”</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {available.length > 0 && (
        <form
          className="inline-form inline-form--row"
          aria-label={`Rate the quote “${short}” against a hypothesis`}
          onSubmit={(e) => {
            e.preventDefault();
            link.mutate({ quoteId: q.id, hypothesisId, rating, credibility, relevance, note: null }, { onSuccess: () => setHypothesisId('') });
          }}
        >
          <SelectField label="Hypothesis" value={hypothesisId} onChange={setHypothesisId} emptyLabel="Choose a hypothesis" options={available.map((h) => ({ value: h.id, label: h.statement }))} />
          <SelectField label="Rating" value={rating} onChange={(v) => setRating(v as AchRating)} options={RATING_OPTIONS} />
          <SelectField label="Credibility" value={credibility} onChange={(v) => setCredibility(v as LinkWeight)} options={LEVEL_OPTIONS} />
          <SelectField label="Relevance" value={relevance} onChange={(v) => setRelevance(v as LinkWeight)} options={LEVEL_OPTIONS} />
          <div className="field" style={{ flex: '0 0 auto', alignSelf: 'end' }}>
            <button type="submit" className="button button--small" disabled={!hypothesisId || link.isPending}>Link quote</button>
          </div>
        </form>
      )}
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() =>
          remove.mutate(
            { id: q.id, rev: q.rev },
            { onSuccess: () => toasts.show('Quote moved to the recycle bin') },
          )
        }
      >
        Delete quote<span className="visually-hidden"> “{short}”</span>
      </button>
    </li>
  );
}
