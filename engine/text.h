// Text utilities over UTF-8 byte strings: validation (with the byte offset
// of the first bad sequence), code point decoding, and sentence boundaries.
// All offsets are byte offsets into the caller's string; nothing here keeps
// a reference to its input after returning. Thread-safe (no state).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace claimledger::text {

// Returns the byte offset of the first invalid UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF included), or nullopt
// when the whole string is valid.
std::optional<size_t> FindInvalidUtf8(std::string_view s);

namespace detail {
// The two halves of FindInvalidUtf8, for tests: the byte by byte search,
// and the sixteen-byte check it tries first (nullopt without SSSE3).
std::optional<size_t> FirstInvalidUtf8(std::string_view s);
std::optional<bool> ValidUtf8Simd(std::string_view s);
}  // namespace detail

// True when the bytes of w stand in s at offset i (false past the end).
// Byte by byte: the words compared are short, and this beats a memcmp call.
inline bool BytesAt(std::string_view s, size_t i, std::string_view w) {
  if (i > s.size() || w.size() > s.size() - i) return false;
  for (size_t k = 0; k < w.size(); ++k) {
    if (s[i + k] != w[k]) return false;
  }
  return true;
}

// Decodes the code point starting at s[i]; sets *len to its byte length.
// REQUIRES: s is valid UTF-8 and i < s.size() is a code point boundary.
// Inline: the extractor calls these several times per candidate.
inline char32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
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

// Decodes the code point ending just before s[i] (i > 0); sets *len.
inline char32_t DecodeBefore(std::string_view s, size_t i, size_t* len) {
  auto last = static_cast<unsigned char>(s[i - 1]);
  if (last < 0x80) {
    *len = 1;
    return last;
  }
  size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  size_t l;
  char32_t cp = DecodeAt(s, j, &l);
  *len = i - j;
  return cp;
}

inline bool IsHangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F);
}
inline bool IsAsciiAlpha(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
         c == 0x3000;
}
// True for letters of any script we treat as word characters (ASCII,
// Latin-1 letters, Hangul, CJK ideographs).
inline bool IsWordChar(char32_t c) {
  if (c < 0x80) return IsAsciiAlpha(c) || IsAsciiDigit(c);
  return IsHangul(c) || (c >= 0xC0 && c <= 0x24F) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0x3040 && c <= 0x30FF);
}

struct Span {
  size_t begin;
  size_t end;
};

// Splits text into sentences: a sentence ends after . ? ! (or their
// full-width forms) followed by space or end of text, not between digits
// ("5.5"), and at every line break. Spans exclude surrounding whitespace
// and empty lines.
std::vector<Span> Sentences(std::string_view s);

}  // namespace claimledger::text
