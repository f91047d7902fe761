#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "ledger/ledger.h"
#include "ledger/schema.h"
#include "tests/ledger_fixture.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::Count;
using claimledger::testing::TempDir;

namespace {

using Fixture = claimledger::testing::SeedFixture;

RunInfo Info() { return claimledger::testing::TestRunInfo(); }

}  // namespace

TEST_CASE("a new ledger is created at the current schema version") {
  auto l = Ledger::Open(":memory:");
  REQUIRE(l.ok());
  CHECK((*l)->schema_version() == ledger::SchemaVersion());
}

TEST_CASE("a new ledger file has 32 KB pages; an existing one keeps its own") {
  TempDir dir;
  REQUIRE(Ledger::Open(dir / "new.db").ok());
  {
    SQLite::Database db(dir / "new.db", SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("PRAGMA page_size").getInt() == 32768);
  }
  {
    SQLite::Database db(dir / "old.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA page_size=4096");
    db.exec("CREATE TABLE t (x)");
  }
  REQUIRE(Ledger::Open(dir / "old.db").ok());
  SQLite::Database db(dir / "old.db", SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA page_size").getInt() == 4096);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == ledger::SchemaVersion());
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
  // Only the second verdict inconsistent, so that ordering is visible.
  auto verdicts = f.verdicts;
  REQUIRE(verdicts.size() >= 2);
  for (auto& v : verdicts) v.status = VerdictStatus::kConsistent;
  verdicts[1].status = VerdictStatus::kInconsistent;
  REQUIRE((*l)->RecordDocument(*run, f.doc, f.claims, "x", verdicts).ok());
  auto all = (*l)->ListVerdicts({});
  REQUIRE(all->size() == verdicts.size());
  CHECK((*all)[0].status == "inconsistent");
  ListFilter only;
  only.status = "consistent";
  CHECK((*l)->ListVerdicts(only)->size() == verdicts.size() - 1);
  ListFilter rule;
  rule.rule = "no.such.rule";
  CHECK((*l)->ListVerdicts(rule)->empty());
  ListFilter quote;
  quote.rule = "x' OR '1'='1";  // a bound value, never SQL
  CHECK((*l)->ListVerdicts(quote)->empty());
}

TEST_CASE("the same bytes under another path, or twice in one run, add nothing") {
  Fixture f;
  TempDir dir;
  auto l = Ledger::Open(dir / "l.db");
  REQUIRE(l.ok());
  Ledger& ledger = **l;
  auto run = ledger.BeginRun(Info());
  REQUIRE(run.ok());
  Document moved = f.doc;
  moved.path = "elsewhere/seed.md";
  auto first = ledger.RecordDocument(*run, f.doc, f.claims, "x", f.verdicts);
  auto again = ledger.RecordDocument(*run, moved, f.claims, "x", f.verdicts);
  REQUIRE(first.ok());
  REQUIRE(again.ok());
  CHECK_FALSE(first->already_in_run);
  CHECK(again->already_in_run);
  CHECK(again->reused);
  CHECK(again->claim_ids == first->claim_ids);
  // A batch holding the document twice is no different.
  auto batch = ledger.RecordDocuments(
      *run, {{&f.doc, &f.claims, &f.verdicts}, {&moved, &f.claims, &f.verdicts}}, "x");
  REQUIRE(batch.ok());
  SQLite::Database db(dir / "l.db");
  CHECK(Count(db, "documents") == 1);
  CHECK(Count(db, "claims") == static_cast<int64_t>(f.claims.size()));
  CHECK(Count(db, "run_documents") == 1);
  CHECK(Count(db, "verdicts") == static_cast<int64_t>(f.verdicts.size()));
  // Another extractor version extracts anew: its own claims.
  auto other = ledger.BeginRun(Info());
  REQUIRE(ledger.RecordDocument(*other, f.doc, f.claims, "y", f.verdicts).ok());
  CHECK(Count(db, "claims") == 2 * static_cast<int64_t>(f.claims.size()));
  CHECK(Count(db, "documents") == 1);
}

TEST_CASE("a batch of documents is written whole or not at all") {
  Fixture f;
  TempDir dir;
  auto l = Ledger::Open(dir / "l.db");
  Ledger& ledger = **l;
  auto run = ledger.BeginRun(Info());
  REQUIRE(ledger.RecordDocument(*run, f.doc, f.claims, "x", f.verdicts).ok());
  // The seed again, but with a claim fewer than the ledger holds for it:
  // the second document of the batch fails, so the first is not written.
  Document copy = f.Copy(1);
  std::vector<Claim> fewer(f.claims.begin(), f.claims.end() - 1);
  std::vector<Verdict> none;
  auto r = ledger.RecordDocuments(*run, {{&copy, &f.claims, &f.verdicts},
                                         {&f.doc, &fewer, &none}}, "x");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("seed.md") != std::string::npos);
  SQLite::Database db(dir / "l.db");
  CHECK(Count(db, "documents") == 1);
  CHECK(Count(db, "verdicts") == static_cast<int64_t>(f.verdicts.size()));
}

