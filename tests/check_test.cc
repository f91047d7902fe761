#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine/check.h"
#include "engine/extract.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::BundledLexicon;
using claimledger::testing::ReadFile;
using claimledger::testing::SourcePath;

namespace {

const Rulebook& Bundled() {
  static const Rulebook book = [] {
    Diagnostics d;
    Rulebook b = LoadRulebook({SourcePath("rules")}, &d);
    REQUIRE(d.empty());
    return b;
  }();
  return book;
}

std::string Seed() {
  return ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
}

std::vector<Verdict> CheckText(const std::string& bytes) {
  auto doc = ParseDocument("t.md", bytes, {});
  REQUIRE(doc.ok());
  auto claims = Extract(doc->body(), BundledLexicon());
  return CheckDocument(*doc, claims, Bundled());
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the seed's two conversions are consistent at January 2025 rates") {
  auto v = CheckText(Seed());
  REQUIRE(v.size() == 2);
  for (const auto& x : v) {
    INFO(x.reason);
    CHECK(x.status == VerdictStatus::kConsistent);
  }
  auto ev0 = nlohmann::json::parse(v[0].evidence_json);
  CHECK(ev0["ends"][0]["implied_rate"].get<double>() == doctest::Approx(1436.36).epsilon(0.001));
  CHECK(ev0["rates"]["sha256"] ==
        "729e74c341288f4b07251fddcd8e5b604964e7b2d775920e442ba4dcf2e4ce4c");
  CHECK(ev0["rates"]["rows"].size() == 25);  // 2024-12-25..2025-01-31
  CHECK(ev0["rates"]["rows"].back()["date"] == "2025-01-31");
  auto ev1 = nlohmann::json::parse(v[1].evidence_json);
  CHECK(ev1["ends"].size() == 2);
  CHECK(ev1["ends"][0]["implied_rate"].get<double>() == doctest::Approx(1400));
  CHECK(ev1["ends"][1]["implied_rate"].get<double>() == doctest::Approx(1400));
  CHECK(v[0].expected == doctest::Approx(5.5e6 * ev0["rates"]["mean"].get<double>()));
  CHECK(v[0].observed == doctest::Approx(7.9e9));
}

TEST_CASE("a wrong conversion is inconsistent: 97억원, 7.9억원") {
  auto v = CheckText(Replace(Seed(), "79억원", "97억원"));
  REQUIRE(v.size() == 2);
  CHECK(v[0].status == VerdictStatus::kInconsistent);
  CHECK(v[0].deviation == doctest::Approx(9.7e9 / v[0].expected - 1));
  CHECK(v[0].reason.find("outside") != std::string::npos);
  CHECK(v[1].status == VerdictStatus::kConsistent);
  auto w = CheckText(Replace(Seed(), "79억원", "7.9억원"));
  CHECK(w[0].status == VerdictStatus::kInconsistent);
}

TEST_CASE("the rate of the publication date decides: 2015-06 is inconsistent") {
  auto v = CheckText(Replace(Seed(), "published: 2025-01", "published: 2015-06"));
  REQUIRE(v.size() == 2);
  CHECK(v[0].status == VerdictStatus::kInconsistent);
  auto ev = nlohmann::json::parse(v[0].evidence_json);
  CHECK(ev["rates"]["mean"].get<double>() == doctest::Approx(1110).epsilon(0.02));
}

TEST_CASE("no publication date, or one outside the data, is unverifiable") {
  auto v = CheckText(Replace(Seed(), "published: 2025-01\n", ""));
  REQUIRE(v.size() == 2);
  CHECK(v[0].status == VerdictStatus::kUnverifiable);
  CHECK(v[0].reason.find("publication date is unknown") != std::string::npos);
  auto w = CheckText(Replace(Seed(), "published: 2025-01", "published: 2031-03"));
  CHECK(w[0].status == VerdictStatus::kUnverifiable);
  CHECK(w[0].reason.find("ends on 2026-04-13") != std::string::npos);
}

TEST_CASE("verdicts are byte-identical for the same inputs") {
  auto a = CheckText(Seed());
  auto b = CheckText(Seed());
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].evidence_json == b[i].evidence_json);
    CHECK(a[i].reason == b[i].reason);
  }
}
