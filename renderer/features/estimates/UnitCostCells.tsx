import { unitCostName, type UnitCost } from '../../../shared/domain/estimates';
import { formatMoney } from '../../kit/format/money';
import type { Column } from '../../kit/list/DataTable';

/** The columns a unit cost is known by, in the library and in an import's preview (the library sorts by them). */
export const UNIT_COST_COLUMNS: Column[] = [
  { label: 'Code', sort: 'code' },
  { label: 'Description', sort: 'description' },
  { label: 'Unit', sort: 'unit' },
  { label: 'Agency', sort: 'agency' },
  { label: 'Value', num: true, sort: 'value' },
  { label: 'Price year', sort: 'priceYear' },
];

/** What each of those columns sorts by. */
export const UNIT_COST_SORTS = {
  code: (u: UnitCost) => unitCostName(u),
  description: (u: UnitCost) => u.description,
  unit: (u: UnitCost) => u.unit,
  agency: (u: UnitCost) => u.agency,
  value: (u: UnitCost) => u.valuePence,
  priceYear: (u: UnitCost) => u.priceYear,
};

export function UnitCostCells({ unit: u }: { unit: Pick<UnitCost, 'code' | 'variant' | 'description' | 'unit' | 'agency' | 'valuePence' | 'priceYear'> }) {
  return (
    <>
      <td>{unitCostName(u)}</td>
      <td>{u.description}</td>
      <td>{u.unit}</td>
      <td>{u.agency}</td>
      <td className="num">{formatMoney(u.valuePence)}</td>
      <td>{u.priceYear}</td>
    </>
  );
}
