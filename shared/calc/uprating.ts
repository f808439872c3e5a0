/**
 * Uprating money between price years with a deflator index (e.g. HM Treasury's GDP deflator):
 * value in year B = value in year A × index(B) / index(A). Unit costs are published in their own
 * price year; an estimate is in one price year, so a unit cost is uprated before it multiplies
 * the volumes.
 */
import type { ProfileCell, VolumeCell } from '../domain/estimates';
import { roundPence } from './savings';

export interface DeflatorPoint {
  year: string;
  index: number;
}

export type UprateResult = { ok: true; factor: number } | { ok: false; message: string };

export function uprateFactor(deflators: readonly DeflatorPoint[], from: string, to: string): UprateResult {
  if (from === to) return { ok: true, factor: 1 };
  const a = deflators.find((d) => d.year === from);
  const b = deflators.find((d) => d.year === to);
  if (!a) return { ok: false, message: `There is no deflator for ${from}; add it to the deflator table to uprate from that price year.` };
  if (!b) return { ok: false, message: `There is no deflator for ${to}; add it to the deflator table to uprate to that price year.` };
  return { ok: true, factor: b.index / a.index };
}

/** Profile = unit cost (uprated) × volume, per year and per low / central / high, in whole pence. */
export function profileFromUnitCost(unitCostPence: number, factor: number, volumes: readonly VolumeCell[]): ProfileCell[] {
  const unit = unitCostPence * factor;
  return volumes.map((v) => ({ low: roundPence(unit * v.low), central: roundPence(unit * v.central), high: roundPence(unit * v.high) }));
}
