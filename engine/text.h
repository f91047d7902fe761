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

// Decodes the code point starting at s[i]; sets *len to its byte length.
// REQUIRES: s is valid UTF-8 and i < s.size() is a code point boundary.
char32_t DecodeAt(std::string_view s, size_t i, size_t* len);

// Decodes the code point ending just before s[i] (i > 0); sets *len.
char32_t DecodeBefore(std::string_view s, size_t i, size_t* len);

bool IsHangul(char32_t c);
bool IsAsciiAlpha(char32_t c);
bool IsAsciiDigit(char32_t c);
bool IsSpace(char32_t c);
// True for letters of any script we treat as word characters (ASCII,
// Latin-1 letters, Hangul, CJK ideographs).
bool IsWordChar(char32_t c);

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
