// The facts tables: the bundled ones load; a broken one is reported by
// file:line:col, every problem at once.
#include "engine/facts.h"

#include <doctest/doctest.h>

#include "engine/rulebook.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::SourcePath;
using claimledger::testing::TempDir;
using claimledger::testing::WriteFile;

TEST_CASE("the bundled facts load, DeepSeek-V3's training cost among them") {
  Diagnostics d;
  auto t = FactTable::Load(SourcePath("rules/reference/facts"), &d);
  for (const auto& x : d) INFO(x.ToString());
  REQUIRE(t);
  CHECK(t->files().size() == 2);
  const Fact* cost = nullptr;
  for (const auto& f : t->facts()) {
    if (f.id == "deepseek-v3.training-cost") cost = &f;
    CHECK(f.source.rfind("https://", 0) == 0);
    CHECK(f.as_of.known());
  }
  REQUIRE(cost != nullptr);
  CHECK(cost->lo == 5576000);
  CHECK(cost->hi == 5576000);
  CHECK(cost->unit == "USD");
  CHECK(cost->as_of.ToString() == "2024-12-27");
  CHECK(t->FileOf(*cost)->sha256.size() == 64);
}

TEST_CASE("rules lint checks a facts file given to it directly") {
  Diagnostics d;
  Rulebook book =
      LoadRulebook({SourcePath("rules/reference/facts/deepseek.yaml")}, &d);
  CHECK(d.empty());
  CHECK(book.AllRules().empty());
  LoadRulebook({SourcePath("fixtures/rules/reference/bad_facts.yaml")}, &d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 5);
  CHECK(d[0].message == "'value' must be a number");
}

TEST_CASE("a broken facts file: every problem, with its position") {
  TempDir dir;
  WriteFile(dir / "f.yaml",
            "facts:\n"
            "  - id: a\n"
            "    subject: S\n"
            "    attribute: A\n"
            "    value: 1\n"
            "    interval: [1, 2]\n"
            "    unit: USD\n"
            "    as_of: 2025-13\n"
            "    source: example.org\n"
            "  - id: a\n"
            "    subject: S\n"
            "    attribute: A\n"
            "    interval: [3, 2]\n"
            "    unit: USD\n"
            "    as_of: 2025-01\n"
            "    source: https://example.org\n"
            "    colour: red\n"
            "    match:\n"
            "      subject: []\n");
  Diagnostics d;
  CHECK(FactTable::Load(dir / "f.yaml", &d) == nullptr);
  std::string got;
  for (auto x : d) {
    x.file = "f.yaml";
    got += x.ToString() + "\n";
  }
  CHECK(
      got ==
      "f.yaml:6:15: error: a fact has either 'value' or 'interval', not both\n"
      "f.yaml:8:12: error: 'as_of' must be a date YYYY-MM-DD or YYYY-MM, not "
      "'2025-13'\n"
      "f.yaml:9:13: error: 'source' must be an http(s) URL\n"
      "f.yaml:17:5: error: unknown key 'colour' in fact (expected: as_of, "
      "attribute, id, "
      "interval, match, note, source, subject, unit, value)\n"
      "f.yaml:10:9: error: duplicate fact id 'a' (first defined on line 2)\n"
      "f.yaml:13:15: error: 'interval' low end is above its high end\n"
      "f.yaml:19:16: error: 'subject' must be a non-empty list of words\n");
}
