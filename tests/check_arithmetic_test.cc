// arithmetic: changes with their base and result, shares of one whole,
// parts of a total. Rules are the bundled rules/arithmetic.yaml.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine/extract.h"
#include "tests/check_fixture.h"

using namespace claimledger;
using namespace claimledger::testing;

namespace {

const Rulebook& Arithmetic() {
  static const Rulebook book = [] {
    Diagnostics d;
    Rulebook b = LoadRulebook({SourcePath("rules/arithmetic.yaml")}, &d);
    REQUIRE(d.empty());
    return b;
  }();
  return book;
}

std::vector<Verdict> Check(const DocBuilder& b, const std::string& rule) {
  return OfRule(Run(b, Arithmetic()), rule);
}

// "매출은 <base>에서 <result>으로 <change> <word>." in 억원.
DocBuilder KoChange(const std::string& base, const std::string& result,
                    const std::string& change, const std::string& unit,
                    const std::string& word) {
  DocBuilder b;
  b.Text("매출은 ").Add(base + "억원", Kind::kMoney, base + "00000000", "KRW");
  b.Text("에서 ").Add(result + "억원", Kind::kMoney, result + "00000000",
                      "KRW");
  b.Text("으로 ").Add(change + (unit == "pp" ? "%p" : "%"), Kind::kPercent,
                      change, unit);
  b.Text(" " + word + ".");
  return b;
}

}  // namespace

TEST_CASE("arithmetic, change, pass: 100억원에서 130억원으로 30% 늘었다") {
  auto v =
      Check(KoChange("100", "130", "30", "%", "늘었다"), "arithmetic.change");
  REQUIRE(v.size() == 1);
  INFO(v[0].reason);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[0].claims == std::vector<int>{2, 0, 1});
  CHECK(v[0].expected == doctest::Approx(30));
  CHECK(v[0].reason ==
        "from 10,000,000,000 to 13,000,000,000 KRW is +30%; stated +30% (30%): "
        "inside stated "
        "precision and 2% tolerance");
  auto down =
      Check(KoChange("130", "100", "23", "%", "줄었다"), "arithmetic.change");
  REQUIRE(down.size() == 1);
  CHECK(down[0].status == VerdictStatus::kConsistent);  // -23.1%
}

TEST_CASE("arithmetic, change, fail: wrong size, wrong direction") {
  auto v =
      Check(KoChange("100", "130", "35", "%", "늘었다"), "arithmetic.change");
  REQUIRE(v.size() == 1);
  CHECK(v[0].status == VerdictStatus::kInconsistent);
  CHECK(v[0].deviation == doctest::Approx(35.0 / 30 - 1));
  auto w =
      Check(KoChange("100", "130", "30", "%", "줄었다"), "arithmetic.change");
  REQUIRE(w.size() == 1);
  CHECK(w[0].status == VerdictStatus::kInconsistent);
  CHECK(w[0].observed == doctest::Approx(-30));
}

TEST_CASE("arithmetic, change: the base is the amount a from-word marks") {
  // "Revenue rose 30% to $130 million from $100 million": result first.
  DocBuilder b;
  b.Text("Revenue rose ").Add("30%", Kind::kPercent, "30", "%").Text(" to ");
  b.Add("$130 million", Kind::kMoney, "130000000", "USD").Text(" from ");
  b.Add("$100 million", Kind::kMoney, "100000000", "USD").Text(".");
  auto v = Check(b, "arithmetic.change");
  REQUIRE(v.size() == 1);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[0].claims == std::vector<int>{0, 2, 1});
  // "from $100 million to $130 million" extracted as one range.
  DocBuilder r;
  r.Text("Revenue grew from ")
      .Range("$100 million to $130 million", Kind::kMoney, "100000000",
             "130000000", "USD")
      .Text(", up ")
      .Add("40%", Kind::kPercent, "40", "%")
      .Text(".");
  auto w = Check(r, "arithmetic.change");
  REQUIRE(w.size() == 1);
  CHECK(w[0].status == VerdictStatus::kInconsistent);
}

TEST_CASE(
    "arithmetic, change: unmarked or bounded amounts are not a base and a "
    "result") {
  // "2,138 people were treated, up 17% on last year, and 21 people died."
  DocBuilder b;
  b.Add("2,138 people", Kind::kCount, "2138", "people")
      .Text(" were treated, up ");
  b.Add("17%", Kind::kPercent, "17", "%").Text(" on last year, and ");
  b.Add("21 people", Kind::kCount, "21", "people").Text(" died.");
  CHECK(Check(b, "arithmetic.change").empty());
  // "71.3%, down 2.4 percentage points, while uptake is under 40%."
  DocBuilder c;
  c.Text("Uptake fell from ")
      .Add("71.3%", Kind::kPercent, "71.3", "%")
      .Text(", down ");
  c.Add("2.4 percentage points", Kind::kPercent, "2.4", "pp")
      .Text(", while staff are under ");
  c.Add("40%", Kind::kPercent, "40", "%", Bound::kLessThan).Text(".");
  CHECK(Check(c, "arithmetic.change").empty());
}

