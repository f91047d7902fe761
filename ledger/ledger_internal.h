// Internals shared by the ledger's source files: the connection behind a
// Ledger, the forward migration, and small helpers. Not for use outside
// ledger/.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/status.h"
#include "ledger/chain.h"
#include "ledger/ledger.h"

struct sqlite3;

namespace claimledger {

// What a connection does after each of its commits once a check takes
// over SQLite's automatic checkpoint (Ledger::WriteBackAfterCommits):
// start writing the log's new pages to the disk, then checkpoint from
// inline_pages (the ledger file written back as the checkpoint goes).
// With a hook, the Ledger also checkpoints that way before it closes.
class CommitHook {
 public:
  CommitHook(std::string db_path, int inline_pages);
  ~CommitHook();  // closes its descriptor of the log
  void Committed(sqlite3* db, int pages);

 private:
  std::string db_path_, wal_path_;
  int fd_ = -1;  // of the log
  int inline_pages_;
};

struct Ledger::Impl {
  Impl(const std::string& path, int flags) : path(path), db(path, flags) {}
  ~Impl();  // unhooks db before `hook` goes
  // Sets db's commit hook to a new CommitHook.
  void Hook(int inline_pages);
  std::string path;
  SQLite::Database db;
  // The commit hook; declared after db, so gone before db closes.
  std::unique_ptr<CommitHook> hook;
  // Statements prepared once and used by call after call, by SQL: those
  // RecordDocuments runs for every batch (preparing its ten took 1.5% of a
  // check's CPU). Declared after db, so finalized before it closes. Lent
  // out by ledger::Reused.
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> reused;

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

  // The group transaction (GroupCommits).
  struct Group {
    size_t documents = 0;  // 0: no grouping
    std::chrono::milliseconds interval{0};
    bool open = false;
    size_t held = 0;  // documents written in the open transaction
    std::chrono::steady_clock::time_point began;
  };
  Group group;
  // Commits the group transaction if one is open; throws when the commit
  // fails (the group is then rolled back, RollBackGroup).
  void CommitGroup();
  // Ends the open group without its calls: rolls it back unless SQLite
  // ended it already, and forgets the tally, which counted them.
  void RollBackGroup() noexcept;

  Status Fail(const std::string& what, const std::exception& e) const {
    return Status::Error(what + " " + path + ": " + e.what());
  }
};

namespace ledger {

// The transaction of one RecordDocuments or RecordFailure: its own
// IMMEDIATE transaction, or the group transaction (GroupCommits), which
// it begins when none is open. Rolled back unless committed: the group
// with it, whose calls are then not in the ledger (group_commit.cc).
class WriteScope {
 public:
  explicit WriteScope(Ledger::Impl& impl);
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  ~WriteScope();
  // Commits: its own transaction, or the group once it holds its
  // documents or is old enough. Throws when the commit fails.
  void Commit(size_t documents);

 private:
  Ledger::Impl& impl_;
  std::optional<SQLite::Transaction> tx_;
  bool grouped_ = false;  // in the group, not committed yet
};

// Lends statements of Impl::reused for one call, preparing them on first
// use, and resets each when the call ends, its bindings cleared: a
// statement left on a row would hold a read snapshot open after the
// commit (and keep checkpoints from finishing), and bindings without
// copies would point at the caller's strings. Not reentrant: one SQL is
// lent once at a time.
class Reused {
 public:
  explicit Reused(Ledger::Impl& impl) : impl_(impl) {}
  Reused(const Reused&) = delete;
  Reused& operator=(const Reused&) = delete;
  ~Reused();
  SQLite::Statement& Get(const std::string& sql);

 private:
  Ledger::Impl& impl_;
  std::vector<SQLite::Statement*> lent_;
};

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
// to match it. Inside the caller's IMMEDIATE transaction. `json` says
// whether counts and detail_json are canonical already (ChainWriter).
void AppendRunEvent(SQLite::Database& db, int64_t run, const std::string& event,
                    const std::string& status, const std::string* ended_at,
                    const std::string* counts, const std::string& at,
                    const std::string& detail_json,
                    JsonInput json = JsonInput::kParse);

}  // namespace ledger
}  // namespace claimledger
