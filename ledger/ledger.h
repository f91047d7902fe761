// Ledger: the SQLite store of documents, claims, runs, verdicts, reviews
// and failures (ledger/SCHEMA.md). Append-only: verdicts and reviews are
// never updated; a re-run adds a run; the same document (same SHA-256)
// with the same extractor version reuses its claims; a review overrules a
// verdict by adding a row. Runs, run events, verdicts and reviews carry a
// SHA-256 chained to the previous row of their table; Audit() recomputes
// the chains.
// One Ledger object is one connection: use it from one thread at a time.
// Several processes may share a ledger file (WAL, busy timeout); every
// write is one IMMEDIATE transaction, so a crash at any point leaves the
// ledger as it was before or after that transaction. SQLiteCpp exceptions
// never leave this module; every method returns a Status.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/claim.h"
#include "engine/document.h"
#include "engine/status.h"
#include "ledger/records.h"

namespace claimledger {

struct RunInfo {
  std::string engine_version;
  std::string extractor_version;
  std::string arguments_json;  // the command line, as a JSON array
  std::string rules_json;      // [{file, sha256, pack, version}]
  std::string reference_json;  // [{file, sha256, kind}]
  std::string started_at;      // ISO 8601 UTC
  // What a resumed run needs to re-read its inputs (a JSON object, opaque
  // to the ledger; "{}" or empty when there is nothing to record). It must
  // be canonical, as nlohmann's dump() writes it: the ledger hashes it as
  // given, and audit reports the run's started event if it is not.
  std::string plan_json;
};

struct RunRow {
  int64_t id = 0;
  std::string engine_version;
  std::string started_at;
  std::string ended_at;
  std::string status;
  std::string counts_json;
  std::string arguments_json;
};

struct VerdictRow {
  int64_t verdict_id = 0;
  int64_t run_id = 0;
  int64_t claim_id = 0;
  std::string path;
  std::string claim_text;
  std::string kind;
  std::string unit;
  std::string rule_id;
  int rule_version = 0;
  std::string severity;
  std::string machine_status;
  std::string status;  // a reviewer's latest decision wins
  std::optional<double> expected, observed, deviation;
  std::string reason;
};

struct ListFilter {
  std::optional<int64_t> run;  // default: the latest run
  std::string status;
  std::string rule;
  std::string kind;
  std::optional<int64_t> document;  // documents.id
};

struct StoredClaims {
  int64_t document_id = 0;
  std::vector<int64_t> claim_ids;  // parallel to the extractor's claims
  bool reused = false;             // the document was already in the ledger
  // The run already held this document (a resumed run, or the same bytes
  // under another path): nothing new was written for it.
  bool already_in_run = false;
};

// A checked document's rows built ahead of RecordDocuments: the claim
// rows and the verdicts' canonical content, which need nothing from the
// ledger, so that the one writer only looks up, hashes and inserts.
// Built on any thread by PrepareDocument; opaque outside ledger/.
struct PreparedDocument;
// The verdicts are taken (their evidence and reasons move into the rows).
std::shared_ptr<PreparedDocument> PrepareDocument(
    int64_t run, const Document& doc, const std::vector<Claim>& claims,
    std::vector<Verdict> verdicts, const std::string& extractor_version);

// One checked document for RecordDocuments. The pointers must outlive
// the call. `prepared`, when given, must come from PrepareDocument on the
// same document, claims, verdicts, run and extractor version (a mismatch
// in run, extractor version or counts fails the batch), and `claims` and
// `verdicts` may then be null: their rows, and each claim's kind, are in
// it. RecordDocuments fills its writer-only columns in place. Without it
// the rows are built during the call, and `claims` is required.
struct DocumentRecord {
  const Document* doc = nullptr;
  const std::vector<Claim>* claims = nullptr;
  const std::vector<Verdict>* verdicts = nullptr;
  PreparedDocument* prepared = nullptr;
};

// What a run holds, counted from the ledger itself.
struct RunCounts {
  int documents = 0;
  int claims = 0;
  std::map<std::string, int> claims_by_kind;
  std::map<std::string, int> verdicts_by_status;
  std::vector<std::pair<std::string, std::string>> failures;  // input, error
  std::string ToJson() const;  // the runs.counts column
};

// A run that `check --resume` may finish: status running or interrupted.
struct ResumableRun {
  int64_t run = 0;
  std::string status;
  std::string engine_version;
  std::string extractor_version;
  std::string rules_json;
  std::string reference_json;
  std::string plan_json;  // empty for runs begun before schema 2
  // The process that last started or resumed the run.
  std::string host;
  int64_t pid = 0;
  int64_t last_event = 0;  // id of the run's latest run_events row
};

struct ReviewInput {
  int64_t verdict_id = 0;
  std::string reviewer;
  std::string decision;  // confirm | override
  std::string status;    // override: the status it decides; confirm: empty
                         // or the verdict's own status
  std::string note;
  std::string created_at;  // ISO 8601 UTC; empty: now
};

struct AuditProblem {
  std::string table;
  int64_t row = 0;  // 0 when the problem is not one row's
  std::string problem;
};

struct ChainHead {
  std::string table;
  int64_t rows = 0;
  std::string head;  // the last row's row_hash; 64 zeros when empty
};

struct AuditReport {
  int schema_version = 0;
  std::vector<std::string>
      integrity;  // PRAGMA integrity_check; "ok" when clean
  std::vector<ChainHead> chains;
  // The first mismatching row of each chain, then every other finding.
  std::vector<AuditProblem> problems;
  std::vector<int64_t> incomplete_runs;  // running or interrupted
  bool ok() const {
    return problems.empty() && integrity.size() == 1 && integrity[0] == "ok";
  }
};

enum class OpenMode { kCreate, kExisting };

class Ledger {
 public:
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Opens PATH (":memory:" works; kCreate creates a missing file), sets
  // WAL and a busy timeout, and migrates the schema forward. Fails naming
  // the path; refuses a ledger whose schema is newer than this build knows.
  static Result<std::unique_ptr<Ledger>> Open(
      const std::string& path, OpenMode mode = OpenMode::kCreate);

