// The extractor's helpers over the text around a position: word
// boundaries, the words before and after, and whether a lexicon word
// begins here. Shared by extract.cc, extract_words.cc, extract_compare.cc.
#include "engine/extract_internal.h"
#include "engine/text.h"

namespace claimledger::extract_internal {

bool Extractor::PrevIsWordChar(size_t i) const {
  if (i == 0) return false;
  size_t l;
  return text::IsWordChar(text::DecodeBefore(s_, i, &l));
}

bool Extractor::KoreanWordEndsAt(size_t j) const {
  if (j >= s_.size()) return true;
  size_t l;
  if (!text::IsHangul(text::DecodeAt(s_, j, &l))) return true;
  for (uint16_t k : lex_.index.particles.At(s_, j)) {
    const std::string& p = lex_.particles[k];
    if (text::BytesAt(s_, j, p)) return true;
  }
  return false;
}

std::string_view Extractor::PrevWord(size_t i) const {
  size_t e = i;
  while (e > 0 && s_[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0) {
    size_t l;
    char32_t c = text::DecodeBefore(s_, b, &l);
    if (!text::IsWordChar(c)) break;
    b -= l;
  }
  return s_.substr(b, e - b);
}

std::string_view Extractor::NextWord(size_t j) const {
  while (j < s_.size() && s_[j] == ' ') ++j;
  size_t e = j;
  while (e < s_.size()) {
    size_t l;
    char32_t c = text::DecodeAt(s_, e, &l);
    if (!text::IsWordChar(c)) break;
    e += l;
  }
  return s_.substr(j, e - j);
}

bool Extractor::StartsWord(const WordIndex& index, const std::vector<std::string>& words,
                           size_t i) const {
  if (!index.MayStart(s_, i)) return false;
  for (uint16_t k : index.At(s_, i)) {
    // The first character matched through the index (in either case);
    // compare the rest byte by byte.
    const std::string& w = words[k];
    if (i + w.size() > s_.size()) continue;
    size_t m = 1;
    while (m < w.size() && s_[i + m] == w[m]) ++m;
    if (m < w.size()) continue;
    // As numeral::MatchWord: an ASCII word ends at a word boundary ("a",
    // not the start of "and").
    size_t e = i + m;
    if (IsAlpha(w.back()) && e < s_.size() && (IsAlpha(s_[e]) || IsDigit(s_[e]))) continue;
    return true;
  }
  return false;
}

bool Extractor::WordIn(std::string_view w, const std::vector<std::string>& list) const {
  for (const auto& x : list) {
    if (FoldedEquals(w, x)) return true;
  }
  return false;
}

}  // namespace claimledger::extract_internal
