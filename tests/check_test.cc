#include "engine/check.h"

#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "engine/extract.h"
#include "engine/sha256.h"
#include "tests/check_fixture.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::BundledLexicon;
using claimledger::testing::ReadFile;
using claimledger::testing::SourcePath;

namespace {

const Rulebook& Bundled() { return claimledger::testing::BundledRulebook(); }

std::string Seed() {
  return ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
}

std::vector<Verdict> CheckAll(const std::string& bytes) {
  auto doc = ParseDocument("t.md", bytes, {});
  REQUIRE(doc.ok());
  auto claims = Extract(doc->body(), BundledLexicon());
  return CheckDocument(*doc, claims, Bundled());
}

// The verdicts of one rule (default: the FX conversion rule).
std::vector<Verdict> CheckText(const std::string& bytes,
                               const std::string& rule = "fx.pair") {
  std::vector<Verdict> out;
  for (auto& v : CheckAll(bytes)) {
    if (v.rule->id == rule) out.push_back(std::move(v));
  }
  return out;
}

std::string Replace(std::string s, const std::string& from,
                    const std::string& to) {
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
  CHECK(ev0["ends"][0]["implied_rate"].get<double>() ==
        doctest::Approx(1436.36).epsilon(0.001));
  CHECK(ev0["rates"]["sha256"] ==
        "729e74c341288f4b07251fddcd8e5b604964e7b2d775920e442ba4dcf2e4ce4c");
  CHECK(ev0["rates"]["rows"].size() == 25);  // 2024-12-25..2025-01-31
  CHECK(ev0["rates"]["rows"].back()[0] == "2025-01-31");
  auto ev1 = nlohmann::json::parse(v[1].evidence_json);
  CHECK(ev1["ends"].size() == 2);
  CHECK(ev1["ends"][0]["implied_rate"].get<double>() == doctest::Approx(1400));
  CHECK(ev1["ends"][1]["implied_rate"].get<double>() == doctest::Approx(1400));
  CHECK(v[0].expected ==
        doctest::Approx(5.5e6 * ev0["rates"]["mean"].get<double>()));
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
  auto v =
      CheckText(Replace(Seed(), "published: 2025-01", "published: 2015-06"));
  REQUIRE(v.size() == 2);
  CHECK(v[0].status == VerdictStatus::kInconsistent);
  auto ev = nlohmann::json::parse(v[0].evidence_json);
  CHECK(ev["rates"]["mean"].get<double>() ==
        doctest::Approx(1110).epsilon(0.02));
}

TEST_CASE("no publication date, or one outside the data, is unverifiable") {
  auto v = CheckText(Replace(Seed(), "published: 2025-01\n", ""));
  REQUIRE(v.size() == 2);
  CHECK(v[0].status == VerdictStatus::kUnverifiable);
  CHECK(v[0].reason.find("publication date is unknown") != std::string::npos);
  auto w =
      CheckText(Replace(Seed(), "published: 2025-01", "published: 2031-03"));
  CHECK(w[0].status == VerdictStatus::kUnverifiable);
  CHECK(w[0].reason.find("ends on 2026-04-13") != std::string::npos);
}

TEST_CASE("verdicts are byte-identical for the same inputs") {
  auto a = CheckAll(Seed());
  auto b = CheckAll(Seed());
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].rule == b[i].rule);
    CHECK(a[i].claims == b[i].claims);
    CHECK(a[i].evidence_json == b[i].evidence_json);
    CHECK(a[i].reason == b[i].reason);
  }
}

TEST_CASE(
    "no bundled rule calls the seed inconsistent, and each kind speaks on it") {
  auto all = CheckAll(Seed());
  std::map<std::string, int> by_rule;
  for (const auto& v : all) {
    INFO(v.rule->id << ": " << v.reason);
    CHECK(v.status == VerdictStatus::kConsistent);
    ++by_rule[v.rule->id];
  }
  CHECK(by_rule["fx.pair"] == 2);
  CHECK(by_rule["fx.cross"] ==
        2);  // the two USD-KRW pairs agree (1,436 and 1,400)
  CHECK(by_rule["fx.range"] ==
        2);  // 1억~10억달러 with its conversion; 수천억~수조원
  CHECK(by_rule["facts.reference"] == 1);  // 550만달러: DeepSeek-V3's $5.576M
  // fx.cross quotes both implied rates in KRW per USD.
  auto cross = CheckText(Seed(), "fx.cross");
  REQUIRE(cross.size() == 2);
  auto ev = nlohmann::json::parse(cross[0].evidence_json);
  CHECK(ev["rate_unit"] == "KRW per USD");
  REQUIRE(ev["pairs"].size() == 2);
  CHECK(ev["pairs"][0]["implied_rate"].get<double>() ==
        doctest::Approx(1436.36).epsilon(0.001));
  CHECK(ev["pairs"][1]["implied_rate"].get<double>() == doctest::Approx(1400));
}

