#include "engine/text.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

namespace {

using claimledger::text::FindInvalidUtf8;
using claimledger::text::detail::FirstInvalidUtf8;
using claimledger::text::detail::ValidUtf8Simd;

// Both halves of FindInvalidUtf8 agree on s, and it agrees with them.
// Returns whether s is valid, so callers can count both outcomes.
bool Agree(const std::string& s) {
  auto first = FirstInvalidUtf8(s);
  auto simd = ValidUtf8Simd(s);
  if (simd.has_value() && *simd != !first.has_value()) {
    std::string hex;
    for (unsigned char c : s) {
      static const char* kHex = "0123456789ABCDEF";
      hex += kHex[c >> 4];
      hex += kHex[c & 15];
      hex += ' ';
    }
    FAIL("the sixteen-byte check says ",
         std::string(*simd ? "valid" : "invalid"),
         " for ", hex);
  }
  REQUIRE(FindInvalidUtf8(s) == first);
  return !first.has_value();
}

// Each sequence placed so that it starts 13, 14, 15 or 16 bytes into a
// block (and so crosses into the next), at the very start, and at the end.
int AgreeAtOffsets(const std::string& seq, int* valid) {
  int n = 0;
  for (size_t pad : {0, 13, 14, 15, 16}) {
    *valid += Agree(std::string(pad, 'x') + seq + "yz");
    *valid += Agree(std::string(pad, 'x') + seq);
    n += 2;
  }
  return n;
}

}  // namespace

TEST_CASE("the sixteen-byte UTF-8 check runs here") {
#if defined(__x86_64__)
  // Every x86-64 this project builds on has SSSE3; without it the tests
  // below would compare the byte by byte search with itself.
  CHECK(ValidUtf8Simd("").has_value());
#endif
}

TEST_CASE("UTF-8: known sequences, right and wrong") {
  CHECK(FindInvalidUtf8("plain ASCII") == std::nullopt);
  CHECK(FindInvalidUtf8("550만달러(약 79억원)") == std::nullopt);
  CHECK(FindInvalidUtf8("\xEF\xBF\xBF") == std::nullopt);          // U+FFFF
  CHECK(FindInvalidUtf8("\xF4\x8F\xBF\xBF") == std::nullopt);      // U+10FFFF
  CHECK(FindInvalidUtf8("ab\xF4\x90\x80\x80") == size_t{2});        // above it
  CHECK(FindInvalidUtf8("a\xED\xA0\x80") == size_t{1});             // surrogate
  CHECK(FindInvalidUtf8("\xC0\xAF") == size_t{0});                  // overlong
  CHECK(FindInvalidUtf8("\xE0\x9F\xBF") == size_t{0});              // overlong
  CHECK(FindInvalidUtf8("\xF0\x8F\xBF\xBF") == size_t{0});          // overlong
  CHECK(FindInvalidUtf8("x\x80") == size_t{1});                     // stray
  CHECK(FindInvalidUtf8(std::string(15, 'a') + "\xEB\x8B") == size_t{15});
  CHECK(FindInvalidUtf8(std::string(40, 'a') + "\xFF") == size_t{40});
}

TEST_CASE("UTF-8: both checks agree on every one- and two-byte sequence") {
  int valid = 0, n = 0;
  for (int a = 0; a < 256; ++a) {
    n += AgreeAtOffsets(std::string(1, static_cast<char>(a)), &valid);
    for (int b = 0; b < 256; ++b) {
      std::string s{static_cast<char>(a), static_cast<char>(b)};
      n += AgreeAtOffsets(s, &valid);
    }
  }
  // 128 + 128 * 128 + 1920 two-byte characters, at ten placings each.
  CHECK(valid == 10 * (128 + 128 * 128 + 1920));
  CHECK(n == 10 * (256 + 65536));
}

TEST_CASE("UTF-8: both checks agree on three- and four-byte leads") {
  int valid = 0;
  // Three bytes: every lead from E0 and second byte, then each third byte.
  for (int a = 0xE0; a < 0x100; ++a) {
    for (int b = 0x80; b < 0xC0; ++b) {
      for (int c = 0; c < 256; c += (c >= 0x70 && c < 0xC8) ? 1 : 7) {
        AgreeAtOffsets({static_cast<char>(a), static_cast<char>(b),
                        static_cast<char>(c)},
                       &valid);
      }
    }
  }
  // Four bytes: leads from F0 with second, third and fourth bytes around
  // the edges of the continuation range.
  const int edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                       0x9F, 0xA0, 0xBF, 0xC0, 0xE0, 0xFF};
  for (int a = 0xF0; a < 0x100; ++a) {
    for (int b = 0x80; b < 0xC0; ++b) {
      for (int c : edges) {
        for (int d : edges) {
          AgreeAtOffsets({static_cast<char>(a), static_cast<char>(b),
                          static_cast<char>(c), static_cast<char>(d)},
                         &valid);
        }
      }
    }
  }
  CHECK(valid > 0);
}

TEST_CASE("UTF-8: both checks agree on long text with damage anywhere") {
  std::mt19937 rng(20250131);
  auto append = [&](std::string* s, char32_t cp) {
    if (cp < 0x80) {
      *s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      *s += static_cast<char>(0xC0 | (cp >> 6));
      *s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *s += static_cast<char>(0xE0 | (cp >> 12));
      *s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *s += static_cast<char>(0xF0 | (cp >> 18));
      *s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  };
  const char32_t kinds[][2] = {{0x20, 0x7E},     {0xA0, 0x7FF},
                               {0xAC00, 0xD7A3}, {0xE000, 0xFFFF},
                               {0x10000, 0x10FFFF}};
  int valid = 0, invalid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    size_t chars = rng() % 60;
    for (size_t k = 0; k < chars; ++k) {
      const auto& kind = kinds[rng() % 5];
      append(&s, kind[0] + rng() % (kind[1] - kind[0] + 1));
    }
    switch (rng() % 4) {
      case 0:
        break;  // left valid
      case 1:   // one byte replaced
        if (!s.empty()) s[rng() % s.size()] = static_cast<char>(rng());
        break;
      case 2:  // cut anywhere
        s.resize(s.empty() ? 0 : rng() % s.size());
        break;
      default:  // a byte inserted
        s.insert(s.begin() + static_cast<long>(s.empty() ? 0 : rng() % s.size()),
                 static_cast<char>(rng()));
    }
    (Agree(s) ? valid : invalid) += 1;
  }
  // Both outcomes occur often enough for the agreement to mean something.
  CHECK(valid > 5000);
  CHECK(invalid > 5000);
}
