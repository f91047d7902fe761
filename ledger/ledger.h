// Ledger: the SQLite store of documents, claims, runs, verdicts, reviews
// and failures (ledger/SCHEMA.md). Append-only: verdicts and reviews are
// never updated; a re-run adds a run; the same document (same SHA-256)
// with the same extractor version reuses its claims. Runs, verdicts and
// reviews carry a SHA-256 chained to the previous row of their table.
// One Ledger object is one connection: use it from one thread at a time.
// Several processes may share a ledger file (WAL, busy timeout). SQLiteCpp
// exceptions never leave this module; every method returns a Status.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/claim.h"
#include "engine/document.h"
#include "engine/status.h"

namespace claimledger {

struct RunInfo {
  std::string engine_version;
  std::string extractor_version;
  std::string arguments_json;  // the command line, as a JSON array
  std::string rules_json;      // [{file, sha256, pack, version}]
  std::string reference_json;  // [{file, sha256, kind}]
  std::string started_at;      // ISO 8601 UTC
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
};

struct StoredClaims {
  int64_t document_id = 0;
  std::vector<int64_t> claim_ids;  // parallel to the extractor's claims
  bool reused = false;             // the document was already in the ledger
};

class Ledger {
 public:
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Opens or creates PATH (":memory:" works), sets WAL and a busy timeout,
  // and migrates the schema forward. Fails naming the path; refuses a
  // ledger whose schema is newer than this build knows.
  static Result<std::unique_ptr<Ledger>> Open(const std::string& path);

  int schema_version() const;

  Result<int64_t> BeginRun(const RunInfo& info);
  // status: complete | interrupted | failed.
  Status FinishRun(int64_t run, const std::string& status,
                   const std::string& ended_at, const std::string& counts_json);

  // Stores one checked document in one transaction: the document (or the
  // existing row with its SHA-256), its claims (reused when present for
  // this extractor version), the run's link to it, and the verdicts.
  Result<StoredClaims> RecordDocument(int64_t run, const Document& doc,
                                      const std::vector<Claim>& claims,
                                      const std::string& extractor_version,
                                      const std::vector<Verdict>& verdicts);

  Status RecordFailure(int64_t run, const std::string& input,
                       const std::string& error);

  Result<std::optional<int64_t>> LatestRun() const;
  Result<std::vector<RunRow>> Runs() const;
  Result<std::vector<VerdictRow>> ListVerdicts(const ListFilter& filter) const;

 private:
  struct Impl;
  explicit Ledger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimledger
