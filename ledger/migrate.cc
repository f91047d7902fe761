// Forward migration of a ledger's schema. Each version's SQL is in
// schema.cc; a version whose data needs more than SQL (a hash, say) gets a
// step here that runs right after its SQL, in the same transaction.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ledger/ledger_internal.h"
#include "ledger/schema.h"

namespace claimledger::ledger {

namespace {

// Version 2 chains the life of each run in run_events. A run begun before
// gets one 'migrated' event recording its status, end and counts as they
// stood, so that from here on its closure is covered by a hash too.
void AddMigratedRunEvents(SQLite::Database& db) {
  struct Run {
    int64_t id;
    std::string status;
    std::optional<std::string> ended_at, counts;
  };
  std::vector<Run> runs;
  {
    SQLite::Statement st(
        db, "SELECT id, status, ended_at, counts FROM runs ORDER BY id");
    while (st.executeStep()) {
      Run r{st.getColumn(0).getInt64(), st.getColumn(1).getString(), {}, {}};
      if (!st.getColumn(2).isNull()) r.ended_at = st.getColumn(2).getString();
      if (!st.getColumn(3).isNull()) r.counts = st.getColumn(3).getString();
      runs.push_back(std::move(r));
    }
  }
  std::string now = UtcNow();
  for (const auto& r : runs) {
    AppendRunEvent(
        db, r.id, "migrated", r.status, r.ended_at ? &*r.ended_at : nullptr,
        r.counts ? &*r.counts : nullptr, now, R"({"from_schema":1})");
  }
}

// The CREATE statement of table NAME as sqlite_schema holds it ("" when
// there is no such table).
std::string TableSql(SQLite::Database& db, const char* name) {
  SQLite::Statement st(
      db, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?");
  st.bind(1, name);
  return st.executeStep() ? st.getColumn(0).getString() : "";
}

int IndexCount(SQLite::Database& db, const char* table) {
  SQLite::Statement st(db,
                       "SELECT COUNT(*) FROM sqlite_schema WHERE type = "
                       "'index' AND tbl_name = ?");
  st.bind(1, table);
  st.executeStep();
  return st.getColumn(0).getInt();
}

// After sqlite_schema was edited in place: every other connection reloads
// the schema when the cookie changes.
void BumpSchemaVersion(SQLite::Database& db) {
  int cookie = db.execAndGet("PRAGMA schema_version").getInt();
  db.exec("PRAGMA schema_version = " + std::to_string(cookie + 1));
}

// Version 3 rewrote the verdicts table's text in place: check that it now
// holds the new CHECK (a ledger whose table was not as version 2 left it
// is refused, unchanged), and bump schema_version so that every other
// connection reloads the schema.
void CheckRewrittenVerdicts(SQLite::Database& db) {
  std::string sql = TableSql(db, "verdicts");
  if (sql.find("CHECK (status = 'consistent' OR status = 'inconsistent' OR "
               "status = 'unverifiable')") == std::string::npos ||
      sql.find(" IN (") != std::string::npos) {
    throw std::runtime_error(
        "schema 3: the verdicts table is not as schema 2 defines it");
  }
  BumpSchemaVersion(db);
}

// Version 4 rewrote the claims and documents tables' text and dropped
// their unique indexes: check that the tables lost exactly the
// constraints and the claims' reference, that no index on claims and only
// the prefix index on documents is left, and that the claims already
// stored form their sets (their ids consecutive, in ordinal order, as the
// writer has always inserted them). Otherwise the ledger is refused,
// unchanged.
void CheckSchema4(SQLite::Database& db) {
  std::string claims = TableSql(db, "claims");
  if (claims.find("UNIQUE") != std::string::npos ||
      claims.find("REFERENCES") != std::string::npos ||
      claims.find("document_id       INTEGER NOT NULL,") == std::string::npos) {
    throw std::runtime_error(
        "schema 4: the claims table is not as schema 3 defines it");
  }
  if (IndexCount(db, "claims") != 0) {
    throw std::runtime_error("schema 4: an index on claims is left");
  }
  std::string docs = TableSql(db, "documents");
  if (docs.find("UNIQUE") != std::string::npos ||
      docs.find("sha256        TEXT NOT NULL,") == std::string::npos ||
      IndexCount(db, "documents") != 1) {
    throw std::runtime_error(
        "schema 4: the documents table is not as schema 3 defines it");
  }
  auto problems = ClaimSetProblems(db);
  if (!problems.empty()) {
    throw std::runtime_error("schema 4: " + problems[0].table + " row " +
                             std::to_string(problems[0].row) + " " +
                             problems[0].problem);
  }
  BumpSchemaVersion(db);
}

void AfterMigration(SQLite::Database& db, int version) {
  if (version == 2) AddMigratedRunEvents(db);
  if (version == 3) CheckRewrittenVerdicts(db);
  if (version == 4) CheckSchema4(db);
}

}  // namespace

void MigrateForward(SQLite::Database& db) {
  int version = db.execAndGet("PRAGMA user_version").getInt();
  // Schema 3 edits sqlite_schema, which SQLite's defensive mode forbids;
  // it is switched off for the migration only.
  int defensive = 0;
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DEFENSIVE, 0, nullptr);
  struct Restore {
    sqlite3* db;
    int defensive;
    ~Restore() {
      sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, defensive, nullptr);
    }
  } restore{db.getHandle(), defensive};
  const auto& migrations = Migrations();
  if (version < 0 || version > static_cast<int>(migrations.size())) {
    throw std::runtime_error("schema version " + std::to_string(version) +
                             " is newer than this claimledger knows (" +
                             std::to_string(migrations.size()) + ")");
  }
  for (size_t v = version; v < migrations.size(); ++v) {
    db.exec(std::string(migrations[v]));
    AfterMigration(db, static_cast<int>(v + 1));
    db.exec("PRAGMA user_version = " + std::to_string(v + 1));
  }
}

}  // namespace claimledger::ledger
