// range: order, one unit, ends that convert at one factor.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine/extract.h"
#include "tests/check_fixture.h"

using namespace claimledger;
using namespace claimledger::testing;

namespace {

const Rulebook& Rules() {
  static const Rulebook book = RulesFrom(R"(pack: t
version: 1
rules:
  - id: range.t
    version: 1
    kind: range
    description: range
    severity: warning
    params: {tolerance: 0.02, approx_slack: 0.03, trailing_zeros: significant}
)");
  return book;
}

std::vector<Verdict> FromText(const std::string& body,
                              const std::string& rule) {
  Document doc;
  doc.raw = body;
  doc.published = *PubDate::Parse("2025-01");
  return OfRule(
      CheckDocument(doc, Extract(body, BundledLexicon()), BundledRules()),
      rule);
}

}  // namespace

TEST_CASE("range, order: upwards passes, downwards and flat fail") {
  DocBuilder b;
  b.Range("1억~10억달러", Kind::kMoney, "100000000", "1000000000", "USD")
      .Text(". ");
  b.Range("10억~1억달러", Kind::kMoney, "1000000000", "100000000", "USD")
      .Text(". ");
  b.Range("5~5%", Kind::kPercent, "5", "5", "%").Text(".");
  auto v = Run(b, Rules());
  REQUIRE(v.size() == 3);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[0].reason == "1억~10억달러 runs upwards");
  CHECK(v[1].status == VerdictStatus::kInconsistent);
  CHECK(v[1].reason ==
        "10억~1억달러 runs downwards (1,000,000,000 to 100,000,000)");
  CHECK(v[2].status == VerdictStatus::kInconsistent);
  CHECK_FALSE(v[2].has_numbers);
}

TEST_CASE("range, one unit: two currencies joined by a separator fail") {
  DocBuilder b;
  b.Text("비용은 ").Add("1억원", Kind::kMoney, "100000000", "KRW").Text("~");
  b.Add("10억달러", Kind::kMoney, "1000000000", "USD").Text("다. ");
  b.Add("1억원", Kind::kMoney, "100000000", "KRW").Text(", ");
  b.Add("10억달러", Kind::kMoney, "1000000000", "USD").Text(".");
  auto v = Run(b, Rules());
  REQUIRE(v.size() == 1);  // a comma is not a range separator
  CHECK(v[0].status == VerdictStatus::kInconsistent);
  CHECK(v[0].reason ==
        "1억원~10억달러: a range whose ends are in different units (KRW, USD)");
  CHECK(v[0].claims == std::vector<int>{0, 1});
}

TEST_CASE("range, ends convert: one factor passes, two factors fail") {
  DocBuilder ok, bad, single;
  ok.Range("1억~10억달러", Kind::kMoney, "100000000", "1000000000", "USD")
      .Text("(약 ");
  ok.Range("1400억~1조4000억원", Kind::kMoney, "140000000000", "1400000000000",
           "KRW", Bound::kApprox)
      .Text(").")
      .PairLast();
  bad.Range("1억~10억달러", Kind::kMoney, "100000000", "1000000000", "USD")
      .Text("(약 ");
  bad.Range("1400억~14조원", Kind::kMoney, "140000000000", "14000000000000",
            "KRW", Bound::kApprox)
      .Text(").")
      .PairLast();
  single.Range("5억~10억달러", Kind::kMoney, "500000000", "1000000000", "USD")
      .Text("(약 ");
  single.Add("1조원", Kind::kMoney, "1000000000000", "KRW", Bound::kApprox)
      .Text(").")
      .PairLast();
  auto v = Run(ok, Rules());
  REQUIRE(v.size() == 1);
  INFO(v[0].reason);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[0].claims == std::vector<int>{0, 1});
  CHECK(
      v[0].reason.find(
          "the low ends convert at 1,400 and the high ends at 1,400 KRW/USD") !=
      std::string::npos);
  auto w = Run(bad, Rules());
  REQUIRE(w.size() == 1);
  CHECK(w[0].status == VerdictStatus::kInconsistent);
  CHECK(w[0].reason.find("not one factor") != std::string::npos);
  CHECK(w[0].deviation ==
        doctest::Approx(9.0));  // 14조 where 1조4000억 was due
  auto x = Run(single, Rules());
  REQUIRE(x.size() == 1);
  CHECK(x[0].status == VerdictStatus::kInconsistent);
  CHECK(x[0].reason.find("only one end is converted") != std::string::npos);
}

TEST_CASE("range: a change written as from..to may run downwards") {
  DocBuilder b;
  b.Text("Revenue fell from ")
      .Range("$130 million to $100 million", Kind::kMoney, "130000000",
             "100000000", "USD")
      .Text(".");
  CHECK(Run(b, Rules()).empty());
}

TEST_CASE(
    "range through the extractor: the seed's ranges pass, reversed and mixed "
    "fail") {
  auto seed =
      FromText("비용은 1억~10억달러(약 1400억~1조4000억원)로 큰 차이가 있다.",
               "fx.range");
  REQUIRE(seed.size() == 1);
  CHECK(seed[0].status == VerdictStatus::kConsistent);
  auto down = FromText("비용은 10억~1억달러다.", "fx.range");
  REQUIRE(down.size() == 1);
  CHECK(down[0].status == VerdictStatus::kInconsistent);
  auto mixed = FromText("비용은 1억원~10억달러다.", "fx.range");
  REQUIRE(mixed.size() == 1);
  CHECK(mixed[0].status == VerdictStatus::kInconsistent);
}
