import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { TextField } from '../../kit/form/fields';
import { CitizenBadge, KindLabel, SensitivityBadge } from './Badges';
import { EvidenceHeader } from './EvidenceHeader';
import { Highlight } from './Highlight';

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [text, setText] = useState(q);
  const [lastQ, setLastQ] = useState(q);
  if (q !== lastQ) {
    // The header search box changed the address: show its words here too.
    setLastQ(q);
    setText(q);
  }
  const hits = useApi('evidence.search', { query: q, limit: 50 }, { enabled: q.length > 0 });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };
  return (
    <div className="page">
      <EvidenceHeader title="Search evidence" />
      <form role="search" aria-label="Search evidence" className="filters" onSubmit={submit}>
        <TextField label="Words to find" type="search" value={text} onChange={setText} hint="Searches titles, summaries, tags and the text of attached .txt, .csv and .md files." />
        <div className="field" style={{ flex: '0 0 auto', alignSelf: 'end' }}>
          <button type="submit" className="button">Search</button>
        </div>
      </form>
      {!q && <p className="muted">Type some words and press Search. Press <kbd>/</kbd> anywhere in the app to jump to the search box.</p>}
      {q && hits.isPending && <Loading what="results" />}
      <ErrorSummary error={hits.error} />
      {q && hits.data && hits.data.length === 0 && (
        <EmptyState title={`Nothing matches “${q}”`}>
          <p>Try fewer or different words, or <Link to="/evidence/new">add the evidence</Link> if it is not recorded yet.</p>
        </EmptyState>
      )}
      {hits.data && hits.data.length > 0 && (
        <>
          <h2 role="status">{hits.data.length === 50 ? 'The 50 best matches' : `${hits.data.length} match${hits.data.length === 1 ? '' : 'es'}`} for “{q}”</h2>
          <ol className="search-results">
            {hits.data.map((h) => (
              <li key={h.evidenceId}>
                <Link to={`/evidence/${h.evidenceId}`}><strong>{h.title}</strong></Link>{' '}
                <KindLabel kind={h.kind} /> <SensitivityBadge value={h.sensitivity} /> <CitizenBadge show={h.citizenPerspective} />
                <p><Highlight text={h.snippet} /></p>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
