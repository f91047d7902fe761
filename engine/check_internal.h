// Evaluators, one per rule kind, and helpers they share. Internal to engine.
#pragma once

#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/format.h"

namespace claimledger::check_internal {

void CheckConversion(const Document& doc, const std::vector<Claim>& claims,
                     const Rule& rule, std::vector<Verdict>* out);

}  // namespace claimledger::check_internal
