// A checked document's ledger rows as PrepareDocument builds them, on any
// thread, for RecordDocuments to insert (internal to ledger/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ledger/chain.h"

namespace claimledger {

// A claim's row of the claims table (kInsertClaim, ledger_write.cc) as
// PrepareDocument builds it: every column but document_id and
// extractor_version, which the writer binds; an empty
// optional is NULL. Typed fields rather than a row of Values: a row of 24
// Values took 1 KB, and a result waiting for the writer holds a row per
// claim.
struct ClaimRow {
  int64_t ordinal = 0, span_start = 0, span_end = 0;
  int64_t sentence_start = 0, sentence_end = 0;
  int64_t is_range = 0;
  std::optional<int64_t> pair;
  std::string kind, bound;  // short names: no allocation
  std::string text, unit;
  std::optional<std::string> value, low, high;
  std::optional<std::string> subject, relation, object;
  std::optional<double> value_num, low_num, high_num, prec_low, prec_high;
};

// A document's rows as PrepareDocument builds them.
struct PreparedDocument {
  int64_t run = 0;
  std::string extractor_version;
  std::string metadata_json;
  std::vector<ClaimRow> claims;  // one per claim, in order
  std::vector<std::pair<std::string_view, int>> kinds;  // claims by kind
  struct VerdictRow {
    std::string_view status;
    std::vector<ledger::Value> content;
    ledger::PreparedContent canonical;
    std::vector<int> claims;  // indexes into the document's claims
  };
  std::vector<VerdictRow> verdicts;  // one per verdict, in order
};

namespace ledger {

// Content columns of VerdictsSpec() the writer fills: their indexes.
size_t VerdictDocument();
size_t VerdictClaimIds();

}  // namespace ledger

}  // namespace claimledger
