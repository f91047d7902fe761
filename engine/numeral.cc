#include "engine/numeral.h"

#include <cmath>

#include "engine/text.h"

namespace claimledger::numeral {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Reads "1,234.56" at i. Commas count only between digit groups of three;
// a decimal point only when a digit follows it.
std::optional<Numeral> ReadDigits(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && IsDigit(s[j])) ++j;
  if (j == i) return std::nullopt;
  // Thousands groups.
  while (j + 3 < s.size() && s[j] == ',' && IsDigit(s[j + 1]) &&
         IsDigit(s[j + 2]) && IsDigit(s[j + 3]) &&
         (j + 4 >= s.size() || !IsDigit(s[j + 4]))) {
    j += 4;
  }
  int frac = 0;
  if (j + 1 < s.size() && s[j] == '.' && IsDigit(s[j + 1])) {
    size_t k = j + 1;
    while (k < s.size() && IsDigit(s[k])) ++k;
    frac = static_cast<int>(k - j - 1);
    j = k;
  }
  auto d = Decimal::Parse(s.substr(i, j - i));
  if (!d) return std::nullopt;
  Numeral n;
  n.begin = i;
  n.end = j;
  n.value = *d;
  if (frac > 0) {
    n.prec_exp = -frac;
  } else {
    n.prec_exp = d->IsZero() ? 0 : d->LastSignificantExp();
  }
  return n;
}

// Reads consecutive scale words after a number ("천억" -> 3 + 8). ASCII
// words may be preceded by one space ("5.5 million"); Hangul and CJK words
// must be attached. Returns the summed exponent and advances *j.
int ReadScales(std::string_view s, size_t* j, const Lexicon& lex,
               bool* saw_big, int max_exp) {
  int total = 0;
  bool any = false;
  for (;;) {
    bool matched = false;
    for (const auto& sc : lex.scales) {
      size_t at = *j;
      bool ascii = IsAlpha(sc.word[0]);
      if (ascii && at < s.size() && s[at] == ' ') ++at;
      if (!ascii && at != *j) continue;
      size_t len = MatchWord(s, at, sc.word);
      if (len == 0) continue;
      // An ASCII scale word ends the numeral: "5.5 million" not "5.5 m k".
      if (any && ascii) continue;
      if (total + sc.exp >= max_exp) continue;
      total += sc.exp;
      if (sc.exp >= 4) *saw_big = true;
      *j = at + len;
      matched = true;
      any = true;
      if (ascii) return total;
      break;
    }
    if (!matched) return total;
  }
}

}  // namespace

size_t MatchWord(std::string_view s, size_t i, std::string_view word) {
  if (word.empty() || i + word.size() > s.size()) return 0;
  if (s.compare(i, word.size(), word) != 0) return 0;
  if (IsAlpha(word.back())) {
    size_t e = i + word.size();
    if (e < s.size() && (IsAlpha(s[e]) || IsDigit(s[e]))) return 0;
  }
  return word.size();
}

std::optional<Numeral> ReadAt(std::string_view s, size_t i, const Lexicon& lex) {
  // Vague amounts: 수 + scale words (수십, 수백만, 수천억, 수조).
  static constexpr std::string_view kSu = "\xEC\x88\x98";  // 수
  if (s.compare(i, kSu.size(), kSu) == 0) {
    size_t j = i + kSu.size();
    bool big = false;
    int e = ReadScales(s, &j, lex, &big, 64);
    if (e == 0 || j == i + kSu.size()) return std::nullopt;
    Numeral n;
    n.begin = i;
    n.end = j;
    n.vague = true;
    n.value = Decimal::FromInt(1).Shift(e);
    n.vague_high = Decimal::FromInt(9).Shift(e);
    n.prec_exp = e;
    return n;
  }
  if (!IsDigit(s[i])) {
    for (const auto& w : lex.number_words) {
      if (size_t len = MatchWord(s, i, w.word)) {
        Numeral n;
        n.begin = i;
        n.end = i + len;
        n.value = *Decimal::Parse(w.value);
        n.prec_exp = n.value.LastSignificantExp();
        n.from_word = true;
        return n;
      }
    }
    return std::nullopt;
  }
  auto first = ReadDigits(s, i);
  if (!first) return std::nullopt;
  Numeral n = *first;
  size_t j = n.end;
  bool big = false;
  int e = ReadScales(s, &j, lex, &big, 64);
  n.value = n.value.Shift(e);
  n.prec_exp += e;
  n.end = j;
  // Korean compounds: 1조4000억, 557만6000. Each further group must be of a
  // smaller scale than the one before it.
  int last_exp = e;
  while (big && n.end < s.size() && IsDigit(s[n.end])) {
    auto next = ReadDigits(s, n.end);
    if (!next || next->value.digits().find('.') != std::string::npos) break;
    size_t k = next->end;
    bool big2 = false;
    int e2 = ReadScales(s, &k, lex, &big2, last_exp);
    // The group must not reach the scale of the one before: "1만2만" is
    // two numbers, "1만2000" one.
    Decimal scaled = next->value.Shift(e2);
    if (!(scaled < Decimal::FromInt(1).Shift(last_exp))) break;
    n.value = n.value.Add(scaled);
    n.prec_exp = next->prec_exp + e2;
    n.end = k;
    if (e2 < 4) break;
    last_exp = e2;
    big = big2;
  }
  return n;
}

void PrecisionInterval(const Numeral& n, double* lo, double* hi) {
  if (n.vague) {
    *lo = n.value.ToDouble();
    *hi = n.vague_high.ToDouble();
    return;
  }
  double v = n.value.ToDouble();
  double half = 0.5 * std::pow(10.0, n.prec_exp);
  *lo = v - half;
  *hi = v + half;
  if (*lo < 0) *lo = 0;
}

}  // namespace claimledger::numeral
