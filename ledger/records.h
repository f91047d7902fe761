// Read-side records of the ledger for review tools: a document, a claim, a
// verdict with its reviews, a run with its provenance, and everything one
// run holds. Plain value types filled by the query methods of Ledger
// (ledger/ledger_queries.cc); they hold copies, never views into SQLite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace claimledger {

struct DocumentInfo {
  int64_t id = 0;
  std::string sha256;
  std::string path;  // as read by the run asked about (else as first seen)
  std::string source;
  std::string published;  // YYYY-MM-DD, YYYY-MM or empty
  std::string lang;
  std::string metadata_json;
  std::string body;  // the text after the front matter; claim spans index it
};

struct ClaimInfo {
  int64_t id = 0;
  int64_t document_id = 0;
  std::string extractor_version;
  int64_t ordinal = 0;
  int64_t span_start = 0;
  int64_t span_end = 0;
  std::string text;
  std::string kind;
  bool is_range = false;
  // Exact decimal strings as extracted; empty when absent.
  std::string value, low, high;
  std::optional<double> value_num, low_num, high_num;
  std::optional<double> prec_low, prec_high;  // stated precision
  std::string unit;
  std::string bound;  // exact, approx, at_least, ...
  std::optional<int64_t> pair_claim_id;
  int64_t sentence_start = 0;
  int64_t sentence_end = 0;
  std::string subject, relation, object;  // comparisons only
  std::string path;                       // its document's path
};

struct ReviewInfo {
  int64_t id = 0;
  int64_t verdict_id = 0;
  std::string reviewer;
  std::string decision;  // confirm | override
  std::string status;
  std::string note;
  std::string created_at;
};

struct VerdictInfo {
  int64_t id = 0;
  int64_t run_id = 0;
  int64_t document_id = 0;
  int64_t claim_id = 0;            // the leading claim
  std::vector<int64_t> claim_ids;  // every claim the verdict is about
  std::string rule_id;
  int rule_version = 0;
  std::string rule_kind;
  std::string severity;
  std::string rule_file;
  std::string rule_file_sha256;
  std::string machine_status;  // the rule's own outcome
  std::string status;          // the latest review's status, else the rule's
  std::optional<double> expected, observed, deviation, tolerance;
  std::string evidence_json;
  std::string reason;
  std::vector<ReviewInfo> reviews;  // oldest first
  const ReviewInfo* latest_review() const {
    return reviews.empty() ? nullptr : &reviews.back();
  }
};

struct RunDetail {
  int64_t id = 0;
  std::string status;
  std::string started_at;
  std::string ended_at;
  std::string engine_version;
  std::string extractor_version;
  std::string arguments_json;
  std::string rules_json;      // [{file, sha256, pack, version}]
  std::string reference_json;  // [{file, sha256, kind}]
  std::string counts_json;     // "{}" while running
  int64_t reviews = 0;         // reviews of the run's verdicts
  // The plan its 'started' event recorded (opaque JSON; empty for runs
  // begun before schema 2).
  std::string plan_json;
};

// What one run holds: its documents (with the paths this run read them
// from, sorted by path), their claims at the run's extractor version (by
// document, then ordinal), and its verdicts (by id) with their reviews.
struct RunContent {
  RunDetail run;
  std::vector<DocumentInfo> documents;
  std::vector<ClaimInfo> claims;
  std::vector<VerdictInfo> verdicts;
};

}  // namespace claimledger
