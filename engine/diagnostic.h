// Diagnostic: one problem in a user's YAML file, reported as
// `file:line:col: error: message [rule_id]` with 1-based line and column.
// Loaders collect every diagnostic of a file rather than stopping at the
// first. Plain value type.
#pragma once

#include <string>
#include <vector>

namespace claimledger {

struct Diagnostic {
  std::string file;
  int line = 0;  // 1-based; 0 when the problem has no position
  int col = 0;   // 1-based
  std::string message;
  std::string rule_id;  // empty when the problem is outside any rule

  std::string ToString() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace claimledger
