import { useState } from 'react';
import type { ConfidenceGrade, Deflator } from '../../../shared/domain/estimates';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { TextField } from '../../kit/form/fields';
import { parsePercent, percentInput } from '../../kit/format/number';
import { DataTable } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';

const ACTIONS = { label: 'Actions', hidden: true };

function DeflatorRow({ d }: { d: Deflator }) {
  const update = useApiMutation('deflator.update');
  const [index, setIndex] = useState(String(d.index));
  const [source, setSource] = useState(d.source ?? '');
  const changed = Number(index) !== d.index || source.trim() !== (d.source ?? '');
  return (
    <tr>
      <th scope="row">{d.year}</th>
      <td>
        <input className="grid-input" aria-label={`Deflator index for ${d.year}`} inputMode="decimal" value={index} onChange={(e) => setIndex(e.target.value)} />
        {update.error && <span className="grid-error">{update.error.message}</span>}
      </td>
      <td>
        <input className="grid-input grid-input--wide" aria-label={`Source of the ${d.year} deflator`} value={source} onChange={(e) => setSource(e.target.value)} />
      </td>
      <td className="table__actions">
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={!changed}
          onClick={() => update.mutate({ id: d.id, rev: d.rev, patch: { index: Number(index), source: source.trim() || null } })}
        >
          Save<span className="visually-hidden"> {d.year}</span>
        </button>
      </td>
    </tr>
  );
}

export function DeflatorTable() {
  const list = useApi('deflator.list', {});
  const add = useApiMutation('deflator.add');
  const [year, setYear] = useState('');
  const [index, setIndex] = useState('');
  const [source, setSource] = useState('');
  return (
    <Section id="deflators-heading" title="Deflators">
      <p className="muted">
        Uprating a unit cost from its price year to an estimate's: value × index(estimate's year) ÷ index(unit cost's year). The starting series only approximates HM
        Treasury's GDP deflator (2022-23 = 100) and says so in its source: replace each figure with the latest release, and name the release as its source.
      </p>
      <ErrorSummary error={list.error} />
      <div className="table-scroll table-scroll--short" role="region" aria-label="Deflator index, scrollable" tabIndex={0}>
        <DataTable className="table table--compact" caption="Deflator index by financial year" hideCaption columns={['Year', 'Index', 'Source', ACTIONS]}>
          {(list.data ?? []).map((d) => (
            <DeflatorRow key={`${d.id}-${d.rev}`} d={d} />
          ))}
        </DataTable>
      </div>
      <form
        className="field-row field-row--end"
        aria-label="Add a deflator year"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ year, index: Number(index), source: source.trim() || null }, { onSuccess: () => (setYear(''), setIndex(''), setSource('')) });
        }}
      >
        <TextField label="Year" hint="Like 2031-32" value={year} onChange={setYear} error={fieldError(add.error, 'year')} />
        <TextField label="Index" value={index} onChange={setIndex} error={fieldError(add.error, 'index')} />
        <TextField label="Source" hint="The release it comes from" value={source} onChange={setSource} error={fieldError(add.error, 'source')} />
        <button type="submit" className="button button--secondary">
          Add year
        </button>
      </form>
      {add.error && !add.error.fields && <ErrorSummary error={add.error} />}
    </Section>
  );
}

function GradeRow({ g }: { g: ConfidenceGrade }) {
  const update = useApiMutation('confidenceGrade.update');
  const [description, setDescription] = useState(g.description ?? '');
  const [ob, setOb] = useState(percentInput(g.optimismBias));
  const parsed = parsePercent(ob);
  const changed = description !== (g.description ?? '') || parsed !== g.optimismBias;
  return (
    <tr>
      <th scope="row">{g.grade}</th>
      <td>
        <input className="grid-input grid-input--wide" aria-label={`Grade ${g.grade} description`} value={description} onChange={(e) => setDescription(e.target.value)} />
      </td>
      <td>
        <input className="grid-input" aria-label={`Grade ${g.grade} proposed optimism bias (%)`} inputMode="decimal" value={ob} onChange={(e) => setOb(e.target.value)} />
        {(parsed === 'invalid' || parsed === null) && <span className="grid-error">Enter a percentage from 0 to 100</span>}
        {update.error && <span className="grid-error">{update.error.message}</span>}
      </td>
      <td className="table__actions">
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={!changed || parsed === 'invalid' || parsed === null}
          onClick={() => update.mutate({ id: g.id, rev: g.rev, patch: { description, optimismBias: parsed as number } })}
        >
          Save<span className="visually-hidden"> grade {g.grade}</span>
        </button>
      </td>
    </tr>
  );
}

export function GradeTable() {
  const list = useApi('confidenceGrade.list', {});
  const add = useApiMutation('confidenceGrade.add');
  const [grade, setGrade] = useState('');
  const [description, setDescription] = useState('');
  const [ob, setOb] = useState('');
  return (
    <Section id="grades-heading" title="Confidence grades">
      <p className="muted">
        Grading a line proposes this optimism bias for it (benefits cut, costs raised). The starting values follow the New Economy / GMCA approach of larger corrections for weaker
        evidence; they are an assumption to set to your local guidance.
      </p>
      <ErrorSummary error={list.error} />
      <div className="table-scroll" role="region" aria-label="Confidence grades, scrollable" tabIndex={0}>
        <DataTable className="table table--compact" caption="Confidence grades and the optimism bias each proposes" hideCaption columns={['Grade', 'Meaning', 'Optimism bias (%)', ACTIONS]}>
          {(list.data ?? []).map((g) => (
            <GradeRow key={`${g.id}-${g.rev}`} g={g} />
          ))}
        </DataTable>
      </div>
      <form
        className="field-row field-row--end"
        aria-label="Add a confidence grade"
        onSubmit={(e) => {
          e.preventDefault();
          const p = parsePercent(ob);
          add.mutate({ grade, description, optimismBias: typeof p === 'number' ? p : -1 }, { onSuccess: () => (setGrade(''), setDescription(''), setOb('')) });
        }}
      >
        <TextField label="Grade" value={grade} onChange={setGrade} error={fieldError(add.error, 'grade')} />
        <TextField label="Meaning" value={description} onChange={setDescription} />
        <TextField label="Optimism bias (%)" value={ob} onChange={setOb} error={fieldError(add.error, 'optimismBias')} />
        <button type="submit" className="button button--secondary">
          Add grade
        </button>
      </form>
    </Section>
  );
}
