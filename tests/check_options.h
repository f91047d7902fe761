// CheckOptions for a test's check: the given inputs, with the bundled
// rules and lexicon from the source tree.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tests/test_util.h"
#include "tools/app/run_check.h"

namespace claimledger::testing {

inline CheckOptions BundledOptions(std::vector<std::string> inputs) {
  CheckOptions o;
  o.inputs = std::move(inputs);
  o.rule_paths = {SourcePath("rules")};
  o.lexicon_dir = SourcePath("rules/lexicon");
  return o;
}

}  // namespace claimledger::testing
