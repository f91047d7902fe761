#include "engine/text.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
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

std::optional<size_t> FindInvalidUtf8(std::string_view s) {
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
