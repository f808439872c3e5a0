import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. Citizen insight at the level of the quote, ACH with separate credibility
 * and relevance, text extracted from every kind of attachment, and one search over everything.
 *
 * Versioned record tables (see 0001_init for the bookkeeping columns):
 *   evidence_codes        the team's code book (a name, unique among live codes, and a description);
 *   evidence_quotes       a passage of an item's notes or of an attachment's text, with its codes
 *                         (ids of evidence_codes, a JSON array), speaker / persona and citizen flag;
 *   evidence_quote_links  a quote rated against a hypothesis, exactly like an item's link.
 * Changed record tables (new columns are NULL or defaulted, so bundles from older versions import):
 *   evidence_links        credibility and relevance, each high/medium/low. A link from an older
 *                         version has only its one "weight": a trigger copies it into both, so its
 *                         weighted score is unchanged (shared/calc/ach.ts: √ of the old factor each);
 *   evidence_items        pseudonymised: the labels names were replaced with (never the names);
 *   hypotheses            indicators: what to watch for that would show the analysis going wrong.
 * Derived data (never travels):
 *   evidence_blob_text    gains the outcome of extraction (text, no text found, unsupported, …) and
 *                         the extractor's version, so an upgrade re-reads what it can now read;
 *   evidence_attachment_text  an attachment's text after a name in it was pseudonymised;
 *   search_rows + search_<kind>_fts  one FTS5 index per kind of record, kept by triggers in the
 *                         same transaction as every write (services, restore, bundle import);
 *   search_spend_*        supplier names and spend descriptions per organisation, with payment
 *                         counts and totals, filled per imported spend file by main/search (a
 *                         million lines are grouped once per file, outside the import) and taken
 *                         out again by a trigger when the file is deleted.
 * The matrix aggregates are rebuilt keyed by credibility and relevance, and count quote links too.
 */
const RECORD = `
  id TEXT PRIMARY KEY NOT NULL,
  rev TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

const LEVEL = `IN ('high','medium','low')`;
const RATINGS = `IN ('CC','C','N','I','II','NA')`;
const TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3 4'`;

/** The evidence index: as in 0002, but body text now comes only from attachments whose text was read, pseudonymised where it was. */
const refreshEvidence = (items: string) => `
    DELETE FROM evidence_fts WHERE rowid IN (
      SELECT s.row_id FROM evidence_search_rows s JOIN evidence_items e ON e.id = s.evidence_id WHERE ${items});
    INSERT INTO evidence_fts (rowid, title, summary, tags, body)
      SELECT s.row_id, e.title, coalesce(e.summary, ''),
        (SELECT coalesce(group_concat(j.value, ' '), '') FROM json_each(e.tags) j),
        coalesce((SELECT group_concat(coalesce(p.text, t.text), char(10)) FROM evidence_attachments a
                  JOIN evidence_blob_text t ON t.sha256 = a.sha256 AND t.status = 'text'
                  LEFT JOIN evidence_attachment_text p ON p.attachment_id = a.id
                  WHERE a.evidence_id = e.id AND a.deleted_at IS NULL), '')
      FROM evidence_items e JOIN evidence_search_rows s ON s.evidence_id = e.id
      WHERE e.deleted_at IS NULL AND ${items};`;

/** A trigger that refreshes the evidence index of the items selected by `items` after `op` on `table`. */
const blobTrigger = (name: string, op: 'INSERT' | 'UPDATE' | 'DELETE', table: string, items: string) => `
      CREATE TRIGGER ${name} AFTER ${op} ON ${table} BEGIN
        ${refreshEvidence(items)}
      END;`;

/**
 * One kind of record in the search: its table, the FTS columns (title, body) as SQL over the row
 * `r`, when a row is searchable, and the columns whose change rewrites its entry.
 */
interface Kind {
  kind: string;
  table: string;
  title: string;
  body: string;
  live: string;
  columns: string[];
}

const joined = (...exprs: string[]) => exprs.map((e) => `coalesce(${e}, '')`).join(` || char(10) || `);