  int schema_version() const;
  const std::string& path() const;

  // Adds a run (status running) and its chained 'started' event, which
  // records info.plan_json and this process's host and pid.
  Result<int64_t> BeginRun(const RunInfo& info);
  // Closes a running run: status complete | interrupted | failed. Appends
  // the chained closing event carrying the run's counts and returns them.
  // The counts are the ledger's: kept as this connection writes the run's
  // documents, used only while the ledger's row counts for the run agree,
  // else counted from its rows. Fails when the run is not running.
  Result<RunCounts> FinishRun(int64_t run, const std::string& status);

  // Stores checked documents in one transaction. Per document: the
  // document (or the existing row with its SHA-256), its claims (reused
  // when present for this extractor version), the run's link to it, and
  // the verdicts. A document the run already holds gets nothing new, so
  // recording the same document twice in a run never duplicates verdicts.
  // On failure nothing of the batch is written (with GroupCommits,
  // nothing of the uncommitted group either).
  Result<std::vector<StoredClaims>> RecordDocuments(
      int64_t run, const std::vector<DocumentRecord>& docs,
      const std::string& extractor_version);
  Result<StoredClaims> RecordDocument(int64_t run, const Document& doc,
                                      const std::vector<Claim>& claims,
                                      const std::string& extractor_version,
                                      const std::vector<Verdict>& verdicts);

  // After each commit of this connection, starts writing the log's new
  // pages to the disk without waiting for it (Linux: sync_file_range), so
  // that a checkpoint's sync of the log finds them written instead of
  // waiting for up to 32 MB. Checkpoints stay on this connection's
  // commits, from checkpoint_pages as SQLite's own; while one copies the
  // log into the ledger file, a helper thread starts the file's pages on
  // their way every 2 ms, so that its closing sync does not wait for them
  // either. Closing the Ledger checkpoints the same way first. A no-op
  // for ":memory:".
  void WriteBackAfterCommits(int checkpoint_pages = 1000);

