import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { interventionAppraisal } from '../../../shared/calc/appraisal';
import { financialYearAt } from '../../../shared/calc/estimateModel';
import { modelOf, organisationNamer } from '../../../shared/calc/interventionModel';
import { evaluateEstimate, switchingValues, yearlyProfile } from '../../../shared/calc/savings';
import { deflatorSeries } from '../../../shared/calc/parameterSets';
import { uprateFactor } from '../../../shared/calc/uprating';
import type { InterventionDetail } from '../../../shared/contract/estimates';
import { callOrThrow } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../kit/feedback/ConfirmDialog';
import { ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { formatMoney } from '../../kit/format/money';
import { useDeleteWithUndo } from '../../kit/record/useDeleteWithUndo';
import { useRecordDeletion } from '../../kit/record/useRecordDeletion';
import { withRecord } from '../../kit/record/withRecord';
import { AppraisalCard } from './AppraisalCard';
import { lineDraftOf, parseLine, parseSettings, settingsDraftOf, type LineDraft, type SettingsDraft } from './drafts';
import { EstimatesHeader } from './EstimatesHeader';
import { ExportButtons } from './ExportButtons';
import { LineCard, type UnitCostInfo } from './LineCard';
import { LinksCard } from './LinksCard';
import { ResultsPanel } from './ResultsPanel';
import { SettingsCard } from './SettingsCard';
import { useAutosave } from './useAutosave';

// Keyed by id: opening another intervention starts a fresh editor.
const EditorRoute = ({ record }: { record: InterventionDetail }) => <Editor key={record.intervention.id} detail={record} />;

export const InterventionPage = withRecord('intervention.get', 'the estimate', { to: '/estimates', label: 'Back to savings estimates' }, EditorRoute);

/** Revisions move on with every autosave; the editor keeps the latest it has seen per record. */
type Revs = Map<string, string>;

function Editor({ detail }: { detail: InterventionDetail }) {
  const overview = useApi('pilot.overview', {});
  const grades = useApi('confidenceGrade.list', {});
  const unitCosts = useApi('unitCost.list', {});
  const deflators = useApi('deflator.list', {});
  const sets = useApi('parameterSet.list', {});
  const addLine = useApiMutation('estimateLine.add');
  const removeLine = useDeleteWithUndo('estimateLine.delete', 'estimateLines');
  const revs = useRef<Revs>(new Map([[detail.intervention.id, detail.intervention.rev], ...detail.lines.map((l) => [l.id, l.rev] as const)]));

  const [settings, setSettings] = useState<SettingsDraft>(() => settingsDraftOf(detail.intervention));
  const [lines, setLines] = useState<LineDraft[]>(() => detail.lines.map(lineDraftOf));

  // Lines added or deleted elsewhere (or by this page) arrive with a refetch: keep drafts being typed.
  useEffect(() => {
    for (const l of detail.lines) if (!revs.current.has(l.id)) revs.current.set(l.id, l.rev);
    setLines((current) => {
      const byId = new Map(current.map((d) => [d.id, d]));
      return detail.lines.map((l) => byId.get(l.id) ?? lineDraftOf(l));
    });
  }, [detail.lines]);

  const parsedSettings = useMemo(() => parseSettings(settings), [settings]);
  const years = parsedSettings.errors.years ? detail.intervention.years : parsedSettings.value.years;
  const startYear = parsedSettings.errors.startYear ? detail.intervention.startYear : parsedSettings.value.startYear;
  const priceYear = parsedSettings.errors.priceYear ? detail.intervention.priceYear : parsedSettings.value.priceYear;

  const parameterSetId = parsedSettings.value.parameterSetId;
  const parameterSet = sets.data?.find((s) => s.id === parameterSetId)?.content;

  /** The value per unit a line is valued with (a unit cost, or a value from the parameter set), uprated to the price year. */
  const unitInfo = (d: LineDraft): UnitCostInfo | null => {
    const u =
      d.source === 'unit-cost'
        ? unitCosts.data?.find((x) => x.id === d.unitCostId)
        : d.source === 'parameter'
          ? parameterSet?.values.find((v) => v.key === d.parameterValue)
          : undefined;
    if (!u) return null;
    const series = deflatorSeries(parameterSet, deflators.data ?? [], u.priceYear, priceYear);
    const f = uprateFactor(series.points, u.priceYear, priceYear);
    if (!f.ok) return { unit: u.unit, healthValue: u.healthValue, upratedPence: null, message: f.message };
    const uprated = u.valuePence * f.factor;
    return {
      unit: u.unit,
      healthValue: u.healthValue,
      upratedPence: uprated,
      message:
        f.factor === 1
          ? `${formatMoney(u.valuePence)} ${u.unit}, already in ${priceYear} prices.`
          : `${formatMoney(u.valuePence)} ${u.unit} in ${u.priceYear} prices is ${formatMoney(Math.round(uprated))} in ${priceYear} prices (deflator ×${f.factor.toFixed(4)}${series.from === 'set' ? `, from ${parameterSet?.name ?? 'the parameter set'}` : ''}).`,
    };
  };

  const parsedLines = lines.map((d) => parseLine(d, years, d.source === 'amounts' ? null : (unitInfo(d)?.upratedPence ?? null)));

  // The live calculation runs on a deferred copy, so typing stays responsive on big estimates.
  const calcInput = useDeferredValue({ settings: parsedSettings.value, lines: parsedLines.map((p, i) => ({ ...p.patch, kind: lines[i]!.kind, position: i })), years });
  const orgs = useMemo(() => overview.data?.organisations ?? [], [overview.data]);
  const calc = useMemo(() => {
    const model = modelOf({ ...calcInput.settings, years: calcInput.years }, calcInput.lines, organisationNamer(orgs));
    const opts = { parameterSet };
    return { result: evaluateEstimate(model, opts), switching: switchingValues(model, opts), yearly: yearlyProfile(model, opts) };
  }, [calcInput, orgs, parameterSet]);

  const settingsSave = useAutosave(parsedSettings.value, {
    valid: Object.keys(parsedSettings.errors).length === 0,
    save: async (patch) => {
      const id = detail.intervention.id;
      const updated = await callOrThrow('intervention.update', { id, rev: revs.current.get(id)!, patch });
      revs.current.set(id, updated.rev);
      // Unit-cost lines are re-uprated by the service when the price year moves: take their new revisions.
      const fresh = await callOrThrow('intervention.get', { id });
      for (const l of fresh.lines) revs.current.set(l.id, l.rev);
    },
  });

  const name = parsedSettings.value.name || detail.intervention.name;
  // The revision autosave last saw: every save re-renders, so this is current when Delete is pressed.
  const deletion = useRecordDeletion({
    method: 'intervention.delete',
    table: 'interventions',
    record: { id: detail.intervention.id, rev: revs.current.get(detail.intervention.id)! },
    label: name,
    after: '/estimates',
    confirm: { title: 'Delete this intervention?', confirmLabel: 'Delete intervention', body: <p>It moves to the recycle bin with its lines, where it can be restored.</p> },
  });

  // Valued lines need the library, the sets and the deflators to show their figures: never show £0 meanwhile.
  if (overview.isPending || unitCosts.isPending || deflators.isPending || sets.isPending) return <Loading what="the estimate" />;
  const loadError = overview.error ?? unitCosts.error ?? deflators.error ?? sets.error;
  if (loadError) return <ErrorSummary error={loadError} />;
  return (
    <div className="page page--wide">
      <EstimatesHeader title={name}>
        <button type="button" className="button button--danger" onClick={deletion.request}>
          Delete intervention
        </button>
      </EstimatesHeader>
      <p className="breadcrumb">
        <Link to="/estimates">All interventions</Link> · {startYear} to {financialYearAt(startYear, years - 1)} · figures in {priceYear} prices · made with{' '}
        <span data-testid="parameter-set">{parameterSet?.name ?? parameterSetId}</span>
      </p>
      <div className="estimate-layout">
        <div className="estimate-layout__main">
          <SettingsCard draft={settings} errors={parsedSettings.errors} themes={overview.data?.themes ?? []} sets={sets.data ?? []} save={settingsSave} onChange={setSettings} />
          <h2>Costs and benefits</h2>
          {lines.length === 0 && <p className="empty-state">No lines yet. Add the costs (who pays, each year) and the benefits (who gains, each year).</p>}
          {lines.map((d, i) => (
            <LineEditor
              key={d.id}
              draft={d}
              parsed={parsedLines[i]!}
              revs={revs.current}
              startYear={startYear}
              years={years}
              grades={grades.data ?? []}
              unitCosts={unitCosts.data ?? []}
              parameterSet={parameterSet}
              unitInfo={unitInfo(d)}
              switching={calc.switching[i]}
              organisations={orgs}
              onChange={(next) => setLines((ls) => ls.map((x) => (x.id === next.id ? next : x)))}
              onDelete={() => {
                void removeLine({ id: d.id, rev: revs.current.get(d.id)! }, d.label || 'line').then((err) => {
                  if (!err) setLines((ls) => ls.filter((x) => x.id !== d.id));
                });
              }}
            />
          ))}
          <ErrorSummary error={addLine.error} />
          <div className="button-row">
            {(['cost', 'benefit'] as const).map((kind) => (
              <button
                key={kind}
                type="button"
                className="button"
                disabled={addLine.isPending}
                onClick={() =>
                  addLine.mutate({
                    interventionId: detail.intervention.id,
                    kind,
                    label: kind === 'cost' ? 'New cost' : 'New benefit',
                    cashable: kind === 'cost',
                  })
                }
              >
                Add a {kind} line
              </button>
            ))}
          </div>
          <LinksCard interventionId={detail.intervention.id} links={detail.links} />
        </div>
        {/* Results first: they are what people watch while typing figures on the left. */}
        <div className="estimate-layout__side" role="region" aria-label="Results and appraisal" tabIndex={0}>
          <ResultsPanel name={name} result={calc.result} yearly={calc.yearly} startYear={startYear} />
          <AppraisalCard
            interventionId={detail.intervention.id}
            summary={interventionAppraisal(calc.result, calc.switching, [])}
            impacts={detail.impacts}
            startYear={startYear}
          />
          <ExportButtons interventionId={detail.intervention.id} what="this estimate" />
        </div>
      </div>
      {deletion.dialog && <ConfirmDialog {...deletion.dialog} />}
    </div>
  );
}

/** One line with its own autosave. */
function LineEditor(props: {
  draft: LineDraft;
  parsed: ReturnType<typeof parseLine>;
  revs: Revs;
  startYear: string;
  years: number;
  grades: Parameters<typeof LineCard>[0]['grades'];
  unitCosts: Parameters<typeof LineCard>[0]['unitCosts'];
  parameterSet: Parameters<typeof LineCard>[0]['parameterSet'];
  unitInfo: UnitCostInfo | null;
  switching: Parameters<typeof LineCard>[0]['switching'];
  organisations: Parameters<typeof LineCard>[0]['organisations'];
  onChange(next: LineDraft): void;
  onDelete(): void;
}) {
  const { draft, parsed, revs } = props;
  // Valued lines send volumes; the service computes their profile.
  const patch = draft.source !== 'amounts' ? { ...parsed.patch, profile: undefined } : parsed.patch;
  const save = useAutosave(patch, {
    valid: Object.keys(parsed.errors).length === 0,
    save: async (p) => {
      const updated = await callOrThrow('estimateLine.update', { id: draft.id, rev: revs.get(draft.id)!, patch: p });
      revs.set(draft.id, updated.rev);
    },
  });
  return (
    <LineCard
      draft={draft}
      errors={parsed.errors}
      startYear={props.startYear}
      years={props.years}
      organisations={props.organisations}
      grades={props.grades}
      unitCosts={props.unitCosts}
      parameterSet={props.parameterSet}
      unitInfo={props.unitInfo}
      switching={props.switching}
      save={save}
      onChange={props.onChange}
      onDelete={props.onDelete}
    />
  );
}
