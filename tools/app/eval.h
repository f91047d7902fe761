// Extraction evaluation: compares the extractor's claims on hand-checked
// articles (fixtures/eval/<lang>/NN_name.md with NN_name.expected.yaml) to
// the expected lists and computes precision and recall. A claim matches
// when text, kind, value (or low and high), unit and bound all agree;
// claims are matched as multisets per article. Used by tools/eval_main.cc
// and by a test that holds the figures at their targets.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/lexicon.h"
#include "engine/status.h"

namespace claimledger {

struct EvalCounts {
  int expected = 0;
  int found = 0;
  int matched = 0;
  int pairs_expected = 0;
  int pairs_matched = 0;
  double precision() const { return found ? double(matched) / found : 1.0; }
  double recall() const { return expected ? double(matched) / expected : 1.0; }
};

struct EvalMiss {
  std::string article;
  std::string kind;  // "missed" (expected, not found) or "spurious"
  std::string claim; // a one-line description
};

struct EvalReport {
  std::map<std::string, EvalCounts> by_lang;
  std::map<std::string, EvalCounts> by_kind;
  EvalCounts total;
  int articles = 0;
  std::vector<EvalMiss> misses;
};

// Evaluates every article under dir (recursively). Fails on unreadable or
// malformed fixtures, naming the file.
Result<EvalReport> EvaluateExtraction(const std::string& dir, const Lexicon& lex);

}  // namespace claimledger
