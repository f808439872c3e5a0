import type { Migration } from '../migrate';

const RECORD = `
  id TEXT PRIMARY KEY NOT NULL,
  rev TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

const SENSITIVITY = `sensitivity TEXT NOT NULL DEFAULT 'partners' CHECK (sensitivity IN ('public','partners','team','personal'))`;

/** The seeded barrier tags as they shipped: [id, name]. Frozen here, never read from the live list. */
const SEED: readonly (readonly [string, string])[] = [
  ['00000000-0000-7000-8b00-000000000001', 'Extra to the day job'],
  ['00000000-0000-7000-8b00-000000000002', 'Tight timetable'],
  ['00000000-0000-7000-8b00-000000000003', 'Initiative overload'],
  ['00000000-0000-7000-8b00-000000000004', 'History of past partnerships'],
  ['00000000-0000-7000-8b00-000000000005', 'Shared ownership'],
  ['00000000-0000-7000-8b00-000000000006', 'Partnership governance'],
  ['00000000-0000-7000-8b00-000000000007', 'Members running the service rather than steering'],
  ['00000000-0000-7000-8b00-000000000008', 'Disincentives to collaborate'],
  ['00000000-0000-7000-8b00-000000000009', 'Fear that identified savings will be cut from budgets'],
  ['00000000-0000-7000-8b00-000000000010', 'Decommissioning'],
  ['00000000-0000-7000-8b00-000000000011', 'National vs local remit'],
  ['00000000-0000-7000-8b00-000000000012', 'Pressure for quick wins'],
  ['00000000-0000-7000-8b00-000000000013', 'Reorganisation as a reflex'],
  ['00000000-0000-7000-8b00-000000000014', 'Other'],
];
const SEED_AT = '2026-01-01T00:00:00.000Z';

/**
 * FROZEN once shipped. The learning log, the barrier tags, recommendations and actions, and the
 * benefits register. Id lists that only ever point outwards (an action's hypotheses and
 * interventions, an entry's barrier tags) are JSON arrays; an entry's hypothesis links are rows
 * of learning_links so a hypothesis can find the learning about it with an index.
 */
export const m0005_learning: Migration = {
  version: 5,
  name: '0005_learning',
  up(db) {
    db.exec(`
      CREATE TABLE barriers (${RECORD},
        name TEXT NOT NULL,
        description TEXT
      ) STRICT;
      CREATE UNIQUE INDEX barriers_live_name ON barriers (lower(name)) WHERE deleted_at IS NULL;

      CREATE TABLE learning_entries (${RECORD},
        kind TEXT NOT NULL CHECK (kind IN ('did-not-work','failed','difficult','lesson')),
        title TEXT NOT NULL,
        what_happened TEXT,
        why TEXT,
        do_differently TEXT,
        author TEXT,
        occurred_on TEXT NOT NULL,
        theme_id TEXT REFERENCES themes(id),
        barrier_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(barrier_ids) AND json_type(barrier_ids) = 'array'),
        ${SENSITIVITY}
      ) STRICT;
      CREATE INDEX learning_entries_occurred ON learning_entries (occurred_on) WHERE deleted_at IS NULL;

      CREATE TABLE learning_links (${RECORD},
        entry_id TEXT NOT NULL REFERENCES learning_entries(id),
        hypothesis_id TEXT NOT NULL REFERENCES hypotheses(id)
      ) STRICT;
      CREATE UNIQUE INDEX learning_links_pair ON learning_links (entry_id, hypothesis_id);
      CREATE INDEX learning_links_hypothesis ON learning_links (hypothesis_id) WHERE deleted_at IS NULL;

      CREATE TABLE actions (${RECORD},
        kind TEXT NOT NULL DEFAULT 'action' CHECK (kind IN ('recommendation','action')),
        title TEXT NOT NULL,
        description TEXT,
        organisation_id TEXT REFERENCES organisations(id),
        owner TEXT,
        due_date TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','in-progress','done','dropped')),
        beyond_pilot INTEGER NOT NULL DEFAULT 0 CHECK (beyond_pilot IN (0,1)),
        hypothesis_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(hypothesis_ids) AND json_type(hypothesis_ids) = 'array'),
        intervention_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(intervention_ids) AND json_type(intervention_ids) = 'array'),
        ${SENSITIVITY}
      ) STRICT;
      CREATE INDEX actions_due ON actions (due_date) WHERE deleted_at IS NULL;

      CREATE TABLE benefits (${RECORD},
        title TEXT NOT NULL,
        owner TEXT,
        organisation_id TEXT REFERENCES organisations(id),
        measure TEXT,
        target TEXT,
        full_year_pence INTEGER NOT NULL CHECK (full_year_pence >= 0),
        cash_releasing INTEGER NOT NULL DEFAULT 0 CHECK (cash_releasing IN (0,1)),
        starts_on TEXT,
        intervention_id TEXT,
        notes TEXT
      ) STRICT;

      CREATE TABLE benefit_realisations (${RECORD},
        benefit_id TEXT NOT NULL REFERENCES benefits(id),
        realised_on TEXT NOT NULL,
        realised_pence INTEGER NOT NULL,
        note TEXT
      ) STRICT;
      CREATE INDEX benefit_realisations_benefit ON benefit_realisations (benefit_id, realised_on);
    `);
    // Fixed ids and a fixed first revision, so two installations hold identical seed rows and a
    // bundle between them sees no change. (No history row: a migration adds no rows to existing tables.)
    const insert = db.prepare(`INSERT INTO barriers (id, rev, created_at, updated_at, name) VALUES (?, '1-00000000', ?, ?, ?)`);
    for (const [id, name] of SEED) insert.run(id, SEED_AT, SEED_AT, name);
  },
};
