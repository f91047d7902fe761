#include <doctest/doctest.h>

#include "engine/extract.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::BundledLexicon;

namespace {

std::vector<Claim> Numeric(std::string_view text) {
  std::vector<Claim> out;
  for (auto& c : Extract(text, BundledLexicon())) {
    if (c.kind != Kind::kComparison) out.push_back(c);
  }
  return out;
}

}  // namespace

TEST_CASE("Korean money with scale words, spans exact") {
  std::string text = "훈련 비용 550만달러(약 79억원)를 투입했다.";
  auto claims = Numeric(text);
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].text == "550만달러");
  CHECK(text.substr(claims[0].begin, claims[0].end - claims[0].begin) == "550만달러");
  CHECK(claims[0].low.value.ToString() == "5500000");
  CHECK(claims[0].unit == "USD");
  CHECK(claims[0].low.lo == doctest::Approx(5450000));
  CHECK(claims[0].low.hi == doctest::Approx(5550000));
  CHECK(claims[0].pair == 1);
  CHECK(claims[1].text == "79억원");
  CHECK(claims[1].unit == "KRW");
  CHECK(claims[1].bound == Bound::kApprox);
  CHECK(claims[1].low.lo == doctest::Approx(7.85e9));
  CHECK(claims[1].pair == 0);
}

TEST_CASE("compound Korean amounts and ranges with one unit") {
  auto c = Numeric("비용은 1억~10억달러(약 1400억~1조4000억원)로");
  REQUIRE(c.size() == 2);
  CHECK(c[0].is_range);
  CHECK(c[0].text == "1억~10억달러");
  CHECK(c[0].low.value.ToString() == "100000000");
  CHECK(c[0].high.value.ToString() == "1000000000");
  CHECK(c[1].text == "1400억~1조4000억원");
  CHECK(c[1].high.value.ToString() == "1400000000000");
  // Trailing zeros of 1조4000억 are not significant: +-50억.
  CHECK(c[1].high.lo == doctest::Approx(1.35e12));
  CHECK(c[1].high.hi == doctest::Approx(1.45e12));
  CHECK(c[0].pair == 1);
  auto d = Numeric("557만6000달러");
  REQUIRE(d.size() == 1);
  CHECK(d[0].low.value.ToString() == "5576000");
}

TEST_CASE("vague Korean amounts become ranges") {
  auto c = Numeric("미국 기업이 수천억~수조원으로 개발한 모델");
  REQUIRE(c.size() == 1);
  CHECK(c[0].is_range);
  CHECK(c[0].low.value.ToString() == "100000000000");
  CHECK(c[0].high.value.ToString() == "9000000000000");
}

TEST_CASE("English money with symbols and scale words") {
  auto c = Numeric("It cost $5.5 million, or 7.9 billion won ($5.5m), and US$1bn.");
  REQUIRE(c.size() == 4);
  CHECK(c[0].text == "$5.5 million");
  CHECK(c[0].low.value.ToString() == "5500000");
  CHECK(c[1].text == "7.9 billion won");
  CHECK(c[1].unit == "KRW");
  CHECK(c[1].low.lo == doctest::Approx(7.85e9));
  CHECK(c[2].text == "$5.5m");
  CHECK(c[1].pair == 2);
  CHECK(c[3].text == "US$1bn");
  CHECK(c[3].low.value.ToString() == "1000000000");
}

TEST_CASE("markers are kept apart: at least, more than, at most, less than") {
  auto c = Numeric("100명 이상, 5%p 초과, 30개 이하, 10건 미만, about $3m");
  REQUIRE(c.size() == 5);
  CHECK(c[0].bound == Bound::kAtLeast);
  CHECK(c[1].bound == Bound::kMoreThan);
  CHECK(c[1].unit == "pp");
  CHECK(c[2].bound == Bound::kAtMost);
  CHECK(c[3].bound == Bound::kLessThan);
  CHECK(c[4].bound == Bound::kApprox);
}

TEST_CASE("names, dates and codes are not claims") {
  CHECK(Numeric("딥시크는 'V3'와 'R1', 오픈AI의 'o1', AI 3대 강국(G3)").size() == 1);
  CHECK(Numeric("2025년 1월 27일 14:30, GPT-4와 H800, 5G 통신").empty());
  CHECK(Numeric("문의 02-123-4567, 제2의 딥시크").empty());
}

