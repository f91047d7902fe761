#include <doctest/doctest.h>

#include "engine/decimal.h"

using claimledger::Decimal;

TEST_CASE("decimal parses grouped and fractional numbers canonically") {
  CHECK(Decimal::Parse("5,576,000")->ToString() == "5576000");
  CHECK(Decimal::Parse("5.50")->ToString() == "5.5");
  CHECK(Decimal::Parse("0.125")->ToString() == "0.125");
  CHECK(Decimal::Parse("007")->ToString() == "7");
  CHECK(Decimal::Parse("0")->ToString() == "0");
  CHECK_FALSE(Decimal::Parse("1,23"));
  CHECK_FALSE(Decimal::Parse("1,2345"));
  CHECK_FALSE(Decimal::Parse("12,34,567"));
  CHECK_FALSE(Decimal::Parse("-5"));
  CHECK_FALSE(Decimal::Parse("1e5"));
  CHECK_FALSE(Decimal::Parse("5."));
  CHECK_FALSE(Decimal::Parse(""));
}

TEST_CASE("decimal arithmetic is exact") {
  auto d = [](const char* s) { return *Decimal::Parse(s); };
  CHECK(d("1").Shift(12).Add(d("4000").Shift(8)).ToString() == "1400000000000");
  CHECK(d("5.5").Shift(6).ToString() == "5500000");
  CHECK(d("0.1").Add(d("0.2")).ToString() == "0.3");
  CHECK(d("2.788").Mul(d("2")).ToString() == "5.576");
  CHECK(d("99").Add(d("1")).ToString() == "100");
  CHECK(d("1.5").Shift(-3).ToString() == "0.0015");
  CHECK(d("79").Shift(8).LastSignificantExp() == 8);
  CHECK(d("1400").Shift(8).LastSignificantExp() == 10);
}

TEST_CASE("decimal ordering compares magnitudes") {
  auto d = [](const char* s) { return *Decimal::Parse(s); };
  CHECK(d("9") < d("10"));
  CHECK(d("0.5") < d("1"));
  CHECK_FALSE(d("10") < d("9"));
  CHECK(d("1.25") < d("1.3"));
  CHECK(d("0") < d("0.001"));
}

TEST_CASE("decimal keeps numbers beyond 19 digits exact") {
  auto d = [](const char* s) { return *Decimal::Parse(s); };
  // 19 digits fit in 64 bits; 20 and more take the long path.
  CHECK(d("9999999999999999999").ToString() == "9999999999999999999");
  CHECK(d("12345678901234567890123").ToString() == "12345678901234567890123");
  CHECK(d("1234567890123456789.0123").ToString() == "1234567890123456789.0123");
  CHECK(d("000012345678901234567890").ToString() == "12345678901234567890");
  // Sums and products that leave 64 bits.
  CHECK(d("18446744073709551615").Add(d("1")).ToString() == "18446744073709551616");
  CHECK(d("9999999999999999999").Add(d("1")).ToString() == "10000000000000000000");
  CHECK(d("9999999999999999999").Mul(d("9999999999999999999")).ToString() ==
        "99999999999999999980000000000000000001");
  CHECK(d("4294967296").Mul(d("4294967296")).ToString() == "18446744073709551616");
  // Terms far apart in scale: 1e30 + 0.001.
  CHECK(d("1").Shift(30).Add(d("0.001")).ToString() ==
        "1000000000000000000000000000000.001");
  CHECK(d("12345678901234567890").Shift(-25).ToString() == "0.000001234567890123456789");
  CHECK(d("12345678901234567890").LastSignificantExp() == 1);
  // Ordering across the two forms.
  CHECK(d("9999999999999999999") < d("12345678901234567890"));
  CHECK_FALSE(d("12345678901234567890") < d("9999999999999999999"));
  CHECK(d("12345678901234567890") < d("12345678901234567891"));
  CHECK(d("1.5") < d("1.50000000000000000001"));
  CHECK(d("12345678901234567890") == d("1234567890123456789").Shift(1));
  CHECK(d("1.2345678901234567890123").ToDouble() == doctest::Approx(1.2345678901234568));
}
