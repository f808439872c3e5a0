import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. The estimates tables (see ESTIMATES.md). Money is integer pence; fractions
 * are REAL 0–1; profiles are JSON arrays of {low, central, high}, one per year.
 * Interventions, their lines and links carry a sensitivity (lines and links mirror their
 * intervention's) so bundle export can decide about each row on its own.
 */
const RECORD = `
  id TEXT PRIMARY KEY NOT NULL,
  rev TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;
const SENSITIVITY = `sensitivity TEXT NOT NULL DEFAULT 'partners' CHECK (sensitivity IN ('public','partners','team','personal'))`;
const FRACTION = (c: string) => `${c} REAL NOT NULL DEFAULT 0 CHECK (${c} >= 0 AND ${c} <= 1)`;

/**
 * The starting rows of the two editable reference tables, frozen as they shipped: defaults a team
 * is expected to check and edit on the Unit costs page, not authoritative figures.
 *
 * GDP deflator at market prices, financial years, 2022-23 = 100: approximately HM Treasury's
 * published series (outturn to 2023-24, OBR forecast after); the latest release is on gov.uk
 * ("GDP deflators at market prices, and money GDP"). [id, year, index]
 */
const SEED_DEFLATORS: readonly (readonly [string, string, number])[] = [
  ['01940000-0000-7000-8000-d00000000000', '2005-06', 65.9],
  ['01940000-0000-7000-8000-d00000000001', '2006-07', 67.7],
  ['01940000-0000-7000-8000-d00000000002', '2007-08', 69.4],
  ['01940000-0000-7000-8000-d00000000003', '2008-09', 71.2],
  ['01940000-0000-7000-8000-d00000000004', '2009-10', 72.7],
  ['01940000-0000-7000-8000-d00000000005', '2010-11', 74.0],
  ['01940000-0000-7000-8000-d00000000006', '2011-12', 75.3],
  ['01940000-0000-7000-8000-d00000000007', '2012-13', 76.4],
  ['01940000-0000-7000-8000-d00000000008', '2013-14', 77.9],
  ['01940000-0000-7000-8000-d00000000009', '2014-15', 79.0],
  ['01940000-0000-7000-8000-d00000000010', '2015-16', 79.5],
  ['01940000-0000-7000-8000-d00000000011', '2016-17', 81.2],
  ['01940000-0000-7000-8000-d00000000012', '2017-18', 82.6],
  ['01940000-0000-7000-8000-d00000000013', '2018-19', 84.3],
  ['01940000-0000-7000-8000-d00000000014', '2019-20', 86.2],
  ['01940000-0000-7000-8000-d00000000015', '2020-21', 90.6],
  ['01940000-0000-7000-8000-d00000000016', '2021-22', 90.5],
  ['01940000-0000-7000-8000-d00000000017', '2022-23', 100.0],
  ['01940000-0000-7000-8000-d00000000018', '2023-24', 106.6],
  ['01940000-0000-7000-8000-d00000000019', '2024-25', 110.0],
  ['01940000-0000-7000-8000-d00000000020', '2025-26', 112.8],
  ['01940000-0000-7000-8000-d00000000021', '2026-27', 115.2],
  ['01940000-0000-7000-8000-d00000000022', '2027-28', 117.5],
  ['01940000-0000-7000-8000-d00000000023', '2028-29', 119.9],
  ['01940000-0000-7000-8000-d00000000024', '2029-30', 122.3],
  ['01940000-0000-7000-8000-d00000000025', '2030-31', 124.7],
];

/**
 * Confidence grades proposing an optimism-bias correction, in the spirit of the New Economy /
 * GMCA cost-benefit guidance: the weaker the evidence behind a figure, the bigger the correction.
 * [id, grade, description, optimism bias]
 */
const SEED_CONFIDENCE_GRADES: readonly (readonly [string, string, string, number])[] = [
  ['01940000-0000-7000-8000-c00000000000', 'A', 'Independently audited or evaluated local data', 0.05],
  ['01940000-0000-7000-8000-c00000000001', 'B', 'Local administrative data, not independently checked', 0.1],
  ['01940000-0000-7000-8000-c00000000002', 'C', 'Robust evaluation from a comparable place, or a national unit cost', 0.2],
  ['01940000-0000-7000-8000-c00000000003', 'D', 'Expert judgement, or evidence from a different context', 0.4],
  ['01940000-0000-7000-8000-c00000000004', 'E', 'An assumption with little evidence behind it', 0.6],
];

export const m0004_estimates: Migration = {
  version: 4,
  name: '0004_estimates',
  up(db) {
    db.exec(`
      CREATE TABLE unit_costs (${RECORD},
        code TEXT NOT NULL,
        description TEXT NOT NULL,
        unit TEXT NOT NULL,
        agency TEXT NOT NULL,
        value_pence INTEGER NOT NULL CHECK (value_pence >= 0),
        price_year TEXT NOT NULL,
        source TEXT,
        quality TEXT
      ) STRICT;
      CREATE UNIQUE INDEX unit_costs_live_code ON unit_costs (lower(code)) WHERE deleted_at IS NULL;

      CREATE TABLE deflators (${RECORD},
        year TEXT NOT NULL,
        "index" REAL NOT NULL CHECK ("index" > 0)
      ) STRICT;
      CREATE UNIQUE INDEX deflators_live_year ON deflators (year) WHERE deleted_at IS NULL;

      CREATE TABLE confidence_grades (${RECORD},
        grade TEXT NOT NULL,
        description TEXT,
        ${FRACTION('optimism_bias')}
      ) STRICT;
      CREATE UNIQUE INDEX confidence_grades_live_grade ON confidence_grades (lower(grade)) WHERE deleted_at IS NULL;

      CREATE TABLE interventions (${RECORD},
        name TEXT NOT NULL,
        description TEXT,
        theme_id TEXT REFERENCES themes(id),
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','proposed','agreed','not-taken-forward')),
        start_year TEXT NOT NULL,
        years INTEGER NOT NULL CHECK (years >= 1 AND years <= 400),
        price_year TEXT NOT NULL,
        discount TEXT NOT NULL,
        optimism_bias TEXT NOT NULL,
        simulation TEXT NOT NULL,
        ${SENSITIVITY}
      ) STRICT;

      CREATE TABLE estimate_lines (${RECORD},
        intervention_id TEXT NOT NULL REFERENCES interventions(id),
        position INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL CHECK (kind IN ('cost','benefit')),
        label TEXT NOT NULL,
        organisation_id TEXT REFERENCES organisations(id),
        category TEXT CHECK (category IN ('capital','revenue','in-kind')),
        value_type TEXT CHECK (value_type IN ('fiscal','economic','social')),
        cashable INTEGER NOT NULL DEFAULT 0 CHECK (cashable IN (0,1)),
        ${FRACTION('deadweight')},
        ${FRACTION('attribution_to_others')},
        ${FRACTION('displacement')},
        ${FRACTION('drop_off')},
        optimism_bias REAL CHECK (optimism_bias IS NULL OR (optimism_bias >= 0 AND optimism_bias <= 1)),
        confidence_grade TEXT,
        profile TEXT NOT NULL DEFAULT '[]',
        unit_cost_id TEXT REFERENCES unit_costs(id),
        volumes TEXT,
        notes TEXT,
        ${SENSITIVITY}
      ) STRICT;
      CREATE INDEX estimate_lines_intervention ON estimate_lines (intervention_id, position) WHERE deleted_at IS NULL;

      CREATE TABLE intervention_links (${RECORD},
        intervention_id TEXT NOT NULL REFERENCES interventions(id),
        hypothesis_id TEXT REFERENCES hypotheses(id),
        evidence_id TEXT REFERENCES evidence_items(id),
        note TEXT,
        ${SENSITIVITY},
        CHECK ((hypothesis_id IS NULL) <> (evidence_id IS NULL))
      ) STRICT;
      CREATE INDEX intervention_links_intervention ON intervention_links (intervention_id) WHERE deleted_at IS NULL;
    `);

    // Seeded rows have fixed ids, so two teams' copies of the defaults are the same records when
    // bundles are exchanged (edits then merge like any other edit instead of duplicating rows).
    // They get no record_revisions entry: a migration adds tables, it does not write history.
    const at = '2026-01-01T00:00:00.000Z';
    const rev = '1-5eed0000';
    const deflator = db.prepare(`INSERT INTO deflators (id, rev, created_at, updated_at, deleted_at, year, "index") VALUES (?, ?, ?, ?, NULL, ?, ?)`);
    for (const [id, year, index] of SEED_DEFLATORS) deflator.run(id, rev, at, at, year, index);
    const grade = db.prepare(`INSERT INTO confidence_grades (id, rev, created_at, updated_at, deleted_at, grade, description, optimism_bias) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)`);
    for (const [id, name, description, optimismBias] of SEED_CONFIDENCE_GRADES) grade.run(id, rev, at, at, name, description, optimismBias);
  },
};
