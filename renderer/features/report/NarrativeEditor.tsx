import { useEffect, useId, useState } from 'react';
import type { Narrative, NarrativeSlot } from '../../../shared/domain/report';
import { NARRATIVE_MAX_CHARS } from '../../../shared/domain/report';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { HistoryList } from '../../kit/record/HistoryList';
import { NarrativeText } from './NarrativeText';

export const FORMATTING_HINT = 'Plain text. A blank line starts a paragraph; "# " starts a heading, "- " a bullet, "1. " a numbered point; **bold**; [words](https://…) or a bare https:// address for a link.';

/**
 * One piece of the report's narrative: typed as plain text, previewed as the report will show it,
 * saved at the revision it was opened at (someone else's newer save is never overwritten).
 */
export function NarrativeEditor({ slot, label, narrative, rows = 6 }: { slot: NarrativeSlot; label: string; narrative: Narrative | undefined; rows?: number }) {
  const id = useId();
  const save = useApiMutation('narrative.save');
  const [text, setText] = useState(narrative?.body ?? '');
  const [base, setBase] = useState<Narrative | undefined>(narrative);
  const [preview, setPreview] = useState(false);
  const [saved, setSaved] = useState(false);
  // A save elsewhere (or a sync) brings a newer version: take it unless there are unsaved edits.
  useEffect(() => {
    if (narrative?.rev !== base?.rev && text === (base?.body ?? '')) {
      setBase(narrative);
      setText(narrative?.body ?? '');
    }
  }, [narrative, base, text]);
  const dirty = text !== (base?.body ?? '');
  return (
    <div className="narrative-editor">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p className="field__hint" id={`${id}-hint`}>{FORMATTING_HINT}</p>
        <textarea
          id={id}
          aria-describedby={`${id}-hint`}
          rows={rows}
          maxLength={NARRATIVE_MAX_CHARS}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
          }}
        />
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button--secondary"
          disabled={save.isPending || !dirty}
          onClick={() =>
            save.mutate(
              { slot, body: text, rev: base?.rev ?? null },
              {
                onSuccess: (n) => {
                  setBase(n);
                  setText(n.body);
                  setSaved(true);
                },
              },
            )
          }
        >
          {save.isPending ? 'Saving…' : `Save ${label.toLowerCase()}`}
        </button>
        <button type="button" className="button button--secondary" aria-pressed={preview} onClick={() => setPreview(!preview)}>
          {preview ? 'Hide preview' : 'Preview'}
        </button>
        <span role="status" className="muted">
          {saved && !dirty ? 'Saved.' : dirty ? 'Not saved yet.' : ''}
        </span>
      </div>
      <ErrorSummary error={save.error} />
      {preview && (
        <div className="card card--inset" aria-label={`Preview of ${label.toLowerCase()}`} role="region">
          {text.trim() ? <NarrativeText source={text} /> : <p className="muted">Nothing written yet.</p>}
        </div>
      )}
      {base && <HistoryList table="reportNarratives" id={base.id} />}
    </div>
  );
}
