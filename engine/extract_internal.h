// The extractor's machinery, shared by extract.cc (numbers, units, ranges,
// markers, pairs), extract_words.cc (claims written as words, fractions,
// counted nouns) and extract_compare.cc (comparisons). Internal to engine.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "engine/claim.h"
#include "engine/lexicon.h"
#include "engine/numeral.h"

namespace claimledger::extract_internal {

using numeral::Numeral;

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// One end of a possible claim: a numeral with its unit.
struct Piece {
  Numeral num;
  size_t begin = 0;  // includes a prefix unit ("$", "No.")
  size_t end = 0;    // includes the unit
  Kind kind = Kind::kCount;
  std::string unit;
  bool has_unit = false;
  bool prefix_unit = false;
  bool negative = false;      // -12°C
  bool approx_infix = false;  // 100여 명
};

class Extractor {
 public:
  Extractor(std::string_view s, const Lexicon& lex,
            size_t max_claims = static_cast<size_t>(-1))
      : s_(s), lex_(lex), max_claims_(max_claims) {}
  std::vector<Claim> Run();

 private:
  // extract.cc
  std::optional<Claim> TryClaimAt(size_t i, size_t* skip_to);
  std::optional<Piece> ReadPiece(size_t i, bool range_end) const;
  bool SuffixUnit(size_t j, Piece* p) const;
  bool MatchUnitAt(const UnitWord& u, size_t at, Piece* p) const;
  std::optional<Claim> TryDigitFraction(size_t i) const;
  std::optional<Claim> TryKoreanFraction(size_t i) const;
  bool TryRange(const Piece& first, Piece* second, size_t* end) const;
  void ApplyMarkers(Claim* claim) const;
  void FindPairs();
  bool IsPairGap(std::string_view gap) const;
  void AssignSentences();
  Claim MakeClaim(const Piece& first, const Piece* second, size_t end) const;

  // extract_words.cc
  std::optional<Claim> TryWordClaim(size_t i) const;
  std::optional<Claim> TryFraction(size_t i) const;
  bool CountNounAt(size_t j, Piece* p) const;

  // extract_compare.cc
  void FindComparisons(const std::vector<size_t>& positions);
  std::string FindSubject(size_t cue, const std::string& object) const;
  std::string ObjectAfter(size_t end) const;

  // Helpers over the text.
  bool PrevIsWordChar(size_t i) const;
  bool KoreanWordEndsAt(size_t j) const;  // next is not Hangul, or a particle
  std::string_view PrevWord(size_t i) const;   // the word before i
  std::string_view NextWord(size_t j) const;   // the word after j
  size_t SkipSpace(size_t j) const {
    return j < s_.size() && s_[j] == ' ' ? j + 1 : j;
  }
  bool WordIn(std::string_view w, const std::vector<std::string>& list) const;
  // True when one of `words` (indexed by `index`, built with fold_case)
  // begins at i, its first letter in either case.
  bool StartsWord(const WordIndex& index, const std::vector<std::string>& words,
                  size_t i) const;

  std::string_view s_;
  const Lexicon& lex_;
  size_t max_claims_;  // Run stops past this many (Extract)
  std::vector<Claim> claims_;
};

// True when w equals `lower`, or equals it but for a capitalised first
// letter ("About" and "about"). No allocation: this runs per word.
inline bool FoldedEquals(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size() || w.empty()) return false;
  if (w[0] != lower[0] && !(w[0] >= 'A' && w[0] <= 'Z' && w[0] + 32 == lower[0])) {
    return false;
  }
  return w.substr(1) == lower.substr(1);
}

}  // namespace claimledger::extract_internal
