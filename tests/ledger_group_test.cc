// Grouped commits (Ledger::GroupCommits): RecordDocuments and
// RecordFailure share one transaction until it is full or old enough;
// anything else the Ledger does, and closing it, commits it first; a
// failing call rolls back the group.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "ledger/ledger.h"
#include "tests/ledger_fixture.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::TempDir;
using claimledger::testing::TestRunInfo;

namespace {

using Fixture = claimledger::testing::SeedFixture;
using std::chrono::hours;
using std::chrono::milliseconds;

// The fixture's document under another SHA-256 for each n.
Document CopyOf(const Fixture& f, int n) {
  Document d = f.doc;
  char sha[65];
  std::snprintf(sha, sizeof sha, "%064x", n + 1);
  d.sha256 = sha;
  d.path = "copy" + std::to_string(n) + ".md";
  return d;
}

Status Record(Ledger& l, int64_t run, const Fixture& f, int n) {
  auto r = l.RecordDocument(run, CopyOf(f, n), f.claims, "x", f.verdicts);
  return r.ok() ? Status::Ok() : r.status();
}

// What another connection sees of the run: its documents and failures.
struct Seen {
  explicit Seen(const std::string& path) : db(path, SQLite::OPEN_READONLY) {}
  int Count(const std::string& table, int64_t run) {
    SQLite::Statement st(db, "SELECT COUNT(*) FROM " + table +
                                 " WHERE run_id = ?");
    st.bind(1, run);
    st.executeStep();
    return st.getColumn(0).getInt();
  }
  int documents(int64_t run) { return Count("run_documents", run); }
  int failures(int64_t run) { return Count("failures", run); }
  SQLite::Database db;
};

// A new ledger with a run begun, grouping commits as asked.
struct Grouped {
  Grouped(size_t documents, milliseconds interval) {
    auto opened = Ledger::Open(path);
    REQUIRE(opened.ok());
    l = std::move(opened).value();
    auto begun = l->BeginRun(TestRunInfo());
    REQUIRE(begun.ok());
    run = *begun;
    l->GroupCommits(documents, interval);
  }
  TempDir dir;
  std::string path = dir / "l.db";
  std::unique_ptr<Ledger> l;
  int64_t run = 0;
};

}  // namespace

TEST_CASE("grouped commits: others see documents a group at a time") {
  Fixture f;
  Grouped g(3, hours(1));
  Ledger& l = *g.l;
  const int64_t run = g.run;
  Seen seen(g.path);

  REQUIRE(Record(l, run, f, 0).ok());
  REQUIRE(l.RecordFailure(run, "bad.md", "bad.md: empty").ok());
  REQUIRE(Record(l, run, f, 1).ok());
  CHECK(seen.documents(run) == 0);  // two of three: not committed
  CHECK(seen.failures(run) == 0);
  REQUIRE(Record(l, run, f, 2).ok());
  CHECK(seen.documents(run) == 3);  // the third commits the group
  CHECK(seen.failures(run) == 1);

  REQUIRE(Record(l, run, f, 3).ok());
  CHECK(seen.documents(run) == 3);
  REQUIRE(l.CommitGroup().ok());
  CHECK(seen.documents(run) == 4);
  REQUIRE(l.CommitGroup().ok());  // nothing open: nothing to do

  // Anything else in a transaction of its own commits the group first.
  REQUIRE(Record(l, run, f, 4).ok());
  CHECK(seen.documents(run) == 4);
  auto counts = l.CountRun(run);
  REQUIRE(counts.ok());
  CHECK(counts->documents == 5);
  CHECK(seen.documents(run) == 5);
  REQUIRE(Record(l, run, f, 5).ok());
  auto closed = l.FinishRun(run, "complete");
  REQUIRE(closed.ok());
  CHECK(closed->documents == 6);
  CHECK(seen.documents(run) == 6);
  auto report = l.Audit();
  REQUIRE(report.ok());
  CHECK(report->ok());
}

TEST_CASE("grouped commits: a group open for its interval commits at the next call") {
  Fixture f;
  Grouped g(1000, milliseconds(0));
  Ledger& l = *g.l;
  const int64_t run = g.run;
  Seen seen(g.path);
  for (int i = 0; i < 3; ++i) {
    REQUIRE(Record(l, run, f, i).ok());
    CHECK(seen.documents(run) == i + 1);
  }
}

TEST_CASE("grouped commits: a failing call rolls back its group, and the run's counts stay right") {
  Fixture f;
  Grouped g(100, hours(1));
  Ledger& l = *g.l;
  const int64_t run = g.run;
  Seen seen(g.path);
  REQUIRE(Record(l, run, f, 0).ok());
  REQUIRE(Record(l, run, f, 1).ok());
  REQUIRE(Record(l, run, f, 2).ok());
  CHECK(seen.documents(run) == 0);

  // Rows prepared for another run: refused after the call has begun
  // writing into the group.
  Document other = CopyOf(f, 3);
  auto prepared = PrepareDocument(run + 1, other, f.claims, f.verdicts, "x");
  auto failed = l.RecordDocuments(
      run, {{&other, &f.claims, nullptr, prepared.get()}}, "x");
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.status().message().find("another run") != std::string::npos);

  // The three before it went with it; the ledger takes new calls.
  REQUIRE(Record(l, run, f, 4).ok());
  REQUIRE(Record(l, run, f, 5).ok());
  REQUIRE(l.CommitGroup().ok());
  CHECK(seen.documents(run) == 2);
  auto closed = l.FinishRun(run, "complete");
  REQUIRE(closed.ok());
  CHECK(closed->documents == 2);
  CHECK(closed->claims == 2 * static_cast<int>(f.claims.size()));
  int verdicts = 0;
  for (const auto& [status, n] : closed->verdicts_by_status) verdicts += n;
  CHECK(verdicts == 2 * static_cast<int>(f.verdicts.size()));
  auto report = l.Audit();
  REQUIRE(report.ok());
  CHECK(report->ok());
}

TEST_CASE("grouped commits: closing the ledger commits its group") {
  Fixture f;
  Grouped g(100, hours(1));
  for (int i = 0; i < 3; ++i) REQUIRE(Record(*g.l, g.run, f, i).ok());
  g.l.reset();
  auto again = Ledger::Open(g.path, OpenMode::kExisting);
  REQUIRE(again.ok());
  auto counts = (*again)->CountRun(g.run);
  REQUIRE(counts.ok());
  CHECK(counts->documents == 3);
}
