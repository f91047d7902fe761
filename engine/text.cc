#include "engine/text.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>
#define CLAIMLEDGER_SSSE3_UTF8 1
#endif

namespace claimledger::text {

namespace {

// The first offset at or after i whose byte can end a sentence (\n . ? !)
// or begin a full-width stop (0xE3, 0xEF), or n. Sixteen bytes at a time
// where SSE2 is there: most text has none of these bytes.
size_t NextStopByte(const char* p, size_t i, size_t n) {
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n'), dot = _mm_set1_epi8('.');
  const __m128i q = _mm_set1_epi8('?'), bang = _mm_set1_epi8('!');
  const __m128i e3 = _mm_set1_epi8(static_cast<char>(0xE3));
  const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF));
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, dot)),
                     _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bang))),
        _mm_or_si128(_mm_cmpeq_epi8(v, e3), _mm_cmpeq_epi8(v, ef)));
    int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#endif
  for (; i < n; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if (c == '\n' || c == '.' || c == '?' || c == '!' || c == 0xE3 || c == 0xEF) return i;
  }
  return n;
}

}  // namespace

std::optional<size_t> detail::FirstInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      // Runs of ASCII, eight bytes at a time.
      while (i + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull) break;
        i += 8;
      }
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

namespace {

#if defined(CLAIMLEDGER_SSSE3_UTF8)
// Whether s is valid UTF-8, sixteen bytes at a time and without a branch
// on the data. Each byte is classified together with the byte before it
// by three table lookups (pshufb) of four bits each: the high and low
// nibbles of the previous byte and the high nibble of this one. Each table
// entry is a set of the errors that nibble allows; a pair is wrong when one
// error is allowed by all three. A continuation after a continuation is
// right only two or three bytes after a lead of three or four bytes, which
// the bytes two and three back tell. A block may end inside a sequence;
// the next block (or the end) then has to continue it.
namespace utf8_bits {
constexpr uint8_t kTooShort = 1 << 0;   // a lead not followed by 10xxxxxx
constexpr uint8_t kTooLong = 1 << 1;    // ASCII followed by 10xxxxxx
constexpr uint8_t kOverlong3 = 1 << 2;  // E0 80..9F
constexpr uint8_t kTooLarge = 1 << 3;   // F4 90..BF, F5..FF
constexpr uint8_t kSurrogate = 1 << 4;  // ED A0..BF
constexpr uint8_t kOverlong2 = 1 << 5;  // C0, C1
constexpr uint8_t kTooLarge1000 = 1 << 6;  // F5..FF 80..8F
constexpr uint8_t kOverlong4 = 1 << 6;     // F0 80..8F
constexpr uint8_t kTwoConts = 1 << 7;   // 10xxxxxx 10xxxxxx
constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoConts;
}  // namespace utf8_bits

__attribute__((target("ssse3"))) bool ValidUtf8Ssse3(const unsigned char* p,
                                                     size_t n) {
  using namespace utf8_bits;
  const __m128i first_high = _mm_setr_epi8(
      kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
      kTooLong, static_cast<char>(kTwoConts), static_cast<char>(kTwoConts),
      static_cast<char>(kTwoConts), static_cast<char>(kTwoConts),
      kTooShort | kOverlong2, kTooShort, kTooShort | kOverlong3 | kSurrogate,
      kTooShort | kTooLarge | kTooLarge1000 | kOverlong4);
  constexpr char kC = static_cast<char>(kCarry);
  constexpr char kBig = static_cast<char>(kCarry | kTooLarge | kTooLarge1000);
  const __m128i first_low = _mm_setr_epi8(
      static_cast<char>(kCarry | kOverlong3 | kOverlong2 | kOverlong4),
      static_cast<char>(kCarry | kOverlong2), kC, kC,
      static_cast<char>(kCarry | kTooLarge), kBig, kBig, kBig, kBig, kBig,
      kBig, kBig, kBig,
      static_cast<char>(kCarry | kTooLarge | kTooLarge1000 | kSurrogate), kBig,
      kBig);
  constexpr char kCont8 = static_cast<char>(kTooLong | kOverlong2 | kTwoConts |
                                            kOverlong3 | kTooLarge1000 |
                                            kOverlong4);
  constexpr char kCont9 = static_cast<char>(kTooLong | kOverlong2 | kTwoConts |
                                            kOverlong3 | kTooLarge);
  constexpr char kContAB = static_cast<char>(kTooLong | kOverlong2 | kTwoConts |
                                             kSurrogate | kTooLarge);
  const __m128i second_high = _mm_setr_epi8(
      kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
      kTooShort, kTooShort, kCont8, kCont9, kContAB, kContAB, kTooShort,
      kTooShort, kTooShort, kTooShort);
  const __m128i nibble = _mm_set1_epi8(0x0F);
  const __m128i high_bit = _mm_set1_epi8(static_cast<char>(0x80));
  // Bytes that, last in a block, start a sequence the block does not end.
  const __m128i incomplete_above = _mm_setr_epi8(
      -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
      static_cast<char>(0xF0 - 1), static_cast<char>(0xE0 - 1),
      static_cast<char>(0xC0 - 1));
  __m128i prev = _mm_setzero_si128();
  __m128i prev_incomplete = _mm_setzero_si128();
  __m128i error = _mm_setzero_si128();
  // The last block, under sixteen bytes, is read from a copy padded with
  // zeros (ASCII, which ends no sequence).
  alignas(16) unsigned char tail[16] = {};
  for (size_t i = 0; i < n; i += 16) {
    const unsigned char* at = p + i;
    if (n - i < 16) {
      std::memcpy(tail, at, n - i);
      at = tail;
    }
    __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    if (_mm_movemask_epi8(in) == 0) {  // ASCII: only the last block counts
      error = _mm_or_si128(error, prev_incomplete);
      prev_incomplete = _mm_setzero_si128();
      prev = in;
      continue;
    }
    __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
    __m128i b1h = _mm_shuffle_epi8(
        first_high, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble));
    __m128i b1l = _mm_shuffle_epi8(first_low, _mm_and_si128(prev1, nibble));
    __m128i b2h = _mm_shuffle_epi8(
        second_high, _mm_and_si128(_mm_srli_epi16(in, 4), nibble));
    __m128i special = _mm_and_si128(_mm_and_si128(b1h, b1l), b2h);
    __m128i prev2 = _mm_alignr_epi8(in, prev, 14);
    __m128i prev3 = _mm_alignr_epi8(in, prev, 13);
    __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8(0xE0 - 0x80));
    __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8(0xF0 - 0x80));
    __m128i must_continue =
        _mm_and_si128(_mm_or_si128(third, fourth), high_bit);
    error = _mm_or_si128(error, _mm_xor_si128(must_continue, special));
    prev_incomplete = _mm_subs_epu8(in, incomplete_above);
    prev = in;
  }
  error = _mm_or_si128(error, prev_incomplete);
  return _mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) ==
         0xFFFF;
}

const bool kUtf8HasSsse3 = [] {
  __builtin_cpu_init();  // static initialisers may run before libgcc's
  return __builtin_cpu_supports("ssse3") != 0;
}();
#endif

}  // namespace

std::optional<bool> detail::ValidUtf8Simd(std::string_view s) {
#if defined(CLAIMLEDGER_SSSE3_UTF8)
  if (kUtf8HasSsse3) {
    return ValidUtf8Ssse3(reinterpret_cast<const unsigned char*>(s.data()),
                          s.size());
  }
#endif
  return std::nullopt;
}

std::optional<size_t> FindInvalidUtf8(std::string_view s) {
  // Nearly all text is valid: prove that fast, and look for the offset
  // byte by byte only when it is not.
  if (detail::ValidUtf8Simd(s) == true) return std::nullopt;
  return detail::FirstInvalidUtf8(s);
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
  size_t i = 0;
  while (i < n) {
    i = NextStopByte(s.data(), i, n);
    if (i >= n) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
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
