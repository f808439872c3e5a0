import { useEffect, useRef, useState } from 'react';
import { SECURITY_MARKINGS, type ReportSectionId, type SecurityMarking } from '../../../shared/domain/report';
import { fileUrl, isDesktop } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { CheckboxField } from '../../kit/form/CheckboxField';
import { TextArea } from '../../kit/form/fields';
import { highestMarking, markingRank } from '../../../shared/domain/marking';
import { Section } from '../../kit/page/Section';
import { NarrativeCard } from './NarrativeCard';
import { FileLink, FORMAT_LABELS } from './ReportFiles';
import { ReportVersions } from './ReportVersions';
import { countOf } from '../../kit/format/number';

export function ReportPage() {
  const sections = useApi('report.sections', {});
  const narratives = useApi('narrative.list', {});
  const generate = useApiMutation('report.generate');
  const [order, setOrder] = useState<ReportSectionId[] | null>(null);
  const [excluded, setExcluded] = useState<Set<ReportSectionId>>(new Set());
  const [includeTeam, setIncludeTeam] = useState(false);
  const [includePersonal, setIncludePersonal] = useState(false);
  // Until someone chooses, the marking is this machine's default (set by IT's central policy), else OFFICIAL.
  const policy = useApi('system.policy', {});
  const managedMarking = policy.data?.values.defaultSecurityMarking ?? null;
  const [chosenMarking, setMarking] = useState<SecurityMarking | null>(null);
  // Never lower than the highest marking of what the report could contain.
  const floor = useApi('report.markingFloor', { includeTeam, includePersonal }).data ?? null;
  const marking: SecurityMarking = highestMarking([chosenMarking ?? managedMarking ?? 'OFFICIAL', floor?.marking]);
  const [redactText, setRedactText] = useState('');
  const [pdf, setPdf] = useState(true);
  const [docx, setDocx] = useState(true);
  const [extracts, setExtracts] = useState(true);
  const moveFocus = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // Keep keyboard focus on the button that was pressed, after the row has moved.
  useEffect(() => {
    if (!moveFocus.current) return;
    const el = listRef.current?.querySelector<HTMLButtonElement>(`[data-move="${moveFocus.current}"]`);
    (el && !el.disabled ? el : listRef.current?.querySelector<HTMLButtonElement>(`[data-move^="${moveFocus.current.split(':')[0]}:"]:not(:disabled)`))?.focus();
    moveFocus.current = null;
  });

  if (sections.isPending || narratives.isPending) return <Loading what="the report sections" />;
  if (sections.error) return <ErrorSummary error={sections.error} />;
  if (narratives.error) return <ErrorSummary error={narratives.error} />;
  const info = sections.data;
  const ids = order ?? info.map((s) => s.id);
  const byId = new Map(info.map((s) => [s.id, s]));
  const chosen = ids.filter((id) => byId.get(id)?.available && !excluded.has(id));

  const move = (i: number, delta: -1 | 1) => {
    const next = [...ids];
    const [item] = next.splice(i, 1);
    next.splice(i + delta, 0, item!);
    moveFocus.current = `${item}:${delta < 0 ? 'up' : 'down'}`;
    setOrder(next);
  };

  const result = generate.data;
  return (
    <div className="page">
      <h1>Pilot report</h1>
      <p className="lead">
        The report a team can send to the board and HM Treasury as it is: write the executive summary, the introduction and your commentary, choose the sections and their order,
        decide what sensitive material may go in and how the report is marked, then generate it as HTML, PDF and Word.
      </p>

      <NarrativeCard narratives={narratives.data} sections={info.filter((s) => s.available)} />

      <form
        className="card"
        aria-label="Report options"
        onSubmit={(e) => {
          e.preventDefault();
          generate.mutate({ sections: chosen, includeTeam, includePersonal, pdf, docx, extracts, marking, redact: redactText.split('\n').map((s) => s.trim()).filter(Boolean) });
        }}
      >
        <h2>Sections</h2>
        <p className="muted">Untick a section to leave it out; use the arrows to change the order.</p>
        <ol className="section-order" ref={listRef}>
          {ids.map((id, i) => {
            const s = byId.get(id)!;
            return (
              <li key={id} className={s.available ? undefined : 'is-unavailable'}>
                <label>
                  <input
                    type="checkbox"
                    checked={s.available && !excluded.has(id)}
                    disabled={!s.available}
                    onChange={(e) => {
                      const next = new Set(excluded);
                      if (e.target.checked) next.delete(id);
                      else next.add(id);
                      setExcluded(next);
                    }}
                  />{' '}
                  {s.title}
                </label>
                {!s.available && <span className="muted"> — {s.reason}</span>}
                <span className="section-order__buttons">
                  <button type="button" className="button button--small button--secondary" data-move={`${id}:up`} disabled={i === 0} aria-label={`Move ${s.title} up`} onClick={() => move(i, -1)}>↑</button>
                  <button type="button" className="button button--small button--secondary" data-move={`${id}:down`} disabled={i === ids.length - 1} aria-label={`Move ${s.title} down`} onClick={() => move(i, 1)}>↓</button>
                </span>
              </li>
            );
          })}
        </ol>
        <fieldset className="field">
          <legend>Security marking</legend>
          <p className="field__hint">
            Printed in the header and footer of every page. OFFICIAL-SENSITIVE for material whose loss could cause harm (for example, about named people or commercial positions).
            {managedMarking && ` Your IT department has made ${managedMarking} the default on this computer.`}
            {floor && floor.count > 0 && ` It contains ${countOf(floor.count, 'item, quote or file', 'items, quotes or files')} marked ${floor.marking}, so it is marked at least ${floor.marking}.`}
          </p>
          {SECURITY_MARKINGS.map((m) => (
            <div className="field checkbox-single" key={m}>
              <label>
                <input type="radio" name="marking" value={m} checked={marking === m} disabled={floor !== null && markingRank(m) < markingRank(floor.marking)} onChange={() => setMarking(m)} /> {m}
              </label>
            </div>
          ))}
        </fieldset>
        <TextArea
          label="Names or identifiers to redact (optional)"
          hint="One per line. Each is replaced in the report and its extracts by a label ([Person A], [Person B] …); the version list records the labels and counts, never the names."
          rows={2}
          value={redactText}
          onChange={setRedactText}
        />
        <fieldset className="field">
          <legend>Sensitive material</legend>
          <p className="field__hint">Public and partners material is always included. Team-only and personal data are left out unless you choose them here; the report says what was left out, wherever it would have counted.</p>
          <CheckboxField className="checkbox-single" label="Include team-only material" checked={includeTeam} onChange={setIncludeTeam} />
          <CheckboxField className="checkbox-single" label="Include personal data" checked={includePersonal} onChange={setIncludePersonal} />
          {includePersonal && <p className="warning" role="note">This report will contain personal data. Only share it with people entitled to see it.</p>}
        </fieldset>
        <fieldset className="field">
          <legend>Formats</legend>
          <p className="field__hint">The HTML report is always made; it opens and prints in any browser.</p>
          <CheckboxField className="checkbox-single" label="PDF" checked={pdf} onChange={setPdf} />
          <CheckboxField className="checkbox-single" label="Word (.docx)" checked={docx} onChange={setDocx} />
          <CheckboxField className="checkbox-single" label="Tables as XLSX and CSV" checked={extracts} onChange={setExtracts} />
        </fieldset>
        {chosen.length === 0 && <p className="field__error" role="alert">Choose at least one section.</p>}
        <button type="submit" className="button" disabled={generate.isPending || chosen.length === 0}>
          {generate.isPending ? 'Generating…' : 'Generate the report'}
        </button>
      </form>
      <ErrorSummary error={generate.error} />
      {generate.isPending && <p role="status" className="loading">Writing the report{pdf || docx ? ' and its PDF and Word versions (this can take a little while)' : ''}…</p>}
      {result && !generate.isPending && (
        <Section id="report-ready" title="The report is ready" role="status">
          <p>
            Version {result.version.version}, marked {result.version.marking}: {countOf(result.sections.length, 'section')}.
            {result.withheld.team + result.withheld.personal > 0 && ` Left out under the sensitivity rules: ${result.withheld.team} team-only and ${result.withheld.personal} personal item${result.withheld.team + result.withheld.personal === 1 ? '' : 's'}.`}
          </p>
          {!isDesktop() && (
            <p>
              <a href={fileUrl(`${result.html.urlPath}?inline=1`)} target="_blank" rel="noopener noreferrer" className="button button--secondary">
                Preview the report<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </p>
          )}
          <ul className="file-list">
            <FileLink file={result.html} label={FORMAT_LABELS.html} />
            {result.pdf && <FileLink file={result.pdf} label={FORMAT_LABELS.pdf} />}
            {result.docx && <FileLink file={result.docx} label={FORMAT_LABELS.docx} />}
            {result.zip && <FileLink file={result.zip} label={FORMAT_LABELS.zip} />}
            {result.xlsx && <FileLink file={result.xlsx} label={FORMAT_LABELS.xlsx} />}
          </ul>
          {result.csv.length > 0 && (
            <details>
              <summary>Single tables as CSV ({result.csv.length})</summary>
              <ul className="file-list">
                {result.csv.map((c) => <FileLink key={c.urlPath} file={c} label={`CSV: ${c.name}`} />)}
              </ul>
            </details>
          )}
          {result.pdfError && <p className="field__error">No PDF: {result.pdfError}</p>}
        </Section>
      )}
      <ReportVersions />
    </div>
  );
}
