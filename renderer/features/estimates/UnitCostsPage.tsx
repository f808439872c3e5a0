import { useState } from 'react';
import { useNavigate } from 'react-router';
import { unitCostName, type UnitCost } from '../../../shared/domain/estimates';
import { callOrThrow, CallError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { ConfirmDialog } from '../../kit/feedback/ConfirmDialog';
import { EmptyState, ErrorSummary } from '../../kit/feedback/Feedback';
import { SelectField, TextField } from '../../kit/form/fields';
import { namedOptions } from '../../kit/form/options';
import { formatMoney } from '../../kit/format/money';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { useSort } from '../../kit/list/useSort';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { Section } from '../../kit/page/Section';
import { useDeleteWithUndo } from '../../kit/record/useDeleteWithUndo';
import { EstimatesHeader } from './EstimatesHeader';
import { ParameterSetsSection } from './ParameterSetsSection';
import { DeflatorTable, GradeTable } from './ReferenceTables';
import { UnitCostCells, UNIT_COST_COLUMNS, UNIT_COST_SORTS } from './UnitCostCells';
import { UnitCostForm } from './UnitCostForm';
import { UnitCostImport } from './UnitCostImport';
import { countOf } from '../../kit/format/number';

export function UnitCostsPage() {
  const f = useFilters({ text: '' });
  const list = useApi('unitCost.list', f.active, { placeholderData: (prev) => prev });
  const sort = useSort<UnitCost>({ ...UNIT_COST_SORTS, category: (u) => u.category, source: (u) => u.source, quality: (u) => u.quality });
  const interventions = useApi('intervention.list', {});
  const remove = useDeleteWithUndo('unitCost.delete', 'unitCosts');
  const navigate = useNavigate();
  const [using, setUsing] = useState<UnitCost | null>(null);
  const [target, setTarget] = useState('');
  const [kind, setKind] = useState<'cost' | 'benefit'>('benefit');
  const [useError, setUseError] = useState<CallError | null>(null);
  const [editing, setEditing] = useState<UnitCost | null>(null);

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
      <Section id="library-heading" title="Unit-cost library">
        <FilteredList
          label="Search unit costs"
          formClassName=""
          filters={<TextField label="Search by code, description, unit or agency" type="search" {...f.bind('text')} />}
          query={list}
          what="unit costs"
          filtered={f.any}
          noMatch="No unit costs match"
          noMatchHint="Try another word."
          empty={
            <EmptyState title="The library is empty">
              <p>Import a unit-cost table or the Unit Cost Database workbook below, or add a unit cost by hand; then lines can be built as unit cost × volume.</p>
            </EmptyState>
          }
        >
          {(rows) => (
            <div className="table-scroll" role="region" aria-label="Unit costs, scrollable" tabIndex={0}>
              <DataTable
                className="table table--compact"
                caption={countOf(rows.length, 'unit cost')}
                sorting={sort}
                columns={[...UNIT_COST_COLUMNS, ...sortable(['Category', 'category'], ['Source', 'source'], ['Quality', 'quality']), { label: 'Actions', hidden: true }]}
              >
                {sort.apply(rows).map((u) => (
                  <tr key={u.id}>
                    <UnitCostCells unit={u} />
                    <td>
                      {u.category ?? '—'}
                      {u.healthValue && <span className="badge"> Health or life value</span>}
                    </td>
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
                        Use in a line<span className="visually-hidden"> ({unitCostName(u)})</span>
                      </button>{' '}
                      <button type="button" className="button button--small button--secondary" onClick={() => setEditing(u)}>
                        Edit<span className="visually-hidden"> {unitCostName(u)}</span>
                      </button>{' '}
                      <button type="button" className="button button--small button--secondary" onClick={() => void remove(u, unitCostName(u))}>
                        Delete<span className="visually-hidden"> {unitCostName(u)}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </DataTable>
            </div>
          )}
        </FilteredList>
      </Section>
      <UnitCostForm editing={editing} onDone={() => setEditing(null)} />
      <UnitCostImport />
      <ParameterSetsSection />
      <div className="two-columns">
        <DeflatorTable />
        <GradeTable />
      </div>
      <ConfirmDialog open={using !== null} title="Use this unit cost in a line" confirmLabel="Add the line" onCancel={() => setUsing(null)} onConfirm={() => void addUnitCostLine()}>
        <p>
          {using ? unitCostName(using) : ''} {using?.description}: {formatMoney(using?.valuePence ?? 0)} {using?.unit}. The line's figures will be this unit cost, uprated to the estimate's price year, times the
          volumes you enter.
        </p>
        <ErrorSummary error={useError} />
        {interventions.data?.length ? (
          <>
            <SelectField label="Intervention" value={target} onChange={setTarget} options={namedOptions(interventions.data)} />
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
