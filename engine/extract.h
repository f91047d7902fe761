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
std::vector<Claim> Extract(std::string_view body, const Lexicon& lex);

}  // namespace claimledger
