#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "engine/rulebook.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::ReadFile;
using claimledger::testing::SourcePath;

TEST_CASE("the bundled rule packs load without a diagnostic") {
  Diagnostics d;
  Rulebook book = LoadRulebook({SourcePath("rules")}, &d);
  for (const auto& x : d) INFO(x.ToString());
  CHECK(d.empty());
  auto rules = book.AllRules();
  REQUIRE(!rules.empty());
  const Rule* fx = rules[0];
  CHECK(fx->id == "fx.pair");
  CHECK(fx->kind == RuleKind::kConversion);
  CHECK(fx->conversion.rates != nullptr);
  CHECK(fx->file_sha256.size() == 64);
  REQUIRE(book.references.size() == 1);
  CHECK(book.references[0].sha256 ==
        "729e74c341288f4b07251fddcd8e5b604964e7b2d775920e442ba4dcf2e4ce4c");
}

// Every fixtures/rules/*.ok.yaml loads; every *.fail.yaml gives exactly the
// diagnostics written in the *.fail.expected beside it (file named by its
// base name).
TEST_CASE("rule-file fixtures give exactly their expected diagnostics") {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(SourcePath("fixtures/rules"))) {
    files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  int ok_files = 0, fail_files = 0;
  for (const auto& p : files) {
    std::string name = p.filename().string();
    INFO(name);
    Diagnostics d;
    if (name.size() > 8 && name.substr(name.size() - 8) == ".ok.yaml") {
      ++ok_files;
      LoadRulebook({p.string()}, &d);
      for (const auto& x : d) INFO(x.ToString());
      CHECK(d.empty());
    } else if (name.size() > 10 && name.substr(name.size() - 10) == ".fail.yaml") {
      ++fail_files;
      LoadRulebook({p.string()}, &d);
      std::string got;
      for (auto x : d) {
        if (x.file == p.string()) x.file = name;
        got += x.ToString() + "\n";
      }
      std::string expected_path = p.string();
      expected_path.replace(expected_path.size() - 5, 5, ".expected");
      CHECK(got == ReadFile(expected_path));
    }
  }
  CHECK(ok_files >= 1);
  CHECK(fail_files >= 1);
}
