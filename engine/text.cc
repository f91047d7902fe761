#include "engine/text.h"

#include <array>

namespace claimledger::text {

std::optional<size_t> FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    char32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::nullopt;
}

char32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  *len = n;
  return cp;
}

char32_t DecodeBefore(std::string_view s, size_t i, size_t* len) {
  size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  size_t l;
  char32_t cp = DecodeAt(s, j, &l);
  *len = i - j;
  return cp;
}

bool IsHangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F);
}
bool IsAsciiAlpha(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
         c == 0x3000;
}
bool IsWordChar(char32_t c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || IsHangul(c) ||
         (c >= 0xC0 && c <= 0x24F) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0x3040 && c <= 0x30FF);
}

std::vector<Span> Sentences(std::string_view s) {
  std::vector<Span> out;
  size_t start = 0;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  auto flush = [&](size_t end) {
    size_t b = start;
    while (b < end && is_space(s[b])) ++b;
    size_t e = end;
    while (e > b && is_space(s[e - 1])) --e;
    if (e > b) out.push_back({b, e});
  };
  const size_t n = s.size();
  // Bytes that can end a sentence or begin a full-width stop.
  static const auto kInteresting = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'\n', '.', '?', '!'}) t[c] = true;
    t[0xE3] = t[0xEF] = true;
    return t;
  }();
  size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!kInteresting[c]) {
      ++i;
      continue;
    }
    size_t len = 1;
    bool stop = false;
    if (c == '\n') {
      flush(i);
      start = i + 1;
      ++i;
      continue;
    }
    if (c == '.' || c == '?' || c == '!') {
      stop = true;
    } else if (c == 0xE3 && i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               static_cast<unsigned char>(s[i + 2]) == 0x82) {
      stop = true;  // 。
      len = 3;
    } else if (c == 0xEF && i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
               (static_cast<unsigned char>(s[i + 2]) == 0x9F ||
                static_cast<unsigned char>(s[i + 2]) == 0x81)) {
      stop = true;  // ？ ！
      len = 3;
    }
    size_t next = i + len;
    if (stop) {
      // Closing quotes and brackets stay with the sentence they end.
      size_t k = next;
      while (k < n && (s[k] == '"' || s[k] == '\'' || s[k] == ')')) ++k;
      if (k + 3 <= n && static_cast<unsigned char>(s[k]) == 0xE2 &&
          static_cast<unsigned char>(s[k + 1]) == 0x80 &&
          (static_cast<unsigned char>(s[k + 2]) == 0x9D ||
           static_cast<unsigned char>(s[k + 2]) == 0x99)) {
        k += 3;
      }
      if (k >= n || s[k] == ' ' || s[k] == '\n' || s[k] == '\t' || s[k] == '\r') {
        flush(k);
        start = k;
        next = k;
      }
    }
    i = next;
  }
  flush(n);
  return out;
}

}  // namespace claimledger::text