TEST_CASE("a verdict names its rule and the rule file's SHA-256 once") {
  auto v = CheckText(Seed());
  REQUIRE(!v.empty());
  REQUIRE(v[0].rule != nullptr);
  CHECK(v[0].rule->id == "fx.pair");
  CHECK(v[0].rule->version == 2);
  CHECK(v[0].rule->file_sha256 ==
        claimledger::Sha256Hex(ReadFile(SourcePath("rules/fx.yaml"))));
  // The ledger keeps them in the verdict's own columns (rule_id,
  // rule_version, rule_kind, rule_file_sha256, under its row hash); the
  // evidence does not repeat them.
  for (const auto& x : v) {
    CHECK(!nlohmann::json::parse(x.evidence_json).contains("rule"));
  }
}

TEST_CASE(
    "a month the rate file covers only in part is unverifiable, not a guess") {
  // The bundled ECB file ends on Monday 2026-04-13.
  auto v =
      CheckText(Replace(Seed(), "published: 2025-01", "published: 2026-04"));
  REQUIRE(v.size() == 2);
  CHECK(v[0].status == VerdictStatus::kUnverifiable);
  CHECK(v[0].reason.find("ends on 2026-04-13, inside the window") !=
        std::string::npos);
  // A Saturday after a Friday in the file falls back to that Friday.
  auto sat =
      CheckText(Replace(Seed(), "published: 2025-01", "published: 2025-01-25"));
  REQUIRE(sat.size() == 2);
  CHECK(sat[0].status == VerdictStatus::kConsistent);
  auto ev = nlohmann::json::parse(sat[0].evidence_json);
  CHECK(ev["rates"]["fell_back"] ==
        false);  // lag_days 7 reaches back into the week
  CHECK(ev["rates"]["rows"].back()[0] == "2025-01-24");
}

TEST_CASE("conversion against the plain date,currency,units_per_usd file") {
  using claimledger::testing::DocBuilder;
  auto book = claimledger::testing::RulesFrom(R"(pack: t
version: 1
rules:
  - id: fx.usd-daily
    version: 1
    kind: conversion
    description: plain rate file
    severity: error
    applies_to: {kinds: [money]}
    params: {rates: usd.csv, tolerance: 0.01, trailing_zeros: significant}
)",
                                              {{"usd.csv",
                                                "date,currency,units_per_usd\n"
                                                "2025-01-24,KRW,1433.92\n"
                                                "2025-01-24,GBP,0.80\n"}});
  auto pair = [&](const std::string& krw_text, const std::string& krw) {
    DocBuilder b;
    b.Add("£5.5m", Kind::kMoney, "5500000", "GBP").Text(" (");
    b.Add(krw_text, Kind::kMoney, krw, "KRW").Text(").").PairLast();
    return claimledger::testing::Run(b, book, "2025-01-25");  // a Saturday
  };
  auto ok = pair("9.86 billion won", "9860000000");  // 5.5m x 1433.92 / 0.80
  REQUIRE(ok.size() == 1);
  INFO(ok[0].reason);
  CHECK(ok[0].status == VerdictStatus::kConsistent);
  auto ev = nlohmann::json::parse(ok[0].evidence_json);
  CHECK(ev["rates"]["format"] == "usd-daily");
  CHECK(ev["rates"]["fell_back"] == true);
  CHECK(ev["rates"]["rows"][0][0] == "2025-01-24");
  CHECK(ev["rates"]["per"] == "USD");
  auto bad = pair("7.9 billion won", "7900000000");
  CHECK(bad[0].status == VerdictStatus::kInconsistent);
  // The file holds nothing after Friday 2025-01-24: a Monday is unverifiable.
  DocBuilder b;
  b.Add("£5.5m", Kind::kMoney, "5500000", "GBP").Text(" (");
  b.Add("9.86 billion won", Kind::kMoney, "9860000000", "KRW")
      .Text(").")
      .PairLast();
  auto monday = claimledger::testing::Run(b, book, "2025-01-27");
  CHECK(monday[0].status == VerdictStatus::kUnverifiable);
  CHECK(monday[0].reason.find("usd.csv ends on 2025-01-24") !=
        std::string::npos);
}
