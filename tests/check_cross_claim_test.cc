// cross_claim: the rates a document's pairs imply agree, and the one stale
// rate among fresh ones is named.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "engine/extract.h"
#include "tests/check_fixture.h"

using namespace claimledger;
using namespace claimledger::testing;

namespace {

const Rulebook& Rules(int min_pairs = 2) {
  static const Rulebook two = RulesFrom(R"(pack: t
version: 1
rules:
  - id: cross.t
    version: 1
    kind: cross_claim
    description: cross
    severity: warning
    params: {tolerance: 0.03, approx_slack: 0.03, trailing_zeros: significant}
)");
  static const Rulebook three = RulesFrom(R"(pack: t
version: 1
rules:
  - id: cross.t
    version: 2
    kind: cross_claim
    description: cross
    severity: warning
    params: {tolerance: 0.03, min_pairs: 3}
)");
  return min_pairs == 3 ? three : two;
}

// "<usd>달러(약 <krw>원)" as a pair.
void Pair(DocBuilder* b, const std::string& usd_text, const std::string& usd,
          const std::string& krw_text, const std::string& krw) {
  b->Add(usd_text, Kind::kMoney, usd, "USD").Text("(약 ");
  b->Add(krw_text, Kind::kMoney, krw, "KRW", Bound::kApprox)
      .Text("). ")
      .PairLast();
}

}  // namespace

TEST_CASE("cross_claim, fail: one pair at a stale rate among fresh ones") {
  DocBuilder b;
  Pair(&b, "550만달러", "5500000", "79억원", "7900000000");        // 1,436
  Pair(&b, "100만달러", "1000000", "14억4000만원", "1440000000");  // 1,440
  Pair(&b, "200만달러", "2000000", "22억원",
       "2200000000");  // 1,100: 2015's rate
  auto v = Run(b, Rules());
  REQUIRE(v.size() == 3);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[1].status == VerdictStatus::kConsistent);
  CHECK(v[2].status == VerdictStatus::kInconsistent);
  CHECK(v[2].claims == std::vector<int>{4, 5});
  INFO(v[2].reason);
  CHECK(v[2].reason.find("implies 1,100 KRW/USD") != std::string::npos);
  CHECK(v[2].reason.find("agree on 1,436 (median)") != std::string::npos);
  auto ev = nlohmann::json::parse(v[2].evidence_json);
  CHECK(ev["agreed_rate"].get<double>() ==
        doctest::Approx(1436.36).epsilon(0.001));
  CHECK(ev["rate_unit"] == "KRW per USD");
  CHECK(ev["pairs"].size() == 3);
  // In 22억원's unit: 200만달러 at the agreed rate.
  CHECK(v[2].expected == doctest::Approx(2e6 * 1436.36).epsilon(0.001));
  CHECK(v[2].observed == doctest::Approx(2.2e9));
}

TEST_CASE(
    "cross_claim: a table of pairs lists the pairs nearest the median and "
    "the verdict's own, not all of them") {
  DocBuilder b;
  // 29 pairs at 1,400 + i KRW/USD and a stale one at 1,100, last: the
  // median is 1,413.5.
  for (int i = 0; i < 29; ++i) {
    int krw = 1400 + i;
    Pair(&b, "100만달러", "1000000", std::to_string(krw) + "00만원",
         std::to_string(krw) + "000000");
  }
  Pair(&b, "100만달러", "1000000", "11억원", "1100000000");
  auto v = Run(b, Rules());
  REQUIRE(v.size() == 30);
  CHECK(v[29].status == VerdictStatus::kInconsistent);
  for (size_t i = 0; i < v.size(); ++i) {
    auto ev = nlohmann::json::parse(v[i].evidence_json);
    CHECK(ev["pair_count"] == 30);
    CHECK(ev["pair_index"] == i);
    std::set<int> listed;
    for (const auto& p : ev["pairs"]) listed.insert(p["index"].get<int>());
    // The eight nearest the median (1,410 to 1,417) and the verdict's own.
    std::set<int> want = {10, 11, 12, 13, 14, 15, 16, 17};
    want.insert(static_cast<int>(i));
    CHECK(listed == want);
  }
}

TEST_CASE("cross_claim, pass: pairs written either way round agree") {
  DocBuilder b;
  Pair(&b, "550만달러", "5500000", "79억원", "7900000000");
  // KRW first, USD in parentheses: the same rate, inverted.
  b.Add("14억4000만원", Kind::kMoney, "1440000000", "KRW").Text("(");
  b.Add("100만달러", Kind::kMoney, "1000000", "USD").Text("). ").PairLast();
  auto v = Run(b, Rules());
  REQUIRE(v.size() == 2);
  for (const auto& x : v) {
    INFO(x.reason);
    CHECK(x.status == VerdictStatus::kConsistent);
    CHECK(x.reason.find("KRW/USD") != std::string::npos);
  }
  CHECK(v[1].expected ==
        doctest::Approx(1.44e9 / 1438.18).epsilon(0.001));  // in USD
}

TEST_CASE("cross_claim: two pairs that disagree are both inconsistent") {
  DocBuilder b;
  Pair(&b, "550만달러", "5500000", "79억원", "7900000000");
  Pair(&b, "200만달러", "2000000", "22억원", "2200000000");
  auto v = Run(b, Rules());
  REQUIRE(v.size() == 2);
  CHECK(v[0].status == VerdictStatus::kInconsistent);
  CHECK(v[1].status == VerdictStatus::kInconsistent);
}

TEST_CASE(
    "cross_claim: fewer pairs than min_pairs, or other currencies, say "
    "nothing") {
  DocBuilder b;
  Pair(&b, "550만달러", "5500000", "79억원", "7900000000");
  Pair(&b, "200만달러", "2000000", "22억원", "2200000000");
  b.Add("$5.5m", Kind::kMoney, "5500000", "USD").Text(" (");
  b.Add("£4.4m", Kind::kMoney, "4400000", "GBP").Text(").").PairLast();
  CHECK(Run(b, Rules(3)).empty());
  CHECK(Run(b, Rules()).size() == 2);  // the lone USD-GBP pair is not judged
}

TEST_CASE("cross_claim through the extractor: the stale pair in an article") {
  Document doc;
  doc.raw =
      "딥시크는 V3 훈련에 550만달러(약 79억원)를 썼다. 후속 모델에는 "
      "100만달러(약 "
      "14억4000만원)가 들었다. 데이터 구입에는 200만달러(약 22억원)를 썼다.";
  doc.published = *PubDate::Parse("2025-01");
  auto claims = Extract(doc.body(), BundledLexicon());
  auto v = OfRule(CheckDocument(doc, claims, BundledRules()), "fx.cross");
  REQUIRE(v.size() == 3);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[1].status == VerdictStatus::kConsistent);
  CHECK(v[2].status == VerdictStatus::kInconsistent);
  CHECK(claims[v[2].claims[0]].text == "200만달러");
  // The FX rule agrees: that pair is off the January 2025 rate too.
  auto fx = OfRule(CheckDocument(doc, claims, BundledRules()), "fx.pair");
  REQUIRE(fx.size() == 3);
  CHECK(fx[2].status == VerdictStatus::kInconsistent);
}
