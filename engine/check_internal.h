// Evaluators, one per rule kind, and helpers they share. Internal to engine.
#pragma once

#include <string>
#include <vector>

#include "engine/check.h"

namespace claimledger::check_internal {

void CheckConversion(const Document& doc, const std::vector<Claim>& claims,
                     const Rule& rule, std::vector<Verdict>* out);

// "7,900,000,000" style, rounded to `digits` significant digits.
std::string FormatNumber(double v, int digits = 4);

}  // namespace claimledger::check_internal