TEST_CASE("stored claims that are not this extraction's are refused") {
  Fixture f;
  auto l = Ledger::Open(":memory:");
  Ledger& ledger = **l;
  auto r1 = ledger.BeginRun(Info());
  REQUIRE(ledger.RecordDocument(*r1, f.doc, f.claims, "x", f.verdicts).ok());
  // The same bytes and extractor version, as many claims, one of another
  // kind: the verdicts and counts would describe other claims.
  std::vector<Claim> other = f.claims;
  REQUIRE(other.size() > 1);
  other[1].kind = other[1].kind == Kind::kMoney ? Kind::kPercent : Kind::kMoney;
  std::vector<Verdict> none;
  auto r2 = ledger.BeginRun(Info());
  auto r = ledger.RecordDocument(*r2, f.doc, other, "x", none);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("claim 1 is") != std::string::npos);
  CHECK(ledger.RecordDocument(*r2, f.doc, f.claims, "x", none).ok());
}

TEST_CASE("prepared rows stand in for the claims, kinds checked all the same") {
  Fixture f;
  auto l = Ledger::Open(":memory:");
  Ledger& ledger = **l;
  // Neither claims nor prepared rows: refused, naming the document.
  auto r1 = ledger.BeginRun(Info());
  auto bare = ledger.RecordDocuments(*r1, {{&f.doc, nullptr, nullptr, nullptr}},
                                     "x");
  REQUIRE_FALSE(bare.ok());
  CHECK(bare.status().message().find(f.doc.path) != std::string::npos);
  // Prepared rows alone: the claims are stored and counted.
  auto p1 = PrepareDocument(*r1, f.doc, f.claims, f.verdicts, "x");
  auto s1 = ledger.RecordDocuments(*r1, {{&f.doc, nullptr, nullptr, p1.get()}},
                                   "x");
  REQUIRE(s1.ok());
  CHECK((*s1)[0].claim_ids.size() == f.claims.size());
  auto c1 = ledger.FinishRun(*r1, "complete");
  REQUIRE(c1.ok());
  CHECK(c1->claims == static_cast<int>(f.claims.size()));
  // The same bytes again, prepared from claims of which one is of another
  // kind: refused as with the claims given.
  std::vector<Claim> other = f.claims;
  REQUIRE(other.size() > 1);
  other[1].kind = other[1].kind == Kind::kMoney ? Kind::kPercent : Kind::kMoney;
  auto r2 = ledger.BeginRun(Info());
  auto p2 = PrepareDocument(*r2, f.doc, other, {}, "x");
  auto s2 = ledger.RecordDocuments(*r2, {{&f.doc, nullptr, nullptr, p2.get()}},
                                   "x");
  REQUIRE_FALSE(s2.ok());
  CHECK(s2.status().message().find("claim 1 is") != std::string::npos);
  // Prepared from this extraction's claims: reused.
  auto p3 = PrepareDocument(*r2, f.doc, f.claims, {}, "x");
  auto s3 = ledger.RecordDocuments(*r2, {{&f.doc, nullptr, nullptr, p3.get()}},
                                   "x");
  REQUIRE(s3.ok());
  CHECK((*s3)[0].reused);
  CHECK((*s3)[0].claim_ids == (*s1)[0].claim_ids);
}

