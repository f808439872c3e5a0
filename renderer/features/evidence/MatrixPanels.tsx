import { Link } from 'react-router';
import type { MatrixData } from '../../../shared/domain/evidence';
import { useApi } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { formatNumber } from '../../kit/format/number';
import { Section } from '../../kit/page/Section';

/**
 * Heuer's step 6: how sensitive is the conclusion to a few items? Names each item or quote whose
 * removal would change which hypothesis leads — the evidence to check again before relying on it.
 */
export function SensitivityPanel({ themeId }: { themeId: string }) {
  const s = useApi('evidence.sensitivity', themeId ? { themeId } : {});
  const v = s.data;
  return (
    <Section id="sensitivity-heading" title="What the leading hypothesis rests on">
      <ErrorSummary error={s.error} />
      {v?.leader && (
        <p>
          Leading (least evidence against it): <Link to={`/hypotheses/${v.leader.id}`}>{v.leader.statement}</Link>, score {formatNumber(v.leader.inconsistency, 2)}
          {v.runnerUp && (
            <>
              ; next: <Link to={`/hypotheses/${v.runnerUp.id}`}>{v.runnerUp.statement}</Link>, {formatNumber(v.runnerUp.inconsistency, 2)}
            </>
          )}
          .
        </p>
      )}
      {v && v.restsOn.length === 0 && <p>No single item or quote decides the lead: removing any one of them leaves the same hypothesis ahead.</p>}
      {v && v.restsOn.length > 0 && (
        <>
          <p>Without any one of these, another hypothesis would lead (or tie). Check that each is accurate, credible and not misread:</p>
          <ul>
            {v.restsOn.map((r) => (
              <li key={`${r.kind}:${r.id}`}>
                <Link to={r.kind === 'quote' ? `/evidence/${r.evidenceId}#quote-${r.id}` : `/evidence/${r.evidenceId}`}>{r.kind === 'quote' ? `Quote “${r.title}”` : r.title}</Link>
                {' — without it, '}
                <Link to={`/hypotheses/${r.newLeaderId}`}>{r.newLeaderStatement}</Link> would {r.tie ? 'tie' : 'lead'} ({formatNumber(r.newLeaderScoreWithout, 2)} against {formatNumber(r.leaderScoreWithout, 2)})
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

/** Heuer's last step: for each hypothesis, what to watch for that would show events taking another course. */
export function IndicatorsPanel({ hypotheses }: { hypotheses: MatrixData['hypotheses'] }) {
  const withIndicators = hypotheses.filter((h) => h.indicators);
  return (
    <Section id="indicators-heading" title="Indicators to watch">
      {withIndicators.length === 0 ? (
        <p className="muted">No indicators recorded yet. Add them on each hypothesis’s page: what would you expect to see if it were wrong?</p>
      ) : (
        <dl className="indicators">
          {withIndicators.map((h) => (
            <div key={h.id}>
              <dt><Link to={`/hypotheses/${h.id}`}>{h.statement}</Link></dt>
              <dd className="prose">{h.indicators}</dd>
            </div>
          ))}
        </dl>
      )}
    </Section>
  );
}
