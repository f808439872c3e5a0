import { unitCostName, type UnitCost } from '../../../shared/domain/estimates';
import { formatMoney } from '../../kit/format/money';
import type { Column } from '../../kit/list/DataTable';

/** The columns a unit cost is known by, in the library and in an import's preview. */
export const UNIT_COST_COLUMNS: Column[] = ['Code', 'Description', 'Unit', 'Agency', { label: 'Value', num: true }, 'Price year'];

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
