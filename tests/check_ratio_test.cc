// ratio: a stated ratio or multiple against the two quantities it relates,
// from the sentence or from the facts table.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine/extract.h"
#include "tests/check_fixture.h"

using namespace claimledger;
using namespace claimledger::testing;

namespace {

std::vector<Verdict> Ratio(const DocBuilder& b,
                           const std::string& published = "2025-01") {
  return OfRule(Run(b, BundledRules(), published), "facts.ratio");
}

DocBuilder InText(const std::string& ratio_text, const std::string& value,
                  Kind kind) {
  DocBuilder b;
  b.Text("딥시크는 GPU ")
      .Add("2,048개", Kind::kCount, "2048", "개")
      .Text("를 썼고 메타는 ");
  b.Add("1만6384개", Kind::kCount, "16384", "개").Text("를 써 ");
  b.Add(ratio_text, kind, value, kind == Kind::kMultiple ? "x" : "")
      .Text(" 차이다.");
  return b;
}

}  // namespace

TEST_CASE("ratio, in the sentence: 8분의 1 and 8배 pass, 4분의 1 fails") {
  auto v = Ratio(InText("8분의 1", "0.125", Kind::kRatio));
  REQUIRE(v.size() == 1);
  INFO(v[0].reason);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[0].claims == std::vector<int>{2, 0, 1});
  CHECK(v[0].expected == doctest::Approx(8));
  CHECK(v[0].observed == doctest::Approx(8));
  CHECK(Ratio(InText("8배", "8", Kind::kMultiple))[0].status ==
        VerdictStatus::kConsistent);
  auto w = Ratio(InText("4분의 1", "0.25", Kind::kRatio));
  REQUIRE(w.size() == 1);
  CHECK(w[0].status == VerdictStatus::kInconsistent);
  CHECK(w[0].deviation == doctest::Approx(-0.5));
  CHECK(w[0].reason.find("which differ 8-fold; stated 4-fold") !=
        std::string::npos);
}

TEST_CASE(
    "ratio, from the facts: DeepSeek-V3's 2,048 GPUs and Llama 3.1's 16,384") {
  auto build = [](const std::string& text, const std::string& value) {
    DocBuilder b;
    b.Text("딥시크 V3 훈련에 쓰인 GPU 수는 메타 라마 3.1의 ");
    b.Add(text, Kind::kRatio, value, "", Bound::kApprox).Text(" 수준이다.");
    return b;
  };
  auto v = Ratio(build("8분의 1", "0.125"));
  REQUIRE(v.size() == 1);
  INFO(v[0].reason);
  CHECK(v[0].status == VerdictStatus::kConsistent);
  CHECK(v[0].claims == std::vector<int>{0});  // both sides are facts
  auto ev = nlohmann::json::parse(v[0].evidence_json);
  CHECK(ev["smaller"]["id"] == "deepseek-v3.training-gpus");
  CHECK(ev["larger"]["id"] == "llama-3.1-405b.training-gpus");
  CHECK(ev["larger"]["source"] == "https://arxiv.org/abs/2407.21783");
  CHECK(ev["smaller"]["sha256"].get<std::string>().size() == 64);
  auto w = Ratio(build("4분의 1", "0.25"));
  REQUIRE(w.size() == 1);
  CHECK(w[0].status == VerdictStatus::kInconsistent);
  // An article from before the Llama 3 report could not have known it.
  CHECK(Ratio(build("8분의 1", "0.125"), "2024-06").empty());
}

TEST_CASE("ratio: one side missing, or two candidate pairs, says nothing") {
  DocBuilder one;
  one.Text("딥시크가 활용한 GPU 수가 미국 빅테크 기업의 ");
  one.Add("8분의 1", Kind::kRatio, "0.125", "", Bound::kApprox)
      .Text(" 수준이다.");
  CHECK(Ratio(one).empty());
  DocBuilder two;
  two.Add("2명", Kind::kCount, "2", "명")
      .Text(", ")
      .Add("16명", Kind::kCount, "16", "명");
  two.Text(", ")
      .Add("$1", Kind::kMoney, "1", "USD")
      .Text(", ")
      .Add("$3", Kind::kMoney, "3", "USD");
  two.Text(": ").Add("8배", Kind::kMultiple, "8", "x").Text(".");
  CHECK(Ratio(two).empty());
}

TEST_CASE("ratio: two ratios in one sentence are not told apart") {
  // "직전 주 31.3명의 두 배를 넘는 수치로, 유행 기준인 8.6명의 8.5배에 이른다."
  DocBuilder b;
  b.Text("직전 주 ").Add("31.3명", Kind::kCount, "31.3", "명").Text("의 ");
  b.Add("두 배", Kind::kMultiple, "2", "x", Bound::kMoreThan)
      .Text("를 넘는 수치로, 기준인 ");
  b.Add("8.6명", Kind::kCount, "8.6", "명")
      .Text("의 ")
      .Add("8.5배", Kind::kMultiple, "8.5", "x");
  b.Text("에 이른다.");
  CHECK(Ratio(b).empty());
}

TEST_CASE(
    "ratio through the extractor: the seed's 8분의 1 is a ledger entry, "
    "unchecked") {
  std::string seed =
      ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
  auto doc = ParseDocument("s.md", seed, {});
  REQUIRE(doc.ok());
  auto claims = Extract(doc->body(), BundledLexicon());
  bool found = false;
  for (const auto& c : claims)
    found = found || (c.kind == Kind::kRatio && c.text == "8분의 1");
  CHECK(found);
  // "미국 빅테크 기업" names no fact: no verdict rather than a guess.
  CHECK(OfRule(CheckDocument(*doc, claims, BundledRules()), "facts.ratio")
            .empty());
  Document d;
  d.raw = "딥시크는 GPU 2,048개를 썼고 메타는 1만6384개를 써 8분의 1 수준이다.";
  auto v = OfRule(
      CheckDocument(d, Extract(d.body(), BundledLexicon()), BundledRules()),
      "facts.ratio");
  REQUIRE(v.size() == 1);
  CHECK(v[0].status == VerdictStatus::kConsistent);
}
