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
