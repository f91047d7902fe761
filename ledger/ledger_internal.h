// Internals shared by the ledger's source files: the connection behind a
// Ledger, the forward migration, and small helpers. Not for use outside
// ledger/.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <exception>
#include <thread>
#include <string>
#include <utility>
#include <vector>

#include "engine/status.h"
#include "ledger/ledger.h"

namespace claimledger {

struct Ledger::Impl {
  Impl(const std::string& path, int flags) : path(path), db(path, flags) {}
  std::string path;
  SQLite::Database db;
  // CheckpointAside's thread; declared after db, so joined before db
  // closes.
  std::jthread checkpointer;

  // What the run this connection writes holds, kept up to date as its
  // transactions commit, so that closing a run does not count every claim
  // and verdict again (FinishRun). Taken from the ledger when this
  // connection first writes a document to the run (a resumed run starts
  // from what it held); FinishRun uses it only when the ledger's own row
  // counts for the run still agree with it.
  struct Tally {
    int64_t run = 0;  // 0: none
    RunCounts counts;  // its failures are left out: read at close
    int verdicts() const {
      int n = 0;
      for (const auto& [status, count] : counts.verdicts_by_status) n += count;
      return n;
    }
  };
  Tally tally;

  Status Fail(const std::string& what, const std::exception& e) const {
    return Status::Error(what + " " + path + ": " + e.what());
  }
};

namespace ledger {

// Applies the migrations from the ledger's PRAGMA user_version up to the
// current version, inside the caller's IMMEDIATE transaction. Throws
// (SQLite::Exception or std::runtime_error) on failure; the caller rolls
// back.
void MigrateForward(SQLite::Database& db);

// The run's documents, claims by kind, verdicts by status and failures,
// counted from the ledger.
RunCounts CountRun(SQLite::Database& db, int64_t run);
// The run's failures (input, error) in the order they were recorded.
std::vector<std::pair<std::string, std::string>> RunFailures(
    SQLite::Database& db, int64_t run);

// Claims outside the claim set of their document and extractor version
// (schema 4): a claim not in its set's id range or not at its ordinal
// there, and a set whose range is not filled with its own claims. At most
// one problem of each kind, the first by id.
std::vector<AuditProblem> ClaimSetProblems(SQLite::Database& db);

// The current time as ISO 8601 UTC ("2026-01-31T12:00:00Z").
std::string UtcNow();

// {"host": ..., "pid": ...} of this process, for run events.
std::string ProcessJson();

// Appends a run event and sets the runs row's status, ended_at and counts
// to match it. Inside the caller's IMMEDIATE transaction.
void AppendRunEvent(SQLite::Database& db, int64_t run, const std::string& event,
                    const std::string& status, const std::string* ended_at,
                    const std::string* counts, const std::string& at,
                    const std::string& detail_json);

}  // namespace ledger
}  // namespace claimledger
