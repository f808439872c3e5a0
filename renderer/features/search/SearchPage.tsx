import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SENSITIVITIES, SENSITIVITY_LABELS, type Sensitivity } from '../../../shared/domain/evidence';
import { SEARCH_KINDS, SEARCH_KIND_LABELS, type SearchGroup, type SearchKind } from '../../../shared/domain/search';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { CheckboxGroup } from '../../kit/form/CheckboxGroup';
import { TextField } from '../../kit/form/fields';
import { PageHeader } from '../../kit/page/PageHeader';
import { CitizenBadge, SensitivityBadge } from '../evidence/Badges';
import { Highlight } from './Highlight';
import { countOf, formatNumber } from '../../kit/format/number';

/** What one and several of each kind are called in the count line ("1 hypothesis, 3 quotes"). */
const KIND_NOUNS: Record<SearchKind, [string, string]> = {
  evidence: ['evidence item', 'evidence items'],
  quote: ['quote', 'quotes'],
  hypothesis: ['hypothesis', 'hypotheses'],
  learning: ['learning log entry', 'learning log entries'],
  action: ['action', 'actions'],
  intervention: ['intervention', 'interventions'],
  supplier: ['supplier', 'suppliers'],
  spend: ['spend description', 'spend descriptions'],
};

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** Every result for some words, grouped by kind, with filters by kind and sensitivity kept in the address. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const kinds = list(params.get('kinds')).filter((k): k is SearchKind => (SEARCH_KINDS as readonly string[]).includes(k));
  const sens = list(params.get('sensitivity')).filter((s): s is Sensitivity => (SENSITIVITIES as readonly string[]).includes(s));
  const [text, setText] = useState(q);
  const [lastQ, setLastQ] = useState(q);
  if (q !== lastQ) {
    // The header search box changed the address: show its words here too.
    setLastQ(q);
    setText(q);
  }
  const results = useApi('search.all', { query: q, limit: kinds.length === 1 ? 100 : 25, ...(kinds.length ? { kinds } : {}), ...(sens.length ? { sensitivities: sens } : {}) }, { enabled: q.length > 0 });
  const set = (next: { q?: string; kinds?: string[]; sensitivity?: string[] }) => {
    const p: Record<string, string> = {};
    const words = next.q ?? q;
    if (words) p.q = words;
    const k = next.kinds ?? kinds;
    if (k.length) p.kinds = k.join(',');
    const s = next.sensitivity ?? sens;
    if (s.length) p.sensitivity = s.join(',');
    setParams(p);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set({ q: text.trim() });
  };
  const groups = results.data?.groups ?? [];
  return (
    <div className="page">
      <PageHeader title="Search" />
      <form role="search" aria-label="Search everything" className="filters" onSubmit={submit}>
        <TextField label="Words to find" type="search" value={text} onChange={setText} hint="Evidence and the text of its files (PDF, Word, Excel, e-mail, web pages, text), quotes, hypotheses, the learning log, actions, interventions, suppliers and spend descriptions." />
        <div className="field" style={{ flex: '0 0 auto', alignSelf: 'end' }}>
          <button type="submit" className="button">Search</button>
        </div>
      </form>
      <details className="search-filters" open={kinds.length > 0 || sens.length > 0}>
        <summary>Filters{kinds.length + sens.length > 0 ? ` (${kinds.length + sens.length} on)` : ''}</summary>
        <div className="field-row">
          <CheckboxGroup legend="Kinds" hint="None ticked: every kind." options={SEARCH_KINDS.map((k) => ({ value: k, label: SEARCH_KIND_LABELS[k] }))} value={kinds} onChange={(v) => set({ kinds: v })} columns />
          <CheckboxGroup
            legend="Sensitivity"
            hint="None ticked: all. Hypotheses have no sensitivity and are always shown; published spend counts as public."
            options={SENSITIVITIES.map((s) => ({ value: s, label: SENSITIVITY_LABELS[s] }))}
            value={sens}
            onChange={(v) => set({ sensitivity: v })}
          />
        </div>
      </details>
      {!q && <p className="muted">Type some words and press Search. Press <kbd>/</kbd> anywhere in the app to jump to the search box.</p>}
      {q && results.isPending && <Loading what="results" />}
      <ErrorSummary error={results.error} />
      {q && results.data && groups.length === 0 && (
        <EmptyState title={`Nothing matches “${q}”`}>
          <p>Try fewer or different words{kinds.length + sens.length ? ', or clear the filters' : ''}. Files whose text is still being read are searchable once it is.</p>
        </EmptyState>
      )}
      {groups.length > 0 && (
        <>
          <p role="status" className="muted">
            {groups.map((g) => countOf(g.total, ...KIND_NOUNS[g.kind])).join(', ')} for “{q}”.
          </p>
          <nav aria-label="Jump to a kind of result" className="search-jump">
            {groups.map((g) => (
              <a key={g.kind} href={`#results-${g.kind}`}>{SEARCH_KIND_LABELS[g.kind]} ({formatNumber(g.total)})</a>
            ))}
          </nav>
          {groups.map((g) => (
            <ResultGroup key={g.kind} group={g} onlyThis={() => set({ kinds: [g.kind] })} />
          ))}
        </>
      )}
    </div>
  );
}

function ResultGroup({ group: g, onlyThis }: { group: SearchGroup; onlyThis(): void }) {
  return (
    <section className="card" aria-labelledby={`results-${g.kind}`}>
      <h2 id={`results-${g.kind}`} tabIndex={-1}>
        {SEARCH_KIND_LABELS[g.kind]} <span className="muted">({formatNumber(g.total)})</span>
      </h2>
      <ol className="search-results">
        {g.hits.map((h) => (
          <li key={`${h.kind}:${h.id}`}>
            <Link to={h.href}><strong>{h.title}</strong></Link> {h.sensitivity && <SensitivityBadge value={h.sensitivity} />} <CitizenBadge show={h.citizenPerspective === true} />
            <p><Highlight text={h.snippet} /></p>
            {h.context && <p className="muted">{h.context}</p>}
          </li>
        ))}
      </ol>
      {g.total > g.hits.length && (
        <button type="button" className="button button--secondary button--small" onClick={onlyThis}>
          Show only {SEARCH_KIND_LABELS[g.kind].toLowerCase()}
        </button>
      )}
    </section>
  );
}
