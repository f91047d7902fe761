// Evaluators, one per rule kind, and the helpers they share: reading a
// claim as an interval under a rule's Slack, finding words in a sentence,
// and writing evidence. Internal to engine.
#pragma once

#include <nlohmann/json.hpp>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/check.h"
#include "engine/format.h"
#include "engine/json_out.h"

namespace claimledger::check_internal {

void CheckConversion(const Document& doc, const std::vector<Claim>& claims,
                     const Rule& rule, std::vector<Verdict>* out);
void CheckUnitConversion(const Document& doc, const std::vector<Claim>& claims,
                         const Rule& rule, std::vector<Verdict>* out);
void CheckCrossClaim(const Document& doc, const std::vector<Claim>& claims,
                     const Rule& rule, std::vector<Verdict>* out);
void CheckRange(const Document& doc, const std::vector<Claim>& claims,
                const Rule& rule, std::vector<Verdict>* out);
class DocumentSentences;
void CheckReference(const Document& doc, const std::vector<Claim>& claims,
                    const Rule& rule, DocumentSentences& sentences,
                    std::vector<Verdict>* out);
void CheckArithmetic(const Document& doc, const std::vector<Claim>& claims,
                     const Rule& rule, DocumentSentences& sentences,
                     std::vector<Verdict>* out);
void CheckRatio(const Document& doc, const std::vector<Claim>& claims,
                const Rule& rule, DocumentSentences& sentences,
                std::vector<Verdict>* out);

// A closed interval; lo may be -inf and hi +inf (bounds like "at least").
struct Interval {
  double lo = 0;
  double hi = 0;
  double mid() const { return (lo + hi) / 2; }
};

bool Overlaps(const Interval& a, const Interval& b);
// Widened by `relative` of each end's magnitude.
Interval Widen(const Interval& iv, double relative);
nlohmann::json IntervalJson(const Interval& iv);  // [lo, hi], null for inf
void WriteInterval(JsonOut& j, const Interval& iv);  // the same, written

// One end of a claim (0: low, 1: high; a single value has both equal).
const Amount& End(const Claim& c, int end);
// The interval that end stands for under the rule's reading: stated
// precision (written digits when trailing_zeros is significant), widened
// by approx_slack when marked approximate, opened by bounds.
Interval ClaimInterval(const Claim& c, int end, const Slack& s);
// Half a unit of the last digit written for that end ("100억" -> 0.5억,
// "5.5m" -> 0.05m), or nullopt when the text does not show it plainly
// (compound numerals like 1조4000억, Hangul numerals, vague amounts).
std::optional<double> WrittenHalfUnit(const Claim& c, int end);

// The claim as evidence: index, text, kind, unit, value or ends, bound,
// span, and its interval(s) under the rule's reading.
nlohmann::json ClaimJson(const std::vector<Claim>& claims, int index,
                         const Slack& s);
// Appends the pieces to *out in one go: a chain of + builds a string for
// each, and verdict reasons have twenty pieces.
void AppendAll(std::string* out,
               std::initializer_list<std::string_view> pieces);

// The body bytes of a claim's sentence.
std::string_view Sentence(const Document& doc, const Claim& c);

// Where `word` occurs in `text` at or after `from`, ASCII letters compared
// without case. A word starting or ending with an ASCII letter must stand
// alone on that side (so "up" does not match "update"); a trailing '*'
// lifts that on the right ("increase*" matches "increased"). Words in
// other scripts match anywhere (Korean stems take endings).
std::optional<size_t> FindWord(std::string_view text, std::string_view word,
                               size_t from = 0);
// The first of `words` found in `text`, with its position and length.
struct WordHit {
  size_t pos = 0;
  size_t len = 0;
  std::string word;
};
std::optional<WordHit> FindAny(std::string_view text,
                               const std::vector<std::string>& words);
std::string LowerAscii(std::string_view text);

// A sentence prepared for several word lists: lower-cased once, with the
// set of byte pairs it holds, so that a word with a pair the sentence
// lacks is ruled out without a scan (most words of a list are absent from
// most sentences). FindAny(words) is FindAny(sentence, words); positions
// are the sentence's. Holds a 512-byte bit set: one per sentence, not
// per word.
class SentenceWords {
 public:
  explicit SentenceWords(std::string_view sentence);
  std::optional<WordHit> FindAny(const std::vector<std::string>& words) const;
  bool MayHold(std::string_view word) const;

 private:
  // Byte pair (a, b) hashed into a 4096-bit set: a collision only lets a
  // word through to the scan. Small, because a set is cleared per sentence.
  static constexpr size_t kPairBits = 4096;
  static size_t Pair(char a, char b);
  std::string lowered_;
  std::array<uint64_t, kPairBits / 64> pairs_{};
};

// The SentenceWords of one document's sentences, each made on first use
// and shared by every rule that searches it (the reference, arithmetic and
// ratio rules each search the same sentences).
class DocumentSentences {
 public:
  explicit DocumentSentences(const Document& doc) : doc_(doc) {}
  // The sentence of claim C, prepared.
  const SentenceWords& Words(const Claim& c);

 private:
  const Document& doc_;
  std::unordered_map<size_t, std::unique_ptr<SentenceWords>> by_begin_;
};

// FindAny on a text lower-cased by LowerAscii; FILTER, when given, rules
// words out first.
std::optional<WordHit> FindAnyLowered(std::string_view lowered,
                                      const std::vector<std::string>& words,
                                      const SentenceWords* filter = nullptr);

// Whether one of `words` is written right before body[pos] (spaces
// between allowed) or right after body[pos] (spaces allowed), within
// [limit_begin, limit_end). Used to find markers such as "from" before an
// amount or "에서" after it.
bool WordBefore(std::string_view body, size_t pos, size_t limit_begin,
                const std::vector<std::string>& words);
bool WordAfter(std::string_view body, size_t pos, size_t limit_end,
               const std::vector<std::string>& words);

// The second claim of a pair (its conversion): it restates an amount
// already counted, so sums and ratios skip it.
bool IsPairSecond(const std::vector<Claim>& claims, size_t i);

// Facts (rules/reference/facts) a sentence speaks of: one of the fact's
// subject words and one of its attribute words both occur in it.
struct FactHit {
  const Fact* fact = nullptr;
  WordHit subject;
  WordHit attribute;  // positions relative to the sentence
};
std::vector<FactHit> FindFacts(const FactTable& table,
                               const SentenceWords& sentence);
// A claim's number in the fact's unit: the same when the claim's unit is
// one the fact accepts, converted when both are physical units of one
// dimension; nullopt when they cannot be compared.
std::optional<double> InFactUnit(double v, const std::string& unit,
                                 const Fact& f);
// The fact as evidence, with the file it came from and that file's SHA-256.
nlohmann::json FactJson(const FactsRef& ref, const Fact& f);

// A small number for a reason: four significant digits, no trailing
// zeros ("8", "-23.08", "0.125"); grouped digits from 10,000 up.
std::string Compact(double v);

// "+12.3%" for a relative deviation of 0.123.
std::string Percent(double relative);
// "2%" for a tolerance of 0.02.
std::string TolerancePercent(double tolerance);

// Canonical JSON for evidence (sorted keys). Bytes that are not UTF-8
// (none should reach here: documents and rule files are validated) are
// replaced rather than thrown on.
std::string Dump(const nlohmann::json& j);

// A verdict of `rule` on `claims` (claims[0] leads), status unverifiable
// until the evaluator decides.
Verdict NewVerdict(const Rule& rule, std::vector<int> claims);

}  // namespace claimledger::check_internal
