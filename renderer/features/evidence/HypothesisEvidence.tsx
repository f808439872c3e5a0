import { Link } from 'react-router';
import { isContradicting, isSupporting } from '../../../shared/calc/ach';
import { ACH_RATING_LABELS, type HypothesisEvidenceRow } from '../../../shared/domain/evidence';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary } from '../../kit/feedback/Feedback';
import { Section } from '../../kit/page/Section';
import { CitizenBadge } from './Badges';

function EvidenceList({ rows, empty }: { rows: HypothesisEvidenceRow[]; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul>
      {rows.map((r) => (
        <li key={r.evidenceId}>
          <Link to={`/evidence/${r.evidenceId}`}>{r.title}</Link> <CitizenBadge show={r.citizenPerspective} />
          <span className="muted"> — {ACH_RATING_LABELS[r.rating]}, weight {r.weight}</span>
          {r.note && <p className="muted">{r.note}</p>}
        </li>
      ))}
    </ul>
  );
}

/** A hypothesis's supporting and contradicting evidence, with how much of it is the citizen's view. */
export function HypothesisEvidence({ hypothesisId }: { hypothesisId: string }) {
  const rows = useApi('evidence.forHypothesis', { id: hypothesisId });
  const all = rows.data ?? [];
  const supporting = all.filter((r) => isSupporting(r.rating));
  const contradicting = all.filter((r) => isContradicting(r.rating));
  const other = all.length - supporting.length - contradicting.length;
  const citizen = all.filter((r) => r.citizenPerspective).length;
  return (
    <Section id="hypothesis-evidence-heading" title="Evidence">
      <ErrorSummary error={rows.error} />
      {rows.data && all.length === 0 ? (
        <EmptyState title="No evidence linked yet">
          <p>
            Link evidence to this hypothesis from an evidence item’s page, or rate it in the <Link to="/evidence/matrix">evidence matrix</Link>.
          </p>
        </EmptyState>
      ) : (
        rows.data && (
          <>
            <p>
              {all.length} item{all.length === 1 ? '' : 's'} of evidence, {citizen} from the citizen’s perspective
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
    </Section>
  );
}
