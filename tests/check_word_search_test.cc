// The word search of the evaluators (check_internal.h) against a plain
// scan: FindAny, SentenceWords::FindAny and FindWord were rewritten for
// speed (lower-casing once, string_view::find, a byte-pair filter) and
// must find exactly what a byte-by-byte comparison finds. Also the
// percentages of reasons.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "engine/check_internal.h"

using namespace claimledger::check_internal;

namespace {

char Low(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
bool Alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

// The matching rules as first written: case-insensitive for ASCII, a word
// that begins (ends) with a letter or digit must not continue one, a
// trailing '*' matches a prefix.
std::optional<size_t> PlainFind(std::string_view text, std::string_view word,
                                size_t from) {
  bool prefix = !word.empty() && word.back() == '*';
  if (prefix) word.remove_suffix(1);
  if (word.empty() || word.size() > text.size()) return std::nullopt;
  for (size_t i = from; i + word.size() <= text.size(); ++i) {
    size_t k = 0;
    while (k < word.size() && Low(text[i + k]) == Low(word[k])) ++k;
    if (k != word.size()) continue;
    if (Alnum(word.front()) && i > 0 && Alnum(text[i - 1])) continue;
    size_t after = i + word.size();
    if (!prefix && Alnum(word.back()) && after < text.size() &&
        Alnum(text[after]))
      continue;
    return i;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE(
    "word search with the byte-pair filter finds what a plain scan finds") {
  const std::vector<std::string> pieces = {
      "rose", "Rose", "ROSE",  "rise",         "up",    "Up",   " ",
      " ",    "3",    "%",     "늘어",         "늘었",  "감소", "했다",
      ",",    "gain", "gains", "market share", "Share", "of"};
  const std::vector<std::string> words = {
      "rose",  "rise*",        "up",       "늘어", "감소",
      "gain*", "market share", "share of", "3%",   "다"};
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    INFO(text);
    std::optional<WordHit> plain;
    for (const auto& w : words) {
      auto at = PlainFind(text, w, 0);
      if (at && (!plain || *at < plain->pos)) {
        plain = WordHit{*at, w.size() - (w.back() == '*' ? 1 : 0), w};
      }
      size_t from = text.empty() ? 0 : rng() % text.size();
      CHECK(FindWord(text, w, from) == PlainFind(text, w, from));
    }
    auto fast = FindAny(text, words);
    auto filtered = SentenceWords(text).FindAny(words);
    REQUIRE(fast.has_value() == plain.has_value());
    REQUIRE(filtered.has_value() == plain.has_value());
    if (plain) {
      CHECK(fast->pos == plain->pos);
      CHECK(fast->word == plain->word);
      CHECK(filtered->pos == plain->pos);
      CHECK(filtered->word == plain->word);
      CHECK(filtered->len == plain->len);
    }
  }
}

// Percent writes what printf("%+.1f%%") writes (reasons used to be built
// with it): every kind of value, rounding ties and signed zeros included.
TEST_CASE("Percent writes what printf writes") {
  std::mt19937_64 rng(20261129);
  std::vector<double> values = {0.0,     -0.0,    0.0005,  -0.0005, 0.00049,
                                0.00051, 0.00025, -0.00025, 1e-300, -1e-300,
                                1.0,     -1.0,    9.9996,  1e300,   -1e300,
                                std::numeric_limits<double>::infinity(),
                                -std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::quiet_NaN(),
                                -std::numeric_limits<double>::quiet_NaN()};
  for (int i = 0; i < 100000; ++i) {
    double scale = std::pow(10.0, static_cast<double>(rng() % 12) - 6);
    double v = std::uniform_real_distribution<double>(-2, 2)(rng) * scale;
    if (i % 3 == 0) v = std::round(v * 2000) / 2000;  // ties at 0.05%
    values.push_back(v);
  }
  int mismatches = 0;
  for (double v : values) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%+.1f%%", v * 100);
    if (Percent(v) != buf && ++mismatches < 5) {
      FAIL_CHECK(v << ": " << Percent(v) << " vs " << buf);
    }
  }
  CHECK(mismatches == 0);
}
