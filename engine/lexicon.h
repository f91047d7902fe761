// Lexicon: the language-specific words the extractor knows, loaded from
// rules/lexicon/<lang>.yaml. The grammar that combines them lives in
// extract*.cc; adding a scale word, currency, unit, marker or cue is one row
// of data. Several language files merge into one Lexicon (Korean text
// writes "$" and English text writes "won"). Immutable after loading; safe
// to share between threads. ASCII words match case-insensitively on their
// first letter ("About", "Half") and only at word boundaries.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/claim.h"
#include "engine/diagnostic.h"
#include "engine/word_index.h"

namespace claimledger {

enum class Position { kBefore, kAfter };

struct ScaleWord {
  std::string word;
  int exp = 0;  // multiplies by 10^exp
  // Short abbreviations (m, bn, k) scale a number only next to a currency
  // or a counted noun: "£4.4m", "10M videos", but "100m" is metres.
  bool needs_context = false;
};

struct UnitWord {
  std::string word;
  Kind kind = Kind::kCount;
  std::string unit;  // ISO 4217 for money, "%", "pp", "x", counter, symbol
  Position position = Position::kAfter;
  // When set, one of these words must follow (after at most one space):
  // 대 is a rank in "3대 강국", a counter in "자동차 3대".
  std::vector<std::string> followed_by;
  bool attached = false;  // no space before it: "30%", "3x", "3rd"
};

struct MarkerWord {
  std::string word;
  Bound bound = Bound::kApprox;
  Position position = Position::kBefore;
};

struct ValueWord {  // 두 -> 2, three -> 3, eighth -> 8
  std::string word;
  std::string value;
};

// A word that is a claim on its own: "twice", "절반", "third".
struct WordClaim {
  std::string word;
  Kind kind = Kind::kRatio;
  std::string value;
  std::string unit;
  std::vector<std::string> preceded_by;  // the previous word must be one
  std::vector<std::string> followed_by;  // the next word must be one
};

struct ComparisonCue {
  std::string word;
  std::string relation;  // ahead, behind, more, less, similar, exceeds, gap
  // English: the previous word must (or must not) be one of these.
  std::vector<std::string> preceded_by;
  std::vector<std::string> not_preceded_by;
  // The next word may be one of these instead of a name ("rivals the").
  std::vector<std::string> followed_by;
  // Korean: one of the three previous words must end with one of these
  // ("o1보다 앞선", "AMD를 크게 앞섰다", "구글과 비슷한").
  std::vector<std::string> requires_before;
  // Where a comparative adjective decides the relation ("미국에 비해
  // 작다", "high compared with"): "before", "after" or empty.
  std::string relation_from;
  bool needs_relation_word = false;  // no adjective found: not a comparison
  // The next word must be a name: capitalised or with a digit ("more than
  // Chelsea", "ahead of o1"), or "the" before a capitalised word ("behind
  // the US Federal Reserve"); not "more than 40", "behind the podium".
  bool followed_by_name = false;
};

struct RangeForm {  // "between 5 and 10", "50명에서 80명까지"
  std::string before;     // word before the first number, or empty
  std::string separator;  // between the two ends
  std::string after;      // word that must follow the second end, or empty
};

struct Lexicon {
  std::vector<ScaleWord> scales;
  std::vector<UnitWord> units;
  std::vector<MarkerWord> markers;
  std::vector<std::string> range_separators;
  std::vector<RangeForm> range_forms;
  std::vector<ValueWord> number_words;
  // Sino-Korean digits (일 이 삼 ... 구), read only together with scale
  // words: 삼천억원, 오십만 명.
  std::vector<ValueWord> sino_digits;
  std::vector<WordClaim> word_claims;
  std::vector<ValueWord> fraction_numerators;
  std::vector<ValueWord> fraction_denominators;
  std::vector<std::string> count_nouns;      // irregular: people, aircraft
  std::vector<std::string> not_count_nouns;  // plural words that count time
  std::vector<ComparisonCue> comparisons;
  std::vector<ValueWord> comparison_words;   // value holds the relation
  // Words that make a figure a fall when comparing figures ("fell 45%").
  std::vector<std::string> decrease_words;
  // Korean endings and particles that may follow a unit or cue ("명이").
  std::vector<std::string> particles;
  // Words skipped whole: "세배" (a bow), not three times.
  std::vector<std::string> stop_words;
  // A number right after one of these is a label: 제3장, 제2의.
  std::vector<std::string> ordinal_prefixes;
  // Words that, written right after a number, make it a date or a time
  // rather than a claim (년 월 일 시 분 초). Kept as context.
  std::vector<std::string> date_suffixes;
  // Words after which a number is a day of the month: January, Jan.
  // (compared with a lowercased first letter: "january").
  std::vector<std::string> date_prefixes;
  std::vector<std::string> files;  // what was loaded, for provenance

  // Built by Finalize: where each list's words may start, and which first
  // bytes can start a claim or a comparison at all.
  struct Indexes {
    WordIndex scales, units, markers, number_words, sino_digits, word_claims,
        fraction_numerators, fraction_denominators, comparisons, particles,
        stop_words;
    // By WordIndex::Key: kClaimStart where a numeric or word claim may
    // begin, kComparisonStart where a comparison cue may.
    // Two bits per key (16 KB), read by StartFlags.
    std::vector<uint64_t> start_bits;
    uint8_t StartFlags(uint32_t key) const {
      return static_cast<uint8_t>((start_bits[key >> 5] >> ((key & 31) * 2)) & 3);
    }
    // Every word that can begin a claim other than with a digit (number
    // and word claims, fractions, prefix units, scale words, stop words):
    // a position where none of them matches is passed over at once.
    WordIndex claim_words;
    std::vector<std::string> claim_word_list;
    // Every word a piece (a number with its unit) can begin with other than
    // a digit: prefix units, number words, Hangul scale words, and a
    // Sino-Korean digit or 수 with the scale word it needs after it.
    WordIndex piece_words;
    std::vector<std::string> piece_word_list;
    // Markers written before a number, by the last byte of the marker.
    std::vector<std::vector<uint16_t>> markers_by_last_byte;
    // The first two bytes of range separators and range forms, as bits
    // of (byte0 << 8 | byte1); a one-byte separator sets every second
    // byte. A number followed by none of them is no range's first end.
    std::vector<uint64_t> range_heads;
    bool RangeMayStart(std::string_view s, size_t i) const {
      if (i >= s.size()) return false;
      unsigned b0 = static_cast<unsigned char>(s[i]);
      unsigned b1 = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
      unsigned bit = b0 << 8 | b1;
      return (range_heads[bit >> 6] >> (bit & 63)) & 1;
    }
    // Last bytes of date prefixes ("January 27"): a number after a word
    // ending in none of them is no day of a month.
    std::vector<uint8_t> date_prefix_last_bytes;
  } index;
  static constexpr uint8_t kClaimStart = 1;
  static constexpr uint8_t kComparisonStart = 2;

  // Sorts every list longest word first so that matching is greedy, and
  // builds the indexes.
  void Finalize();
};

// Loads one lexicon file into *lex. Problems are appended to *diags
// (file:line:col); returns false when there were any.
bool LoadLexiconFile(const std::string& path, Lexicon* lex, Diagnostics* diags);

// Loads every *.yaml under dir (sorted by name) and finalizes.
bool LoadLexiconDir(const std::string& dir, Lexicon* lex, Diagnostics* diags);

}  // namespace claimledger
