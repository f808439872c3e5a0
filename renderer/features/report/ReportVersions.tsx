import { useState } from 'react';
import type { ReportVersion } from '../../../shared/domain/report';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { Section } from '../../kit/page/Section';
import { FileLink, FORMAT_LABELS } from './ReportFiles';

/** Every report generated: what went out, when, by whom, how it was marked, and each file's hash — and its files again. */
export function ReportVersions() {
  const versions = useApi('report.versions', {});
  const again = useApiMutation('report.versionFiles');
  const [asked, setAsked] = useState<string | null>(null);
  if (!versions.data || versions.data.length === 0) return null;
  const label = (v: ReportVersion) => `version ${v.version}`;
  return (
    <Section id="report-versions" title="Reports generated">
      <p className="muted">Each report is kept exactly as it was generated, so the team can say what went to the board. The hash identifies the file.</p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">Reports generated, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Generated</th>
              <th scope="col">By</th>
              <th scope="col">Marking</th>
              <th scope="col">Sections</th>
              <th scope="col">SHA-256 of the HTML</th>
              <th scope="col"><span className="visually-hidden">Files</span></th>
            </tr>
          </thead>
          <tbody>
            {versions.data.map((v) => (
              <tr key={v.id}>
                <th scope="row">{v.version}</th>
                <td>{formatDate(v.generatedAt, 'minute')}</td>
                <td>{v.generatedBy}</td>
                <td>{v.marking}</td>
                <td>
                  {v.sections.length}
                  {v.withheld.team + v.withheld.personal > 0 && <span className="muted"> ({v.withheld.team + v.withheld.personal} held back)</span>}
                </td>
                <td>
                  <code title={v.sha256}>{v.sha256.slice(0, 12)}…</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    aria-label={`Get the files of ${label(v)} again`}
                    disabled={again.isPending}
                    onClick={() => {
                      setAsked(v.id);
                      again.mutate({ id: v.id });
                    }}
                  >
                    Get files
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {asked && <ErrorSummary error={again.error} />}
      {again.data && !again.isPending && (
        <div role="status">
          <h3>Version {again.data.version.version}, {again.data.version.marking}</h3>
          <ul className="file-list">
            {again.data.files.map((f) => (
              <FileLink key={f.urlPath} file={f} label={FORMAT_LABELS[f.format]} />
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
