// Around a claim: the markers that bound it (약, more than, 이상), the claim
// it is paired with ("550만달러(약 79억원)"), and the sentence it sits in.
#include <algorithm>

#include "engine/extract_internal.h"
#include "engine/text.h"

namespace claimledger::extract_internal {

void Extractor::ApplyMarkers(Claim* claim) const {
  // Before: "약 79억원", "more than $5m" (one space between).
  size_t b = claim->begin;
  if (b > 0 && s_[b - 1] == ' ') --b;
  const auto& before = b > 0 ? lex_.index.markers_by_last_byte[static_cast<unsigned char>(s_[b - 1])]
                             : lex_.index.markers_by_last_byte[0];
  for (uint16_t k : before) {
    const MarkerWord& m = lex_.markers[k];
    if (m.position != Position::kBefore || b < m.word.size()) continue;
    size_t at = b - m.word.size();
    if (!numeral::MatchWord(s_, at, m.word, true) || at + m.word.size() != b) continue;
    if (PrevIsWordChar(at)) continue;
    claim->bound = m.bound;
    return;
  }
  // After: "100명 이상", "1조원에 육박", "5%를 초과".
  size_t a = claim->end;
  static const std::string_view kLinks[] = {"\xEC\x97\x90", "\xEB\xA5\xBC", "\xEC\x9D\x84",
                                            "\xEC\x9D\xB4", "\xEA\xB0\x80"};  // 에 를 을 이 가
  for (int pass = 0; pass < 2; ++pass) {
    size_t at = SkipSpace(a);
    for (uint16_t k : lex_.index.markers.At(s_, at)) {
      const MarkerWord& m = lex_.markers[k];
      if (m.position != Position::kAfter) continue;
      if (numeral::MatchWord(s_, at, m.word, true)) {
        claim->bound = m.bound;
        return;
      }
    }
    bool linked = false;
    for (auto l : kLinks) {
      if (pass == 0 && text::BytesAt(s_, a, l)) {
        a += l.size();
        linked = true;
        break;
      }
    }
    if (!linked) return;
  }
}

// "550만달러(약 79억원)", "$5.5m (£4.4m)", "7.9 billion won / $5.5m".
void Extractor::FindPairs() {
  for (size_t k = 0; k + 1 < claims_.size(); ++k) {
    Claim& a = claims_[k];
    size_t n = k + 1;
    while (n < claims_.size() && claims_[n].kind == Kind::kComparison) ++n;
    if (n >= claims_.size()) break;
    Claim& b = claims_[n];
    // A claim belongs to one pair at most: in "$5.5m or 7.9 billion won
    // ($4.5m)" the won amount pairs with the first dollar amount only.
    if (a.pair >= 0 || b.pair >= 0) continue;
    if (a.kind != b.kind || a.kind == Kind::kComparison) continue;
    if (a.is_range != b.is_range || a.unit == b.unit) continue;
    if (a.kind != Kind::kMoney && a.kind != Kind::kQuantity) continue;
    if (b.begin < a.end || !IsPairGap(s_.substr(a.end, b.begin - a.end))) continue;
    a.pair = static_cast<int>(n);
    b.pair = static_cast<int>(k);
  }
}

bool Extractor::IsPairGap(std::string_view gap) const {
  size_t i = 0;
  auto spaces = [&] {
    while (i < gap.size() && gap[i] == ' ') ++i;
  };
  spaces();
  static const std::string_view kOpeners[] = {"(", "\xEF\xBC\x88", "/", "\xE2\x80\x94",
                                              "\xE2\x80\x93", "-", "or", "="};
  bool opened = false;
  for (auto o : kOpeners) {
    if (text::BytesAt(gap, i, o)) {
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
    if (numeral::MatchWord(gap, i, m.word, true)) {
      i += m.word.size();
      spaces();
      return i == gap.size();
    }
  }
  return false;
}

void Extractor::AssignSentences() {
  if (claims_.empty()) return;
  auto sentences = text::Sentences(s_);
  size_t k = 0;
  for (auto& c : claims_) {
    while (k + 1 < sentences.size() && sentences[k].end <= c.begin) ++k;
    if (!sentences.empty()) {
      c.sentence_begin = std::min(sentences[k].begin, c.begin);
      c.sentence_end = std::max(sentences[k].end, c.end);
    }
  }
}

}  // namespace claimledger::extract_internal
