import type { Migration } from '../migrate';
import { SEED_CONFIDENCE_GRADES, SEED_DEFLATORS } from '../../estimates/seeds';

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
    for (const d of SEED_DEFLATORS) deflator.run(d.id, rev, at, at, d.year, d.index);
    const grade = db.prepare(`INSERT INTO confidence_grades (id, rev, created_at, updated_at, deleted_at, grade, description, optimism_bias) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)`);
    for (const g of SEED_CONFIDENCE_GRADES) grade.run(g.id, rev, at, at, g.grade, g.description, g.optimismBias);
  },
};