TEST_CASE("a run closes once, counted from the ledger, and takes nothing after") {
  Fixture f;
  auto l = Ledger::Open(":memory:");
  Ledger& ledger = **l;
  auto run = ledger.BeginRun(Info());
  REQUIRE(ledger.RecordDocument(*run, f.doc, f.claims, "x", f.verdicts).ok());
  REQUIRE(ledger.RecordFailure(*run, "bad.md", "bad.md: invalid UTF-8 at byte 4").ok());
  REQUIRE(ledger.RecordFailure(*run, "bad.md", "bad.md: invalid UTF-8 at byte 4").ok());
  auto counts = ledger.FinishRun(*run, "complete");
  REQUIRE(counts.ok());
  CHECK(counts->documents == 1);
  CHECK(counts->claims == static_cast<int>(f.claims.size()));
  CHECK(counts->failures.size() == 1);  // recorded twice, kept once
  int verdicts = 0;
  for (const auto& [status, n] : counts->verdicts_by_status) verdicts += n;
  CHECK(verdicts == static_cast<int>(f.verdicts.size()));
  auto runs = ledger.Runs();
  REQUIRE(runs->size() == 1);
  CHECK((*runs)[0].status == "complete");
  CHECK((*runs)[0].counts_json == counts->ToJson());
  CHECK_FALSE(ledger.FinishRun(*run, "complete").ok());
  CHECK_FALSE(ledger.FinishRun(*run, "interrupted").ok());
  CHECK_FALSE(ledger.RecordDocument(*run, f.Copy(2), f.claims, "x", f.verdicts).ok());
  CHECK_FALSE(ledger.RecordFailure(*run, "late.md", "late").ok());
  CHECK_FALSE(ledger.FinishRun(*run + 1, "complete").ok());
  auto other = ledger.BeginRun(Info());
  CHECK_FALSE(ledger.FinishRun(*other, "running").ok());
}

