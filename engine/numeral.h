// Numeral grammar: reads one written number at a byte offset, in any of the
// forms the lexicon allows: "1,234.5", "1조4000억", "557만6000", "5.5
// million", "수천억" (a vague amount, 1000억..9000억), "백만" (scale words
// alone), and number words ("두" in "두 배", "three" in "three times").
// Internal to the extractor; stateless.
#pragma once

#include <optional>
#include <string_view>

#include "engine/decimal.h"
#include "engine/lexicon.h"

namespace claimledger::numeral {

struct Numeral {
  size_t begin = 0;
  size_t end = 0;
  Decimal value;
  int prec_exp = 0;    // exponent of the last significant written digit
  bool vague = false;  // 수십, 수천억: value is the low end, vague_high the top
  Decimal vague_high;
  bool from_word = false;  // a number word (두, three)
  int scale_exp = 0;       // the exponent its scale words added (0: none)
  bool context_scale = false;  // used a scale that needs context (m, bn)
  size_t last_scale_begin = 0; // where its last scale word starts (0: none)
};

struct ReadOptions {
  bool context_scales = true;  // allow m, bn, k
  size_t scale_limit = std::string_view::npos;  // no scale word starts here or later
};

// Reads a numeral starting exactly at i; nullopt when none starts there.
// Digits must not continue a word ("V3", "GPT-4"): the caller checks what
// precedes i.
std::optional<Numeral> ReadAt(std::string_view s, size_t i, const Lexicon& lex,
                              const ReadOptions& options = {});

// The stated-precision interval of a numeral: value +- half a unit of its
// last significant digit, or [low, high] for a vague one.
void PrecisionInterval(const Numeral& n, double* lo, double* hi);

// Matches `word` at s[i]. ASCII words need a word boundary after them;
// with fold_case a capitalised first letter matches too ("About" for
// "about"). Returns the length matched or 0.
size_t MatchWord(std::string_view s, size_t i, std::string_view word,
                 bool fold_case = false);

}  // namespace claimledger::numeral
