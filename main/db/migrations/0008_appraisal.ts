import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. Appraisal as the Green Book now does it (ESTIMATES.md):
 * - interventions record the parameter set they were made with; every existing one was made with
 *   the figures of the set the workbench ships ('hmt-green-book-2022'), so that is its default;
 * - estimate lines get their own discounting (health and life values on the health schedule) and
 *   can be valued from a parameter set's value per unit; a cost line's own optimism bias may now
 *   reach 200 % (the Green Book's upper bound), so the table is rebuilt to relax its CHECK;
 * - unit costs are keyed by code + variant (the Unit Cost Database repeats codes), and say whether
 *   they are a health or life value and which sheet or area they came from;
 * - deflators say where each figure came from; the starting series shipped in 0004 was an
 *   approximation, and its untouched rows now say so;
 * - new tables: imported parameter sets (as issued, with their signature), impacts not valued in
 *   money, and the wrong-pocket deal.
 * Every new column of an existing table has a default, so bundles made by older versions (whose
 * rows lack it) still import.
 */
const RECORD = `
  id TEXT PRIMARY KEY NOT NULL,
  rev TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;
const SENSITIVITY = `sensitivity TEXT NOT NULL DEFAULT 'partners' CHECK (sensitivity IN ('public','partners','team','personal'))`;
const FRACTION = (c: string) => `${c} REAL NOT NULL DEFAULT 0 CHECK (${c} >= 0 AND ${c} <= 1)`;

/** The columns estimate_lines had before, copied across as they are. */
const LINE_COLUMNS = [
  'id', 'rev', 'created_at', 'updated_at', 'deleted_at', 'intervention_id', 'position', 'kind', 'label', 'organisation_id', 'category',
  'value_type', 'cashable', 'deadweight', 'attribution_to_others', 'displacement', 'drop_off', 'optimism_bias', 'confidence_grade', 'profile',
  'unit_cost_id', 'volumes', 'notes', 'sensitivity',
].join(', ');

const SEEDED_DEFLATOR_SOURCE =
  'Starting value shipped with the workbench: an approximation of HM Treasury’s GDP deflator (2022-23 = 100), not checked against a release. Replace it with the figure from the latest release and say which.';

export const m0008_appraisal: Migration = {
  version: 8,
  name: '0008_appraisal',
  up(db) {
    db.exec(`
      ALTER TABLE interventions ADD COLUMN parameter_set_id TEXT NOT NULL DEFAULT 'hmt-green-book-2022';

      CREATE TABLE estimate_lines_0008 (${RECORD},
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
        optimism_bias REAL CHECK (optimism_bias IS NULL OR (optimism_bias >= 0 AND optimism_bias <= 2)),
        confidence_grade TEXT,
        profile TEXT NOT NULL DEFAULT '[]',
        unit_cost_id TEXT REFERENCES unit_costs(id),
        volumes TEXT,
        notes TEXT,
        ${SENSITIVITY},
        discount TEXT DEFAULT NULL,
        parameter_value TEXT DEFAULT NULL
      ) STRICT;
      INSERT INTO estimate_lines_0008 (${LINE_COLUMNS}) SELECT ${LINE_COLUMNS} FROM estimate_lines;
      DROP TABLE estimate_lines;
      ALTER TABLE estimate_lines_0008 RENAME TO estimate_lines;
      CREATE INDEX estimate_lines_intervention ON estimate_lines (intervention_id, position) WHERE deleted_at IS NULL;

      ALTER TABLE unit_costs ADD COLUMN variant TEXT NOT NULL DEFAULT '';
      ALTER TABLE unit_costs ADD COLUMN category TEXT DEFAULT NULL;
      ALTER TABLE unit_costs ADD COLUMN health_value INTEGER NOT NULL DEFAULT 0 CHECK (health_value IN (0,1));
      DROP INDEX unit_costs_live_code;
      CREATE UNIQUE INDEX unit_costs_live_code_variant ON unit_costs (lower(code), lower(variant)) WHERE deleted_at IS NULL;

      ALTER TABLE deflators ADD COLUMN source TEXT DEFAULT NULL;

      CREATE TABLE parameter_sets (${RECORD},
        set_id TEXT NOT NULL,
        name TEXT NOT NULL,
        issuer TEXT NOT NULL,
        edition TEXT NOT NULL,
        content TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        signer_key TEXT NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        signature TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX parameter_sets_live_set ON parameter_sets (set_id) WHERE deleted_at IS NULL;

      CREATE TABLE non_monetised_impacts (${RECORD},
        intervention_id TEXT NOT NULL REFERENCES interventions(id),
        position INTEGER NOT NULL DEFAULT 0,
        description TEXT NOT NULL,
        direction TEXT NOT NULL DEFAULT 'positive' CHECK (direction IN ('positive','negative','mixed','uncertain')),
        affected TEXT,
        evidence_id TEXT REFERENCES evidence_items(id),
        ${SENSITIVITY}
      ) STRICT;
      CREATE INDEX non_monetised_impacts_intervention ON non_monetised_impacts (intervention_id, position) WHERE deleted_at IS NULL;

      CREATE TABLE portfolio_deals (${RECORD},
        rule TEXT NOT NULL DEFAULT 'gain-share' CHECK (rule IN ('gain-share','pooled-budget')),
        transfers TEXT,
        note TEXT
      ) STRICT;
    `);
    // Only rows still exactly as 0004 seeded them (never edited, so still its revision).
    db.prepare(`UPDATE deflators SET source = ? WHERE rev = '1-5eed0000' AND source IS NULL`).run(SEEDED_DEFLATOR_SOURCE);
  },
};