// FinishRun keeps a tally of what its connection wrote rather than
// counting every row again; whichever way it counts, the counts must be
// the ledger's.
TEST_CASE("a run's closing counts are the ledger's, whoever wrote its rows") {
  Fixture f;
  TempDir dir;
  auto same = [](const RunCounts& a, const RunCounts& b) {
    CHECK(a.documents == b.documents);
    CHECK(a.claims == b.claims);
    CHECK(a.claims_by_kind == b.claims_by_kind);
    CHECK(a.verdicts_by_status == b.verdicts_by_status);
    CHECK(a.failures == b.failures);
    CHECK(a.ToJson() == b.ToJson());
  };
  auto a = Ledger::Open(dir / "l.db");
  auto b = Ledger::Open(dir / "l.db");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  Document d1 = f.Copy(1), d2 = f.Copy(2), d3 = f.Copy(3);
  std::vector<Verdict> none;

  SUBCASE("one connection, with a document recorded twice") {
    auto run = (*a)->BeginRun(Info());
    REQUIRE((*a)->RecordDocuments(*run, {{&d1, &f.claims, &f.verdicts},
                                         {&d2, &f.claims, &none}}, "x").ok());
    REQUIRE((*a)->RecordDocuments(*run, {{&d1, &f.claims, &f.verdicts}}, "x").ok());
    REQUIRE((*a)->RecordFailure(*run, "bad.md", "bad.md: empty file").ok());
    auto closed = (*a)->FinishRun(*run, "complete");
    REQUIRE(closed.ok());
    CHECK(closed->documents == 2);
    CHECK(closed->claims == 2 * static_cast<int>(f.claims.size()));
    same(*closed, *(*b)->CountRun(*run));
  }
  SUBCASE("a second connection writes to the run meanwhile") {
    auto run = (*a)->BeginRun(Info());
    REQUIRE((*a)->RecordDocuments(*run, {{&d1, &f.claims, &f.verdicts}}, "x").ok());
    REQUIRE((*b)->RecordDocuments(*run, {{&d2, &f.claims, &f.verdicts}}, "x").ok());
    REQUIRE((*a)->RecordDocuments(*run, {{&d3, &f.claims, &none}}, "x").ok());
    auto closed = (*a)->FinishRun(*run, "complete");
    REQUIRE(closed.ok());
    CHECK(closed->documents == 3);
    same(*closed, *(*b)->CountRun(*run));
  }
  SUBCASE("the run is closed by a connection that wrote none of it") {
    auto run = (*a)->BeginRun(Info());
    REQUIRE((*a)->RecordDocuments(*run, {{&d1, &f.claims, &f.verdicts}}, "x").ok());
    auto closed = (*b)->FinishRun(*run, "interrupted");
    REQUIRE(closed.ok());
    same(*closed, *(*a)->CountRun(*run));
  }
  SUBCASE("a resumed run goes on from what it held") {
    auto run = (*a)->BeginRun(Info());
    REQUIRE((*a)->RecordDocuments(*run, {{&d1, &f.claims, &f.verdicts}}, "x").ok());
    REQUIRE((*a)->FinishRun(*run, "interrupted").ok());
    auto found = (*b)->FindResumableRun();
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    REQUIRE((*b)->ResumeRun(*run, (**found).last_event).ok());
    REQUIRE((*b)->RecordDocuments(*run, {{&d1, &f.claims, &f.verdicts},
                                         {&d2, &f.claims, &f.verdicts}}, "x").ok());
    auto closed = (*b)->FinishRun(*run, "complete");
    REQUIRE(closed.ok());
    CHECK(closed->documents == 2);
    same(*closed, *(*a)->CountRun(*run));
  }
}

TEST_CASE("a run's plan is hashed as given: canonical, or audit says so") {
  auto l = Ledger::Open(":memory:");
  Ledger& ledger = **l;
  RunInfo info = Info();
  info.plan_json = R"({"cwd":"/w","files":["a.md","é.md"]})";  // as dump() writes
  REQUIRE(ledger.BeginRun(info).ok());
  auto clean = ledger.Audit();
  REQUIRE(clean.ok());
  CHECK(clean->ok());
  // Not canonical (a space, keys out of order): the started event's hash
  // was taken over other bytes than audit's canonical form.
  info.plan_json = R"({"files": ["b.md"], "cwd": "/w"})";
  REQUIRE(ledger.BeginRun(info).ok());
  auto report = ledger.Audit();
  REQUIRE(report.ok());
  CHECK_FALSE(report->ok());
  REQUIRE_FALSE(report->problems.empty());
  CHECK(report->problems[0].table == "run_events");
}

TEST_CASE("the latest unfinished run is found with its plan and resumed once") {
  auto l = Ledger::Open(":memory:");
  Ledger& ledger = **l;
  RunInfo info = Info();
  info.plan_json = R"({"files":["a.md"]})";
  auto r1 = ledger.BeginRun(info);
  auto r2 = ledger.BeginRun(info);
  auto r3 = ledger.BeginRun(info);
  REQUIRE(ledger.FinishRun(*r2, "interrupted").ok());
  REQUIRE(ledger.FinishRun(*r3, "complete").ok());
  auto found = ledger.FindResumableRun();
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  const ResumableRun& r = **found;
  CHECK(r.run == *r2);  // r1 is older; r3 is complete
  CHECK(r.status == "interrupted");
  CHECK(r.plan_json == R"({"files":["a.md"]})");
  CHECK(r.pid == static_cast<int64_t>(getpid()));
  CHECK_FALSE(r.host.empty());
  // Two resumers: the second finds the run moved on and backs off.
  REQUIRE(ledger.ResumeRun(r.run, r.last_event).ok());
  auto second = ledger.ResumeRun(r.run, r.last_event);
  CHECK_FALSE(second.ok());
  CHECK(second.message().find("meanwhile") != std::string::npos);
  REQUIRE(ledger.FinishRun(*r2, "complete").ok());
  CHECK((*ledger.FindResumableRun())->run == *r1);
  REQUIRE(ledger.FinishRun(*r1, "failed").ok());
  CHECK_FALSE(ledger.FindResumableRun()->has_value());
  CHECK_FALSE(ledger.ResumeRun(*r1, 0).ok());  // failed is final
}

