// JsonOut writes what nlohmann::json::dump() writes, and every evaluator's
// evidence is canonical JSON (parse + dump gives the same bytes), which the
// ledger's hash chain relies on.
#include "engine/json_out.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "engine/check.h"
#include "engine/extract.h"
#include "tests/check_fixture.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::BundledLexicon;
using claimledger::testing::DocBuilder;
using claimledger::testing::ReadFile;
using claimledger::testing::SourcePath;
using nlohmann::json;

namespace {

std::string Nl(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Number(double v) {
  std::string s;
  AppendJsonNumber(&s, v);
  return s;
}

std::string String(std::string_view v) {
  std::string s;
  AppendJsonString(&s, v);
  return s;
}

const Rulebook& Bundled() { return claimledger::testing::BundledRulebook(); }

void CheckCanonical(const std::vector<Verdict>& verdicts) {
  for (const auto& v : verdicts) {
    INFO(v.rule->id << ": " << v.evidence_json);
    json parsed = json::parse(v.evidence_json);
    CHECK(Nl(parsed) == v.evidence_json);
  }
}

}  // namespace

TEST_CASE("numbers are written as nlohmann writes them") {
  const double fixed[] = {0.0,
                          -0.0,
                          1.0,
                          -1.0,
                          0.02,
                          0.1 + 0.2,
                          1e15,
                          1e16,
                          1e17,
                          123456789012345678.0,
                          1e-4,
                          1e-5,
                          0.00012345,
                          5850000000.0,
                          1436.3636363636363,
                          std::numeric_limits<double>::max(),
                          std::numeric_limits<double>::min(),
                          std::numeric_limits<double>::denorm_min(),
                          -2.5e-300};
  for (double v : fixed) {
    INFO(v);
    CHECK(Number(v) == Nl(json(v)));
  }
  CHECK(Number(std::nan("")) == "null");
  CHECK(Number(std::numeric_limits<double>::infinity()) == "null");
  CHECK(Number(-std::numeric_limits<double>::infinity()) == "null");
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> exp10(-30, 30);
  int mismatches = 0;
  for (int i = 0; i < 100000; ++i) {
    double v = std::pow(10.0, exp10(rng)) * (i % 2 ? -1 : 1);
    uint64_t bits = rng();
    double any;
    std::memcpy(&any, &bits, sizeof any);
    if (Number(v) != Nl(json(v))) ++mismatches;
    if (Number(any) != Nl(json(any))) ++mismatches;
  }
  CHECK(mismatches == 0);
  std::string s;
  AppendJsonInt(&s, -9223372036854775807LL - 1);
  CHECK(s == "-9223372036854775808");
}

// Whole numbers below 10^15 take a short path: every whole number up to a
// million each way, random ones of every size, round amounts, the edges
// of the path and both zeros are written as nlohmann writes them.
TEST_CASE("whole numbers are written as nlohmann writes them") {
  std::vector<double> values = {0.0, -0.0, 1e15, -1e15, 999999999999999.0,
                                -999999999999999.0, 1e15 - 0.5, 4503599627370496.0,
                                9007199254740993.0, 1e16, 0.5, -0.5};
  for (int i = -1000000; i <= 1000000; ++i) values.push_back(i);
  std::mt19937_64 rng(20261129);
  for (int i = 0; i < 300000; ++i) {
    double whole = static_cast<double>(rng() % 1000000000000000ull);
    values.push_back(i % 2 ? whole : -whole);
    double round = static_cast<double>(rng() % 10000) *
                   std::pow(10.0, static_cast<double>(rng() % 12));
    values.push_back(round);
  }
  int mismatches = 0;
  for (double v : values) {
    if (Number(v) != Nl(json(v)) && ++mismatches < 5) {
      FAIL_CHECK(v << ": " << Number(v) << " vs " << Nl(json(v)));
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("strings are escaped as nlohmann escapes them") {
  std::string all;
  for (int c = 1; c < 128; ++c) all.push_back(static_cast<char>(c));
  const std::string cases[] = {"",
                               "plain",
                               "550만달러(약 79억원)",
                               "quote \" backslash \\ tab \t nl \n",
                               std::string("nul \0 inside", 12),
                               all,
                               "bad \xff byte",
                               "cut \xec\x95",
                               "overlong \xc0\xaf",
                               "surrogate \xed\xa0\x80",
                               // Quotes and backslashes, no control bytes,
                               // then a control byte past the first 16.
                               R"({"key":"a \\ b \"c\"","n":[1,2]} 12345)",
                               "sixteen bytes ok, then a tab\there"};
  for (const auto& c : cases) {
    INFO(c);
    CHECK(String(c) == Nl(json(c)));
  }
}

// Evidence is escaped sixteen bytes at a time: strings of every length
// around that block size, dense and sparse in quotes and backslashes,
// with UTF-8 and now and then a control byte; now and then a string of
// several kilobytes, which is escaped in pieces of 2048 bytes.
TEST_CASE("random strings are escaped as nlohmann escapes them") {
  std::mt19937 rng(20251129);
  const std::vector<std::string> pieces = {"a", "\"", "\\", " ", "b", "한",
                                           "{", ":", "0", "\\\"", "xyz"};
  int mismatches = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string c;
    size_t len = n % 100 == 0 ? rng() % 6000 : rng() % 90;
    bool dense = rng() % 2 == 0;
    while (c.size() < len) {
      size_t k = rng() % pieces.size();
      if (!dense && (k == 1 || k == 2 || k == 9) && rng() % 8 != 0) k = 0;
      c += pieces[k];
    }
    if (rng() % 50 == 0) c.insert(rng() % (c.size() + 1), "\n");
    if (String(c) != Nl(json(c))) {
      if (++mismatches < 5) FAIL_CHECK("mismatch for: " << c);
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("containers: commas, nesting, raw values, sorted keys") {
  std::string s;
  JsonOut j(&s);
  j.BeginObject()
      .Key("a")
      .BeginArray()
      .Int(1)
      .Number(2.5)
      .Null()
      .Bool(true)
      .BeginArray()
      .EndArray()
      .BeginObject()
      .EndObject()
      .EndArray()
      .Field("b", "x")
      .Key("c")
      .Raw(R"({"k":[1,2]})")
      .Field("d", false)
      .Field("e", 3)
      .EndObject();
  CHECK(j.done());
  json expect = {{"a", {1, 2.5, nullptr, true, json::array(), json::object()}},
                 {"b", "x"},
                 {"c", {{"k", {1, 2}}}},
                 {"d", false},
                 {"e", 3}};
  CHECK(s == Nl(expect));
}

TEST_CASE("every verdict's evidence on the articles is canonical JSON") {
  size_t verdicts = 0;
  for (const char* folder :
       {"fixtures/articles", "fixtures/corpus", "fixtures/eval",
        "fixtures/holdout"}) {
    for (const auto& e :
         std::filesystem::recursive_directory_iterator(SourcePath(folder))) {
      if (e.path().extension() != ".md" && e.path().extension() != ".txt") {
        continue;
      }
      auto doc = ParseDocument(e.path().string(), ReadFile(e.path()), {});
      REQUIRE(doc.ok());
      auto claims = Extract(doc->body(), BundledLexicon());
      auto v = CheckDocument(*doc, claims, Bundled());
      verdicts += v.size();
      CheckCanonical(v);
    }
  }
  CHECK(verdicts > 100);
}

TEST_CASE("evidence of conversions that cannot be made is canonical JSON") {
  // A range paired with a single amount, and dates outside the rate file.
  DocBuilder b;
  b.Text("It raised ")
      .Range("$1-2 million", Kind::kMoney, "1000000", "2000000", "USD")
      .Text(" (")
      .Add("15억원", Kind::kMoney, "1500000000", "KRW")
      .PairLast()
      .Text(") and ")
      .Add("$5 million", Kind::kMoney, "5000000", "USD")
      .Text(" (")
      .Add("70억원", Kind::kMoney, "7000000000", "KRW")
      .PairLast()
      .Text(").\n");
  for (const char* date : {"2025-01", "2031-03", "1990-05", ""}) {
    INFO(date);
    auto v = CheckDocument(b.doc(date), b.claims(), Bundled());
    CheckCanonical(v);
    bool range_error = false, date_error = false;
    for (const auto& x : v) {
      json ev = json::parse(x.evidence_json);
      if (!ev.contains("error")) continue;
      if (ev["error"] == "range paired with a single amount") {
        range_error = true;
      } else {
        date_error = true;
        CHECK(ev["rates"]["sha256"].get<std::string>().size() == 64);
      }
    }
    CHECK(range_error);
    CHECK(date_error == (std::string(date) != "2025-01"));
  }
}

// The plain check reads sixteen, then eight bytes at a time: every byte
// value at every place of strings of up to 40 bytes must be seen.
TEST_CASE("every byte at every place is escaped as nlohmann escapes it") {
  int mismatches = 0;
  for (size_t len = 1; len <= 40; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (int b = 0; b < 256; ++b) {
        std::string c(len, 'k');
        c[at] = static_cast<char>(b);
        if (String(c) != Nl(json(c)) && ++mismatches < 5) {
          FAIL_CHECK("byte " << b << " at " << at << " of " << len);
        }
      }
    }
  }
  CHECK(mismatches == 0);
}
