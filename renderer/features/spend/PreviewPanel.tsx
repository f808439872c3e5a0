import { SPEND_ROLES, SPEND_ROLE_LABELS, type MappingConfidence, type SpendPreview, type SpendRole } from '../../../shared/domain/spend';
import { SelectField } from '../../kit/form/fields';
import { formatMoney } from '../../kit/format/money';
import { formatNumber } from '../../kit/format/number';
import { DataTable, numeric } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { DetailList } from '../../kit/record/DetailList';
import { LineCells } from './LineCells';

const REQUIRED: SpendRole[] = ['date', 'amount'];

const CONFIDENCE_TEXT: Record<MappingConfidence, string> = {
  saved: 'Saved for this source last time',
  chosen: 'Your choice',
  high: 'Guessed with high confidence',
  medium: 'Guessed with medium confidence: please check',
  low: 'Guessed from the data alone: please check',
};

/** What the file holds and how it will be read: facts, the editable mapping, sample rows, skipped and bad rows. */
export function PreviewPanel({ preview, disabled, onMappingChange }: { preview: SpendPreview; disabled: boolean; onMappingChange(role: SpendRole, index: number | null): void }) {
  const options = preview.headers.map((h, i) => ({ value: String(i), label: h }));
  return (
    <>
      <Section id="preview-heading" title="What the file holds">
        <DetailList
          items={[
            { label: 'File', value: `${preview.fileName}${preview.sheet !== null ? ` — sheet "${preview.sheet}"` : ''}` },
            {
              label: 'Read as',
              value:
                preview.kind === 'xlsx'
                  ? 'Excel workbook (XLSX)'
                  : `CSV, ${preview.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8'} text, separated by ${preview.delimiter === '\t' ? 'tabs' : `"${preview.delimiter}"`}`,
            },
            { label: 'Header row', value: `Row ${preview.headerRow}` },
            { label: 'Dates', value: preview.dateOrder === 'dmy' ? 'Day first (e.g. 04/07/2017 is 4 July)' : 'Month first (e.g. 07/04/2017 is 4 July), as the file shows' },
            {
              label: 'Transactions',
              value: (
                <>
                  {formatNumber(preview.rows)} lines totalling <strong>{formatMoney(preview.totalPence)}</strong>
                </>
              ),
            },
            { label: 'Not transactions', value: preview.skippedTotal === 0 ? 'None' : `${formatNumber(preview.skippedTotal)} rows skipped (listed below)` },
            { label: 'Unreadable', value: preview.badRowTotal === 0 ? 'None' : `${formatNumber(preview.badRowTotal)} rows whose amount or date cannot be read` },
          ]}
        />
      </Section>

      <Section id="mapping-heading" title="Columns">
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
      </Section>

      <Section id="sample-heading" title="First lines as read">
        {preview.sample.length === 0 ? (
          <p>No transaction lines could be read with these columns.</p>
        ) : (
          <div className="spend-scroll">
            <DataTable
              caption={`The first ${preview.sample.length} of ${formatNumber(preview.rows)} lines`}
              columns={['Row', 'Date', 'Year', ...numeric('Amount'), 'Supplier', 'Service area', 'Expense type', 'Transaction id']}
            >
              {preview.sample.map((l) => (
                <tr key={l.row}>
                  <td>{l.row}</td>
                  <td className="spend-nowrap">{l.date}</td>
                  <td className="spend-nowrap">{l.financialYear}</td>
                  <LineCells line={l} />
                  <td>{l.transactionRef ?? '—'}</td>
                </tr>
              ))}
            </DataTable>
          </div>
        )}
      </Section>

      {preview.badRowTotal > 0 && (
        <Section id="bad-heading" title={`Rows that cannot be read (${formatNumber(preview.badRowTotal)})`} className="card spend-warning">
          <p>These look like transactions, but their amount or date cannot be read. Nothing is guessed: correct the file and choose it again, pick a different column above, or leave them out when you import.</p>
          <RowList rows={preview.badRows} total={preview.badRowTotal} />
        </Section>
      )}

      {preview.skippedTotal > 0 && (
        <details className="card">
          <summary>
            <h2 className="inline-heading">Rows skipped as not transactions ({formatNumber(preview.skippedTotal)})</h2>
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
      {total > rows.length && <p className="muted">… and {formatNumber(total - rows.length)} more.</p>}
    </>
  );
}