TEST_CASE("a document's metadata is stored as nlohmann writes the map") {
  Fixture f;
  TempDir dir;
  auto l = Ledger::Open(dir / "l.db");
  REQUIRE(l.ok());
  auto run = (*l)->BeginRun(Info());
  REQUIRE(run.ok());
  Document d = f.doc;
  d.metadata = {{"source", "https://example.com/a?b=\"c\"&d=\\e"},
                {"title", "\"8분의 1\" 수준\tof GPUs"},
                {"Zeta", ""},
                {"lang", "ko"},
                {"\xea\xb0\x80", "가"}};
  REQUIRE((*l)->RecordDocument(*run, d, f.claims, "x", f.verdicts).ok());
  SQLite::Database db(dir / "l.db");
  CHECK(db.execAndGet("SELECT metadata FROM documents").getString() ==
        nlohmann::json(d.metadata).dump());
}

TEST_CASE("a document's body is stored whole, front matter cut, NUL or not") {
  Fixture f;
  TempDir dir;
  auto l = Ledger::Open(dir / "l.db");
  REQUIRE(l.ok());
  auto run = (*l)->BeginRun(Info());
  REQUIRE(run.ok());
  Document plain = f.doc;
  Document nul = f.doc;  // never from LoadDocument, which refuses NUL
  nul.raw += std::string("\0 tail", 6);
  nul.sha256 = std::string(64, 'e');
  REQUIRE((*l)->RecordDocument(*run, plain, {}, "a", {}).ok());
  REQUIRE((*l)->RecordDocument(*run, nul, {}, "b", {}).ok());
  SQLite::Database db(dir / "l.db");
  SQLite::Statement st(db,
                       "SELECT CAST(body AS BLOB) FROM documents ORDER BY id");
  for (const Document* d : {&plain, &nul}) {
    REQUIRE(st.executeStep());
    const SQLite::Column c = st.getColumn(0);
    CHECK(std::string_view(static_cast<const char*>(c.getBlob()),
                           static_cast<size_t>(c.getBytes())) == d->body());
  }
}

TEST_CASE("a document is found by its SHA-256 through the index, and once") {
  Fixture f;
  TempDir dir;
  auto l = Ledger::Open(dir / "l.db");
  REQUIRE(l.ok());
  auto run = (*l)->BeginRun(Info());
  REQUIRE((*l)->RecordDocument(*run, f.doc, f.claims, "a", f.verdicts).ok());
  SQLite::Database db(dir / "l.db");
  SQLite::Statement plan(db, std::string("EXPLAIN QUERY PLAN ") +
                                 ledger::kFindDocumentSql);
  std::string steps;
  while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
  INFO(steps);
  CHECK(steps.find("USING INDEX documents_by_sha256") != std::string::npos);
  CHECK(steps.find("SCAN") == std::string::npos);
  SQLite::Statement find(db, ledger::kFindDocumentSql);
  find.bind(1, f.doc.sha256);
  REQUIRE(find.executeStep());
  CHECK(find.getColumn(0).getInt64() == 1);
  CHECK_FALSE(find.executeStep());
  // The same prefix, another SHA-256: not this document.
  SQLite::Statement other(db, ledger::kFindDocumentSql);
  other.bind(1, f.doc.sha256.substr(0, 16) + std::string(48, '0'));
  CHECK_FALSE(other.executeStep());
}
