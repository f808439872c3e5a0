import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { PageHeader } from '../../kit/page/PageHeader';
import { Section } from '../../kit/page/Section';

interface Item {
  id: string;
  to: string;
  text: string;
  status?: string;
  dueDate?: string | null;
}

const WorkList = ({ id, title, items, none, note }: { id: string; title: string; items: Item[]; none: string; note?: ReactNode }) => (
  <Section id={id} title={`${title} (${items.length})`}>
    {note}
    {items.length === 0 ? (
      <p className="muted">{none}</p>
    ) : (
      <ul className="link-list">
        {items.map((x) => (
          <li key={x.id}>
            <Link to={x.to}>{x.text}</Link>
            {x.status && (
              <span className="muted">
                {' '}— {x.status}
                {x.dueDate ? `, due ${formatDate(x.dueDate)}` : ''}
              </span>
            )}
          </li>
        ))}
      </ul>
    )}
  </Section>
);

/** The work that is this person's: hypotheses they own, their actions, evidence they are to collect. */
export function AssignedPage() {
  const a = useApi('me.assigned', {});
  const w = a.data;
  return (
    <div className="page">
      <PageHeader title="Assigned to me" />
      {a.isPending && <Loading what="your work" />}
      <ErrorSummary error={a.error} />
      {w && !w.name && (
        <EmptyState title="Say who you are first">
          <p>
            Your name links you to what you own. Set it in <Link to="/setup">Pilot set-up → You</Link>.
          </p>
        </EmptyState>
      )}
      {w?.name && (
        <>
          <p className="lead">Everything naming {w.name}: open hypotheses you own, actions you own, and evidence you are to collect.</p>
          <WorkList id="assigned-hypotheses" title="Hypotheses" none="No open hypotheses with you as owner." items={w.hypotheses.map((h) => ({ id: h.id, to: `/hypotheses/${h.id}`, text: h.statement, status: h.status, dueDate: h.dueDate }))} />
          <WorkList id="assigned-actions" title="Actions" none="No open actions with you as owner." items={w.actions.map((x) => ({ id: x.id, to: `/actions/${x.id}`, text: x.title, status: x.status, dueDate: x.dueDate }))} />
          <WorkList
            id="assigned-evidence"
            title="Evidence to collect"
            none="Nothing to collect."
            note={<p className="muted">Evidence items naming you as collector that have no summary or attachment yet.</p>}
            items={w.evidence.map((e) => ({ id: e.id, to: `/evidence/${e.id}`, text: e.title }))}
          />
        </>
      )}
    </div>
  );
}
