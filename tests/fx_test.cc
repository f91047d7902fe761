#include <doctest/doctest.h>

#include "engine/fx.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::SourcePath;
using claimledger::testing::TempDir;
using claimledger::testing::WriteFile;

namespace {

const FxTable& Ecb() {
  static const FxTable t = [] {
    auto r = FxTable::Load(SourcePath("rules/reference/fx/ecb/eurofxref-hist.csv"));
    REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return t;
}

}  // namespace

TEST_CASE("ECB file: cross rates computed at load") {
  const auto& t = Ecb();
  CHECK(t.format() == "ecb");
  CHECK(t.first_date() == "1999-01-04");
  CHECK(t.sha256() == "729e74c341288f4b07251fddcd8e5b604964e7b2d775920e442ba4dcf2e4ce4c");
  auto w = t.Window("USD", "KRW", *PubDate::Parse("2025-01-27"), 0);
  REQUIRE(w.ok());
  REQUIRE(w->rows.size() == 1);
  CHECK(w->rows[0].rate == doctest::Approx(1507.97 / 1.0530));
  CHECK(w->rows[0].raw.at("KRW") == "1507.97");
  CHECK(w->rows[0].raw.at("USD") == "1.053");
  auto inv = t.Window("KRW", "USD", *PubDate::Parse("2025-01-27"), 0);
  CHECK(inv->rows[0].rate == doctest::Approx(1.0530 / 1507.97));
}

TEST_CASE("a month window covers every published day, lag widens it") {
  auto w = Ecb().Window("USD", "KRW", *PubDate::Parse("2025-01"), 0);
  REQUIRE(w.ok());
  CHECK(w->rows.size() == 22);
  CHECK(w->rows.front().date == "2025-01-02");
  CHECK(w->rows.back().date == "2025-01-31");
  auto lag = Ecb().Window("USD", "KRW", *PubDate::Parse("2025-01"), 7);
  CHECK(lag->rows.front().date == "2024-12-27");
}

TEST_CASE("weekends fall back to the previous published day") {
  auto w = Ecb().Window("USD", "KRW", *PubDate::Parse("2025-01-25"), 0);
  REQUIRE(w.ok());
  CHECK(w->fell_back);
  REQUIRE(w->rows.size() == 1);
  CHECK(w->rows[0].date == "2025-01-24");
}

TEST_CASE("dates outside the data and unknown currencies are errors, not guesses") {
  CHECK_FALSE(Ecb().Window("USD", "KRW", *PubDate::Parse("2030-01"), 7).ok());
  CHECK_FALSE(Ecb().Window("USD", "KRW", *PubDate::Parse("1990-05-02"), 0).ok());
  CHECK_FALSE(Ecb().Window("USD", "XYZ", *PubDate::Parse("2025-01"), 0).ok());
  CHECK_FALSE(Ecb().Window("USD", "KRW", PubDate{}, 0).ok());
}

TEST_CASE("the plain date,currency,units_per_usd format") {
  TempDir dir;
  WriteFile(dir / "usd.csv",
            "date,currency,units_per_usd\n2025-01-24,KRW,1433.92\n"
            "2025-01-24,GBP,0.80\n2025-01-27,KRW,1432.07\n");
  auto t = FxTable::Load(dir / "usd.csv");
  REQUIRE(t.ok());
  CHECK(t->format() == "usd-daily");
  auto w = t->Window("GBP", "KRW", *PubDate::Parse("2025-01-24"), 0);
  REQUIRE(w.ok());
  CHECK(w->rows[0].rate == doctest::Approx(1433.92 / 0.80));
  WriteFile(dir / "bad.csv", "date,currency,units_per_usd\n2025-01-24,KRW,abc\n");
  auto bad = FxTable::Load(dir / "bad.csv");
  CHECK(bad.status().message() == dir / "bad.csv" + ":2: bad rate 'abc'");
  WriteFile(dir / "other.csv", "when,rate\n");
  CHECK(FxTable::Load(dir / "other.csv").status().message().find("unknown rate file format") !=
        std::string::npos);
}
