import { SPEND_ROLES, SPEND_ROLE_LABELS, type SpendPreview, type SpendRole } from '../../../shared/domain/spend';
import { SelectField } from '../../components/Field';
import { CONFIDENCE_TEXT, formatPounds } from './format';

const REQUIRED: SpendRole[] = ['date', 'amount'];

/** What the file holds and how it will be read: facts, the editable mapping, sample rows, skipped and bad rows. */
export function PreviewPanel({ preview, disabled, onMappingChange }: { preview: SpendPreview; disabled: boolean; onMappingChange(role: SpendRole, index: number | null): void }) {
  const options = preview.headers.map((h, i) => ({ value: String(i), label: h }));
  return (
    <>
      <section className="card" aria-labelledby="preview-heading">
        <h2 id="preview-heading">What the file holds</h2>
        <dl className="details">
          <dt>File</dt>
          <dd>
            {preview.fileName}
            {preview.sheet !== null && ` — sheet "${preview.sheet}"`}
          </dd>
          <dt>Read as</dt>
          <dd>
            {preview.kind === 'xlsx' ? 'Excel workbook (XLSX)' : `CSV, ${preview.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8'} text, separated by ${preview.delimiter === '\t' ? 'tabs' : `"${preview.delimiter}"`}`}
          </dd>
          <dt>Header row</dt>
          <dd>Row {preview.headerRow}</dd>
          <dt>Dates</dt>
          <dd>{preview.dateOrder === 'dmy' ? 'Day first (e.g. 04/07/2017 is 4 July)' : 'Month first (e.g. 07/04/2017 is 4 July), as the file shows'}</dd>
          <dt>Transactions</dt>
          <dd>
            {preview.rows.toLocaleString('en-GB')} lines totalling <strong>{formatPounds(preview.totalPence)}</strong>
          </dd>
          <dt>Not transactions</dt>
          <dd>{preview.skippedTotal === 0 ? 'None' : `${preview.skippedTotal.toLocaleString('en-GB')} rows skipped (listed below)`}</dd>
          <dt>Unreadable</dt>
          <dd>{preview.badRowTotal === 0 ? 'None' : `${preview.badRowTotal.toLocaleString('en-GB')} rows whose amount or date cannot be read`}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="mapping-heading">
        <h2 id="mapping-heading">Columns</h2>
        <p className="muted">Check what each column means. Your choices are saved for this organisation, so its next file with the same columns maps itself.</p>
        <div className="spend-mapping">
          {SPEND_ROLES.map((role) => {
            const g = preview.mapping[role];
            return (
              <SelectField
                key={role}
                label={`${SPEND_ROLE_LABELS[role]}${REQUIRED.includes(role) ? '' : ' (optional)'}`}
                hint={g ? CONFIDENCE_TEXT[g.confidence] : 'Not found in this file'}
                value={g ? String(g.index) : ''}
                emptyLabel="Not in this file"
                options={options}
                onChange={(v) => !disabled && onMappingChange(role, v === '' ? null : Number(v))}
              />
            );
          })}
        </div>
      </section>

      <section className="card" aria-labelledby="sample-heading">
        <h2 id="sample-heading">First lines as read</h2>
        {preview.sample.length === 0 ? (
          <p>No transaction lines could be read with these columns.</p>
        ) : (
          <div className="spend-scroll">
            <table className="table">
              <caption>The first {preview.sample.length} of {preview.rows.toLocaleString('en-GB')} lines</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Date</th>
                  <th scope="col">Year</th>
                  <th scope="col" className="num">Amount</th>
                  <th scope="col">Supplier</th>
                  <th scope="col">Service area</th>
                  <th scope="col">Expense type</th>
                  <th scope="col">Transaction id</th>
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((l) => (
                  <tr key={l.row}>
                    <td>{l.row}</td>
                    <td className="spend-nowrap">{l.date}</td>
                    <td className="spend-nowrap">{l.financialYear}</td>
                    <td className="num spend-nowrap">{formatPounds(l.amountPence)}</td>
                    <td>{l.supplier ?? '—'}</td>
                    <td>{l.serviceArea ?? '—'}</td>
                    <td>{l.expenseType ?? '—'}</td>
                    <td>{l.transactionRef ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {preview.badRowTotal > 0 && (
        <section className="card spend-warning" aria-labelledby="bad-heading">
          <h2 id="bad-heading">Rows that cannot be read ({preview.badRowTotal.toLocaleString('en-GB')})</h2>
          <p>These look like transactions, but their amount or date cannot be read. Nothing is guessed: correct the file and choose it again, pick a different column above, or leave them out when you import.</p>
          <RowList rows={preview.badRows} total={preview.badRowTotal} />
        </section>
      )}

      {preview.skippedTotal > 0 && (
        <details className="card">
          <summary>
            <h2 className="inline-heading">Rows skipped as not transactions ({preview.skippedTotal.toLocaleString('en-GB')})</h2>
          </summary>
          <RowList rows={preview.skipped} total={preview.skippedTotal} />
        </details>
      )}
    </>
  );
}

function RowList({ rows, total }: { rows: { row: number; reason: string }[]; total: number }) {
  return (
    <>
      <ul className="spend-rows">
        {rows.map((r) => (
          <li key={r.row}>
            Row {r.row}: {r.reason}
          </li>
        ))}
      </ul>
      {total > rows.length && <p className="muted">… and {(total - rows.length).toLocaleString('en-GB')} more.</p>}
    </>
  );
}
