// Number formatting for people: grouped digits rounded to a number of
// significant digits ("8,002,000,000"). Used in verdict reasons and tables.
#pragma once

#include <string>

namespace claimledger {

std::string FormatNumber(double v, int significant_digits = 4);

}  // namespace claimledger