  // From now on RecordDocuments and RecordFailure share one write
  // transaction, committed once it holds `documents` documents or has
  // been open for `interval` (checked at each call), and before anything
  // else this Ledger does in a transaction of its own (closing a run, a
  // review, a read of one snapshot) and when it closes; CommitGroup
  // commits it at once. Not yet committed means not yet durable: a crash
  // loses those calls, which `check --resume` does again, and so does a
  // call that fails: it rolls back the whole group.
  // Why: every commit writes again each page it touched, among them the
  // leaves of the documents' SHA-256 index, over which random keys
  // spread. With a commit per 512 documents the log took 40% more bytes
  // than the ledger file at 100,000 articles. Larger batches would do the
  // same, but hold more documents in memory.
  void GroupCommits(size_t documents, std::chrono::milliseconds interval);
  Status CommitGroup();

  // Records an input the run could not read; recording the same input
  // twice for one run keeps one row.
  Status RecordFailure(int64_t run, const std::string& input,
                       const std::string& error);

  // The latest run with status running or interrupted, if any.
  Result<std::optional<ResumableRun>> FindResumableRun() const;
  // Marks a resumable run running again (a chained 'resumed' event).
  // Fails when the run's latest event is no longer expected_last_event:
  // someone else resumed or closed it meanwhile.
  Status ResumeRun(int64_t run, int64_t expected_last_event);
  // The inputs a run has dealt with: paths of its documents and inputs of
  // its failures.
  Result<std::set<std::string>> DoneInputs(int64_t run) const;
  Result<RunCounts> CountRun(int64_t run) const;

  // Appends a reviewer's decision on a verdict, chained; returns its id.
  // Fails (nothing written) on an unknown verdict, a decision other than
  // confirm or override, a status that is not a verdict status, an
  // override without a status, a confirm whose status differs from the
  // verdict's, or an empty reviewer or note.
  Result<int64_t> AddReview(const ReviewInput& review);

  // Recomputes every hash chain, checks that each run's status matches its
  // latest event and that claims still match their documents' bytes, and
  // runs PRAGMA integrity_check, all on one snapshot. Fails only when the
  // ledger cannot be read; findings are in the report.
  Result<AuditReport> Audit() const;

  Result<std::optional<int64_t>> LatestRun() const;
  Result<std::vector<RunRow>> Runs() const;
  Result<std::vector<VerdictRow>> ListVerdicts(const ListFilter& filter) const;

  // Read queries for the review tools (ledger/ledger_queries.cc). Each
  // reads one snapshot; an unknown id gives an empty optional, and a
  // failed Status only when the ledger cannot be read.
  Result<std::optional<RunDetail>> GetRun(int64_t run) const;
  Result<RunContent> LoadRun(int64_t run) const;  // fails on an unknown run
  Result<std::optional<ClaimInfo>> GetClaim(int64_t claim) const;
  Result<std::optional<DocumentInfo>> GetDocument(int64_t document) const;
  Result<std::optional<VerdictInfo>> GetVerdict(int64_t verdict) const;
  // Every verdict, in any run, whose claims include CLAIM; by id.
  Result<std::vector<VerdictInfo>> VerdictsOfClaim(int64_t claim) const;
  // Documents a user's KEY names: a documents.id, a SHA-256 or a prefix of
  // one (at least 6 hex digits), a recorded path, or a file name.
  Result<std::vector<int64_t>> FindDocuments(const std::string& key) const;
  // The latest run that holds DOCUMENT, if any.
  Result<std::optional<int64_t>> LatestRunWith(int64_t document) const;

  struct Impl;

 private:
  explicit Ledger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimledger
