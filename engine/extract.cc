#include "engine/extract.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/numeral.h"
#include "engine/text.h"

namespace claimledger {

namespace {

using numeral::MatchWord;
using numeral::Numeral;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Korean particles that may follow a counter written after a number word
// ("두 배로", "세 명이"): anything else means the syllable began a word.
bool IsParticleStart(std::string_view s, size_t i) {
  if (i >= s.size()) return true;
  size_t len;
  char32_t c = text::DecodeAt(s, i, &len);
  if (!text::IsHangul(c)) return true;
  static const char32_t kParticles[] = {U'은', U'는', U'이', U'가', U'을',
                                        U'를', U'의', U'에', U'로', U'으',
                                        U'도', U'만', U'와', U'과', U'씩',
                                        U'나', U'까', U'째', U'였', U'다'};
  for (char32_t p : kParticles) {
    if (c == p) return true;
  }
  return false;
}

// A number written right after a letter, a digit-and-dash ("GPT-4", "V3",
// "02-123") or a decimal point is part of a name or code, not a claim.
bool ContinuesToken(std::string_view s, size_t i) {
  if (i == 0) return false;
  char p = s[i - 1];
  if (IsAlpha(p) || IsDigit(p) || p == '.' || p == '_' || p == '/' ||
      p == ':') {
    return true;
  }
  if ((p == '-' || p == '#') && i >= 2 && (IsAlpha(s[i - 2]) || IsDigit(s[i - 2]))) {
    return true;
  }
  return false;
}

struct Piece {  // one end of a possible claim: a numeral with its unit
  Numeral num;
  size_t begin = 0;  // includes a prefix currency symbol
  size_t end = 0;    // includes the unit
  const UnitWord* unit = nullptr;
  bool approx_infix = false;  // 100여 명
};

class Extractor {
 public:
  Extractor(std::string_view s, const Lexicon& lex) : s_(s), lex_(lex) {}

  std::vector<Claim> Run() {
    size_t i = 0;
    while (i < s_.size()) {
      size_t next = i + 1;
      if (auto claim = TryClaimAt(i)) {
        next = claim->end;
        claims_.push_back(std::move(*claim));
      } else {
        // Skip a whole token that we refused ("H800", "2025년") so that its
        // later digits are not read as a fresh number.
        if (IsDigit(s_[i]) || IsAlpha(s_[i])) {
          while (next < s_.size() && (IsDigit(s_[next]) || IsAlpha(s_[next]))) {
            ++next;
          }
        } else {
          while (next < s_.size() &&
                 (static_cast<unsigned char>(s_[next]) & 0xC0) == 0x80) {
            ++next;
          }
        }
      }
      i = next;
    }
    FindComparisons();
    std::sort(claims_.begin(), claims_.end(),
              [](const Claim& a, const Claim& b) { return a.begin < b.begin; });
    FindPairs();
    AssignSentences();
    return std::move(claims_);
  }

 private:
  const UnitWord* PrefixUnitAt(size_t i, size_t* len) const {
    for (const auto& u : lex_.units) {
      if (u.position != Position::kBefore) continue;
      if (size_t l = MatchWord(s_, i, u.word)) {
        *len = l;
        return &u;
      }
    }
    return nullptr;
  }

  const UnitWord* SuffixUnitAt(size_t i, size_t* len) const {
    for (const auto& u : lex_.units) {
      if (u.position != Position::kAfter) continue;
      size_t at = i;
      bool ascii = IsAlpha(u.word[0]);
      // "550만 달러", "5.5 million won", "30 percent": one space allowed,
      // except before symbols that are always attached (%).
      if (at < s_.size() && s_[at] == ' ' && u.word[0] != '%') ++at;
      if (size_t l = MatchWord(s_, at, u.word)) {
        if (!ascii && at != i && u.kind != Kind::kMoney &&
            u.kind != Kind::kCount && u.kind != Kind::kMultiple &&
            u.kind != Kind::kRank) {
          continue;
        }
        *len = at + l - i;
        return &u;
      }
    }
    return nullptr;
  }

  bool DateSuffixAt(size_t i) const {
    for (const auto& w : lex_.date_suffixes) {
      if (s_.compare(i, w.size(), w) == 0) return true;
    }
    return false;
  }

  // Reads numeral + unit at i, with an optional prefix currency.
  std::optional<Piece> ReadPiece(size_t i) const {
    Piece p;
    p.begin = i;
    size_t num_at = i;
    size_t plen = 0;
    if (const UnitWord* pre = PrefixUnitAt(i, &plen)) {
      if (i > 0 && IsAlpha(s_[i - 1])) return std::nullopt;
      num_at = i + plen;
      if (num_at >= s_.size() || !IsDigit(s_[num_at])) return std::nullopt;
      p.unit = pre;
    } else if (IsDigit(s_[i]) && ContinuesToken(s_, i)) {
      return std::nullopt;
    }
    auto n = numeral::ReadAt(s_, num_at, lex_);
    if (!n) return std::nullopt;
    if (n->from_word || n->vague) {
      // Hangul words and 수 must start a word of their own.
      if (num_at > 0) {
        size_t l;
        char32_t prev = text::DecodeBefore(s_, num_at, &l);
        if (text::IsWordChar(prev)) return std::nullopt;
      }
    }
    p.num = *n;
    size_t j = n->end;
    if (p.unit == nullptr) {
      if (s_.compare(j, 3, "\xEC\x97\xAC") == 0) {  // 여: 100여 명
        p.approx_infix = true;
        j += 3;
      }
      size_t ulen = 0;
      if (const UnitWord* u = SuffixUnitAt(j, &ulen)) {
        p.unit = u;
        j += ulen;
      } else if (p.approx_infix) {
        j -= 3;
        p.approx_infix = false;
      }
    } else {
      // "$5.5 million dollars" is rare; "₩7.9 billion won" never; stop here.
    }
    if (n->from_word) {
      if (!p.unit || p.unit->kind == Kind::kMoney ||
          p.unit->kind == Kind::kQuantity || p.unit->kind == Kind::kPercent ||
          !IsParticleStart(s_, j)) {
        return std::nullopt;
      }
    }
    // Letters glued to the number that are no unit: "5G", "4o", "3D".
    if (j < s_.size() && (IsAlpha(s_[j]) || IsDigit(s_[j]))) return std::nullopt;
    p.end = j;
    return p;
  }

  std::optional<Claim> TryClaimAt(size_t i) {
    char c = s_[i];
    bool candidate = IsDigit(c) || !IsAlpha(c) || c == 'U' || c == 'H' ||
                     c == 'S' || c == 'A' || c == 'C';
    if (!candidate) return std::nullopt;
    if (IsDigit(c) && ContinuesToken(s_, i)) return std::nullopt;
    if (IsDigit(c)) {
      if (auto r = TryRatio(i)) return r;
    }
    auto first = ReadPiece(i);
    if (!first) return std::nullopt;
    // Dates and times stay context: 2025년, 1월, 27일, 14:30.
    if (!first->unit) {
      if (DateSuffixAt(first->num.end)) return std::nullopt;
    }
    Piece second;
    bool range = false;
    size_t after_first = first->end;
    for (const auto& sep : lex_.range_separators) {
      size_t at = after_first;
      if (s_.compare(at, sep.size(), sep) != 0) continue;
      at += sep.size();
      bool mid_dot = sep == "\xC2\xB7";  // ·
      auto p2 = at < s_.size() ? ReadPiece(at) : std::nullopt;
      if (!p2 || !p2->unit) continue;
      if (mid_dot && p2->unit->kind != Kind::kRank) continue;
      if (first->unit && (first->unit->kind != p2->unit->kind ||
                          first->unit->unit != p2->unit->unit)) {
        continue;
      }
      second = *p2;
      range = true;
      break;
    }
    if (!range && !first->unit) return std::nullopt;
    Claim claim;
    const UnitWord* unit = range ? second.unit : first->unit;
    claim.kind = unit->kind;
    claim.unit = unit->unit;
    claim.begin = first->begin;
    claim.end = range ? second.end : first->end;
    SetAmount(first->num, &claim.low);
    if (range) {
      SetAmount(second.num, &claim.high);
      claim.is_range = true;
      // 수천억~수조원: the range runs from the low end of the first vague
      // amount to the high end of the second.
      if (first->num.vague) claim.low.value = first->num.value;
      if (second.num.vague) claim.high.value = second.num.vague_high;
    } else if (first->num.vague) {
      claim.is_range = true;
      claim.high = claim.low;
      claim.high.value = first->num.vague_high;
    } else {
      claim.high = claim.low;
    }
    if (first->approx_infix || (range && second.approx_infix)) {
      claim.bound = Bound::kApprox;
    }
    ApplyMarkers(&claim);
    claim.text = std::string(s_.substr(claim.begin, claim.end - claim.begin));
    return claim;
  }

  // "8분의 1": a fraction written denominator first.
  std::optional<Claim> TryRatio(size_t i) {
    auto den = numeral::ReadAt(s_, i, lex_);
    if (!den) return std::nullopt;
    static constexpr std::string_view kBunUi = "\xEB\xB6\x84\xEC\x9D\x98";  // 분의
    size_t j = den->end;
    if (s_.compare(j, kBunUi.size(), kBunUi) != 0) return std::nullopt;
    j += kBunUi.size();
    if (j < s_.size() && s_[j] == ' ') ++j;
    if (j >= s_.size() || !IsDigit(s_[j])) return std::nullopt;
    auto num = numeral::ReadAt(s_, j, lex_);
    if (!num || den->value.IsZero()) return std::nullopt;
    Claim claim;
    claim.kind = Kind::kRatio;
    claim.begin = i;
    claim.end = num->end;
    double v = num->value.ToDouble() / den->value.ToDouble();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    auto d = Decimal::Parse(buf);
    claim.low.value = d ? *d : Decimal();
    // A fraction is as exact as its terms: half a unit either way of each.
    claim.low.lo = (num->value.ToDouble()) / (den->value.ToDouble());
    claim.low.hi = claim.low.lo;
    claim.high = claim.low;
    ApplyMarkers(&claim);
    claim.text = std::string(s_.substr(claim.begin, claim.end - claim.begin));
    return claim;
  }

  static void SetAmount(const Numeral& n, Amount* a) {
    a->value = n.value;
    numeral::PrecisionInterval(n, &a->lo, &a->hi);
  }

  void ApplyMarkers(Claim* claim) const {
    // Before: "약 79억원", "more than $5m" (one space between).
    size_t b = claim->begin;
    if (b > 0 && s_[b - 1] == ' ') --b;
    for (const auto& m : lex_.markers) {
      if (m.position != Position::kBefore) continue;
      if (b < m.word.size()) continue;
      size_t at = b - m.word.size();
      if (s_.compare(at, m.word.size(), m.word) != 0) continue;
      if (at > 0) {
        size_t l;
        char32_t prev = text::DecodeBefore(s_, at, &l);
        if (text::IsWordChar(prev)) continue;
      }
      claim->bound = m.bound;
      return;
    }
    // After: "100명 이상", "100만원가량".
    size_t a = claim->end;
    if (a < s_.size() && s_[a] == ' ') ++a;
    for (const auto& m : lex_.markers) {
      if (m.position != Position::kAfter) continue;
      if (MatchWord(s_, a, m.word)) {
        claim->bound = m.bound;
        return;
      }
    }
  }

  void FindComparisons() {
    for (size_t i = 0; i < s_.size();) {
      const ComparisonCue* hit = nullptr;
      size_t len = 0;
      if (i == 0 || !IsAlpha(s_[i - 1])) {
        for (const auto& c : lex_.comparisons) {
          if (size_t l = MatchWord(s_, i, c.word)) {
            hit = &c;
            len = l;
            break;
          }
        }
      }
      if (!hit) {
        ++i;
        continue;
      }
      Claim claim;
      claim.kind = Kind::kComparison;
      claim.begin = i;
      claim.end = i + len;
      claim.text = std::string(s_.substr(i, len));
      claim.relation = hit->relation;
      claims_.push_back(std::move(claim));
      i += len;
    }
  }

  // "550만달러(약 79억원)", "$5.5m (£4.4m)", "7.9 billion won / $5.5m".
  void FindPairs() {
    for (size_t k = 0; k + 1 < claims_.size(); ++k) {
      Claim& a = claims_[k];
      Claim& b = claims_[k + 1];
      if (a.kind != b.kind || a.kind == Kind::kComparison) continue;
      if (a.is_range != b.is_range || a.unit == b.unit) continue;
      if (a.kind != Kind::kMoney && a.kind != Kind::kQuantity) continue;
      if (b.begin < a.end) continue;
      std::string_view gap = s_.substr(a.end, b.begin - a.end);
      if (!IsPairGap(gap)) continue;
      a.pair = static_cast<int>(k + 1);
      b.pair = static_cast<int>(k);
    }
  }

  bool IsPairGap(std::string_view gap) const {
    size_t i = 0;
    auto spaces = [&] {
      while (i < gap.size() && gap[i] == ' ') ++i;
    };
    spaces();
    static const std::string_view kOpeners[] = {"(", "\xEF\xBC\x88", "/",
                                                "\xE2\x80\x94", "\xE2\x80\x93",
                                                "-", "or", "="};
    bool opened = false;
    for (auto o : kOpeners) {
      if (gap.compare(i, o.size(), o) == 0) {
        i += o.size();
        opened = true;
        break;
      }
    }
    if (!opened) return false;
    spaces();
    if (i == gap.size()) return true;
    for (const auto& m : lex_.markers) {
      if (m.position != Position::kBefore) continue;
      if (gap.compare(i, m.word.size(), m.word) == 0) {
        i += m.word.size();
        spaces();
        return i == gap.size();
      }
    }
    return false;
  }

  void AssignSentences() {
    auto sentences = text::Sentences(s_);
    size_t k = 0;
    for (auto& c : claims_) {
      while (k + 1 < sentences.size() && sentences[k].end <= c.begin) ++k;
      if (!sentences.empty()) {
        c.sentence_begin = sentences[k].begin;
        c.sentence_end = std::max(sentences[k].end, c.end);
      }
    }
  }

  std::string_view s_;
  const Lexicon& lex_;
  std::vector<Claim> claims_;
};

}  // namespace

std::vector<Claim> Extract(std::string_view body, const Lexicon& lex) {
  return Extractor(body, lex).Run();
}

}  // namespace claimledger
