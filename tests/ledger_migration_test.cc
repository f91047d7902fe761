// Schema migrations: every released version's SQL is kept in
// fixtures/ledger/schema_vN.sql; the code must still produce exactly it,
// and a ledger at any earlier version must open at the current version,
// keep every row and hash, and audit clean.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <filesystem>

#include "ledger/ledger.h"
#include "ledger/schema.h"
#include "tests/ledger_fixture.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::Count;
using claimledger::testing::ReadFile;
using claimledger::testing::SeedFixture;
using claimledger::testing::SourcePath;
using claimledger::testing::TempDir;
using claimledger::testing::TestRunInfo;

namespace {

std::string KeptSchema(int version) {
  return SourcePath("fixtures/ledger/schema_v" + std::to_string(version) +
                    ".sql");
}

// A ledger at VERSION made from the kept SQL of versions 1..VERSION.
void MakeFromKeptSchema(const std::string& path, int version) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  for (int v = 1; v <= version; ++v) db.exec(ReadFile(KeptSchema(v)));
  db.exec("PRAGMA user_version = " + std::to_string(version));
}

std::vector<std::string> Schema(SQLite::Database& db) {
  std::vector<std::string> out;
  SQLite::Statement st(db,
                       "SELECT type || ' ' || name || ': ' || COALESCE(sql, "
                       "'') FROM sqlite_master "
                       "ORDER BY type, name");
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

std::vector<std::string> Column(SQLite::Database& db, const std::string& sql) {
  std::vector<std::string> out;
  SQLite::Statement st(db, sql);
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

}  // namespace

TEST_CASE(
    "every schema version is kept, and the code's migrations still give it") {
  for (int v = 1; v <= ledger::SchemaVersion(); ++v) {
    INFO("version ", v);
    REQUIRE(std::filesystem::exists(KeptSchema(v)));
    SQLite::Database kept(":memory:", SQLite::OPEN_READWRITE);
    SQLite::Database code(":memory:", SQLite::OPEN_READWRITE);
    for (int k = 1; k <= v; ++k) {
      kept.exec(ReadFile(KeptSchema(k)));
      code.exec(std::string(ledger::Migrations()[k - 1]));
    }
    CHECK(Schema(kept) == Schema(code));
  }
}

TEST_CASE("a ledger at every earlier version migrates to the current one") {
  SeedFixture f;
  for (int v = 1; v < ledger::SchemaVersion(); ++v) {
    INFO("from version ", v);
    TempDir dir;
    MakeFromKeptSchema(dir / "old.db", v);
    auto l = Ledger::Open(dir / "old.db", OpenMode::kExisting);
    REQUIRE(l.ok());
    CHECK((*l)->schema_version() == ledger::SchemaVersion());
    // The same schema as a ledger created now.
    auto fresh = Ledger::Open(dir / "new.db");
    REQUIRE(fresh.ok());
    SQLite::Database migrated(dir / "old.db"), created(dir / "new.db");
    CHECK(Schema(migrated) == Schema(created));
    // And it works: a run, a review, a clean audit.
    Ledger& ledger = **l;
    auto run = ledger.BeginRun(TestRunInfo());
    REQUIRE(ledger.RecordDocument(*run, f.doc, f.claims, "x", f.verdicts).ok());
    REQUIRE(ledger.FinishRun(*run, "complete").ok());
    REQUIRE(ledger.AddReview({1, "kim", "confirm", "", "fine", ""}).ok());
    auto report = ledger.Audit();
    REQUIRE(report.ok());
    CHECK(report->ok());
  }
}

TEST_CASE(
    "a version 1 ledger written by claimledger 0.1.0 keeps its rows and audits "
    "clean") {
  TempDir dir;
  std::string path = dir / "v1.db";
  std::vector<std::string> verdicts_before, runs_before;
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(ReadFile(SourcePath("fixtures/ledger/v1_ledger.sql")));
    REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 1);
    verdicts_before =
        Column(db, "SELECT id || row_hash || reason FROM verdicts ORDER BY id");
    runs_before =
        Column(db,
               "SELECT id || status || COALESCE(counts, '') || row_hash "
               "FROM runs ORDER BY id");
  }
  REQUIRE(verdicts_before.size() == 9);
  auto l = Ledger::Open(path, OpenMode::kExisting);
  REQUIRE(l.ok());
  Ledger& ledger = **l;
  CHECK(ledger.schema_version() == ledger::SchemaVersion());
  {
    SQLite::Database db(path);
    CHECK(Column(db,
                 "SELECT id || row_hash || reason FROM verdicts ORDER BY id") ==
          verdicts_before);
    CHECK(Column(db,
                 "SELECT id || status || COALESCE(counts, '') || row_hash "
                 "FROM runs ORDER BY id") == runs_before);
    // Each run's state as it stood is now chained in a 'migrated' event.
    CHECK(
        Column(db,
               "SELECT run_id || ' ' || event || ' ' || status FROM run_events "
               "ORDER BY id") ==
        std::vector<std::string>{"1 migrated complete", "2 migrated complete",
                                 "3 migrated complete", "4 migrated running"});
  }
  auto report = ledger.Audit();
  REQUIRE(report.ok());
  for (const auto& p : report->problems) {
    FAIL_CHECK(p.table << " row " << p.row << ": " << p.problem);
  }
  CHECK(report->ok());
  CHECK(report->incomplete_runs == std::vector<int64_t>{4});
  // The run 0.1.0 left running has no plan: it can be found, not resumed.
  auto found = ledger.FindResumableRun();
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->run == 4);
  CHECK((*found)->plan_json.empty());

  // New rows chain on top of the old ones, and the old ones stay guarded.
  SeedFixture f;
  auto run = ledger.BeginRun(TestRunInfo());
  REQUIRE(ledger.RecordDocument(*run, f.doc, f.claims, "x", f.verdicts).ok());
  REQUIRE(ledger.FinishRun(*run, "complete").ok());
  REQUIRE(ledger
              .AddReview(
                  {5, "kim", "override", "consistent", "typo, not a rate", ""})
              .ok());
  CHECK(ledger.Audit()->ok());
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    CHECK_THROWS(db.exec("UPDATE verdicts SET reason = 'fine' WHERE id = 5"));
    db.exec("DROP TRIGGER verdicts_append_only_u");
    db.exec("UPDATE verdicts SET reason = 'fine' WHERE id = 5");
  }
  report = ledger.Audit();
  REQUIRE_FALSE(report->problems.empty());
  CHECK(report->problems[0].table == "verdicts");
  CHECK(report->problems[0].row == 5);
}

