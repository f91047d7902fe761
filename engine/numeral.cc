#include "engine/numeral.h"

#include <array>
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

struct Scales {
  int exp = 0;
  int words = 0;
  bool big = false;      // 만 or more: Korean groups may follow
  bool context = false;  // used a scale that needs context
  size_t last_begin = 0;
};

// Reads consecutive scale words after a number ("천억" -> 3 + 8). ASCII
// words may be preceded by one space ("5.5 million") and end the numeral;
// Hangul and CJK words must be attached.
Scales ReadScales(std::string_view s, size_t* j, const Lexicon& lex, int max_exp,
                  const ReadOptions& o) {
  Scales out;
  for (;;) {
    bool matched = false;
    for (size_t at : {*j, *j + 1}) {
    if (matched) break;
    if (at > *j && (*j >= s.size() || s[*j] != ' ')) break;
    for (uint16_t k : lex.index.scales.At(s, at)) {
      const ScaleWord& sc = lex.scales[k];
      bool ascii = IsAlpha(sc.word[0]);
      if (sc.needs_context && !o.context_scales) continue;
      // Only ASCII words may follow a space ("5.5 million"), and not the
      // short ones ("5 m" is five metres).
      if (at != *j && (!ascii || sc.needs_context)) continue;
      if (at >= o.scale_limit) continue;
      size_t len = MatchWord(s, at, sc.word);
      if (len == 0) continue;
      if (out.words > 0 && ascii) continue;
      if (out.exp + sc.exp >= max_exp) continue;
      out.exp += sc.exp;
      out.words++;
      out.last_begin = at;
      if (sc.exp >= 4) out.big = true;
      if (sc.needs_context) out.context = true;
      *j = at + len;
      matched = true;
      if (ascii) return out;
      break;
    }
    }
    if (!matched) return out;
  }
}

// Sino-Korean numerals: digits 일..구 with scale words, as in 삼천억 or
// 오십만. At least one scale word is needed (a lone 삼 or 이 is no number),
// and the whole numeral must use two syllables or more.
std::optional<Numeral> ReadSino(std::string_view s, size_t i, const Lexicon& lex) {
  if (lex.sino_digits.empty()) return std::nullopt;
  Decimal total, section;
  int digit = -1;  // pending digit, -1 when none
  int scales = 0;
  int smallest = 64;
  size_t j = i;
  for (;;) {
    bool step = false;
    for (uint16_t k : lex.index.sino_digits.At(s, j)) {
      const ValueWord& d = lex.sino_digits[k];
      if (digit < 0 && text::BytesAt(s, j, d.word)) {
        digit = d.value[0] - '0';
        j += d.word.size();
        step = true;
        break;
      }
    }
    if (step) continue;
    for (uint16_t k : lex.index.scales.At(s, j)) {
      const ScaleWord& sc = lex.scales[k];
      if (IsAlpha(sc.word[0]) || !text::BytesAt(s, j, sc.word)) continue;
      Decimal d = Decimal::FromInt(digit < 0 ? 1 : static_cast<unsigned>(digit));
      if (sc.exp < 4) {
        section = section.Add(d.Shift(sc.exp));
      } else {
        Decimal group = digit < 0 && section.IsZero() ? Decimal::FromInt(1)
                                                      : section.Add(digit < 0 ? Decimal() : d);
        total = total.Add(group.Shift(sc.exp));
        section = Decimal();
      }
      smallest = std::min(smallest, sc.exp);
      digit = -1;
      ++scales;
      j += sc.word.size();
      step = true;
      break;
    }
    if (!step) break;
  }
  if (scales == 0 || j - i < 6) return std::nullopt;
  if (digit >= 0) {
    total = total.Add(section).Add(Decimal::FromInt(static_cast<unsigned>(digit)));
    smallest = 0;
  } else {
    total = total.Add(section);
  }
  Numeral n;
  n.begin = i;
  n.end = j;
  n.value = total;
  n.prec_exp = smallest;
  n.scale_exp = smallest;
  return n;
}

bool PrevIsWordChar(std::string_view s, size_t i) {
  if (i == 0) return false;
  size_t l;
  return text::IsWordChar(text::DecodeBefore(s, i, &l));
}

}  // namespace

