// Checking: runs every rule of a Rulebook over one document's claims and
// returns the verdicts, each with its evidence and a one-line reason.
// One evaluator per rule kind (check_conversion.cc, ...). Verdicts are a
// pure function of (document, claims, rulebook): no clock, no hash-map
// order, so the same inputs give byte-identical verdicts. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "engine/claim.h"
#include "engine/document.h"
#include "engine/rulebook.h"

namespace claimledger {

enum class VerdictStatus { kConsistent, kInconsistent, kUnverifiable };
std::string_view VerdictStatusName(VerdictStatus s);
std::optional<VerdictStatus> ParseVerdictStatus(std::string_view s);

struct Verdict {
  const Rule* rule = nullptr;
  std::vector<int> claims;  // indexes into the document's claims; [0] leads
  VerdictStatus status = VerdictStatus::kUnverifiable;
  // Numbers in the unit of the observed claim; absent (NaN) when the rule
  // could not compute them.
  double expected = 0;
  double observed = 0;
  double deviation = 0;  // observed / expected - 1
  double tolerance = 0;
  bool has_numbers = false;
  std::string evidence_json;  // canonical JSON (sorted keys)
  std::string reason;         // one line a person can read
};

std::vector<Verdict> CheckDocument(const Document& doc,
                                   const std::vector<Claim>& claims,
                                   const Rulebook& book);

}  // namespace claimledger