TEST_CASE("a migration that fails leaves the ledger as it was") {
  TempDir dir;
  std::string path = dir / "v1.db";
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(ReadFile(SourcePath("fixtures/ledger/v1_ledger.sql")));
    db.exec("CREATE TABLE run_events (x)");  // in the way of version 2
  }
  auto l = Ledger::Open(path, OpenMode::kExisting);
  REQUIRE_FALSE(l.ok());
  CHECK(l.status().message().find(path) != std::string::npos);
  SQLite::Database db(path);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == 1);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                      "'documents_append_only_u'")
            .getInt() == 0);
  CHECK(Count(db, "verdicts") == 9);
}

// Schema 3 rewrites the verdicts table's CHECK in place; the rewritten
// CHECK must still refuse what the old one refused, and a table that is
// not as schema 2 made it must stop the migration, changing nothing.
TEST_CASE("schema 3 keeps the verdict status check, without an IN list") {
  TempDir dir;
  std::string path = dir / "v2.db";
  MakeFromKeptSchema(path, 2);
  auto l = Ledger::Open(path, OpenMode::kExisting);
  REQUIRE(l.ok());
  l->reset();
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  std::string sql =
      db.execAndGet("SELECT sql FROM sqlite_schema WHERE name = 'verdicts'")
          .getString();
  CHECK(sql.find(" IN (") == std::string::npos);
  CHECK(sql.find("status = 'unverifiable'") != std::string::npos);
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  db.exec("PRAGMA foreign_keys = OFF");
  const char* insert =
      "INSERT INTO verdicts (run_id, document_id, rule_id, rule_version, "
      "rule_kind, severity, rule_file, rule_file_sha256, claim_id, claim_ids, "
      "status, evidence, reason, prev_hash, row_hash) VALUES (1, 1, 'r', 1, "
      "'k', 'error', 'f', 's', 1, '[1]', ?, '{}', '', '', '')";
  for (const char* status : {"consistent", "inconsistent", "unverifiable"}) {
    SQLite::Statement st(db, insert);
    st.bind(1, status);
    CHECK_NOTHROW(st.exec());
  }
  for (const char* status : {"unchecked", "", "Consistent"}) {
    SQLite::Statement st(db, insert);
    st.bind(1, status);
    CHECK_THROWS(st.exec());
  }
}

