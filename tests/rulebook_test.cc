#include "engine/rulebook.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::ReadFile;
using claimledger::testing::SourcePath;

TEST_CASE("the bundled rule packs load without a diagnostic") {
  Diagnostics d;
  Rulebook book = LoadRulebook({SourcePath("rules")}, &d);
  for (const auto& x : d) INFO(x.ToString());
  CHECK(d.empty());
  const Rule* fx = nullptr;
  std::set<RuleKind> kinds;
  for (const Rule* r : book.AllRules()) {
    kinds.insert(r->kind);
    if (r->id == "fx.pair") fx = r;
  }
  CHECK(kinds.size() == 6);  // every kind has a bundled rule
  REQUIRE(fx != nullptr);
  CHECK(fx->kind == RuleKind::kConversion);
  CHECK(fx->conversion.rates != nullptr);
  CHECK(fx->file_sha256.size() == 64);
  CHECK(fx->conversion.rates->sha256() ==
        "729e74c341288f4b07251fddcd8e5b604964e7b2d775920e442ba4dcf2e4ce4c");
}

// Every fixtures/rules/*.ok.yaml loads; every *.fail.yaml (or *.fail/
// folder of packs, for problems across files) gives exactly the
// diagnostics written in the *.fail.expected beside it. Paths are written
// relative to fixtures/rules/, in file names and in messages alike.
TEST_CASE("rule-file fixtures give exactly their expected diagnostics") {
  namespace fs = std::filesystem;
  std::string root = SourcePath("fixtures/rules");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(root)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  auto ends_with = [](const std::string& s, const std::string& tail) {
    return s.size() > tail.size() &&
           s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  };
  auto relative = [&](std::string s) {
    for (size_t at; (at = s.find(root + "/")) != std::string::npos;) {
      s.erase(at, root.size() + 1);
    }
    return s;
  };
  int ok_files = 0, fail_files = 0;
  for (const auto& p : files) {
    std::string name = p.filename().string();
    INFO(name);
    Diagnostics d;
    if (ends_with(name, ".ok.yaml")) {
      ++ok_files;
      LoadRulebook({p.string()}, &d);
      for (const auto& x : d) INFO(x.ToString());
      CHECK(d.empty());
    } else if (ends_with(name, ".fail.yaml") || ends_with(name, ".fail")) {
      ++fail_files;
      LoadRulebook({p.string()}, &d);
      std::string got;
      for (auto x : d) {
        x.file = relative(x.file);
        x.message = relative(x.message);
        got += x.ToString() + "\n";
      }
      std::string expected_path =
          root + "/" + name.substr(0, name.rfind(".fail")) + ".fail.expected";
      CHECK(got == ReadFile(expected_path));
      CHECK_FALSE(got.empty());
    }
  }
  CHECK(ok_files >= 2);
  CHECK(fail_files >= 14);
}

TEST_CASE("every kind loads with its params and defaults") {
  Diagnostics d;
  Rulebook book =
      LoadRulebook({SourcePath("fixtures/rules/all_kinds.ok.yaml")}, &d);
  REQUIRE(d.empty());
  auto rules = book.AllRules();
  REQUIRE(rules.size() == 6);
  CHECK(rules[0]->kind == RuleKind::kConversion);
  CHECK(rules[0]->conversion.rates != nullptr);
  CHECK(rules[0]->conversion.dimensions ==
        std::set<std::string>{"length", "temperature"});
  CHECK(rules[0]->slack.trailing_zeros_significant);
  CHECK(rules[1]->kind == RuleKind::kCrossClaim);
  CHECK(rules[1]->cross_claim.min_pairs == 3);
  CHECK(rules[1]->applies_to == std::set<Kind>{Kind::kMoney});
  CHECK(rules[2]->range.separators == std::vector<std::string>{"~", "to"});
  CHECK(rules[3]->reference.facts.table->facts().size() == 1);
  CHECK(rules[3]->applies_to == std::set<Kind>{Kind::kQuantity});
  CHECK_FALSE(rules[4]->arithmetic.parts_must_equal);
  CHECK(rules[4]->arithmetic.change);
  CHECK(rules[5]->kind == RuleKind::kRatio);
  CHECK(rules[5]->ratio.facts.table == nullptr);
  CHECK(rules[5]->applies_to == std::set<Kind>{Kind::kRatio, Kind::kMultiple});
  // The rate file and the facts file are both recorded for provenance.
  REQUIRE(book.references.size() == 2);
  CHECK(book.references[0].kind == "fx");
  CHECK(book.references[1].kind == "facts");
  CHECK(book.references[1].sha256.size() == 64);
}

TEST_CASE("a reference file named by several rules is loaded once") {
  Diagnostics d;
  Rulebook book = LoadRulebook({SourcePath("rules")}, &d);
  REQUIRE(d.empty());
  int fx = 0, facts = 0;
  for (const auto& r : book.references) (r.kind == "fx" ? fx : facts)++;
  CHECK(fx == 1);
  CHECK(facts == 2);  // deepseek.yaml, llama.yaml
  const Rule* ref = nullptr;
  const Rule* ratio = nullptr;
  for (const Rule* r : book.AllRules()) {
    if (r->id == "facts.reference") ref = r;
    if (r->id == "facts.ratio") ratio = r;
  }
  REQUIRE(ref);
  REQUIRE(ratio);
  CHECK(ref->reference.facts.table == ratio->ratio.facts.table);
}

// Found by tests/fuzz/rule_loader_fuzz: a word list with a broken UTF-8
// byte reached a verdict's evidence, and writing the evidence as JSON
// threw. Rule and facts files must now be UTF-8, reported by position.
TEST_CASE("a rule file that is not UTF-8 is refused, not a crash later") {
  claimledger::testing::TempDir dir;
  claimledger::testing::WriteFile(dir / "p.yaml",
                                  "pack: p\nversion: 1\nrules:\n  - id: a\n    "
                                  "description: \"caf\xC3\"\n");
  Diagnostics d;
  LoadRulebook({dir / "p.yaml"}, &d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 5);
  CHECK(d[0].col == 22);
  CHECK(d[0].message.rfind("not valid UTF-8", 0) == 0);
}