size_t MatchWord(std::string_view s, size_t i, std::string_view word,
                 bool fold_case) {
  if (word.empty() || i + word.size() > s.size()) return 0;
  if (!text::BytesAt(s, i, word)) {
    if (!fold_case) return 0;
    // "About" for "about": only the first letter may differ in case.
    char a = s[i], b = word[0];
    if (!(IsAlpha(b) && b >= 'a' && b <= 'z' && a == b - 32 &&
          text::BytesAt(s, i + 1, word.substr(1)))) {
      return 0;
    }
  }
  if (IsAlpha(word.back())) {
    size_t e = i + word.size();
    if (e < s.size() && (IsAlpha(s[e]) || IsDigit(s[e]))) return 0;
  }
  return word.size();
}

std::optional<Numeral> ReadAt(std::string_view s, size_t i, const Lexicon& lex,
                              const ReadOptions& o) {
  if (i >= s.size()) return std::nullopt;
  if (!IsDigit(s[i])) {
    if (PrevIsWordChar(s, i)) return std::nullopt;
    // Vague amounts: 수 + scale words (수십, 수백만, 수천억, 수조).
    static constexpr std::string_view kSu = "\xEC\x88\x98";  // 수
    if (text::BytesAt(s, i, kSu)) {
      size_t j = i + kSu.size();
      Scales sc = ReadScales(s, &j, lex, 64, o);
      if (sc.exp == 0 || sc.context) return std::nullopt;
      Numeral n;
      n.begin = i;
      n.end = j;
      n.vague = true;
      n.value = Decimal::FromInt(1).Shift(sc.exp);
      n.vague_high = Decimal::FromInt(9).Shift(sc.exp);
      n.prec_exp = sc.exp;
      n.scale_exp = sc.exp;
      return n;
    }
    if (auto sino = ReadSino(s, i, lex)) return sino;
    for (uint16_t k : lex.index.number_words.At(s, i)) {
      const ValueWord& w = lex.number_words[k];
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
    // Scale words alone: 백만 명, 천만 관객 (two words at least, so that a
    // lone 만 or 천 in running text is not a number).
    if (static_cast<unsigned char>(s[i]) >= 0x80) {
      size_t j = i;
      Scales sc = ReadScales(s, &j, lex, 64, o);
      if (sc.words >= 2 && !sc.context) {
        Numeral n;
        n.begin = i;
        n.end = j;
        n.value = Decimal::FromInt(1).Shift(sc.exp);
        n.prec_exp = sc.exp;
        n.scale_exp = sc.exp;
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
  Scales sc = ReadScales(s, &j, lex, 64, o);
  n.value = n.value.Shift(sc.exp);
  n.prec_exp += sc.exp;
  n.end = j;
  n.scale_exp = sc.exp;
  n.context_scale = sc.context;
  n.last_scale_begin = sc.last_begin;
  // Korean compounds: 1조4000억, 557만6000. Each further group must be of a
  // smaller scale than the one before it.
  int last_exp = sc.exp;
  bool big = sc.big;
  while (big && n.end < s.size() && IsDigit(s[n.end])) {
    auto next = ReadDigits(s, n.end);
    if (!next || next->prec_exp < 0) break;
    size_t k = next->end;
    Scales sc2 = ReadScales(s, &k, lex, last_exp, o);
    if (sc2.context) break;
    // "1만2만" is two numbers, "1만2000" one.
    Decimal scaled = next->value.Shift(sc2.exp);
    if (!(scaled < Decimal::FromInt(1).Shift(last_exp))) break;
    n.value = n.value.Add(scaled);
    n.prec_exp = next->prec_exp + sc2.exp;
    n.end = k;
    if (sc2.words) n.last_scale_begin = sc2.last_begin;
    if (sc2.exp < 4) break;
    last_exp = sc2.exp;
    big = sc2.big;
  }
  return n;
}

void PrecisionInterval(const Numeral& n, double* lo, double* hi) {
  if (n.vague) {
    *lo = n.value.ToDouble();
    *hi = n.vague_high.ToDouble();
    return;
  }
  // Half a unit of the last digit, from a table made with std::pow itself
  // so that values are the same as computing it each time.
  static const auto kHalves = [] {
    std::array<double, 81> t{};
    for (int k = -40; k <= 40; ++k) t[static_cast<size_t>(k + 40)] = 0.5 * std::pow(10.0, k);
    return t;
  }();
  double v = n.value.ToDouble();
  double half = n.prec_exp >= -40 && n.prec_exp <= 40
                    ? kHalves[static_cast<size_t>(n.prec_exp + 40)]
                    : 0.5 * std::pow(10.0, n.prec_exp);
  *lo = v - half;
  *hi = v + half;
  if (*lo < 0 && v >= 0) *lo = 0;
}

}  // namespace claimledger::numeral