TEST_CASE("schema 3 refuses a verdicts table it does not know") {
  TempDir dir;
  std::string path = dir / "v2.db";
  MakeFromKeptSchema(path, 2);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA writable_schema = ON");
    db.exec(
        "UPDATE sqlite_schema SET sql = replace(sql, "
        "'''unverifiable''', '''unverifiable'',''other''') "
        "WHERE name = 'verdicts'");
    db.exec("PRAGMA writable_schema = RESET");
  }
  auto l = Ledger::Open(path, OpenMode::kExisting);
  REQUIRE_FALSE(l.ok());
  CHECK(l.status().message().find("verdicts table") != std::string::npos);
  SQLite::Database db(path);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == 2);
  CHECK(db.execAndGet("SELECT sql FROM sqlite_schema WHERE name = 'verdicts'")
            .getString()
            .find("'other'") != std::string::npos);
}

TEST_CASE("opening a missing ledger for reading is an error, not a new file") {
  TempDir dir;
  auto l = Ledger::Open(dir / "none.db", OpenMode::kExisting);
  REQUIRE_FALSE(l.ok());
  CHECK(l.status().message().find("no such file") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "none.db"));
}

// Schema 4 moves what made a claim unique to its document's claim set.
TEST_CASE("schema 4 makes the sets of stored claims and drops the full-key indexes") {
  TempDir dir;
  std::string path = dir / "v1.db";
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(ReadFile(SourcePath("fixtures/ledger/v1_ledger.sql")));
  }
  auto l = Ledger::Open(path, OpenMode::kExisting);
  REQUIRE(l.ok());
  l->reset();
  SQLite::Database db(path);
  CHECK(Count(db, "claim_sets") ==
        db.execAndGet("SELECT COUNT(*) FROM (SELECT DISTINCT document_id, "
                      "extractor_version FROM claims)")
            .getInt());
  CHECK(Count(db, "claim_sets") > 0);
  // Each set starts at its document's first claim and counts them all.
  CHECK(db.execAndGet("SELECT COUNT(*) FROM claim_sets s WHERE "
                      "s.first_claim_id <> (SELECT MIN(id) FROM claims c WHERE "
                      "c.document_id = s.document_id) OR s.claim_count <> "
                      "(SELECT COUNT(*) FROM claims c WHERE c.document_id = "
                      "s.document_id)")
            .getInt() == 0);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM sqlite_schema WHERE type = "
                      "'index' AND tbl_name = 'claims'")
            .getInt() == 0);
  std::string sql =
      db.execAndGet("SELECT sql FROM sqlite_schema WHERE name = 'claims'")
          .getString();
  CHECK(sql.find("UNIQUE") == std::string::npos);
  CHECK(sql.find("REFERENCES") == std::string::npos);
  // documents: the full SHA-256 index gives way to one on its prefix.
  CHECK(db.execAndGet("SELECT group_concat(name) FROM sqlite_schema WHERE "
                      "type = 'index' AND tbl_name = 'documents'")
            .getString() == "documents_by_sha256");
  CHECK(db.execAndGet("SELECT sql FROM sqlite_schema WHERE name = "
                      "'documents'")
            .getString()
            .find("UNIQUE") == std::string::npos);
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  // The set is append-only, like the claims.
  CHECK_THROWS(db.exec("DELETE FROM claim_sets"));
}

TEST_CASE("schema 4 refuses stored claims that do not form sets") {
  TempDir dir;
  std::string path = dir / "v1.db";
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(ReadFile(SourcePath("fixtures/ledger/v1_ledger.sql")));
    // A hole in the first document's ids: its claims are not consecutive.
    db.exec("DROP TRIGGER claims_append_only_u");
    db.exec("PRAGMA foreign_keys = OFF");
    db.exec("UPDATE claims SET id = 100000 WHERE id = (SELECT MIN(id) + 1 "
            "FROM claims)");
  }
  auto l = Ledger::Open(path, OpenMode::kExisting);
  REQUIRE_FALSE(l.ok());
  CHECK(l.status().message().find("schema 4") != std::string::npos);
  SQLite::Database db(path);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == 1);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM sqlite_schema WHERE name = "
                      "'claim_sets'")
            .getInt() == 0);
}
