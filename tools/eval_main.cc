// claimledger-eval: precision and recall of the extractor over the
// hand-checked articles. Usage: claimledger-eval [DIR] [--misses] [--json]
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <iostream>

#include "tools/app/commands.h"
#include "tools/app/eval.h"

using namespace claimledger;

int main(int argc, char** argv) {
  std::string dir = std::string(CLAIMLEDGER_SOURCE_DIR) + "/fixtures/eval";
  bool misses = false, json = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--misses")) misses = true;
    else if (!std::strcmp(argv[i], "--json")) json = true;
    else if (argv[i][0] == '-') {
      std::cerr << "usage: claimledger-eval [DIR] [--misses] [--json]\n";
      return 2;
    } else dir = argv[i];
  }
  Lexicon lex;
  Diagnostics diags;
  if (!LoadLexiconDir(FindRulesDir() + "/lexicon", &lex, &diags)) {
    for (const auto& d : diags) std::cerr << d.ToString() << "\n";
    return 2;
  }
  auto r = EvaluateExtraction(dir, lex);
  if (!r.ok()) {
    std::cerr << "error: " << r.status().message() << "\n";
    return 3;
  }
  if (json) {
    nlohmann::json j;
    auto put = [](const EvalCounts& c) {
      return nlohmann::json{{"expected", c.expected}, {"found", c.found},
                            {"matched", c.matched}, {"precision", c.precision()},
                            {"recall", c.recall()}, {"pairs_expected", c.pairs_expected},
                            {"pairs_matched", c.pairs_matched}};
    };
    j["articles"] = r->articles;
    j["total"] = put(r->total);
    for (const auto& [k, c] : r->by_lang) j["by_lang"][k] = put(c);
    for (const auto& [k, c] : r->by_kind) j["by_kind"][k] = put(c);
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  auto line = [](const std::string& name, const EvalCounts& c) {
    std::printf("%-12s expected %4d  found %4d  matched %4d  precision %.3f  recall %.3f\n",
                name.c_str(), c.expected, c.found, c.matched, c.precision(), c.recall());
  };
  std::printf("%d articles\n", r->articles);
  for (const auto& [k, c] : r->by_lang) line(k, c);
  line("total", r->total);
  std::printf("pairs: %d of %d expected pairs found\n", r->total.pairs_matched,
              r->total.pairs_expected);
  std::printf("by kind:\n");
  for (const auto& [k, c] : r->by_kind) line("  " + k, c);
  if (misses) {
    for (const auto& m : r->misses) {
      std::printf("%s %-8s %s\n", m.article.c_str(), m.kind.c_str(), m.claim.c_str());
    }
  }
  return 0;
}
