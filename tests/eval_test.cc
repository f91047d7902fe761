// Precision and recall of the extractor over the hand-checked articles in
// fixtures/eval, held at their targets (>= 0.95 each).
#include <doctest/doctest.h>

#include "tests/test_util.h"
#include "tools/app/eval.h"

using namespace claimledger;

TEST_CASE("extraction precision and recall over the evaluation articles") {
  auto r = EvaluateExtraction(testing::SourcePath("fixtures/eval"),
                              testing::BundledLexicon());
  REQUIRE(r.ok());
  CHECK(r->articles >= 30);
  for (const auto& [lang, c] : r->by_lang) {
    MESSAGE(lang << ": precision " << c.precision() << ", recall " << c.recall()
                 << " (" << c.matched << " of " << c.expected << " expected, "
                 << c.found << " found)");
  }
  CHECK(r->total.precision() >= 0.95);
  CHECK(r->total.recall() >= 0.95);
  CHECK(r->total.pairs_matched == r->total.pairs_expected);
}
