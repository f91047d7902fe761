#include "ledger/schema.h"

namespace claimledger::ledger {

namespace {

// Version 1. Verdicts, reviews and runs carry a SHA-256 chained to the
// previous row of their table (row_hash = sha256(prev_hash || canonical
// content)); triggers refuse updates and deletes of the append-only tables.
constexpr std::string_view kV1 = R"SQL(
CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT NOT NULL UNIQUE,
  path          TEXT NOT NULL,
  source        TEXT,
  published     TEXT,
  lang          TEXT NOT NULL,
  metadata      TEXT NOT NULL,
  body_offset   INTEGER NOT NULL,
  body          TEXT NOT NULL
);
CREATE TABLE claims (
  id                INTEGER PRIMARY KEY,
  document_id       INTEGER NOT NULL REFERENCES documents(id),
  extractor_version TEXT NOT NULL,
  ordinal           INTEGER NOT NULL,
  span_start        INTEGER NOT NULL,
  span_end          INTEGER NOT NULL,
  text              TEXT NOT NULL,
  kind              TEXT NOT NULL,
  is_range          INTEGER NOT NULL,
  value             TEXT,
  value_num         REAL,
  low               TEXT,
  low_num           REAL,
  high              TEXT,
  high_num          REAL,
  unit              TEXT NOT NULL,
  bound             TEXT NOT NULL,
  prec_low          REAL,
  prec_high         REAL,
  pair_ordinal      INTEGER,
  sentence_start    INTEGER NOT NULL,
  sentence_end      INTEGER NOT NULL,
  subject           TEXT,
  relation          TEXT,
  object            TEXT,
  UNIQUE (document_id, extractor_version, ordinal)
);
CREATE TABLE runs (
  id              INTEGER PRIMARY KEY,
  engine_version  TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  arguments       TEXT NOT NULL,
  rules           TEXT NOT NULL,
  reference       TEXT NOT NULL,
  started_at      TEXT NOT NULL,
  ended_at        TEXT,
  status          TEXT NOT NULL CHECK (status IN ('running','complete','interrupted','failed')),
  counts          TEXT,
  prev_hash       TEXT NOT NULL,
  row_hash        TEXT NOT NULL
);
CREATE TABLE run_documents (
  run_id        INTEGER NOT NULL REFERENCES runs(id),
  document_id   INTEGER NOT NULL REFERENCES documents(id),
  path          TEXT NOT NULL,
  PRIMARY KEY (run_id, document_id)
);
CREATE TABLE verdicts (
  id                INTEGER PRIMARY KEY,
  run_id            INTEGER NOT NULL REFERENCES runs(id),
  document_id       INTEGER NOT NULL REFERENCES documents(id),
  rule_id           TEXT NOT NULL,
  rule_version      INTEGER NOT NULL,
  rule_kind         TEXT NOT NULL,
  severity          TEXT NOT NULL,
  rule_file         TEXT NOT NULL,
  rule_file_sha256  TEXT NOT NULL,
  claim_id          INTEGER NOT NULL REFERENCES claims(id),
  claim_ids         TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('consistent','inconsistent','unverifiable')),
  expected          REAL,
  observed          REAL,
  deviation         REAL,
  tolerance         REAL,
  evidence          TEXT NOT NULL,
  reason            TEXT NOT NULL,
  prev_hash         TEXT NOT NULL,
  row_hash          TEXT NOT NULL
);
CREATE INDEX verdicts_by_run ON verdicts(run_id);
CREATE INDEX verdicts_by_claim ON verdicts(claim_id);
CREATE TABLE reviews (
  id          INTEGER PRIMARY KEY,
  verdict_id  INTEGER NOT NULL REFERENCES verdicts(id),
  reviewer    TEXT NOT NULL,
  decision    TEXT NOT NULL CHECK (decision IN ('confirm','override')),
  status      TEXT NOT NULL CHECK (status IN ('consistent','inconsistent','unverifiable')),
  note        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  row_hash    TEXT NOT NULL
);
CREATE TABLE failures (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs(id),
  input       TEXT NOT NULL,
  error       TEXT NOT NULL
);
CREATE TRIGGER verdicts_append_only_u BEFORE UPDATE ON verdicts
  BEGIN SELECT RAISE(ABORT, 'verdicts are append-only'); END;
CREATE TRIGGER verdicts_append_only_d BEFORE DELETE ON verdicts
  BEGIN SELECT RAISE(ABORT, 'verdicts are append-only'); END;
CREATE TRIGGER reviews_append_only_u BEFORE UPDATE ON reviews
  BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_append_only_d BEFORE DELETE ON reviews
  BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER claims_append_only_u BEFORE UPDATE ON claims
  BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;
CREATE TRIGGER runs_no_delete BEFORE DELETE ON runs
  BEGIN SELECT RAISE(ABORT, 'runs are append-only'); END;
