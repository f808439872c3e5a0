import { formatDate } from '../../kit/format/date';
import { SPEND_ROLES, SPEND_ROLE_LABELS, type DateStyle, type MappingConfidence, type SpendPreview, type SpendRole, type SpendYearTotal } from '../../../shared/domain/spend';
import { SelectField, TextField } from '../../kit/form/fields';
import { formatMoney } from '../../kit/format/money';
import { countOf, formatNumber } from '../../kit/format/number';
import { DataTable, numeric } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { DetailList } from '../../kit/record/DetailList';
import { LineCells } from './LineCells';

const REQUIRED: SpendRole[] = ['amount'];

const CONFIDENCE_TEXT: Record<MappingConfidence, string> = {
  saved: 'Saved for this source last time',
  chosen: 'Your choice',
  high: 'Guessed with high confidence',
  medium: 'Guessed with medium confidence: please check',
  low: 'Guessed from the data alone: please check',
};

/** What the preview says about the dates: what the file shows, never a default. */
const DATE_STYLE_TEXT: Record<DateStyle, string> = {
  dmy: 'Day first (e.g. 04/07/2017 is 4 July), as the file shows',
  mdy: 'Month first (e.g. 07/04/2017 is 4 July), as the file shows',
  iso: 'Year first (e.g. 2017-07-04)',
  named: 'With month names (e.g. 4 Jul 2017)',
  excel: 'Excel dates',
  mixed: 'Written in more than one way (each read as written; numeric ones day first)',
  period: 'None in the file: every line is given the period',
  none: 'No dates read',
};

/** What the file holds and how it will be read: facts, the editable mapping with its problems in place, sample rows, skipped and bad rows. */
export function PreviewPanel({
  preview,
  disabled,
  period,
  onPeriodChange,
  onPeriodSubmit,
  onMappingChange,
}: {
  preview: SpendPreview;
  disabled: boolean;
  period: string;
  onPeriodChange(v: string): void;
  onPeriodSubmit(): void;
  onMappingChange(role: SpendRole, index: number | null): void;
}) {
  const options = preview.headers.map((h, i) => ({ value: String(i), label: h }));
  const problems = preview.mappingProblems;
  const undated = !preview.mapping.date;
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
            { label: 'Dates', value: DATE_STYLE_TEXT[preview.dateStyle] },
            ...(preview.period ? [{ label: 'Period', value: `${preview.period.label} (${preview.period.from} to ${preview.period.to}, financial year ${preview.period.financialYear})` }] : []),
            ...(preview.dateFrom && !preview.period ? [{ label: 'Date range', value: `${formatDate(preview.dateFrom)} to ${formatDate(preview.dateTo)}` }] : []),
            {
              label: 'Transactions',
              value: (
                <>
                  {countOf(preview.rows, 'line')} totalling <strong>{formatMoney(preview.totalPence)}</strong>
                  <YearTotals years={preview.years} />
                </>
              ),
            },
            { label: 'Not transactions', value: preview.skippedTotal === 0 ? 'None' : `${countOf(preview.skippedTotal, 'row')} skipped (listed below)` },
            { label: 'Unreadable', value: preview.badRowTotal === 0 ? 'None' : `${countOf(preview.badRowTotal, 'row')} whose amount or date cannot be read` },
          ]}
        />
      </Section>

      <Section id="mapping-heading" title="Columns">
        <p className="muted">Check what each column means. Your choices are saved for this organisation, so its next file with the same columns maps itself.</p>
        {Object.keys(problems).length > 0 && (
          <div className="spend-problem" role="alert">
            <p>Before this file can be imported:</p>
            <ul>
              {Object.entries(problems).map(([role, text]) => (
                <li key={role}>{text}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="spend-mapping">
          {SPEND_ROLES.map((role) => {
            const g = preview.mapping[role];
            return (
              <SelectField
                key={role}
                label={`${SPEND_ROLE_LABELS[role]}${REQUIRED.includes(role) ? '' : ' (optional)'}`}
                hint={role === 'date' && !g ? 'Not in this file: give the period below' : g ? CONFIDENCE_TEXT[g.confidence] : 'Not found in this file'}
                error={problems[role]}
                value={g ? String(g.index) : ''}
                emptyLabel="Not in this file"
                options={options}
                onChange={(v) => !disabled && onMappingChange(role, v === '' ? null : Number(v))}
              />
            );
          })}
        </div>
        {undated && (
          <form
            aria-label="The period this file covers"
            onSubmit={(e) => {
              e.preventDefault();
              onPeriodSubmit();
            }}
          >
            <TextField
              label="Period the file covers"
              hint={`This file has no dates, so every line is given one period: a month (2011-04), a financial year (2011-12) or a range of days (2011-04-01..2011-06-30).${preview.periodGuess ? ` ${preview.periodGuess} is read from the file's name or title: check it.` : ''}`}
              value={period}
              onChange={onPeriodChange}
            />
            <button type="submit" className="button button--secondary" disabled={disabled || !period.trim()}>
              Preview with this period
            </button>
          </form>
        )}
      </Section>

      <Section id="sample-heading" title="First lines as read">
        {preview.sample.length === 0 ? (
          <p>No transaction lines could be read with these columns.</p>
        ) : (
          <div className="spend-scroll" role="region" aria-label="The first lines, scrollable" tabIndex={0}>
            <DataTable
              caption={`The first ${preview.sample.length} of ${formatNumber(preview.rows)} lines`}
              columns={['Row', 'Date', 'Year', ...numeric('Amount'), 'Supplier', 'Service area', 'Expense type', 'Transaction id']}
            >
              {preview.sample.map((l) => (
                <tr key={l.row}>
                  <td>{l.row}</td>
                  <td className="spend-nowrap">{preview.period ? preview.period.label : l.date}</td>
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

/** Lines and spend per UK financial year (April to March), never added across years. */
export function YearTotals({ years }: { years: SpendYearTotal[] }) {
  if (years.length === 0) return null;
  return (
    <ul className="spend-years" aria-label="By financial year">
      {years.map((y) => (
        <li key={y.year}>
          {y.year}: {formatMoney(y.totalPence)} ({countOf(y.rows, 'line')})
        </li>
      ))}
    </ul>
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