TEST_CASE("arithmetic, change in points: %p passes, points written as % fail") {
  DocBuilder pp;
  pp.Text("점유율은 ").Add("30%", Kind::kPercent, "30", "%").Text("에서 ");
  pp.Add("35%", Kind::kPercent, "35", "%")
      .Text("로 ")
      .Add("5%p", Kind::kPercent, "5", "pp");
  pp.Text(" 올랐다.");
  auto v = Check(pp, "arithmetic.change");
  REQUIRE(v.size() == 1);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  DocBuilder pct;
  pct.Text("점유율은 ").Add("30%", Kind::kPercent, "30", "%").Text("에서 ");
  pct.Add("35%", Kind::kPercent, "35", "%")
      .Text("로 ")
      .Add("5%", Kind::kPercent, "5", "%");
  pct.Text(" 올랐다.");
  auto w = Check(pct, "arithmetic.change");
  REQUIRE(w.size() == 1);
  CHECK(w[0].status == VerdictStatus::kInconsistent);
  CHECK(
      w[0].reason.find("the difference is 5 percentage points, written as %") !=
      std::string::npos);
  // Nor are those percents read as shares of one whole.
  CHECK(Check(pct, "arithmetic.shares").empty());
}

TEST_CASE("arithmetic, shares: over 100% fails, under passes") {
  DocBuilder over, under;
  over.Text("점유율은 A사 ")
      .Add("45%", Kind::kPercent, "45", "%")
      .Text(", B사 ");
  over.Add("40%", Kind::kPercent, "40", "%")
      .Text(", C사 ")
      .Add("25%", Kind::kPercent, "25", "%");
  over.Text("다.");
  under.Text("Market share: A ")
      .Add("45%", Kind::kPercent, "45", "%")
      .Text(", B ");
  under.Add("40%", Kind::kPercent, "40", "%").Text(".");
  auto v = Check(over, "arithmetic.shares");
  REQUIRE(v.size() == 1);
  CHECK(v[0].status == VerdictStatus::kInconsistent);
  CHECK(v[0].observed == doctest::Approx(110));
  CHECK(v[0].claims.size() == 3);
  CHECK(v[0].reason.find("add up to 110%") != std::string::npos);
  auto w = Check(under, "arithmetic.shares");
  REQUIRE(w.size() == 1);
  CHECK(w[0].status == VerdictStatus::kConsistent);
  // Without a share word, percents are not shares.
  DocBuilder none;
  none.Text("Inflation was ")
      .Add("60%", Kind::kPercent, "60", "%")
      .Text(" and growth ");
  none.Add("70%", Kind::kPercent, "70", "%").Text(".");
  CHECK(Check(none, "arithmetic.shares").empty());
}

TEST_CASE("arithmetic, parts: parts add up to the total, or do not") {
  auto build = [](const std::string& women) {
    DocBuilder b;
    b.Text("전체 ")
        .Add("1,000명", Kind::kCount, "1000", "명")
        .Text(" 중 남성 ");
    b.Add("600명", Kind::kCount, "600", "명").Text(", 여성 ");
    b.Add(women + "명", Kind::kCount, women, "명").Text("이다.");
    return b;
  };
  auto v = Check(build("400"), "arithmetic.parts");
  REQUIRE(v.size() == 1);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[0].claims == std::vector<int>{0, 1, 2});
  auto w = Check(build("300"), "arithmetic.parts");
  REQUIRE(w.size() == 1);
  CHECK(w[0].status == VerdictStatus::kInconsistent);
  CHECK(w[0].expected == doctest::Approx(1000));
  CHECK(w[0].observed == doctest::Approx(900));
}

TEST_CASE("arithmetic, parts_sum at_most: parts may fall short, not exceed") {
  auto book = RulesFrom(R"(pack: t
version: 1
rules:
  - id: parts.t
    version: 1
    kind: arithmetic
    description: parts
    severity: info
    params:
      checks: [parts]
      total_words: [a total of]
      parts_sum: at_most
      trailing_zeros: significant
)");
  auto build = [](const std::string& second) {
    DocBuilder b;
    b.Text("Of a total of ")
        .Add("1,000 people", Kind::kCount, "1000", "people");
    b.Text(", ")
        .Add("600 people", Kind::kCount, "600", "people")
        .Text(" came by bus and ");
    b.Add(second + " people", Kind::kCount, second, "people")
        .Text(" by train.");
    return b;
  };
  CHECK(Run(build("300"), book)[0].status == VerdictStatus::kConsistent);
  CHECK(Run(build("500"), book)[0].status == VerdictStatus::kInconsistent);
}

TEST_CASE("arithmetic through the extractor: a change sentence in Korean") {
  Document doc;
  doc.raw =
      "매출은 100억원에서 130억원으로 30% 늘었다. 이익은 100억원에서 "
      "130억원으로 50% 늘었다.";
  auto v = OfRule(
      CheckDocument(doc, Extract(doc.body(), BundledLexicon()), BundledRules()),
      "arithmetic.change");
  REQUIRE(v.size() == 2);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[1].status == VerdictStatus::kInconsistent);
}