CREATE TRIGGER runs_only_close BEFORE UPDATE ON runs
  WHEN NEW.id IS NOT OLD.id OR NEW.engine_version IS NOT OLD.engine_version
    OR NEW.arguments IS NOT OLD.arguments OR NEW.rules IS NOT OLD.rules
    OR NEW.reference IS NOT OLD.reference OR NEW.started_at IS NOT OLD.started_at
    OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.row_hash IS NOT OLD.row_hash
  BEGIN SELECT RAISE(ABORT, 'a run may only be closed, not rewritten'); END;

-- Views for people who read the ledger with sqlite3 or Datasette.
CREATE VIEW verdict_view AS
  SELECT v.id AS verdict_id, v.run_id, d.path, c.id AS claim_id, c.text, c.kind,
         c.unit, v.rule_id, v.rule_version, v.severity, v.status AS machine_status,
         COALESCE((SELECT r.status FROM reviews r WHERE r.verdict_id = v.id
                   ORDER BY r.id DESC LIMIT 1), v.status) AS status,
         v.expected, v.observed, v.deviation, v.reason
  FROM verdicts v JOIN claims c ON c.id = v.claim_id
  JOIN documents d ON d.id = v.document_id;
CREATE VIEW claim_view AS
  SELECT c.id AS claim_id, d.path, c.ordinal, c.span_start, c.span_end, c.text,
         c.kind, c.value, c.low, c.high, c.unit, c.bound, c.prec_low, c.prec_high
  FROM claims c JOIN documents d ON d.id = c.document_id;
)SQL";

// Version 2. run_events: the chained, append-only life of each run
// (started with its plan, resumed, closed); the status, ended_at and counts
// of a runs row become a cache of its latest event, kept so by a trigger
// and checked by audit. Append-only triggers for every other table, and a
// runs trigger that also guards extractor_version. Opening a version 1
// ledger adds one 'migrated' event per existing run (ledger/migrate.cc).
constexpr std::string_view kV2 = R"SQL(
CREATE TABLE run_events (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs(id),
  event       TEXT NOT NULL CHECK (event IN
                ('started','resumed','complete','interrupted','failed','migrated')),
  status      TEXT NOT NULL CHECK (status IN ('running','complete','interrupted','failed')),
  ended_at    TEXT,
  counts      TEXT,
  at          TEXT NOT NULL,
  detail      TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  row_hash    TEXT NOT NULL
);
CREATE INDEX run_events_by_run ON run_events(run_id);
CREATE INDEX failures_by_run ON failures(run_id);
CREATE TRIGGER run_events_append_only_u BEFORE UPDATE ON run_events
  BEGIN SELECT RAISE(ABORT, 'run events are append-only'); END;
CREATE TRIGGER run_events_append_only_d BEFORE DELETE ON run_events
  BEGIN SELECT RAISE(ABORT, 'run events are append-only'); END;
CREATE TRIGGER documents_append_only_u BEFORE UPDATE ON documents
  BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END;
CREATE TRIGGER documents_append_only_d BEFORE DELETE ON documents
  BEGIN SELECT RAISE(ABORT, 'documents are append-only'); END;
CREATE TRIGGER claims_append_only_d BEFORE DELETE ON claims
  BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;
CREATE TRIGGER run_documents_append_only_u BEFORE UPDATE ON run_documents
  BEGIN SELECT RAISE(ABORT, 'run documents are append-only'); END;
CREATE TRIGGER run_documents_append_only_d BEFORE DELETE ON run_documents
  BEGIN SELECT RAISE(ABORT, 'run documents are append-only'); END;
CREATE TRIGGER failures_append_only_u BEFORE UPDATE ON failures
  BEGIN SELECT RAISE(ABORT, 'failures are append-only'); END;
CREATE TRIGGER failures_append_only_d BEFORE DELETE ON failures
  BEGIN SELECT RAISE(ABORT, 'failures are append-only'); END;
DROP TRIGGER runs_only_close;
CREATE TRIGGER runs_only_close BEFORE UPDATE ON runs
  WHEN NEW.id IS NOT OLD.id OR NEW.engine_version IS NOT OLD.engine_version
    OR NEW.extractor_version IS NOT OLD.extractor_version
    OR NEW.arguments IS NOT OLD.arguments OR NEW.rules IS NOT OLD.rules
    OR NEW.reference IS NOT OLD.reference OR NEW.started_at IS NOT OLD.started_at
    OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.row_hash IS NOT OLD.row_hash
  BEGIN SELECT RAISE(ABORT, 'a run may only be closed, not rewritten'); END;
CREATE TRIGGER runs_change_by_event BEFORE UPDATE ON runs
  WHEN NOT EXISTS (
    SELECT 1 FROM run_events e
    WHERE e.id = (SELECT MAX(id) FROM run_events WHERE run_id = NEW.id)
      AND e.status = NEW.status AND e.ended_at IS NEW.ended_at
      AND e.counts IS NEW.counts)
  BEGIN SELECT RAISE(ABORT, 'a run changes only with its latest run event'); END;

CREATE VIEW run_history AS
  SELECT e.run_id, e.id AS event_id, e.event, e.status, e.at, e.counts,
         json_extract(e.detail, '$.host') AS host,
         json_extract(e.detail, '$.pid') AS pid
  FROM run_events e;