TEST_CASE("ratio, rank and multiples") {
  auto c = Numeric("GPU 수가 8분의 1 수준이며 1·2위와 격차가 큰 3위, 두 배로");
  REQUIRE(c.size() == 4);
  CHECK(c[0].kind == Kind::kRatio);
  CHECK(c[0].low.value.ToString() == "0.125");
  CHECK(c[0].bound == Bound::kApprox);
  CHECK(c[1].kind == Kind::kRank);
  CHECK(c[1].is_range);
  CHECK(c[2].kind == Kind::kRank);
  CHECK(c[3].kind == Kind::kMultiple);
  CHECK(c[3].low.value.ToString() == "2");
}

TEST_CASE("a fraction's denominator is a numeral, not a run of any length") {
  // 1,000분의 1 is a fraction; 70 digits before 분의 are not a denominator
  // (runs of digits and commas are not scanned to their end from every
  // digit: a page of "1,2,3,..." reads in linear time).
  auto ok = Numeric("오차는 1,000분의 1 수준이다.");
  REQUIRE(ok.size() == 1);
  CHECK(ok[0].kind == Kind::kRatio);
  CHECK(ok[0].low.value.ToString() == "0.001");
  const std::string digits(70, '7');
  for (const auto& c : Numeric("약 " + digits + "분의 1")) {
    CHECK(c.kind != Kind::kRatio);
  }
}

TEST_CASE("comparisons are claims with their relation") {
  auto all = Extract("딥시크 R1은 o1보다 앞선 것으로 나타났다.", BundledLexicon());
  REQUIRE(all.size() == 1);
  CHECK(all[0].kind == Kind::kComparison);
  CHECK(all[0].text == "앞선");
  CHECK(all[0].relation == "ahead");
}

TEST_CASE("claims know their sentence") {
  std::string text = "첫 문장이다. 둘째 문장에 3.5%가 있다.";
  auto c = Numeric(text);
  REQUIRE(c.size() == 1);
  CHECK(text.substr(c[0].sentence_begin, c[0].sentence_end - c[0].sentence_begin) ==
        "둘째 문장에 3.5%가 있다.");
}

TEST_CASE("full-width digits and units are read, spans stay on the original bytes") {
  std::string text = "예산은 １，２００억원（약 ８６００만달러）, 면적 ８４㎡, 기온 ３５℃";
  auto c = Numeric(text);
  REQUIRE(c.size() == 4);
  CHECK(c[0].text == "１，２００억원");
  CHECK(text.substr(c[0].begin, c[0].end - c[0].begin) == "１，２００억원");
  CHECK(c[0].low.value.ToString() == "120000000000");
  CHECK(c[0].unit == "KRW");
  CHECK(c[1].text == "８６００만달러");
  CHECK(c[1].bound == Bound::kApprox);
  CHECK(c[0].pair == 1);
  CHECK(c[2].text == "８４㎡");
  CHECK(c[2].unit == "m²");
  CHECK(c[3].text == "３５℃");
  CHECK(c[3].unit == "°C");
  CHECK(c[3].low.value.ToString() == "35");
}

TEST_CASE("extraction reads Hangul amounts written as words") {
  auto c = Numeric("관객 천만 명을 모았고 세 배로 늘었다. 삼천억원과 오십만 명, 이십이만 명");
  REQUIRE(c.size() == 5);
  CHECK(c[0].low.value.ToString() == "10000000");
  CHECK(c[1].kind == Kind::kMultiple);
  CHECK(c[2].text == "삼천억원");
  CHECK(c[2].low.value.ToString() == "300000000000");
  CHECK(c[3].low.value.ToString() == "500000");
  CHECK(c[4].low.value.ToString() == "220000");
  // City names and words that begin with a Sino-Korean digit stay words.
  CHECK(Numeric("이천 시와 사천 공항, 삼성전자와 오만").empty());
}

// Found by the extractor fuzzer: a claim between two conversions was paired
// with both, so its pair no longer pointed back.
TEST_CASE("a claim between two conversions belongs to one pair only") {
  auto c = Numeric("It cost $5.5 million or 7.9 billion won ($4.5m), say analysts");
  REQUIRE(c.size() == 3);
  CHECK(c[0].pair == 1);
  CHECK(c[1].pair == 0);
  CHECK(c[2].pair == -1);
}