const KINDS: Kind[] = [
  {
    kind: 'quote',
    table: 'evidence_quotes',
    title: 'r.text',
    body: `${joined('r.speaker', 'r.note')} || char(10) ||
      coalesce((SELECT group_concat(c.name, ' ') FROM json_each(r.code_ids) j JOIN evidence_codes c ON c.id = j.value AND c.deleted_at IS NULL), '')`,
    live: `r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM evidence_items i WHERE i.id = r.evidence_id AND i.deleted_at IS NULL)`,
    columns: ['text', 'speaker', 'note', 'code_ids'],
  },
  {
    kind: 'hypothesis',
    table: 'hypotheses',
    title: 'r.statement',
    body: joined('r.rationale', 'r.support_criteria', 'r.refute_criteria', 'r.indicators'),
    live: 'r.deleted_at IS NULL',
    columns: ['statement', 'rationale', 'support_criteria', 'refute_criteria', 'indicators'],
  },
  {
    kind: 'learning',
    table: 'learning_entries',
    title: 'r.title',
    body: joined('r.what_happened', 'r.why', 'r.do_differently'),
    live: 'r.deleted_at IS NULL',
    columns: ['title', 'what_happened', 'why', 'do_differently'],
  },
  {
    kind: 'action',
    table: 'actions',
    title: 'r.title',
    body: joined('r.description', 'r.owner'),
    live: 'r.deleted_at IS NULL',
    columns: ['title', 'description', 'owner'],
  },
  {
    kind: 'intervention',
    table: 'interventions',
    title: 'r.name',
    body: joined('r.description'),
    live: 'r.deleted_at IS NULL',
    columns: ['name', 'description'],
  },
];

/** Rewrites the entries of the rows of `k` selected by `where` (a condition on r). */
const refreshKind = (k: Kind, where: string) => `
    DELETE FROM search_${k.kind}_fts WHERE rowid IN (
      SELECT s.row_id FROM search_rows s JOIN ${k.table} r ON r.id = s.record_id AND s.kind = '${k.kind}' WHERE ${where});
    INSERT INTO search_${k.kind}_fts (rowid, title, body)
      SELECT s.row_id, coalesce(${k.title}, ''), ${k.body}
      FROM ${k.table} r JOIN search_rows s ON s.kind = '${k.kind}' AND s.record_id = r.id
      WHERE ${k.live} AND ${where};`;

const kindSql = (k: Kind) => `
      CREATE VIRTUAL TABLE search_${k.kind}_fts USING fts5(title, body, ${TOKENIZE});
      INSERT INTO search_rows (kind, record_id) SELECT '${k.kind}', id FROM ${k.table};
      INSERT INTO search_${k.kind}_fts (rowid, title, body)
        SELECT s.row_id, coalesce(${k.title}, ''), ${k.body}
        FROM ${k.table} r JOIN search_rows s ON s.kind = '${k.kind}' AND s.record_id = r.id WHERE ${k.live};
      CREATE TRIGGER search_${k.kind}_insert AFTER INSERT ON ${k.table} BEGIN
        INSERT OR IGNORE INTO search_rows (kind, record_id) VALUES ('${k.kind}', new.id);
        ${refreshKind(k, 'r.id = new.id')}
      END;
      CREATE TRIGGER search_${k.kind}_update AFTER UPDATE OF ${[...k.columns, 'deleted_at'].join(', ')} ON ${k.table} BEGIN
        ${refreshKind(k, 'r.id = new.id')}
      END;`;

const QUOTE = KINDS[0]!;

// ---- matrix aggregates -----------------------------------------------------------------------

/** An item link's credibility and relevance: its own, or (a link from an older version) its weight. */
const cred = (l: string) => `coalesce(${l}.credibility, ${l}.weight)`;
const rel = (l: string) => `coalesce(${l}.relevance, ${l}.weight)`;
const UPSERT = `ON CONFLICT (hypothesis_id, rating, credibility, relevance) DO UPDATE SET n = n + excluded.n, citizen = citizen + excluded.citizen;`;

/** ± one item link (`new` or `old`), if it and its item are live. */
const countLink = (link: 'new' | 'old', sign: 1 | -1) => `
    INSERT INTO evidence_rating_counts (hypothesis_id, rating, credibility, relevance, n, citizen)
      SELECT ${link}.hypothesis_id, ${link}.rating, ${cred(link)}, ${rel(link)}, ${sign}, ${sign} * i.citizen_perspective
      FROM evidence_items i WHERE i.id = ${link}.evidence_id AND i.deleted_at IS NULL AND ${link}.deleted_at IS NULL ${UPSERT}`;

