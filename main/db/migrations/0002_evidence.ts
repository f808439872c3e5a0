import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. The evidence tables.
 *
 * evidence_items, evidence_attachments and evidence_links are versioned record tables (see
 * 0001_init for the bookkeeping columns). The rest is derived data that never travels in bundles:
 *   evidence_blob_text   text extracted from a plain-text/CSV/Markdown attachment, keyed by the
 *                        blob's hash (so identical files are read once), bounded in size;
 *   evidence_search_rows a stable integer row id per item for the FTS index (an INTEGER PRIMARY
 *                        KEY survives VACUUM, the implicit rowid of evidence_items would not);
 *   evidence_fts         the FTS5 index over title, summary, tags and attachment text.
 * Triggers keep the index in step with every write in the same transaction, whoever makes it:
 * the evidence services, the recycle bin's generic restore, or a bundle import. Deleted items
 * (in the recycle bin) are taken out of the index and put back on restore.
 */
const RECORD = `
  id TEXT PRIMARY KEY NOT NULL,
  rev TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

const KINDS = `'spend_analysis','performance_data','citizen_journey','citizen_interview','citizen_story','citizen_survey','practitioner_view','document','observation'`;

/** Rewrites the index rows of the items selected by `items` (a condition on evidence_items e). */
const refresh = (items: string) => `
    DELETE FROM evidence_fts WHERE rowid IN (
      SELECT s.row_id FROM evidence_search_rows s JOIN evidence_items e ON e.id = s.evidence_id WHERE ${items});
    INSERT INTO evidence_fts (rowid, title, summary, tags, body)
      SELECT s.row_id, e.title, coalesce(e.summary, ''),
        (SELECT coalesce(group_concat(j.value, ' '), '') FROM json_each(e.tags) j),
        coalesce((SELECT group_concat(t.text, char(10)) FROM evidence_attachments a
                  JOIN evidence_blob_text t ON t.sha256 = a.sha256
                  WHERE a.evidence_id = e.id AND a.deleted_at IS NULL), '')
      FROM evidence_items e JOIN evidence_search_rows s ON s.evidence_id = e.id
      WHERE e.deleted_at IS NULL AND ${items};`;

/** Adds `sign` × one link (`new` or `old`) to its hypothesis's bucket, if the link and its item are live. */
const count = (link: 'new' | 'old', sign: 1 | -1) => `
    INSERT INTO evidence_rating_counts (hypothesis_id, rating, weight, n, citizen)
      SELECT ${link}.hypothesis_id, ${link}.rating, ${link}.weight, ${sign}, ${sign} * i.citizen_perspective
      FROM evidence_items i WHERE i.id = ${link}.evidence_id AND i.deleted_at IS NULL AND ${link}.deleted_at IS NULL
      ON CONFLICT (hypothesis_id, rating, weight) DO UPDATE SET n = n + excluded.n, citizen = citizen + excluded.citizen;`;

/** Adds (sign 1) or takes away (sign -1) all live links of an item in state `item` (`new` or `old`), if that state is live. */
const countItem = (item: 'new' | 'old', sign: 1 | -1) => `
    INSERT INTO evidence_rating_counts (hypothesis_id, rating, weight, n, citizen)
      SELECT l.hypothesis_id, l.rating, l.weight, ${sign} * count(*), ${sign} * count(*) * ${item}.citizen_perspective
      FROM evidence_links l WHERE ${item}.deleted_at IS NULL AND l.evidence_id = ${item}.id AND l.deleted_at IS NULL
      GROUP BY l.hypothesis_id, l.rating, l.weight
      ON CONFLICT (hypothesis_id, rating, weight) DO UPDATE SET n = n + excluded.n, citizen = citizen + excluded.citizen;`;

const VALUE = `CASE l.rating WHEN 'CC' THEN 2 WHEN 'C' THEN 1 WHEN 'N' THEN 0 WHEN 'I' THEN -1 WHEN 'II' THEN -2 ELSE NULL END`;
const LIVE_LINKS_OF_X = `FROM evidence_links l JOIN hypotheses h ON h.id = l.hypothesis_id AND h.deleted_at IS NULL WHERE l.evidence_id = x.id AND l.deleted_at IS NULL`;
/**
 * Recomputes the spread of the items listed by `items` (a SELECT of ids named `id`). Each item
 * reads only its own live links through evidence_links_item, so a write costs a few rows.
 */
const spread = (items: string) => `
    INSERT OR REPLACE INTO evidence_item_spread (evidence_id, diagnosticity, linked)
      SELECT x.id,
        (SELECT CASE WHEN count(${VALUE}) >= 2 THEN max(${VALUE}) - min(${VALUE}) ELSE 0 END ${LIVE_LINKS_OF_X}),
        (SELECT count(*) ${LIVE_LINKS_OF_X})
      FROM (${items}) x;`;

export const m0002_evidence: Migration = {
  version: 2,
  name: '0002_evidence',
  up(db) {
    db.exec(`
      CREATE TABLE evidence_items (${RECORD},
        title TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN (${KINDS})),
        summary TEXT,
        source TEXT,
        organisation_id TEXT REFERENCES organisations(id),
        observed_on TEXT,
        reported_on TEXT,
        collected_by TEXT,
        sensitivity TEXT NOT NULL CHECK (sensitivity IN ('public','partners','team','personal')),
        tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
        citizen_perspective INTEGER NOT NULL DEFAULT 0 CHECK (citizen_perspective IN (0,1)),
        theme_id TEXT REFERENCES themes(id)
      ) STRICT;
      CREATE INDEX evidence_items_live_created ON evidence_items (created_at DESC, id DESC) WHERE deleted_at IS NULL;
      CREATE INDEX evidence_items_kind ON evidence_items (kind) WHERE deleted_at IS NULL;
      CREATE INDEX evidence_items_organisation ON evidence_items (organisation_id) WHERE deleted_at IS NULL;
      CREATE INDEX evidence_items_theme ON evidence_items (theme_id) WHERE deleted_at IS NULL;

      CREATE TABLE evidence_attachments (${RECORD},
        evidence_id TEXT NOT NULL REFERENCES evidence_items(id),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        file_name TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        media_type TEXT NOT NULL
      ) STRICT;
      CREATE INDEX evidence_attachments_item ON evidence_attachments (evidence_id);
      CREATE INDEX evidence_attachments_blob ON evidence_attachments (sha256);

      CREATE TABLE evidence_links (${RECORD},
        evidence_id TEXT NOT NULL REFERENCES evidence_items(id),
        hypothesis_id TEXT NOT NULL REFERENCES hypotheses(id),
        rating TEXT NOT NULL CHECK (rating IN ('CC','C','N','I','II','NA')),
        weight TEXT NOT NULL DEFAULT 'medium' CHECK (weight IN ('high','medium','low')),
        note TEXT
      ) STRICT;
      -- One live link per pair; a deleted link may be recreated.
      CREATE UNIQUE INDEX evidence_links_live_pair ON evidence_links (evidence_id, hypothesis_id) WHERE deleted_at IS NULL;
      -- Covering indexes: the matrix and the per-hypothesis lists read ratings without the table.
      CREATE INDEX evidence_links_item ON evidence_links (evidence_id, hypothesis_id, rating, weight) WHERE deleted_at IS NULL;
      CREATE INDEX evidence_links_hypothesis ON evidence_links (hypothesis_id, evidence_id, rating, weight) WHERE deleted_at IS NULL;

      CREATE TABLE evidence_blob_text (
        sha256 TEXT PRIMARY KEY NOT NULL,
        text TEXT NOT NULL,
        truncated INTEGER NOT NULL CHECK (truncated IN (0,1))
      ) STRICT;

      CREATE TABLE evidence_search_rows (
        row_id INTEGER PRIMARY KEY,
        evidence_id TEXT NOT NULL UNIQUE
      ) STRICT;

      -- prefix indexes make the as-you-type last word ("hosp*") cheap even with a large vocabulary.
      CREATE VIRTUAL TABLE evidence_fts USING fts5(title, summary, tags, body, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3 4');

      -- Matrix aggregates, kept by triggers so a million links are never re-read to draw the matrix.
      -- How many live links of each (rating, weight) each hypothesis has from live items, and how
      -- many of those items give the citizen's perspective. The scores are computed from these
      -- counts by shared/calc/ach.ts, so the maths has one definition.
      CREATE TABLE evidence_rating_counts (
        hypothesis_id TEXT NOT NULL,
        rating TEXT NOT NULL,
        weight TEXT NOT NULL,
        n INTEGER NOT NULL,
        citizen INTEGER NOT NULL,
        PRIMARY KEY (hypothesis_id, rating, weight)
      ) STRICT;
      -- Each item's spread of ratings across live hypotheses (the ACH scale CC +2 … II -2, NA
      -- ignored; the same scale as shared/calc/ach.ts, which the tests check it against), so the
      -- matrix can sort 100,000 items by diagnosticity through an index.
      CREATE TABLE evidence_item_spread (
        evidence_id TEXT PRIMARY KEY NOT NULL,
        diagnosticity INTEGER NOT NULL,
        linked INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX evidence_item_spread_order ON evidence_item_spread (diagnosticity DESC, evidence_id) WHERE linked > 0;
      CREATE INDEX evidence_items_live_updated ON evidence_items (updated_at DESC, id) WHERE deleted_at IS NULL;
      CREATE INDEX evidence_items_live_title ON evidence_items (title COLLATE NOCASE, id) WHERE deleted_at IS NULL;

      CREATE TRIGGER evidence_items_index_insert AFTER INSERT ON evidence_items BEGIN
        INSERT OR IGNORE INTO evidence_search_rows (evidence_id) VALUES (new.id);
        ${refresh('e.id = new.id')}
      END;
      CREATE TRIGGER evidence_items_index_update AFTER UPDATE OF title, summary, tags, deleted_at ON evidence_items BEGIN
        ${refresh('e.id = new.id')}
      END;
      CREATE TRIGGER evidence_attachments_index_insert AFTER INSERT ON evidence_attachments BEGIN
        ${refresh('e.id = new.evidence_id')}
      END;
      CREATE TRIGGER evidence_attachments_index_update AFTER UPDATE OF deleted_at ON evidence_attachments BEGIN
        ${refresh('e.id = new.evidence_id')}
      END;
      CREATE TRIGGER evidence_links_counts_insert AFTER INSERT ON evidence_links BEGIN
        ${count('new', 1)}
        ${spread('SELECT new.evidence_id AS id')}
      END;
      CREATE TRIGGER evidence_links_counts_update AFTER UPDATE OF rating, weight, deleted_at, evidence_id, hypothesis_id ON evidence_links BEGIN
        ${count('old', -1)}
        ${count('new', 1)}
        ${spread('SELECT new.evidence_id AS id UNION SELECT old.evidence_id')}
      END;
      CREATE TRIGGER evidence_items_counts_update AFTER UPDATE OF deleted_at, citizen_perspective ON evidence_items BEGIN
        ${countItem('old', -1)}
        ${countItem('new', 1)}
      END;
      CREATE TRIGGER evidence_hypotheses_spread AFTER UPDATE OF deleted_at ON hypotheses BEGIN
        ${spread('SELECT DISTINCT evidence_id AS id FROM evidence_links WHERE hypothesis_id = new.id AND deleted_at IS NULL')}
      END;
      CREATE TRIGGER evidence_blob_text_index AFTER INSERT ON evidence_blob_text BEGIN
        ${refresh('e.id IN (SELECT a.evidence_id FROM evidence_attachments a WHERE a.sha256 = new.sha256)')}
      END;
    `);
  },
};
