#include "engine/fx.h"

#include <doctest/doctest.h>

#include <charconv>
#include <cstdio>
#include <random>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::SourcePath;
using claimledger::testing::TempDir;
using claimledger::testing::WriteFile;

namespace {

const FxTable& Ecb() {
  static const FxTable t = [] {
    auto r =
        FxTable::Load(SourcePath("rules/reference/fx/ecb/eurofxref-hist.csv"));
    REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return t;
}

// The file's text for `code` in an observation's raw values, if there.
std::optional<std::string_view> Raw(const FxObservation& o,
                                    std::string_view code) {
  for (const auto& [c, text] : o.raw) {
    if (c == code) return text;
  }
  return std::nullopt;
}

using RawPairs = std::vector<std::pair<std::string_view, std::string_view>>;
RawPairs Cells(const claimledger::FxCells& c) { return {c.begin(), c.end()}; }

}  // namespace

TEST_CASE("ECB file: cross rates computed at load") {
  const auto& t = Ecb();
  CHECK(t.format() == "ecb");
  CHECK(t.first_date() == "1999-01-04");
  CHECK(t.sha256() ==
        "729e74c341288f4b07251fddcd8e5b604964e7b2d775920e442ba4dcf2e4ce4c");
  auto w = t.Window("USD", "KRW", *PubDate::Parse("2025-01-27"), 0);
  REQUIRE(w.ok());
  REQUIRE(w->rows.size() == 1);
  CHECK(w->rows[0].rate == doctest::Approx(1507.97 / 1.0530));
  CHECK(Raw(w->rows[0], "KRW") == "1507.97");
  CHECK(Raw(w->rows[0], "USD") == "1.053");
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

TEST_CASE(
    "dates outside the data and unknown currencies are errors, not guesses") {
  CHECK_FALSE(Ecb().Window("USD", "KRW", *PubDate::Parse("2030-01"), 7).ok());
  CHECK_FALSE(
      Ecb().Window("USD", "KRW", *PubDate::Parse("1990-05-02"), 0).ok());
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
  WriteFile(dir / "bad.csv",
            "date,currency,units_per_usd\n2025-01-24,KRW,abc\n");
  auto bad = FxTable::Load(dir / "bad.csv");
  CHECK(bad.status().message() == dir / "bad.csv" + ":2: bad rate 'abc'");
  // A rate must be a positive finite number.
  for (const char* rate : {"inf", "-1.5", "0", "1e400", "nan"}) {
    WriteFile(dir / "bad.csv", std::string("date,currency,units_per_usd\n"
                                           "2025-01-24,KRW,") +
                                   rate + "\n");
    CHECK(FxTable::Load(dir / "bad.csv").status().message() ==
          dir / "bad.csv" + ":2: bad rate '" + rate + "'");
  }
  WriteFile(dir / "other.csv", "when,rate\n");
  CHECK(FxTable::Load(dir / "other.csv")
            .status()
            .message()
            .find("unknown rate file format") != std::string::npos);
}

TEST_CASE(
    "raw values: the file's text, sorted by code, from, to and USD once each") {
  const auto& t = Ecb();
  auto w = t.Window("USD", "KRW", *PubDate::Parse("2025-01-27"), 0);
  REQUIRE(w.ok());
  CHECK(Cells(w->rows[0].raw) == RawPairs{{"KRW", "1507.97"}, {"USD", "1.053"}});
  // EUR has no column of its own: only the yen's and the dollar's values.
  auto eur = t.Window("JPY", "EUR", *PubDate::Parse("2025-01-27"), 0);
  REQUIRE(eur.ok());
  REQUIRE(eur->rows.size() == 1);
  CHECK(eur->rows[0].raw.size() == 2);
  CHECK(eur->rows[0].raw[0].first == "JPY");
  CHECK(eur->rows[0].raw[1].first == "USD");
  CHECK(eur->rows[0].raw[1].second == "1.053");
  auto same = t.Window("USD", "USD", *PubDate::Parse("2025-01-27"), 0);
  REQUIRE(same.ok());
  CHECK(same->rows[0].rate == 1.0);
  CHECK(Cells(same->rows[0].raw) == RawPairs{{"USD", "1.053"}});
  auto month = t.Window("GBP", "CHF", *PubDate::Parse("2024-02"), 0);
  REQUIRE(month.ok());
  for (const auto& o : month->rows) {
    REQUIRE(o.raw.size() == 3);
    CHECK(o.raw[0].first == "CHF");
    CHECK(o.raw[1].first == "GBP");
    CHECK(o.raw[2].first == "USD");
    // Per EUR as published: the cross rate is their quotient.
    CHECK(o.rate == doctest::Approx(std::stod(std::string(o.raw[0].second)) /
                                    std::stod(std::string(o.raw[1].second))));
  }

  TempDir dir;
  WriteFile(dir / "usd.csv",
            "date,currency,units_per_usd\n2025-01-24,KRW,1433.92\n"
            "2025-01-24,GBP,0.80\n2025-01-24,USD,1\n2025-01-27,KRW,1432.07\n");
  auto u = FxTable::Load(dir / "usd.csv");
  REQUIRE(u.ok());
  auto uw = u->Window("KRW", "GBP", *PubDate::Parse("2025-01-24"), 0);
  REQUIRE(uw.ok());
  CHECK(Cells(uw->rows[0].raw) ==
        RawPairs{{"GBP", "0.80"}, {"KRW", "1433.92"}, {"USD", "1"}});
  // No USD line that day: USD is 1.0 but has no text of its own.
  auto later = u->Window("USD", "KRW", *PubDate::Parse("2025-01-27"), 0);
  REQUIRE(later.ok());
  CHECK(later->rows[0].rate == doctest::Approx(1432.07));
  CHECK(Cells(later->rows[0].raw) == RawPairs{{"KRW", "1432.07"}});
}

TEST_CASE("raw views stay valid when the table moves") {
  auto r =
      FxTable::Load(SourcePath("rules/reference/fx/ecb/eurofxref-hist.csv"));
  REQUIRE(r.ok());
  auto before = r->Window("USD", "KRW", *PubDate::Parse("2025-01"), 0);
  REQUIRE(before.ok());
  FxTable moved = std::move(r).value();
  FxTable again(std::move(moved));
  moved = std::move(again);
  // Views taken before the moves still read the same text...
  CHECK(Cells(before->rows.front().raw) ==
        RawPairs{{"KRW", "1515.07"}, {"USD", "1.0321"}});
  // ...and the moved-to table gives the same views.
  auto after = moved.Window("USD", "KRW", *PubDate::Parse("2025-01"), 0);
  REQUIRE(after.ok());
  REQUIRE(after->rows.size() == before->rows.size());
  for (size_t i = 0; i < after->rows.size(); ++i) {
    CHECK(after->rows[i].date == before->rows[i].date);
    CHECK(after->rows[i].rate == before->rows[i].rate);
    CHECK(Cells(after->rows[i].raw) == Cells(before->rows[i].raw));
  }
  CHECK(moved.first_date() == "1999-01-04");
}

TEST_CASE("a last line without a newline, and CRLF line ends, read as LF") {
  TempDir dir;
  const std::string ecb =
      "Date,USD,JPY,KRW,\n2025-01-27,1.053,160.5,1507.97,\n"
      "2025-01-24,1.0472,N/A,1510.1,\n\n2025-01-23,1.0413,163.0";
  std::string crlf;
  for (char c : ecb)
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  WriteFile(dir / "lf.csv", ecb);
  WriteFile(dir / "crlf.csv", crlf + "\r\n");
  for (std::string name : {"lf.csv", "crlf.csv"}) {
    INFO(name);
    auto t = FxTable::Load(dir / name);
    REQUIRE(t.ok());
    CHECK(t->size() == 3);
    CHECK(t->first_date() == "2025-01-23");
    CHECK(t->last_date() == "2025-01-27");
    auto w = t->Window("USD", "JPY", *PubDate::Parse("2025-01-27"), 7);
    REQUIRE(w.ok());
    REQUIRE(w->rows.size() == 2);  // 01-24 has no yen
    CHECK(w->rows[0].date == "2025-01-23");
    CHECK(Cells(w->rows[0].raw) == RawPairs{{"JPY", "163.0"}, {"USD", "1.0413"}});
    CHECK(w->rows[1].date == "2025-01-27");
    CHECK(Cells(w->rows[1].raw) == RawPairs{{"JPY", "160.5"}, {"USD", "1.053"}});
    CHECK(w->rows[1].rate == (160.5 / 1.053) / 1.0);
    // The last line (no newline) lacks the KRW column: no KRW that day.
    auto krw = t->Window("KRW", "USD", *PubDate::Parse("2025-01-27"), 7);
    REQUIRE(krw.ok());
    REQUIRE(krw->rows.size() == 2);
    CHECK(Cells(krw->rows[0].raw) == RawPairs{{"KRW", "1510.1"}, {"USD", "1.0472"}});
    CHECK(Cells(krw->rows[1].raw) == RawPairs{{"KRW", "1507.97"}, {"USD", "1.053"}});
  }
  WriteFile(dir / "usd.csv",
            "date,currency,units_per_usd\r\n2025-01-24,KRW,1433.92\r\n\r\n"
            "2025-01-24,GBP,0.80");
  auto u = FxTable::Load(dir / "usd.csv");
  REQUIRE(u.ok());
  auto uw = u->Window("GBP", "KRW", *PubDate::Parse("2025-01-24"), 0);
  REQUIRE(uw.ok());
  CHECK(Cells(uw->rows[0].raw) == RawPairs{{"GBP", "0.80"}, {"KRW", "1433.92"}});
  CHECK(uw->rows[0].rate == 1433.92 / 0.80);
}

TEST_CASE("malformed ECB files name the line and what is wrong with it") {
  TempDir dir;
  auto error = [&](const std::string& body,
                   const std::string& header = "Date,USD,JPY,KRW\n") {
    WriteFile(dir / "f.csv", header + body);
    auto t = FxTable::Load(dir / "f.csv");
    REQUIRE_FALSE(t.ok());
    return t.status().message().substr((dir / "f.csv").size());
  };
  CHECK(error("2025-01-27,1.05,160,1500\n2025-02-30,1,1,1\n") ==
        ":3: bad date '2025-02-30'");
  CHECK(error("2025-01-27,1.05,160,1500,7\n") ==
        ":2: more fields than the header");
  // The first bad rate by currency code, not by column.
  CHECK(error("2025-01-27,1.05,x,y\n", "Date,USD,KRW,JPY\n") ==
        ":2: bad rate 'y' for JPY");
  CHECK(
      error("2025-01-27,1.05,160,1500\n2025-01-24,1,1,1\n2025-01-27,1,1,1\n") ==
      ":4: date 2025-01-27 appears twice");
  // A day without a USD rate is skipped, bad values and all.
  WriteFile(dir / "skip.csv",
            "Date,USD,JPY\n2025-01-27,N/A,x\n2025-01-24,1.05,160\n");
  auto skip = FxTable::Load(dir / "skip.csv");
  REQUIRE(skip.ok());
  CHECK(skip->size() == 1);
}

TEST_CASE("a day serial prints as the calendar date it stands for") {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int checked = 0;
  for (int y = 1; y <= 9999; y += (y < 1890 || y > 2110) ? 97 : 1) {
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    for (int m = 1; m <= 12; ++m) {
      int days = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
      for (int d = 1; d <= days; ++d) {
        char want[32];
        std::snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
        REQUIRE(SerialToDate(DaySerial(y, m, d)) == want);
        ++checked;
      }
    }
  }
  CHECK(checked > 80000);
  CHECK(SerialToDate(DaySerial(2024, 2, 29) + 1) == "2024-03-01");
}

// Rates are read by a short exact path for plain decimals; every value
// from_chars reads must still be the double it gives.
TEST_CASE("rates read as from_chars reads them") {
  std::string text = claimledger::testing::ReadFile(
      SourcePath("rules/reference/fx/ecb/eurofxref-hist.csv"));
  size_t values = 0, mismatches = 0;
  auto same = [&](std::string_view s) {
    double want = 0, got = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), want);
    bool ok = ec == std::errc() && ptr == s.data() + s.size() && want > 0;
    // What from_chars refuses goes on to strtod ("+2"), as before.
    if (!ok && ec != std::errc()) return;
    if (ParseRateText(s, &got) != ok || (ok && got != want)) {
      if (++mismatches < 5) FAIL_CHECK("'" << s << "': " << got << " vs " << want);
    }
    ++values;
  };
  for (size_t at = text.find('\n') + 1; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + at, end - at);
    size_t comma = line.find(',');  // the date first
    while (comma != std::string_view::npos) {
      size_t next = line.find(',', comma + 1);
      same(line.substr(comma + 1, next == std::string_view::npos
                                      ? std::string_view::npos
                                      : next - comma - 1));
      comma = next;
    }
    at = end + 1;
  }
  CHECK(values > 200000);
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    int digits = 1 + static_cast<int>(rng() % 17);
    std::string s;
    for (int d = 0; d < digits; ++d) s += static_cast<char>('0' + rng() % 10);
    if (rng() % 4 != 0) s.insert(rng() % (s.size() + 1), ".");
    same(s);
  }
  for (const char* s : {"0", "0.0", ".", "1.", ".5", "00012.50", "1e3",
                        "-1.5", "+2", "1.2.3", "N/A", "123456789012345",
                        "1234567890123456", "0.000000000000001"}) {
    same(s);
  }
  CHECK(mismatches == 0);
}
