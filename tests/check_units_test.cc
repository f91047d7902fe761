// The conversion rule on physical units: exact factors, both sides.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine/extract.h"
#include "engine/units.h"
#include "tests/check_fixture.h"

using namespace claimledger;
using namespace claimledger::testing;

namespace {

const char* kPack = R"(pack: t
version: 1
rules:
  - id: units.t
    version: 1
    kind: conversion
    description: units
    severity: error
    applies_to:
      kinds: [quantity]
    params:
      trailing_zeros: significant
      tolerance: 0.01
)";

std::vector<Verdict> Pair(const std::string& a_text, const std::string& a_value,
                          const std::string& a_unit, const std::string& b_text,
                          const std::string& b_value,
                          const std::string& b_unit) {
  static const Rulebook book = RulesFrom(kPack);
  DocBuilder b;
  b.Text("It is ").Add(a_text, Kind::kQuantity, a_value, a_unit).Text(" (");
  b.Add(b_text, Kind::kQuantity, b_value, b_unit).Text(") away.").PairLast();
  return Run(b, book);
}

}  // namespace

TEST_CASE("units: exact definitions") {
  auto km = *FindUnit("km"), mi = *FindUnit("mi"), c = *FindUnit("°C"),
       f = *FindUnit("°F");
  CHECK(ConvertUnit(1, mi, km) == doctest::Approx(1.609344));
  CHECK(ConvertUnit(30, c, f) == doctest::Approx(86));
  CHECK(ConvertUnit(-40, f, c) == doctest::Approx(-40));
  CHECK(ConvertUnit(1, *FindUnit("평"), *FindUnit("m²")) ==
        doctest::Approx(3.305785));
  CHECK(ConvertUnit(1, *FindUnit("lb"), *FindUnit("kg")) ==
        doctest::Approx(0.45359237));
  CHECK_FALSE(FindUnit("furlongs").has_value());
}

TEST_CASE("conversion, units, pass: km/mile, kg/lb, °C/°F, m²/평") {
  for (auto v : {Pair("10 km", "10", "km", "6.2 miles", "6.2", "mi"),
                 Pair("100 km", "100", "km", "62 miles", "62", "mi"),
                 Pair("3.5 kg", "3.5", "kg", "7.7 lb", "7.7", "lb"),
                 Pair("30°C", "30", "°C", "86°F", "86", "°F"),
                 Pair("84㎡", "84", "m²", "25평", "25", "평")}) {
    REQUIRE(v.size() == 1);
    INFO(v[0].reason);
    CHECK(v[0].status == VerdictStatus::kConsistent);
    CHECK(v[0].has_numbers);
  }
  auto v = Pair("84㎡", "84", "m²", "25평", "25", "평");
  CHECK(v[0].expected == doctest::Approx(84 * 121.0 / 400));
  CHECK(v[0].reason.find("1 평 = 400/121 m²") != std::string::npos);
}

TEST_CASE("conversion, units, fail: the factor confused or misapplied") {
  // km written as miles; °C converted without the 32 offset; 평 and m² swapped.
  for (auto v : {Pair("100 km", "100", "km", "100 miles", "100", "mi"),
                 Pair("30°C", "30", "°C", "54°F", "54", "°F"),
                 Pair("84㎡", "84", "m²", "84평", "84", "평"),
                 Pair("3.5 kg", "3.5", "kg", "3.5 lb", "3.5", "lb")}) {
    REQUIRE(v.size() == 1);
    INFO(v[0].reason);
    CHECK(v[0].status == VerdictStatus::kInconsistent);
    CHECK(v[0].reason.find("outside") != std::string::npos);
  }
}

TEST_CASE(
    "conversion, units: no factor, or different dimensions, is unverifiable") {
  auto v = Pair("5 bushels", "5", "bushel", "130 kg", "130", "kg");
  REQUIRE(v.size() == 1);
  CHECK(v[0].status == VerdictStatus::kUnverifiable);
  CHECK(v[0].reason.find("no exact factor is known for bushel") !=
        std::string::npos);
  auto w = Pair("2 MW", "2", "MW", "3 km", "3", "km");
  CHECK(w[0].status == VerdictStatus::kUnverifiable);
  CHECK(w[0].reason.find("measure different things") != std::string::npos);
}

TEST_CASE("conversion, units: a paired range is checked end for end") {
  static const Rulebook book = RulesFrom(kPack);
  DocBuilder ok, bad;
  ok.Range("20~30km", Kind::kQuantity, "20", "30", "km").Text("(");
  ok.Range("12~19 miles", Kind::kQuantity, "12", "19", "mi")
      .Text(").")
      .PairLast();
  bad.Range("20~30km", Kind::kQuantity, "20", "30", "km").Text("(");
  bad.Range("12~30 miles", Kind::kQuantity, "12", "30", "mi")
      .Text(").")
      .PairLast();
  auto v = Run(ok, book);
  REQUIRE(v.size() == 1);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(nlohmann::json::parse(v[0].evidence_json)["ends"].size() == 2);
  auto w = Run(bad, book);
  CHECK(w[0].status == VerdictStatus::kInconsistent);
}

TEST_CASE(
    "conversion, units, through the extractor: 3.5 kg (7.7 lb), 84㎡(25평)") {
  std::string body = "It weighs 3.5 kg (7.7 lb). 전용 84㎡(25평) 아파트.";
  auto claims = Extract(body, BundledLexicon());
  Document doc;
  doc.raw = body;
  auto v = OfRule(CheckDocument(doc, claims, BundledRules()), "units.pair");
  REQUIRE(v.size() == 2);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[1].status == VerdictStatus::kConsistent);
  Document wrong;
  wrong.raw = "It weighs 3.5 kg (9.7 lb).";
  auto w = OfRule(CheckDocument(wrong, Extract(wrong.body(), BundledLexicon()),
                                BundledRules()),
                  "units.pair");
  REQUIRE(w.size() == 1);
  CHECK(w[0].status == VerdictStatus::kInconsistent);
}
