import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { UnitCost } from '../../../shared/domain/estimates';
import { callOrThrow, CallError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { useDeleteWithUndo } from '../setup/useDeleteWithUndo';
import { EstimatesHeader } from './EstimatesHeader';
import { gbp } from './format';
import { DeflatorTable, GradeTable } from './ReferenceTables';
import { UnitCostImport } from './UnitCostImport';

export function UnitCostsPage() {
  const [text, setText] = useState('');
  const list = useApi('unitCost.list', text.trim() ? { text: text.trim() } : {}, { placeholderData: (prev) => prev });
  const interventions = useApi('intervention.list', {});
  const remove = useDeleteWithUndo('unitCost.delete', 'unitCosts');
  const navigate = useNavigate();
  const [using, setUsing] = useState<UnitCost | null>(null);
  const [target, setTarget] = useState('');
  const [kind, setKind] = useState<'cost' | 'benefit'>('benefit');
  const [useError, setUseError] = useState<CallError | null>(null);

  const addUnitCostLine = async () => {
    if (!using) return;
    if (!target) {
      setUseError(new CallError('INVALID_INPUT', 'Add an intervention first, then use the unit cost in one of its lines.'));
      return;
    }
    try {
      await callOrThrow('estimateLine.add', {
        interventionId: target,
        kind,
        label: using.description.slice(0, 200),
        unitCostId: using.id,
        volumes: [],
        cashable: kind === 'cost',
      });
      setUsing(null);
      void navigate(`/estimates/${target}`);
    } catch (e) {
      setUseError(e as CallError);
    }
  };

  return (
    <div className="page page--wide">
      <EstimatesHeader title="Unit costs and tables" />
      <section className="card" aria-labelledby="library-heading">
        <h2 id="library-heading">Unit-cost library</h2>
        <form role="search" aria-label="Search unit costs" onSubmit={(e) => e.preventDefault()}>
          <TextField label="Search by code, description, unit or agency" type="search" value={text} onChange={setText} />
        </form>
        {list.isPending && <Loading what="unit costs" />}
        <ErrorSummary error={list.error} />
        {list.data && list.data.length === 0 && (
          <EmptyState title={text.trim() ? 'No unit costs match' : 'The library is empty'}>
            <p>{text.trim() ? 'Try another word.' : 'Import a unit-cost table below; then lines can be built as unit cost × volume.'}</p>
          </EmptyState>
        )}
        {list.data && list.data.length > 0 && (
          <div className="table-scroll">
            <table className="table table--compact">
              <caption>{list.data.length} unit cost{list.data.length === 1 ? '' : 's'}</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Description</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Agency</th>
                  <th scope="col" className="num">Value</th>
                  <th scope="col">Price year</th>
                  <th scope="col">Source</th>
                  <th scope="col">Quality</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((u) => (
                  <tr key={u.id}>
                    <td>{u.code}</td>
                    <td>{u.description}</td>
                    <td>{u.unit}</td>
                    <td>{u.agency}</td>
                    <td className="num">{gbp(u.valuePence)}</td>
                    <td>{u.priceYear}</td>
                    <td>{u.source ?? '—'}</td>
                    <td>{u.quality ?? '—'}</td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => {
                          setUseError(null);
                          setTarget(interventions.data?.[0]?.id ?? '');
                          setUsing(u);
                        }}
                      >
                        Use in a line<span className="visually-hidden"> ({u.code})</span>
                      </button>{' '}
                      <button type="button" className="button button--small button--secondary" onClick={() => void remove(u, u.code)}>
                        Delete<span className="visually-hidden"> {u.code}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <UnitCostImport />
      <div className="two-columns">
        <DeflatorTable />
        <GradeTable />
      </div>
      <ConfirmDialog open={using !== null} title="Use this unit cost in a line" confirmLabel="Add the line" onCancel={() => setUsing(null)} onConfirm={() => void addUnitCostLine()}>
        <p>
          {using?.code} {using?.description}: {gbp(using?.valuePence ?? 0)} {using?.unit}. The line's figures will be this unit cost, uprated to the estimate's price year, times the
          volumes you enter.
        </p>
        <ErrorSummary error={useError} />
        {interventions.data?.length ? (
          <>
            <SelectField label="Intervention" value={target} onChange={setTarget} options={interventions.data.map((i) => ({ value: i.id, label: i.name }))} />
            <SelectField
              label="Line kind"
              value={kind}
              onChange={(v) => setKind(v as 'cost' | 'benefit')}
              options={[
                { value: 'benefit', label: 'Benefit (a cost avoided)' },
                { value: 'cost', label: 'Cost' },
              ]}
            />
          </>
        ) : (
          <p>Add an intervention first, on the Interventions tab.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}
