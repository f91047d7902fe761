#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "engine/check.h"
#include "engine/extract.h"
#include "engine/sha256.h"
#include "ledger/ledger.h"
#include "ledger/schema.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::BundledLexicon;
using claimledger::testing::ReadFile;
using claimledger::testing::SourcePath;
using claimledger::testing::TempDir;

namespace {

struct Fixture {
  Document doc;
  std::vector<Claim> claims;
  std::vector<Verdict> verdicts;
  Rulebook book;
  Fixture() {
    auto d = ParseDocument("seed.md",
                           ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md")),
                           {});
    REQUIRE(d.ok());
    doc = *d;
    claims = Extract(doc.body(), BundledLexicon());
    Diagnostics diags;
    book = LoadRulebook({SourcePath("rules")}, &diags);
    REQUIRE(diags.empty());
    verdicts = CheckDocument(doc, claims, book);
  }
};

RunInfo Info() {
  RunInfo i;
  i.engine_version = "test";
  i.extractor_version = "x";
  i.arguments_json = "[]";
  i.rules_json = "[]";
  i.reference_json = "[]";
  i.started_at = "2026-01-01T00:00:00Z";
  return i;
}

}  // namespace

TEST_CASE("a new ledger is created at the current schema version") {
  auto l = Ledger::Open(":memory:");
  REQUIRE(l.ok());
  CHECK((*l)->schema_version() == ledger::SchemaVersion());
}

TEST_CASE("a ledger newer than this build is refused, naming the file") {
  TempDir dir;
  {
    SQLite::Database db(dir / "new.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA user_version = 99");
  }
  auto l = Ledger::Open(dir / "new.db");
  REQUIRE_FALSE(l.ok());
  CHECK(l.status().message().find(dir / "new.db") != std::string::npos);
  CHECK(l.status().message().find("newer") != std::string::npos);
}

TEST_CASE("recording a document twice reuses its claims and adds verdicts") {
  Fixture f;
  TempDir dir;
  auto l = Ledger::Open(dir / "l.db");
  REQUIRE(l.ok());
  Ledger& ledger = **l;
  auto r1 = ledger.BeginRun(Info());
  REQUIRE(r1.ok());
  auto s1 = ledger.RecordDocument(*r1, f.doc, f.claims, "x", f.verdicts);
  REQUIRE(s1.ok());
  CHECK_FALSE(s1->reused);
  CHECK(s1->claim_ids.size() == f.claims.size());
  auto r2 = ledger.BeginRun(Info());
  auto s2 = ledger.RecordDocument(*r2, f.doc, f.claims, "x", f.verdicts);
  REQUIRE(s2.ok());
  CHECK(s2->reused);
  CHECK(s2->claim_ids == s1->claim_ids);
  SQLite::Database db(dir / "l.db");
  CHECK(db.execAndGet("SELECT COUNT(*) FROM documents").getInt() == 1);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM claims").getInt() ==
        static_cast<int>(f.claims.size()));
  CHECK(db.execAndGet("SELECT COUNT(*) FROM verdicts").getInt() ==
        2 * static_cast<int>(f.verdicts.size()));
  // The latest run is listed by default.
  auto rows = ledger.ListVerdicts({});
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == f.verdicts.size());
  CHECK((*rows)[0].run_id == *r2);
}

TEST_CASE("verdicts are append-only and hash-chained") {
  Fixture f;
  TempDir dir;
  auto l = Ledger::Open(dir / "l.db");
  REQUIRE(l.ok());
  auto run = (*l)->BeginRun(Info());
  REQUIRE((*l)->RecordDocument(*run, f.doc, f.claims, "x", f.verdicts).ok());
  SQLite::Database db(dir / "l.db", SQLite::OPEN_READWRITE);
  CHECK_THROWS(db.exec("UPDATE verdicts SET status = 'consistent'"));
  CHECK_THROWS(db.exec("DELETE FROM verdicts"));
  CHECK_THROWS(db.exec("UPDATE runs SET arguments = '[\"forged\"]'"));
  SQLite::Statement st(db, "SELECT prev_hash, row_hash FROM verdicts ORDER BY id");
  std::string prev(64, '0');
  int n = 0;
  while (st.executeStep()) {
    CHECK(st.getColumn(0).getString() == prev);
    prev = st.getColumn(1).getString();
    CHECK(prev.size() == 64);
    ++n;
  }
  CHECK(n == static_cast<int>(f.verdicts.size()));
}

TEST_CASE("list filters by status and rule, most severe first") {
  Fixture f;
  auto l = Ledger::Open(":memory:");
  REQUIRE(l.ok());
  auto run = (*l)->BeginRun(Info());
  // Make the second verdict inconsistent so ordering is visible.
  auto verdicts = f.verdicts;
  REQUIRE(verdicts.size() == 2);
  verdicts[1].status = VerdictStatus::kInconsistent;
  REQUIRE((*l)->RecordDocument(*run, f.doc, f.claims, "x", verdicts).ok());
  auto all = (*l)->ListVerdicts({});
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].status == "inconsistent");
  ListFilter only;
  only.status = "consistent";
  CHECK((*l)->ListVerdicts(only)->size() == 1);
  ListFilter rule;
  rule.rule = "no.such.rule";
  CHECK((*l)->ListVerdicts(rule)->empty());
  ListFilter quote;
  quote.rule = "x' OR '1'='1";  // a bound value, never SQL
  CHECK((*l)->ListVerdicts(quote)->empty());
}
