#include "engine/normalize.h"

#include <cstring>

#include "engine/text.h"

namespace claimledger {

namespace {

// The replacement for code point c, or empty when c stays as it is.
std::string_view Replacement(char32_t c, char* buf) {
  if (c >= 0xFF01 && c <= 0xFF5E) {  // full-width ASCII
    buf[0] = static_cast<char>(c - 0xFF01 + 0x21);
    return {buf, 1};
  }
  switch (c) {
    case 0x3000: return " ";            // ideographic space
    case 0x33A1: return "m\xC2\xB2";    // ㎡
    case 0x339E: return "km";           // ㎞
    case 0x338F: return "kg";           // ㎏
    case 0x339C: return "mm";           // ㎜
    case 0x339D: return "cm";           // ㎝
    case 0x3396: return "mL";           // ㎖
    case 0x2113: return "L";            // ℓ
    case 0x2103: return "\xC2\xB0" "C"; // ℃
    case 0x2109: return "\xC2\xB0" "F"; // ℉
    case 0x33A5: return "m\xC2\xB3";    // ㎥
    default: return {};
  }
}

}  // namespace

size_t NormalizedText::OriginalEnd(size_t e) const {
  if (e >= text.size()) return origin.back();
  // e may fall inside the expansion of one character (the "m" of ㎡ ->
  // "m²"): the span then ends after that character.
  size_t k = e;
  while (k < text.size() && k > 0 && origin[k] == origin[e - 1]) ++k;
  return origin[k];
}

bool NeedsNormalization(std::string_view s) {
  // Every character Normalize changes is encoded from a lead byte E2, E3
  // or EF; memchr finds those far faster than a loop over every byte.
  char buf[4];
  for (unsigned char lead : {0xE2, 0xE3, 0xEF}) {
    const char* p = s.data();
    const char* end = s.data() + s.size();
    while (p < end) {
      p = static_cast<const char*>(std::memchr(p, lead, static_cast<size_t>(end - p)));
      if (p == nullptr) break;
      size_t i = static_cast<size_t>(p - s.data());
      size_t len;
      if (i + 2 < s.size() && !Replacement(text::DecodeAt(s, i, &len), buf).empty()) return true;
      ++p;
    }
  }
  return false;
}

NormalizedText Normalize(std::string_view s) {
  NormalizedText out;
  out.text.reserve(s.size());
  out.origin.reserve(s.size() + 1);
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    std::string_view rep;
    char buf[4];
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) {
      char32_t c = text::DecodeAt(s, i, &len);
      rep = Replacement(c, buf);
    }
    if (rep.empty()) rep = s.substr(i, len);
    for (char c : rep) {
      out.text.push_back(c);
      out.origin.push_back(static_cast<uint32_t>(i));
    }
    i += len;
  }
  out.origin.push_back(static_cast<uint32_t>(s.size()));
  return out;
}

}  // namespace claimledger
