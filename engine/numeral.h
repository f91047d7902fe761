// Numeral grammar: reads one written number at a byte offset, in any of the
// forms the lexicon allows: "1,234.5", "1조4000억", "557만6000", "5.5
// million", "수천억" (a vague amount, 1000억..9000억), and Hangul number
// words ("두" in "두 배"). Internal to the extractor; stateless.
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
  bool from_word = false;  // a Hangul number word (두, 세)
};

// Reads a numeral starting exactly at i; nullopt when none starts there.
// Digits must not continue a word ("V3", "GPT-4"): the caller checks what
// precedes i.
std::optional<Numeral> ReadAt(std::string_view s, size_t i, const Lexicon& lex);

// The stated-precision interval of a numeral: value +- half a unit of its
// last significant digit, or [low, high] for a vague one.
void PrecisionInterval(const Numeral& n, double* lo, double* hi);

// Matches `word` at s[i]; alphabetic ASCII words need a word boundary
// after them. Returns the length matched or 0.
size_t MatchWord(std::string_view s, size_t i, std::string_view word);

}  // namespace claimledger::numeral
