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

}  // namespace

const std::vector<std::string_view>& Migrations() {
  static const std::vector<std::string_view> kAll = {kV1};
  return kAll;
}

}  // namespace claimledger::ledger
