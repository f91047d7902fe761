// Numbers with their units, ranges, markers, pairs and sentences. Claims
// written as words are in extract_words.cc, comparisons in
// extract_compare.cc.
#include "engine/extract.h"

#include <algorithm>
#include <cstdio>

#include "engine/extract_internal.h"
#include "engine/normalize.h"
#include "engine/text.h"

namespace claimledger {
namespace extract_internal {

namespace {

// A number right after a letter, a digit-and-dash ("GPT-4", "V3", "02-123")
// or a decimal point is part of a name or code, not a claim.
bool ContinuesToken(std::string_view s, size_t i) {
  if (i == 0) return false;
  char p = s[i - 1];
  if (IsAlpha(p) || IsDigit(p) || p == '.' || p == '_' || p == '/' || p == ':') {
    return true;
  }
  return (p == '-' || p == '#') && i >= 2 && (IsAlpha(s[i - 2]) || IsDigit(s[i - 2]));
}

constexpr std::string_view kYeo = "\xEC\x97\xAC";  // 여: 100여 명
constexpr std::string_view kMinusSign = "\xE2\x88\x92";

std::string RatioValue(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  auto d = Decimal::Parse(buf);
  return d ? d->ToString() : "0";
}

}  // namespace

std::vector<Claim> Extractor::Run() {
  // One pass over the text: numeric and word claims are read where they
  // start; places where a comparison cue may start are kept for
  // FindComparisons, which needs the numeric claims around them.
  size_t i = 0;
  const size_t n = s_.size();
  const auto& index = lex_.index;
  std::vector<size_t> cues;
  claims_.reserve(n / 64 + 8);
  const char* p = s_.data();
  const WordIndex& cue_words = lex_.index.comparisons;
  while (i < n) {
    auto b = static_cast<unsigned char>(p[i]);
    uint8_t flags;
    if (b < 0x80) {
      flags = index.StartFlags(b);
      if (flags == 0) {
        // Nothing in the lexicon begins here: skip the rest of an ASCII
        // word, or this one byte.
        ++i;
        if (IsAlpha(static_cast<char>(b))) {
          while (i < n && IsAlpha(p[i])) ++i;
        }
        continue;
      }
    } else {
      size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      flags = index.StartFlags(WordIndex::Key(s_, i));
      if (flags == 0) {
        i = std::min(i + len, n);
        continue;
      }
    }
    if (!(flags & Lexicon::kClaimStart)) {
      if (cue_words.MayStart(s_, i)) cues.push_back(i);
      size_t next = i + 1;
      if (IsAlpha(static_cast<char>(b))) {
        while (next < n && IsAlpha(p[next])) ++next;
      } else {
        while (next < n && (static_cast<unsigned char>(p[next]) & 0xC0) == 0x80) ++next;
      }
      i = next;
      continue;
    }
    if ((flags & Lexicon::kComparisonStart) && cue_words.MayStart(s_, i)) cues.push_back(i);
    size_t skip = 0;
    size_t next = i + 1;
    if (auto claim = TryClaimAt(i, &skip)) {
      next = std::max(claim->end, i + 1);
      claims_.push_back(std::move(*claim));
      if (claims_.size() > max_claims_) return std::move(claims_);
    } else if (skip > i) {
      next = skip;
    } else if (IsDigit(s_[i]) || IsAlpha(s_[i])) {
      // Skip a whole refused token ("H800", "2025년") so that its later
      // digits are not read as a fresh number.
      while (next < s_.size() && (IsDigit(s_[next]) || IsAlpha(s_[next]))) ++next;
    } else {
      while (next < s_.size() && (static_cast<unsigned char>(s_[next]) & 0xC0) == 0x80) {
        ++next;
      }
    }
    i = next;
  }
  size_t numeric = claims_.size();
  FindComparisons(cues);
  // Both runs are in text order already: merge them.
  std::inplace_merge(claims_.begin(), claims_.begin() + static_cast<std::ptrdiff_t>(numeric),
                     claims_.end(),
                     [](const Claim& a, const Claim& b) { return a.begin < b.begin; });
  FindPairs();
  AssignSentences();
  return std::move(claims_);
}

std::optional<Claim> Extractor::TryClaimAt(size_t i, size_t* skip_to) {
  char c = s_[i];
  if (!IsDigit(c) && c != '-') {
    // Most candidates only share a first character with a lexicon word
    // (the list holds the stop words too, so nothing they skip is missed).
    if (!StartsWord(lex_.index.claim_words, lex_.index.claim_word_list, i)) return std::nullopt;
  }
  bool word_start = !PrevIsWordChar(i);
  if (word_start && !IsDigit(c)) {
    for (uint16_t k : lex_.index.stop_words.At(s_, i)) {
      if (size_t len = numeral::MatchWord(s_, i, lex_.stop_words[k], true)) {
        *skip_to = i + len;
        return std::nullopt;
      }
    }
  }
  if (IsDigit(c)) {
    if (ContinuesToken(s_, i)) return std::nullopt;
    for (const auto& p : lex_.ordinal_prefixes) {
      if (i >= p.size() && text::BytesAt(s_, i - p.size(), p)) return std::nullopt;
    }
    // "May 1st", "January 27": a day of a month, kept as context.
    if (i > 0 && s_[i - 1] == ' ') {
      size_t e = i - 1;
      while (e > 0 && s_[e - 1] == ' ') --e;
      if (e > 0 && lex_.index.date_prefix_last_bytes[static_cast<unsigned char>(s_[e - 1])] &&
          WordIn(PrevWord(i), lex_.date_prefixes)) {
        return std::nullopt;
      }
    }
    if (auto r = TryDigitFraction(i)) return r;
    if (auto r = TryKoreanFraction(i)) return r;
  } else if (word_start) {
    if (auto r = TryFraction(i)) return r;
    if (auto r = TryWordClaim(i)) return r;
  }
  if (!IsDigit(c) && c != '-' && !StartsWord(lex_.index.piece_words, lex_.index.piece_word_list, i)) {
    return std::nullopt;  // no piece can begin here
  }
  auto first = ReadPiece(i, false);
  if (!first) return std::nullopt;
  Piece second;
  size_t end = first->end;
  bool range = TryRange(*first, &second, &end);
  if (!range && !first->has_unit) return std::nullopt;
  Claim claim = MakeClaim(*first, range ? &second : nullptr, end);
  ApplyMarkers(&claim);
  return claim;
}

std::optional<Piece> Extractor::ReadPiece(size_t i, bool range_end) const {
  Piece p;
  p.begin = i;
  size_t num_at = i;
  if (s_[i] == '-' || text::BytesAt(s_, i, kMinusSign)) {
    size_t len = s_[i] == '-' ? 1 : kMinusSign.size();
    if (range_end || i + len >= s_.size() || !IsDigit(s_[i + len]) ||
        (i > 0 && (IsAlpha(s_[i - 1]) || IsDigit(s_[i - 1])))) {
      return std::nullopt;
    }
    p.negative = true;
    num_at = i + len;
  } else {
    for (uint16_t k : lex_.index.units.At(s_, i)) {
      const UnitWord& u = lex_.units[k];
      if (u.position != Position::kBefore) continue;
      size_t len = numeral::MatchWord(s_, i, u.word);
      if (!len || (i > 0 && IsAlpha(s_[i - 1]))) continue;
      size_t at = i + len;
      char last = u.word.back();
      if (last == '.' || IsAlpha(last)) at = SkipSpace(at);
      if (at >= s_.size()) continue;
      bool digit = IsDigit(s_[at]);
      if (!digit && !(u.kind == Kind::kRank && numeral::ReadAt(s_, at, lex_))) continue;
      p.has_unit = p.prefix_unit = true;
      p.kind = u.kind;
      p.unit = u.unit;
      num_at = at;
      break;
    }
  }
  if (!p.prefix_unit && !p.negative && IsDigit(s_[i]) && !range_end &&
      ContinuesToken(s_, i)) {
    return std::nullopt;
  }
  auto n = numeral::ReadAt(s_, num_at, lex_);
  if (!n) return std::nullopt;
  if (n->context_scale && !(p.prefix_unit && p.kind == Kind::kMoney)) {
    // "10M videos", "2 bn won" keep their scale; "100m" is metres.
    Piece probe = p;
    probe.num = *n;
    if (!SuffixUnit(n->end, &probe) && !CountNounAt(n->end, &probe)) {
      numeral::ReadOptions plain;
      plain.context_scales = false;
      n = numeral::ReadAt(s_, num_at, lex_, plain);
      if (!n) return std::nullopt;
    }
  }
  if (n->from_word && !p.has_unit) {
    // 두 배, 세 명, three times: a number word needs a unit right after it.
    size_t j = n->end;
    bool maybe = !lex_.index.units.At(s_, j).empty() ||
                 (j < s_.size() && s_[j] == ' ' && !lex_.index.units.At(s_, j + 1).empty());
    if (!maybe) return std::nullopt;
  }
  p.num = *n;
  p.end = n->end;
  if (!p.has_unit) {
    size_t j = n->end;
    if (text::BytesAt(s_, j, kYeo) && SuffixUnit(j + kYeo.size(), &p)) {
      p.approx_infix = true;
    } else if (!SuffixUnit(j, &p) && n->last_scale_begin > n->begin) {
      // 32경기: 경 is a scale word, but here it starts the counter 경기.
      numeral::ReadOptions limited;
      limited.scale_limit = n->last_scale_begin;
      auto shorter = numeral::ReadAt(s_, num_at, lex_, limited);
      if (shorter && SuffixUnit(shorter->end, &p)) p.num = *shorter;
    }
    if (!p.has_unit && !n->from_word) CountNounAt(p.num.end, &p);
  }
  if (p.num.from_word) {
    bool ok = p.has_unit && (p.kind == Kind::kMultiple || p.kind == Kind::kRank ||
                             (p.kind == Kind::kCount && !IsAlpha(s_[num_at])));
    if (!ok) return std::nullopt;
  }
  if (p.negative && (!p.has_unit || p.kind != Kind::kQuantity)) return std::nullopt;
  // Letters glued to the number that are no unit: "5G", "4o", "3D".
  if (!p.has_unit && p.end < s_.size() && (IsAlpha(s_[p.end]) || IsDigit(s_[p.end]))) {
    return std::nullopt;
  }
  return p;
}

bool Extractor::SuffixUnit(size_t j, Piece* p) const {
  // Attached units first ("30%"), then those after one space ("550만 달러").
  for (size_t at : {j, j + 1}) {
    if (at > j && (j >= s_.size() || s_[j] != ' ')) break;
    for (uint16_t k : lex_.index.units.At(s_, at)) {
      const UnitWord& u = lex_.units[k];
      if (u.position != Position::kAfter || (u.attached && at != j)) continue;
      if (MatchUnitAt(u, at, p)) return true;
    }
  }
  return false;
}

bool Extractor::MatchUnitAt(const UnitWord& u, size_t at, Piece* p) const {
  size_t len = numeral::MatchWord(s_, at, u.word);
  if (!len) return false;
  size_t end = at + len;
  if (!u.followed_by.empty()) {
    size_t k = SkipSpace(end);
    bool ok = false;
    for (const auto& f : u.followed_by) ok = ok || text::BytesAt(s_, k, f);
    if (!ok) return false;
  }
  if (static_cast<unsigned char>(u.word.back()) >= 0x80 && !KoreanWordEndsAt(end)) return false;
  p->has_unit = true;
  p->kind = u.kind;
  p->unit = u.unit;
  p->end = end;
  return true;
}

bool Extractor::TryRange(const Piece& first, Piece* second, size_t* end) const {
  auto compatible = [&](const Piece& b, bool mid_dot) {
    if (!b.has_unit) return first.prefix_unit;  // "$1.2-1.5 billion"
    if (mid_dot && b.kind != Kind::kRank) return false;
    if (first.has_unit && (first.kind != b.kind || first.unit != b.unit)) return false;
    return !(b.num.from_word && !first.num.from_word && IsDigit(s_[first.num.begin]));
  };
  auto attempt = [&](const std::string& sep, const std::string& after) {
    if (!text::BytesAt(s_, first.end, sep)) return false;
    size_t at = first.end + sep.size();
    if (at >= s_.size()) return false;
    auto b = ReadPiece(at, true);
    if (!b || !compatible(*b, sep == "\xC2\xB7")) return false;
    if (!after.empty()) {
      size_t k = SkipSpace(b->end);
      if (!text::BytesAt(s_, k, after)) return false;
    }
    *second = *b;
    *end = b->end;
    return true;
  };
  if (!lex_.index.RangeMayStart(s_, first.end)) return false;
  for (const auto& sep : lex_.range_separators) {
    if (attempt(sep, "")) return true;
  }
  for (const auto& f : lex_.range_forms) {
    if (!text::BytesAt(s_, first.end, f.separator)) continue;
    if (!f.before.empty() && !FoldedEquals(PrevWord(first.begin), f.before)) continue;
    if (attempt(f.separator, f.after)) return true;
  }
  return false;
}

namespace {

void SetAmount(const Numeral& n, bool negative, Amount* a) {
  a->value = negative ? n.value.Negate() : n.value;
  numeral::PrecisionInterval(n, &a->lo, &a->hi);
  if (negative) {
    double lo = -a->hi, hi = -a->lo;
    a->lo = lo;
    a->hi = hi;
  }
}

}  // namespace

Claim Extractor::MakeClaim(const Piece& first, const Piece* second, size_t end) const {
  Claim c;
  const Piece& u = second && second->has_unit ? *second : first;
  c.kind = u.kind;
  c.unit = u.unit;
  c.begin = first.begin;
  c.end = end;
  Numeral a = first.num;
  if (second) {
    const Numeral& b = second->num;
    // "2 to 3 billion won", "10~20억원": the scale written once applies to
    // both ends.
    if (a.scale_exp == 0 && b.scale_exp > 0 && !a.from_word && !a.vague) {
      a.value = a.value.Shift(b.scale_exp);
      a.prec_exp += b.scale_exp;
    }
    SetAmount(a, first.negative, &c.low);
    SetAmount(b, second->negative, &c.high);
    c.is_range = true;
    if (b.vague) c.high.value = b.vague_high;
  } else {
    SetAmount(a, first.negative, &c.low);
    c.high = c.low;
    if (a.vague) {
      c.is_range = true;
      c.high.value = a.vague_high;
    }
  }
  if (first.approx_infix || (second && second->approx_infix)) c.bound = Bound::kApprox;
  c.text = std::string(s_.substr(c.begin, c.end - c.begin));
  return c;
}

// "1/8", "3/4": a fraction of small common denominators (not a date).
std::optional<Claim> Extractor::TryDigitFraction(size_t i) const {
  size_t j = i;
  while (j < s_.size() && IsDigit(s_[j])) ++j;
  if (j - i > 3 || j + 1 >= s_.size() || s_[j] != '/' || !IsDigit(s_[j + 1])) {
    return std::nullopt;
  }
  size_t k = j + 1;
  while (k < s_.size() && IsDigit(s_[k])) ++k;
  if (k < s_.size() && (s_[k] == '/' || IsAlpha(s_[k]) || s_[k] == '.' ||
                        (s_[k] == ',' && k + 1 < s_.size() && IsDigit(s_[k + 1])))) {
    return std::nullopt;
  }
  int num = std::stoi(std::string(s_.substr(i, j - i)));
  int den = k - j - 1 <= 4 ? std::stoi(std::string(s_.substr(j + 1, k - j - 1))) : 0;
  static const int kDenominators[] = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 50, 100};
  if (num <= 0 || num >= den ||
      std::find(std::begin(kDenominators), std::end(kDenominators), den) ==
          std::end(kDenominators)) {
    return std::nullopt;
  }
  Claim c;
  c.kind = Kind::kRatio;
  c.begin = i;
  c.end = k;
  double v = static_cast<double>(num) / den;
  c.low.value = *Decimal::Parse(RatioValue(v));
  c.low.lo = c.low.hi = v;
  c.high = c.low;
  c.text = std::string(s_.substr(i, k - i));
  ApplyMarkers(&c);
  return c;
}

// "8분의 1": a fraction written denominator first.
std::optional<Claim> Extractor::TryKoreanFraction(size_t i) const {
  static constexpr std::string_view kBunUi = "\xEB\xB6\x84\xEC\x9D\x98";  // 분의
  // The denominator's digits and commas, then 분의. A run longer than any
  // numeral is not one: stopping there keeps a page of "1,2,3,..." linear
  // (this is tried at every digit of the run).
  constexpr size_t kLongestNumeral = 64;
  size_t d = i;
  while (d < s_.size() && (IsDigit(s_[d]) || s_[d] == ',')) {
    if (++d - i > kLongestNumeral) return std::nullopt;
  }
  if (!text::BytesAt(s_, d, kBunUi)) return std::nullopt;
  auto den = numeral::ReadAt(s_, i, lex_);
  if (!den) return std::nullopt;
  size_t j = den->end;
  if (!text::BytesAt(s_, j, kBunUi)) return std::nullopt;
  j = SkipSpace(j + kBunUi.size());
  if (j >= s_.size()) return std::nullopt;
  auto num = numeral::ReadAt(s_, j, lex_);
  if (!num || den->value.IsZero()) return std::nullopt;
  Claim c;
  c.kind = Kind::kRatio;
  c.begin = i;
  c.end = num->end;
  double v = num->value.ToDouble() / den->value.ToDouble();
  c.low.value = *Decimal::Parse(RatioValue(v));
  c.low.lo = c.low.hi = v;
  c.high = c.low;
  c.text = std::string(s_.substr(i, c.end - i));
  ApplyMarkers(&c);
  return c;
}

}  // namespace extract_internal

std::vector<Claim> Extract(std::string_view body, const Lexicon& lex,
                           size_t max_claims) {
  if (!NeedsNormalization(body)) {
    return extract_internal::Extractor(body, lex, max_claims).Run();
  }
  // Read the normalised text, then point every span back at the original.
  NormalizedText norm = Normalize(body);
  std::vector<Claim> claims =
      extract_internal::Extractor(norm.text, lex, max_claims).Run();
  for (Claim& c : claims) {
    c.begin = norm.OriginalBegin(c.begin);
    c.end = norm.OriginalEnd(c.end);
    c.sentence_begin = norm.OriginalBegin(c.sentence_begin);
    c.sentence_end = norm.OriginalEnd(c.sentence_end);
    c.text = std::string(body.substr(c.begin, c.end - c.begin));
  }
  return claims;
}

}  // namespace claimledger
