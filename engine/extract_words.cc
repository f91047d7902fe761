// Claims written as words: "twice", "절반", "third" (word_claims),
// fractions spelled out ("one-eighth", "a tenth", "three-quarters"), and
// English counts, where the counted noun follows the number ("2,048 GPUs").
#include <cstdio>

#include "engine/extract_internal.h"
#include "engine/text.h"

namespace claimledger::extract_internal {

namespace {

Amount Exact(const std::string& value) {
  Amount a;
  a.value = *Decimal::Parse(value);
  a.lo = a.hi = a.value.ToDouble();
  return a;
}

bool IsYearLike(std::string_view s, const Numeral& n) {
  if (n.end - n.begin != 4 || n.scale_exp != 0) return false;
  for (size_t i = n.begin; i < n.end; ++i) {
    if (!IsDigit(s[i])) return false;
  }
  return s[n.begin] == '1' || s[n.begin] == '2';
}

}  // namespace

std::optional<Claim> Extractor::TryWordClaim(size_t i) const {
  for (uint16_t k : lex_.index.word_claims.At(s_, i)) {
    const WordClaim& w = lex_.word_claims[k];
    size_t len = numeral::MatchWord(s_, i, w.word, true);
    if (!len) continue;
    size_t end = i + len;
    bool hangul = static_cast<unsigned char>(w.word[0]) >= 0x80;
    if (hangul && !KoreanWordEndsAt(end)) continue;
    if (!w.preceded_by.empty() && !WordIn(PrevWord(i), w.preceded_by)) continue;
    if (!w.followed_by.empty() && !WordIn(NextWord(end), w.followed_by)) continue;
    Claim c;
    c.kind = w.kind;
    c.unit = w.unit;
    c.begin = i;
    c.end = end;
    c.low = Exact(w.value);
    c.high = c.low;
    c.text = std::string(s_.substr(i, len));
    ApplyMarkers(&c);
    return c;
  }
  return std::nullopt;
}

std::optional<Claim> Extractor::TryFraction(size_t i) const {
  for (uint16_t nk : lex_.index.fraction_numerators.At(s_, i)) {
    const ValueWord& num = lex_.fraction_numerators[nk];
    size_t len = numeral::MatchWord(s_, i, num.word, true);
    if (!len) continue;
    size_t j = i + len;
    bool article = num.word == "a";
    if (j >= s_.size() || !(s_[j] == ' ' || (!article && s_[j] == '-'))) continue;
    ++j;
    for (uint16_t dk : lex_.index.fraction_denominators.At(s_, j)) {
      const ValueWord& den = lex_.fraction_denominators[dk];
      size_t dl = numeral::MatchWord(s_, j, den.word);
      if (!dl || !text::BytesAt(s_, j, den.word)) continue;
      if (j + dl < s_.size() && s_[j + dl] == '-') continue;  // "a half-hearted"
      double v = Decimal::Parse(num.value)->ToDouble() / Decimal::Parse(den.value)->ToDouble();
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.10g", v);
      Claim c;
      c.kind = Kind::kRatio;
      c.begin = i;
      c.end = j + dl;
      c.low.value = *Decimal::Parse(buf);
      c.low.lo = c.low.hi = v;
      c.high = c.low;
      c.text = std::string(s_.substr(i, c.end - i));
      ApplyMarkers(&c);
      return c;
    }
  }
  return std::nullopt;
}

// "2,048 GPUs", "40 employees", "3 million queries": a counted English noun
// right after the number. Irregular nouns are listed in the lexicon; other
// plurals count unless they measure time ("5 years").
bool Extractor::CountNounAt(size_t j, Piece* p) const {
  if (j >= s_.size() || s_[j] != ' ') return false;
  if (IsYearLike(s_, p->num) || p->num.from_word) return false;
  if (p->num.prec_exp < 0 && p->num.scale_exp == 0) return false;  // "2.1 defines"
  // After a capitalised word the number belongs to a name: "Section 3
  // applies", "Windows 11 users", "iPhone 16 buyers"; markers excepted
  // ("Nearly 3,400 patients").
  std::string_view prev = PrevWord(p->num.begin);
  if (!prev.empty() && p->num.begin > 0 && s_[p->num.begin - 1] == ' ') {
    bool capital = false;
    for (char c : prev) capital = capital || (c >= 'A' && c <= 'Z');
    bool marker = false;
    for (const auto& m : lex_.markers) marker = marker || FoldedEquals(prev, m.word);
    if (capital && !marker) return false;
  }
  size_t b = j + 1, e = b;
  while (e < s_.size() && IsAlpha(s_[e])) ++e;
  if (e == b || (e < s_.size() && (IsDigit(s_[e]) || s_[e] == '-'))) return false;
  std::string_view w = s_.substr(b, e - b);
  bool listed = false;
  for (const auto& n : lex_.count_nouns) listed = listed || w == n;
  if (!listed) {
    if (w.size() < 3 || w.back() != 's') return false;
    for (const auto& n : lex_.not_count_nouns) {
      if (FoldedEquals(w, n)) return false;
    }
    // Lowercase plurals, or acronyms with a plural s ("GPUs").
    bool lower = true, acronym = w.size() >= 3;
    for (size_t k = 0; k + 1 < w.size(); ++k) {
      char c = w[k];
      if (c >= 'A' && c <= 'Z') lower = lower && k == 0;
      else acronym = false;
    }
    if (!lower && !acronym) return false;
  }
  p->has_unit = true;
  p->kind = Kind::kCount;
  p->unit = std::string(w);
  p->end = e;
  return true;
}

}  // namespace claimledger::extract_internal