CREATE VIEW review_view AS
  SELECT r.id AS review_id, r.verdict_id, v.run_id, v.rule_id, c.text,
         v.status AS machine_status, r.decision, r.status, r.reviewer, r.note,
         r.created_at
  FROM reviews r JOIN verdicts v ON v.id = r.verdict_id
  JOIN claims c ON c.id = v.claim_id;
)SQL";

// Version 3. The CHECK on verdicts.status becomes a chain of equalities:
// SQLite evaluates "status IN (...)" in a CHECK by building a temporary
// table on every insert, a quarter of the cost of writing a verdict.
// Equivalent for every value, so the table's text is rewritten in place
// (SQLite's documented way to change a CHECK without rebuilding a table;
// migrate.cc then bumps schema_version and verifies the result); no row
// changes.
constexpr std::string_view kV3 = R"SQL(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (status IN (''consistent'',''inconsistent'',''unverifiable''))',
  'CHECK (status = ''consistent'' OR status = ''inconsistent'' OR status = ''unverifiable'')')
WHERE type = 'table' AND name = 'verdicts';
PRAGMA writable_schema = RESET;
)SQL";

// Version 4. A document's claims for one extractor version form a set,
// one claim_sets row: the claims are the ids first_claim_id to
// first_claim_id + claim_count - 1, in ordinal order (the writer inserts
// them together, in one transaction). The set's primary key takes over
// what claims' UNIQUE (document_id, extractor_version, ordinal) and its
// REFERENCES documents(id) did: those cost a second B-tree insert and a
// parent lookup for every claim, a seventh of a check's CPU time, where
// the set costs one row per document. audit checks that every claim lies
// in its set, at its ordinal (ledger_audit.cc). The claims table's text
// loses the constraint and the reference in place, and its unique index
// becomes an ordinary one so that DROP INDEX frees its pages; migrate.cc
// verifies the result and fills the sets of existing claims.
// documents.sha256 loses its UNIQUE the same way, for an index on its
// first 16 hex digits: the full 64-digit keys made the index three times
// larger, and with random keys every commit rewrites most of its leaf
// pages (at 100,000 documents, 6.6 MB per batch of 512). The writer looks
// a document up by it before inserting, in the same IMMEDIATE transaction,
// and audit checks that no two documents share a SHA-256.
constexpr std::string_view kV4 = R"SQL(
CREATE TABLE claim_sets (
  document_id        INTEGER NOT NULL REFERENCES documents(id),
  extractor_version  TEXT NOT NULL,
  first_claim_id     INTEGER,
  claim_count        INTEGER NOT NULL CHECK (claim_count >= 0),
  PRIMARY KEY (document_id, extractor_version),
  CHECK ((claim_count = 0) = (first_claim_id IS NULL))
) WITHOUT ROWID;
INSERT INTO claim_sets (document_id, extractor_version, first_claim_id, claim_count)
  SELECT document_id, extractor_version, MIN(id), COUNT(*) FROM claims
  GROUP BY document_id, extractor_version;
CREATE TRIGGER claim_sets_append_only_u BEFORE UPDATE ON claim_sets
  BEGIN SELECT RAISE(ABORT, 'claim sets are append-only'); END;
CREATE TRIGGER claim_sets_append_only_d BEFORE DELETE ON claim_sets
  BEGIN SELECT RAISE(ABORT, 'claim sets are append-only'); END;
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(replace(sql,
  ',
  UNIQUE (document_id, extractor_version, ordinal)', ''),
  'document_id       INTEGER NOT NULL REFERENCES documents(id),',
  'document_id       INTEGER NOT NULL,')
WHERE type = 'table' AND name = 'claims';
UPDATE sqlite_schema SET name = 'claims_v3_unique',
  sql = 'CREATE UNIQUE INDEX claims_v3_unique ON claims (document_id, extractor_version, ordinal)'
WHERE type = 'index' AND name = 'sqlite_autoindex_claims_1' AND tbl_name = 'claims';
UPDATE sqlite_schema SET sql = replace(sql,
  'sha256        TEXT NOT NULL UNIQUE,', 'sha256        TEXT NOT NULL,')
WHERE type = 'table' AND name = 'documents';
UPDATE sqlite_schema SET name = 'documents_v3_unique',
  sql = 'CREATE UNIQUE INDEX documents_v3_unique ON documents (sha256)'
WHERE type = 'index' AND name = 'sqlite_autoindex_documents_1' AND tbl_name = 'documents';
PRAGMA writable_schema = RESET;
DROP INDEX claims_v3_unique;
DROP INDEX documents_v3_unique;
CREATE INDEX documents_by_sha256 ON documents (substr(sha256, 1, 16));
)SQL";

}  // namespace

const std::vector<std::string_view>& Migrations() {
  static const std::vector<std::string_view> kAll = {kV1, kV2, kV3, kV4};
  return kAll;
}

}  // namespace claimledger::ledger