/** ± one quote link, if it, its quote and the quote's item are live (the quote's own citizen flag counts). */
const countQuoteLink = (link: 'new' | 'old', sign: 1 | -1) => `
    INSERT INTO evidence_rating_counts (hypothesis_id, rating, credibility, relevance, n, citizen)
      SELECT ${link}.hypothesis_id, ${link}.rating, ${link}.credibility, ${link}.relevance, ${sign}, ${sign} * q.citizen_perspective
      FROM evidence_quotes q JOIN evidence_items i ON i.id = q.evidence_id AND i.deleted_at IS NULL
      WHERE q.id = ${link}.quote_id AND q.deleted_at IS NULL AND ${link}.deleted_at IS NULL ${UPSERT}`;

/** ± every live link of an item in state `item`, and of its live quotes, if that state is live. */
const countItem = (item: 'new' | 'old', sign: 1 | -1) => `
    INSERT INTO evidence_rating_counts (hypothesis_id, rating, credibility, relevance, n, citizen)
      SELECT l.hypothesis_id, l.rating, ${cred('l')}, ${rel('l')}, ${sign} * count(*), ${sign} * count(*) * ${item}.citizen_perspective
      FROM evidence_links l WHERE ${item}.deleted_at IS NULL AND l.evidence_id = ${item}.id AND l.deleted_at IS NULL
      GROUP BY 1, 2, 3, 4 ${UPSERT}
    INSERT INTO evidence_rating_counts (hypothesis_id, rating, credibility, relevance, n, citizen)
      SELECT ql.hypothesis_id, ql.rating, ql.credibility, ql.relevance, ${sign} * count(*), ${sign} * sum(q.citizen_perspective)
      FROM evidence_quotes q JOIN evidence_quote_links ql ON ql.quote_id = q.id AND ql.deleted_at IS NULL
      WHERE ${item}.deleted_at IS NULL AND q.evidence_id = ${item}.id AND q.deleted_at IS NULL
      GROUP BY 1, 2, 3, 4 ${UPSERT}`;

/** ± every live link of a quote in state `quote`, if that state and its item are live. */
const countQuote = (quote: 'new' | 'old', sign: 1 | -1) => `
    INSERT INTO evidence_rating_counts (hypothesis_id, rating, credibility, relevance, n, citizen)
      SELECT ql.hypothesis_id, ql.rating, ql.credibility, ql.relevance, ${sign} * count(*), ${sign} * count(*) * ${quote}.citizen_perspective
      FROM evidence_quote_links ql JOIN evidence_items i ON i.id = ${quote}.evidence_id AND i.deleted_at IS NULL
      WHERE ${quote}.deleted_at IS NULL AND ql.quote_id = ${quote}.id AND ql.deleted_at IS NULL
      GROUP BY 1, 2, 3, 4 ${UPSERT}`;

const VALUE = `CASE l.rating WHEN 'CC' THEN 2 WHEN 'C' THEN 1 WHEN 'N' THEN 0 WHEN 'I' THEN -1 WHEN 'II' THEN -2 ELSE NULL END`;
const LIVE_LINKS_OF_X = `FROM evidence_links l JOIN hypotheses h ON h.id = l.hypothesis_id AND h.deleted_at IS NULL WHERE l.evidence_id = x.id AND l.deleted_at IS NULL`;
const LIVE_QUOTE_LINKS_OF_X = `FROM evidence_quotes q JOIN evidence_quote_links ql ON ql.quote_id = q.id AND ql.deleted_at IS NULL
  JOIN hypotheses h ON h.id = ql.hypothesis_id AND h.deleted_at IS NULL WHERE q.evidence_id = x.id AND q.deleted_at IS NULL`;
/**
 * Each item's spread (as in 0002, from its own links); `linked` now also counts its quotes' live
 * links, so an item whose only ratings are on its quotes still has a place in the matrix.
 */
const spread = (items: string) => `
    INSERT OR REPLACE INTO evidence_item_spread (evidence_id, diagnosticity, linked)
      SELECT x.id,
        (SELECT CASE WHEN count(${VALUE}) >= 2 THEN max(${VALUE}) - min(${VALUE}) ELSE 0 END ${LIVE_LINKS_OF_X}),
        (SELECT count(*) ${LIVE_LINKS_OF_X}) + (SELECT count(*) ${LIVE_QUOTE_LINKS_OF_X})
      FROM (${items}) x;`;

