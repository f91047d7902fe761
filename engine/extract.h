// The claim extractor: turns a document body into the numeric and
// comparative claims it states (docs/claims.md is the contract). Language
// words come from a Lexicon; the grammar is here and in numeral.h.
// Extract is a pure function of (body, lexicon): thread-safe, and its time
// is linear in the length of the body.
#pragma once

#include <string_view>
#include <vector>

#include "engine/claim.h"
#include "engine/lexicon.h"

namespace claimledger {

// The version recorded with every claim in the ledger; bump it whenever a
// change to the extractor or the claim contract changes what it returns.
inline constexpr std::string_view kExtractorVersion = "extract-1";

// REQUIRES: body is valid UTF-8 (ParseDocument checks it).
// Returns claims in order of their spans; spans never overlap except that a
// comparison may contain numeric claims. Pairs refer to indexes in the result.
// Reading stops once more than `max_claims` numeric claims are found: the
// result is then only known to be too long (check refuses the document), so
// a file dense with amounts costs no more than the limit.
std::vector<Claim> Extract(std::string_view body, const Lexicon& lex,
                           size_t max_claims = static_cast<size_t>(-1));

}  // namespace claimledger
