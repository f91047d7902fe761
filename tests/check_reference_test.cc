// reference: claims about known figures against rules/reference/facts.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine/extract.h"
#include "engine/sha256.h"
#include "tests/check_fixture.h"

using namespace claimledger;
using namespace claimledger::testing;

namespace {

std::string Seed() {
  return ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
}

std::vector<Verdict> CheckSeedLike(const std::string& bytes) {
  auto doc = ParseDocument("t.md", bytes, {});
  REQUIRE(doc.ok());
  return OfRule(CheckDocument(*doc, Extract(doc->body(), BundledLexicon()),
                              BundledRules()),
                "facts.reference");
}

std::string Replace(std::string s, const std::string& from,
                    const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

const char* kFacts = R"(facts:
  - id: bridge.length
    subject: Example Bridge
    attribute: length
    value: 10
    unit: km
    as_of: 2020-05
    source: https://example.org/bridge
    match:
      subject: [Example Bridge]
      attribute: [long, length]
  - id: survey.share
    subject: Example survey
    attribute: share of yes answers
    interval: [40, 44]
    unit: "%"
    as_of: 2024-03-02
    source: https://example.org/survey
    match:
      subject: [survey]
      attribute: [said yes]
)";

const Rulebook& Rules() {
  static const Rulebook book = RulesFrom(R"(pack: t
version: 1
rules:
  - id: ref.t
    version: 3
    kind: reference
    description: ref
    severity: error
    params: {facts: facts.yaml, tolerance: 0.02, trailing_zeros: significant}
)",
                                         {{"facts.yaml", kFacts}});
  return book;
}

}  // namespace

TEST_CASE(
    "reference, pass: the seed's 550만달러 is DeepSeek-V3's $5.576M, "
    "shortened") {
  auto v = CheckSeedLike(Seed());
  REQUIRE(v.size() == 1);
  INFO(v[0].reason);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[0].expected == doctest::Approx(5576000));
  CHECK(v[0].observed == doctest::Approx(5500000));
  auto ev = nlohmann::json::parse(v[0].evidence_json);
  CHECK(ev["fact"]["id"] == "deepseek-v3.training-cost");
  CHECK(ev["fact"]["source"] == "https://arxiv.org/abs/2412.19437");
  CHECK(ev["fact"]["as_of"] == "2024-12-27");
  CHECK(ev["fact"]["file"] == "deepseek.yaml");
  CHECK(ev["fact"]["sha256"] ==
        Sha256Hex(ReadFile(SourcePath("rules/reference/facts/deepseek.yaml"))));
  CHECK(ev["matched"]["subject"] == "V3");
  CHECK(ev["matched"]["attribute"] == "훈련 비용");
}

TEST_CASE(
    "reference, fail: 5576만 달러 is ten times DeepSeek-V3's training cost") {
  auto v = CheckSeedLike(Replace(Seed(), "550만달러", "5576만 달러"));
  REQUIRE(v.size() == 1);
  INFO(v[0].reason);
  CHECK(v[0].status == VerdictStatus::kInconsistent);
  CHECK(v[0].observed == doctest::Approx(55760000));
  CHECK(v[0].deviation == doctest::Approx(9.0));
  CHECK(v[0].reason.find("outside the fact's value") != std::string::npos);
  // The same figure written to the dollar passes.
  auto w = CheckSeedLike(Replace(Seed(), "550만달러", "557만6000달러"));
  REQUIRE(w.size() == 1);
  CHECK(w[0].status == VerdictStatus::kConsistent);
  CHECK(w[0].deviation == doctest::Approx(0));
}

TEST_CASE(
    "reference: units convert to the fact's, intervals, the nearest claim") {
  DocBuilder b;
  b.Text("The Example Bridge is ")
      .Add("6.2 miles", Kind::kQuantity, "6.2", "mi");
  b.Text(" long. The Example Bridge is ")
      .Add("8 miles", Kind::kQuantity, "8", "mi");
  b.Text(" long. In the survey ").Add("43%", Kind::kPercent, "43", "%");
  b.Text(" said yes, up from ")
      .Add("30%", Kind::kPercent, "30", "%")
      .Text(". In the survey ");
  b.Add("49%", Kind::kPercent, "49", "%").Text(" said yes.");
  auto v = Run(b, Rules());
  REQUIRE(v.size() == 4);
  CHECK(v[0].status == VerdictStatus::kConsistent);        // 6.2 mi = 9.98 km
  CHECK(v[0].expected == doctest::Approx(10 / 1.609344));  // in miles
  CHECK(v[1].status == VerdictStatus::kInconsistent);      // 8 mi = 12.9 km
  CHECK(v[2].status == VerdictStatus::kConsistent);  // 43% within [40, 44]
  CHECK(v[2].claims == std::vector<int>{2});         // not the 30% further away
  CHECK(v[3].status == VerdictStatus::kInconsistent);
  CHECK(nlohmann::json::parse(v[3].evidence_json)["fact"]["interval"][1] == 44);
}

TEST_CASE("reference: a fact reported after the article is unverifiable") {
  DocBuilder b;
  b.Text("The Example Bridge is ")
      .Add("6.2 miles", Kind::kQuantity, "6.2", "mi")
      .Text(" long.");
  auto v = Run(b, Rules(), "2019-12-31");
  REQUIRE(v.size() == 1);
  CHECK(v[0].status == VerdictStatus::kUnverifiable);
  CHECK(v[0].reason.find("reported after the article's date 2019-12-31") !=
        std::string::npos);
  CHECK(Run(b, Rules(), "2020-05")[0].status == VerdictStatus::kConsistent);
}

TEST_CASE(
    "reference: no subject or attribute word, or another unit, says nothing") {
  DocBuilder b;
  b.Text("Another bridge is ")
      .Add("8 miles", Kind::kQuantity, "8", "mi")
      .Text(" long. ");
  b.Text("The Example Bridge cost ")
      .Add("$8 million", Kind::kMoney, "8000000", "USD");
  b.Text(" and is long.");
  CHECK(Run(b, Rules()).empty());
}