export const m0010_quotes_search: Migration = {
  version: 10,
  name: '0010_quotes_search',
  up(db) {
    db.exec(`
      -- Extraction outcome per blob. Rows written before this version hold text read from
      -- .txt/.csv/.md files (extractor 1).
      ALTER TABLE evidence_blob_text ADD COLUMN status TEXT NOT NULL DEFAULT 'text'
        CHECK (status IN ('text','empty','unsupported','failed','timeout','too_large'));
      ALTER TABLE evidence_blob_text ADD COLUMN detail TEXT;
      ALTER TABLE evidence_blob_text ADD COLUMN extractor INTEGER NOT NULL DEFAULT 1;

      CREATE TABLE evidence_attachment_text (
        attachment_id TEXT PRIMARY KEY NOT NULL REFERENCES evidence_attachments(id),
        text TEXT NOT NULL
      ) STRICT;

      ALTER TABLE evidence_items ADD COLUMN pseudonymised TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(pseudonymised) AND json_type(pseudonymised) = 'array');
      ALTER TABLE hypotheses ADD COLUMN indicators TEXT DEFAULT NULL;
      ALTER TABLE evidence_links ADD COLUMN credibility TEXT DEFAULT NULL CHECK (credibility ${LEVEL});
      ALTER TABLE evidence_links ADD COLUMN relevance TEXT DEFAULT NULL CHECK (relevance ${LEVEL});

      CREATE TABLE evidence_codes (${RECORD},
        name TEXT NOT NULL,
        description TEXT
      ) STRICT;
      CREATE UNIQUE INDEX evidence_codes_live_name ON evidence_codes (lower(name)) WHERE deleted_at IS NULL;

      CREATE TABLE evidence_quotes (${RECORD},
        evidence_id TEXT NOT NULL REFERENCES evidence_items(id),
        attachment_id TEXT REFERENCES evidence_attachments(id),
        text TEXT NOT NULL,
        start_offset INTEGER CHECK (start_offset >= 0),
        speaker TEXT,
        citizen_perspective INTEGER NOT NULL DEFAULT 0 CHECK (citizen_perspective IN (0,1)),
        code_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(code_ids) AND json_type(code_ids) = 'array'),
        note TEXT
      ) STRICT;
      CREATE INDEX evidence_quotes_item ON evidence_quotes (evidence_id, created_at);

      CREATE TABLE evidence_quote_links (${RECORD},
        quote_id TEXT NOT NULL REFERENCES evidence_quotes(id),
        hypothesis_id TEXT NOT NULL REFERENCES hypotheses(id),
        rating TEXT NOT NULL CHECK (rating ${RATINGS}),
        credibility TEXT NOT NULL DEFAULT 'medium' CHECK (credibility ${LEVEL}),
        relevance TEXT NOT NULL DEFAULT 'medium' CHECK (relevance ${LEVEL}),
        note TEXT
      ) STRICT;
      CREATE UNIQUE INDEX evidence_quote_links_live_pair ON evidence_quote_links (quote_id, hypothesis_id) WHERE deleted_at IS NULL;
      CREATE INDEX evidence_quote_links_hypothesis ON evidence_quote_links (hypothesis_id, quote_id) WHERE deleted_at IS NULL;

      -- The matrix aggregates, rebuilt with the new key and quote links.
      DROP TRIGGER evidence_links_counts_insert;
      DROP TRIGGER evidence_links_counts_update;
      DROP TRIGGER evidence_items_counts_update;
      DROP TRIGGER evidence_hypotheses_spread;
      DROP TABLE evidence_rating_counts;
      -- Existing links keep their weighted score: both judgements start at the old weight.
      UPDATE evidence_links SET credibility = weight, relevance = weight;
      CREATE TABLE evidence_rating_counts (
        hypothesis_id TEXT NOT NULL,
        rating TEXT NOT NULL,
        credibility TEXT NOT NULL,
        relevance TEXT NOT NULL,
        n INTEGER NOT NULL,
        citizen INTEGER NOT NULL,
        PRIMARY KEY (hypothesis_id, rating, credibility, relevance)
      ) STRICT;
      INSERT INTO evidence_rating_counts (hypothesis_id, rating, credibility, relevance, n, citizen)
        SELECT l.hypothesis_id, l.rating, l.credibility, l.relevance, count(*), sum(i.citizen_perspective)
        FROM evidence_links l JOIN evidence_items i ON i.id = l.evidence_id AND i.deleted_at IS NULL
        WHERE l.deleted_at IS NULL GROUP BY 1, 2, 3, 4;

      -- A link from an older version (no credibility or relevance): both take its weight.
      CREATE TRIGGER evidence_links_levels AFTER INSERT ON evidence_links
        WHEN new.credibility IS NULL OR new.relevance IS NULL BEGIN
        UPDATE evidence_links SET credibility = coalesce(credibility, weight), relevance = coalesce(relevance, weight) WHERE id = new.id;
      END;
      CREATE TRIGGER evidence_links_counts_insert AFTER INSERT ON evidence_links BEGIN
        ${countLink('new', 1)}
        ${spread('SELECT new.evidence_id AS id')}
      END;
      CREATE TRIGGER evidence_links_counts_update AFTER UPDATE OF rating, weight, credibility, relevance, deleted_at, evidence_id, hypothesis_id ON evidence_links BEGIN
        ${countLink('old', -1)}
        ${countLink('new', 1)}
        ${spread('SELECT new.evidence_id AS id UNION SELECT old.evidence_id')}
      END;
      CREATE TRIGGER evidence_quote_links_counts_insert AFTER INSERT ON evidence_quote_links BEGIN
        ${countQuoteLink('new', 1)}
        ${spread('SELECT evidence_id AS id FROM evidence_quotes WHERE id = new.quote_id')}
      END;
      CREATE TRIGGER evidence_quote_links_counts_update AFTER UPDATE OF rating, credibility, relevance, deleted_at, quote_id, hypothesis_id ON evidence_quote_links BEGIN
        ${countQuoteLink('old', -1)}
        ${countQuoteLink('new', 1)}
        ${spread('SELECT evidence_id AS id FROM evidence_quotes WHERE id IN (new.quote_id, old.quote_id)')}
      END;
      CREATE TRIGGER evidence_items_counts_update AFTER UPDATE OF deleted_at, citizen_perspective ON evidence_items BEGIN
        ${countItem('old', -1)}
        ${countItem('new', 1)}
      END;
      CREATE TRIGGER evidence_quotes_counts_update AFTER UPDATE OF deleted_at, citizen_perspective ON evidence_quotes BEGIN
        ${countQuote('old', -1)}
        ${countQuote('new', 1)}
        ${spread('SELECT new.evidence_id AS id UNION SELECT old.evidence_id')}
      END;
      CREATE TRIGGER evidence_hypotheses_spread AFTER UPDATE OF deleted_at ON hypotheses BEGIN
        ${spread(`SELECT evidence_id AS id FROM evidence_links WHERE hypothesis_id = new.id AND deleted_at IS NULL
                  UNION SELECT q.evidence_id FROM evidence_quote_links ql JOIN evidence_quotes q ON q.id = ql.quote_id
                  WHERE ql.hypothesis_id = new.id AND ql.deleted_at IS NULL`)}
      END;

      -- The evidence index: body text only from attachments whose text was read.
      DROP TRIGGER evidence_items_index_insert;
      DROP TRIGGER evidence_items_index_update;
      DROP TRIGGER evidence_attachments_index_insert;
      DROP TRIGGER evidence_attachments_index_update;
      DROP TRIGGER evidence_blob_text_index;
      CREATE TRIGGER evidence_items_index_insert AFTER INSERT ON evidence_items BEGIN
        INSERT OR IGNORE INTO evidence_search_rows (evidence_id) VALUES (new.id);
        ${refreshEvidence('e.id = new.id')}
      END;
      CREATE TRIGGER evidence_items_index_update AFTER UPDATE OF title, summary, tags, deleted_at ON evidence_items BEGIN
        ${refreshEvidence('e.id = new.id')}
      END;
      CREATE TRIGGER evidence_attachments_index_insert AFTER INSERT ON evidence_attachments BEGIN
        ${refreshEvidence('e.id = new.evidence_id')}
      END;
      CREATE TRIGGER evidence_attachments_index_update AFTER UPDATE OF deleted_at ON evidence_attachments BEGIN
        ${refreshEvidence('e.id = new.evidence_id')}
      END;
      ${(['INSERT', 'UPDATE', 'DELETE'] as const)
        .map((op) => blobTrigger(`evidence_blob_text_${op.toLowerCase()}_index`, op, 'evidence_blob_text', `e.id IN (SELECT a.evidence_id FROM evidence_attachments a WHERE a.sha256 = ${op === 'DELETE' ? 'old' : 'new'}.sha256)`))
        .join('\n')}
      ${(['INSERT', 'UPDATE'] as const)
        .map((op) => blobTrigger(`evidence_attachment_text_${op.toLowerCase()}`, op, 'evidence_attachment_text', 'e.id = (SELECT a.evidence_id FROM evidence_attachments a WHERE a.id = new.attachment_id)'))
        .join('\n')}

      -- One index per kind of record.
      CREATE TABLE search_rows (
        row_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        UNIQUE (kind, record_id)
      ) STRICT;
      ${KINDS.map(kindSql).join('\n')}
      -- A quote's entry also shows whether its item is live, and the names of its codes.
      CREATE TRIGGER search_quote_item AFTER UPDATE OF deleted_at ON evidence_items BEGIN
        ${refreshKind(QUOTE, 'r.evidence_id = new.id')}
      END;
      CREATE TRIGGER search_quote_codes AFTER UPDATE OF name, deleted_at ON evidence_codes BEGIN
        ${refreshKind(QUOTE, `EXISTS (SELECT 1 FROM json_each(r.code_ids) j WHERE j.value = new.id)`)}
      END;

      -- Suppliers and spend descriptions: one entry per organisation and name, with how many
      -- payments and how much, and the per-file parts (to take a file out again).
      CREATE TABLE search_spend_names (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('supplier','spend')),
        organisation_id TEXT NOT NULL,
        name_key TEXT NOT NULL,             -- lower(trim(name)): one entry however it is spelt
        name TEXT NOT NULL,
        n INTEGER NOT NULL,
        pence INTEGER NOT NULL,
        UNIQUE (kind, organisation_id, name_key)
      ) STRICT;
      CREATE TABLE search_spend_name_files (
        name_id INTEGER NOT NULL,
        file_no INTEGER NOT NULL,
        n INTEGER NOT NULL,
        pence INTEGER NOT NULL,
        PRIMARY KEY (name_id, file_no)
      ) STRICT;
      CREATE INDEX search_spend_name_files_file ON search_spend_name_files (file_no);
      CREATE TABLE search_spend_files (file_no INTEGER PRIMARY KEY) STRICT;
      CREATE VIRTUAL TABLE search_supplier_fts USING fts5(title, ${TOKENIZE});
      CREATE VIRTUAL TABLE search_spend_fts USING fts5(title, ${TOKENIZE});
      CREATE TRIGGER search_spend_names_insert AFTER INSERT ON search_spend_names BEGIN
        INSERT INTO search_supplier_fts (rowid, title) SELECT new.id, new.name WHERE new.kind = 'supplier';
        INSERT INTO search_spend_fts (rowid, title) SELECT new.id, new.name WHERE new.kind = 'spend';
      END;
      CREATE TRIGGER search_spend_names_delete AFTER DELETE ON search_spend_names BEGIN
        DELETE FROM search_supplier_fts WHERE rowid = old.id AND old.kind = 'supplier';
        DELETE FROM search_spend_fts WHERE rowid = old.id AND old.kind = 'spend';
      END;
      CREATE TRIGGER search_spend_file_delete AFTER DELETE ON spend_files BEGIN
        UPDATE search_spend_names SET n = search_spend_names.n - x.fn, pence = search_spend_names.pence - x.fp
          FROM (SELECT name_id, n AS fn, pence AS fp FROM search_spend_name_files WHERE file_no = old.file_no) x
          WHERE search_spend_names.id = x.name_id;
        DELETE FROM search_spend_name_files WHERE file_no = old.file_no;
        DELETE FROM search_spend_names WHERE n <= 0;
        DELETE FROM search_spend_files WHERE file_no = old.file_no;
      END;
    `);
  },
};
