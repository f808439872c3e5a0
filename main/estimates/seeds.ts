/**
 * Starting values for the two editable reference tables. They are defaults a team is expected to
 * check and edit (on the Unit costs page), not authoritative figures.
 */

/**
 * GDP deflator at market prices, financial years, 2022-23 = 100. Approximately HM Treasury's
 * published series (outturn to 2023-24, OBR forecast after); replace with the latest release
 * from gov.uk ("GDP deflators at market prices, and money GDP") when uprating matters.
 */
const DEFLATORS: [string, number][] = [
  ['2005-06', 65.9],
  ['2006-07', 67.7],
  ['2007-08', 69.4],
  ['2008-09', 71.2],
  ['2009-10', 72.7],
  ['2010-11', 74.0],
  ['2011-12', 75.3],
  ['2012-13', 76.4],
  ['2013-14', 77.9],
  ['2014-15', 79.0],
  ['2015-16', 79.5],
  ['2016-17', 81.2],
  ['2017-18', 82.6],
  ['2018-19', 84.3],
  ['2019-20', 86.2],
  ['2020-21', 90.6],
  ['2021-22', 90.5],
  ['2022-23', 100.0],
  ['2023-24', 106.6],
  ['2024-25', 110.0],
  ['2025-26', 112.8],
  ['2026-27', 115.2],
  ['2027-28', 117.5],
  ['2028-29', 119.9],
  ['2029-30', 122.3],
  ['2030-31', 124.7],
];

export const SEED_DEFLATORS = DEFLATORS.map(([year, index], i) => ({
  id: `01940000-0000-7000-8000-d0000000${String(i).padStart(4, '0')}`,
  year,
  index,
}));

/**
 * Confidence grades proposing an optimism-bias correction, in the spirit of the New Economy /
 * GMCA cost-benefit guidance: the weaker the evidence behind a figure, the bigger the correction
 * (benefits cut, costs raised, by this fraction). The percentages are a documented assumption
 * to be edited to local guidance.
 */
export const SEED_CONFIDENCE_GRADES = [
  { grade: 'A', description: 'Independently audited or evaluated local data', optimismBias: 0.05 },
  { grade: 'B', description: 'Local administrative data, not independently checked', optimismBias: 0.1 },
  { grade: 'C', description: 'Robust evaluation from a comparable place, or a national unit cost', optimismBias: 0.2 },
  { grade: 'D', description: 'Expert judgement, or evidence from a different context', optimismBias: 0.4 },
  { grade: 'E', description: 'An assumption with little evidence behind it', optimismBias: 0.6 },
].map((g, i) => ({ id: `01940000-0000-7000-8000-c0000000000${i}`, ...g }));
