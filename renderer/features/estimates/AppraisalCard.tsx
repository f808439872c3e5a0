import { useState } from 'react';
import { IMPACT_DIRECTIONS, IMPACT_DIRECTION_LABELS, type AppraisalSummary, type ImpactDirection } from '../../../shared/calc/appraisal';
import type { ImpactView } from '../../../shared/contract/estimates';
import { MAX_EVIDENCE_PAGE } from '../../../shared/domain/evidence';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { SelectField, TextArea, TextField } from '../../kit/form/fields';
import { labelledOptions } from '../../kit/form/options';
import { Section } from '../../kit/page/Section';
import { useDeleteWithUndo } from '../../kit/record/useDeleteWithUndo';
import { AppraisalFigures, ImpactList } from './AppraisalSummary';

interface ImpactDraft {
  description: string;
  direction: ImpactDirection;
  affected: string;
  evidenceId: string;
}

const BLANK: ImpactDraft = { description: '', direction: 'positive', affected: '', evidenceId: '' };
const draftOf = (i: ImpactView): ImpactDraft => ({ description: i.description, direction: i.direction, affected: i.affected ?? '', evidenceId: i.evidenceId ?? '' });
const inputOf = (d: ImpactDraft) => ({ description: d.description, direction: d.direction, affected: d.affected || null, evidenceId: d.evidenceId || null });

/** What the impact is, its direction, who it affects and the evidence for it. */
function ImpactFields({ draft, onChange, error }: { draft: ImpactDraft; onChange(d: ImpactDraft): void; error: Parameters<typeof fieldError>[0] }) {
  // The first page at its largest: enough to choose from.
  const evidence = useApi('evidence.list', { limit: MAX_EVIDENCE_PAGE });
  return (
    <>
      <TextArea label="Impact not valued in money" hint="e.g. Older people feel safer at home" rows={2} value={draft.description} onChange={(v) => onChange({ ...draft, description: v })} error={fieldError(error, 'description')} />
      <div className="field-row">
        <SelectField label="Direction" value={draft.direction} onChange={(v) => onChange({ ...draft, direction: v as ImpactDirection })} options={labelledOptions(IMPACT_DIRECTIONS, IMPACT_DIRECTION_LABELS)} />
        <TextField label="Who is affected" hint="People or organisations" value={draft.affected} onChange={(v) => onChange({ ...draft, affected: v })} error={fieldError(error, 'affected')} />
        <SelectField
          label="Evidence for it"
          value={draft.evidenceId}
          onChange={(v) => onChange({ ...draft, evidenceId: v })}
          emptyLabel={evidence.data?.items.length ? 'No evidence linked' : 'No evidence yet'}
          options={(evidence.data?.items ?? []).map((e) => ({ value: e.id, label: e.title.slice(0, 120) }))}
        />
      </div>
    </>
  );
}

function ImpactRow({ impact }: { impact: ImpactView }) {
  const update = useApiMutation('nonMonetisedImpact.update');
  const remove = useDeleteWithUndo('nonMonetisedImpact.delete', 'nonMonetisedImpacts');
  const [editing, setEditing] = useState<ImpactDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (editing) {
    return (
      <li>
        <form
          aria-label={`Edit the impact "${impact.description.slice(0, 60)}"`}
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ id: impact.id, rev: impact.rev, patch: inputOf(editing) }, { onSuccess: () => setEditing(null) });
          }}
        >
          <ImpactFields draft={editing} onChange={setEditing} error={update.error} />
          <ErrorSummary error={update.error} />
          <div className="button-row">
            <button type="submit" className="button" disabled={update.isPending}>
              Save impact
            </button>
            <button type="button" className="button button--secondary" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li>
      <ImpactList
        impacts={[{ description: impact.description, direction: impact.direction, affected: impact.affected, evidence: impact.evidenceId ? { id: impact.evidenceId, title: impact.evidenceTitle ?? '(deleted)' } : null }]}
      />
      <div className="button-row">
        <button type="button" className="button button--small button--secondary" onClick={() => setEditing(draftOf(impact))}>
          Edit<span className="visually-hidden"> the impact "{impact.description.slice(0, 60)}"</span>
        </button>
        <button type="button" className="button button--small button--secondary" onClick={() => void remove(impact, impact.description.slice(0, 60)).then(setError)}>
          Delete<span className="visually-hidden"> the impact "{impact.description.slice(0, 60)}"</span>
        </button>
      </div>
      {error && <p className="field__error">{error}</p>}
    </li>
  );
}

/** The intervention's appraisal summary, recomputed as figures are typed, with the impacts nobody has valued. */
export function AppraisalCard({ interventionId, summary, impacts, startYear }: { interventionId: string; summary: AppraisalSummary; impacts: ImpactView[]; startYear: string }) {
  const add = useApiMutation('nonMonetisedImpact.add');
  const [draft, setDraft] = useState<ImpactDraft>(BLANK);
  return (
    <Section id="appraisal-heading" title="Appraisal summary" className="card appraisal-card">
      <AppraisalFigures summary={summary} startYear={startYear} caption="Switching values: how far each line can move" />
      <h3>Impacts not valued in money</h3>
      {impacts.length === 0 ? (
        <p className="muted">None recorded yet. List what matters but has no price: who benefits or loses, and how.</p>
      ) : (
        <ul className="impact-editor">
          {impacts.map((i) => (
            <ImpactRow key={`${i.id}-${i.rev}`} impact={i} />
          ))}
        </ul>
      )}
      <form
        aria-label="Add an impact not valued in money"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ interventionId, ...inputOf(draft) }, { onSuccess: () => setDraft(BLANK) });
        }}
      >
        <ImpactFields draft={draft} onChange={setDraft} error={add.error} />
        {add.error && !add.error.fields && <ErrorSummary error={add.error} />}
        <button type="submit" className="button button--secondary" disabled={add.isPending}>
          Add impact
        </button>
      </form>
    </Section>
  );
}
