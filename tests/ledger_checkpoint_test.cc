// How the ledger's write-ahead log reaches the ledger file during a
// check: the writer's own checkpoints with write-back.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <functional>

#include "ledger/ledger.h"
#include "tests/ledger_fixture.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::TempDir;

namespace {

using Fixture = claimledger::testing::SeedFixture;

// Records the fixture's document as documents [from, to) of the run, one
// commit each: the same text under another SHA-256 each time.
void RecordCopies(Ledger& l, int64_t run, const Fixture& f, int from, int to) {
  for (int i = from; i < to; ++i) {
    Document d = f.doc;
    char sha[65];
    std::snprintf(sha, sizeof sha, "%064x", i);
    d.sha256 = sha;
    REQUIRE(l.RecordDocument(run, d, f.claims, "x", f.verdicts).ok());
  }
}

// Reopens the closed ledger at path: the run holds `documents` documents,
// and the ledger audits clean.
void CheckClosed(const std::string& path, int64_t run, int documents) {
  auto again = Ledger::Open(path, OpenMode::kExisting);
  REQUIRE(again.ok());
  auto counts = (*again)->CountRun(run);
  REQUIRE(counts.ok());
  CHECK(counts->documents == documents);
  auto report = (*again)->Audit();
  REQUIRE(report.ok());
  CHECK(report->ok());
}

// Commits `documents` documents one at a time through a ledger set up by
// `setup` and returns the largest size its write-ahead log reached, after
// checking that the log's pages reached the file before the end, that
// closing left no log, and that the ledger audits clean.
uintmax_t LargestLog(const std::function<void(Ledger&)>& setup,
                     int documents) {
  Fixture f;
  TempDir dir;
  const std::string path = dir / "l.db";
  const std::string wal = path + "-wal";
  auto l = Ledger::Open(path);
  REQUIRE(l.ok());
  auto run = (*l)->BeginRun(claimledger::testing::TestRunInfo());
  REQUIRE(run.ok());
  setup(**l);
  const auto before = std::filesystem::file_size(path);
  uintmax_t most = 0;
  for (int i = 0; i < documents; ++i) {
    RecordCopies(**l, *run, f, i, i + 1);
    std::error_code ec;
    most = std::max(most, std::filesystem::file_size(wal, ec));
  }
  // Written through the log into the file while the writer went on.
  CHECK(std::filesystem::file_size(path) > before);
  REQUIRE((*l)->FinishRun(*run, "complete").ok());
  l->reset();
  CHECK_FALSE(std::filesystem::exists(wal));  // closing copied the rest
  CheckClosed(path, *run, documents);
  return most;
}

// One commit here writes a few pages (a document, its claims, its
// verdicts, their index entries; 32 KB each); 300 commits, about 3,000.
constexpr uintmax_t kLogPage = 32768 + 24;

}  // namespace

TEST_CASE("writing back after commits keeps the writer's own checkpoints") {
  // The hook that starts the write-back replaces SQLite's automatic
  // checkpoint, so it must checkpoint too: from 8 pages here.
  uintmax_t most =
      LargestLog([](Ledger& l) { l.WriteBackAfterCommits(8); }, 300);
  INFO("largest log: ", most / kLogPage, " pages");
  CHECK(most > 0);
  CHECK(most < (8 + 48) * kLogPage);
}

TEST_CASE("between calls the writer holds no snapshot of the log open") {
  // Statements RecordDocuments and RecordFailure keep prepared are reset
  // after each call: one left on a row would hold a read snapshot, and
  // the log could neither be emptied nor restart.
  Fixture f;
  TempDir dir;
  const std::string path = dir / "l.db";
  auto l = Ledger::Open(path);
  REQUIRE(l.ok());
  auto run = (*l)->BeginRun(claimledger::testing::TestRunInfo());
  REQUIRE(run.ok());
  RecordCopies(**l, *run, f, 0, 2);
  REQUIRE((*l)->RecordFailure(*run, "gone.md", "gone.md: no such file").ok());
  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  SQLite::Statement ckpt(other, "PRAGMA wal_checkpoint(TRUNCATE)");
  REQUIRE(ckpt.executeStep());
  CHECK(ckpt.getColumn(0).getInt() == 0);  // not busy: no reader in the way
  CHECK(ckpt.getColumn(1).getInt() == 0);  // the log is empty
  // And the writer goes on.
  RecordCopies(**l, *run, f, 2, 3);
  CHECK((*l)->FinishRun(*run, "complete").ok());
}
