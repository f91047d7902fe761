#include "engine/json_out.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "engine/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>
#define CLAIMLEDGER_SSSE3_ESCAPE 1
#endif

namespace claimledger {

namespace {

// Bytes each input byte adds when escaped: 1 for quote, backslash and the
// named control characters (\n ...), 5 for the other control characters
// (\u00xx), 0 for every other byte (UTF-8 is kept as is).
struct EscapeTable {
  unsigned char len[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) len[c] = 5;
    for (int c : {'"', '\\', '\b', '\f', '\n', '\r', '\t'}) len[c] = 1;
  }
};
constexpr EscapeTable kEscapeTable;
constexpr const unsigned char* kEscapeLength = kEscapeTable.len;

struct QuoteTable {
  unsigned char is[256] = {};
  constexpr QuoteTable() { is['"'] = is['\\'] = 1; }
};
constexpr QuoteTable kQuoteTable;
constexpr const unsigned char* kQuoteOrBackslash = kQuoteTable.is;

// Whether s holds a byte below 0x20, sixteen bytes at a time.
bool HasControl(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
#if defined(__SSE2__)
  const __m128i bias = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i limit = _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80));
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // Unsigned v < 0x20 as a signed compare of both sides shifted by 0x80.
    __m128i lt = _mm_cmplt_epi8(_mm_xor_si128(v, bias), limit);
    if (_mm_movemask_epi8(lt)) return true;
  }
#endif
  for (; i < n; ++i) {
    if (p[i] < 0x20) return true;
  }
  return false;
}

// Whether one of eight bytes is below 0x20, from 0x80, a quote or a
// backslash (the classic zero-byte tests: exact as a yes or no).
inline bool NeedsEscape8(uint64_t x) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  uint64_t below_space = (x - 0x20 * kOnes) & ~x & kHigh;
  return ((x & kHigh) | below_space | has_zero(x ^ ('"' * kOnes)) |
          has_zero(x ^ ('\\' * kOnes))) != 0;
}

// Whether s needs no escaping and no UTF-8 check: bytes 0x20-0x7f
// other than quote and backslash.
bool IsPlain(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
#if defined(__SSE2__)
  // A signed compare with 0x20 finds control bytes and (being negative)
  // every byte from 0x80 at once.
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i bad = _mm_or_si128(
        _mm_cmplt_epi8(v, space),
        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (_mm_movemask_epi8(bad)) return false;
  }
#endif
  // Under sixteen bytes left: eight at a time (the last eight overlapping
  // the first), then byte by byte.
  if (n - i >= 8) {
    uint64_t a, b;
    std::memcpy(&a, p + i, 8);
    std::memcpy(&b, p + n - 8, 8);
    return !NeedsEscape8(a) && !NeedsEscape8(b);
  }
  for (; i < n; ++i) {
    if (p[i] >= 0x80 || kEscapeLength[p[i]] != 0) return false;
  }
  return true;
}

#if defined(CLAIMLEDGER_SSSE3_ESCAPE)
// For each mask of the quotes and backslashes among eight bytes: the
// pshufb control that spreads the bytes out with a backslash before each
// of those (index 8 takes it from the upper half of the source, which
// holds backslashes), and how many bytes that makes.
struct ExpandTable {
  alignas(16) unsigned char shuf[256][16] = {};
  unsigned char len[256] = {};
  constexpr ExpandTable() {
    for (int m = 0; m < 256; ++m) {
      int j = 0;
      for (int i = 0; i < 8; ++i) {
        if ((m >> i) & 1) shuf[m][j++] = 8;
        shuf[m][j++] = static_cast<unsigned char>(i);
      }
      len[m] = static_cast<unsigned char>(j);
      for (; j < 16; ++j) shuf[m][j] = 0x80;  // a zero byte
    }
  }
};
constexpr ExpandTable kExpand;

// Escapes the quotes and backslashes of [*pp, end) into *wp, sixteen
// bytes at a time with no branch on the data, until fewer than sixteen
// are left; *wp needs room for twice the bytes read. Moves both pointers
// past what it did.
__attribute__((target("ssse3"))) void EscapeQuotesSsse3(const char** pp,
                                                        const char* end,
                                                        char** wp) {
  const char* p = *pp;
  char* w = *wp;
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
        _mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash))));
    unsigned lo = m & 0xFF, hi = m >> 8;
    __m128i low = _mm_unpacklo_epi64(v, backslash);
    __m128i high = _mm_unpackhi_epi64(v, backslash);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w),
                     _mm_shuffle_epi8(low, _mm_load_si128(
                         reinterpret_cast<const __m128i*>(kExpand.shuf[lo]))));
    w += kExpand.len[lo];
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w),
                     _mm_shuffle_epi8(high, _mm_load_si128(
                         reinterpret_cast<const __m128i*>(kExpand.shuf[hi]))));
    w += kExpand.len[hi];
    p += 16;
  }
  *pp = p;
  *wp = w;
}

const bool kHasSsse3 = [] {
  __builtin_cpu_init();  // static initialisers may run before libgcc's
  return __builtin_cpu_supports("ssse3") != 0;
}();
#endif

}  // namespace

void AppendJsonString(std::string* out, std::string_view s,
                      InvalidUtf8 invalid) {
  // Most keys and many values are plain ASCII with nothing to escape.
  if (IsPlain(s)) {
    out->push_back('"');
    out->append(s);
    out->push_back('"');
    return;
  }
  if (invalid == InvalidUtf8::kReplace && text::FindInvalidUtf8(s)) {
    // Rare (inputs are validated before they get here): let nlohmann
    // replace what is not UTF-8, so that the bytes stay its bytes.
    out->append(nlohmann::json(std::string(s))
                    .dump(-1, ' ', false,
                          nlohmann::json::error_handler_t::replace));
    return;
  }
  if (!HasControl(s)) {
    // Quote and backslash only, which evidence written as a string (the
    // ledger hashes it so) is full of. Escaped into a buffer on the stack
    // a piece at a time (a piece of n bytes needs at most 2n), so that no
    // room is zeroed in the string first.
    constexpr size_t kPiece = 2048;
    char buf[2 * kPiece + 16];
    out->reserve(out->size() + s.size() + s.size() / 8 + 2);
    out->push_back('"');
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end) {
      const char* piece_end = p + std::min<size_t>(kPiece, end - p);
      char* w = buf;
#if defined(CLAIMLEDGER_SSSE3_ESCAPE)
      if (kHasSsse3) EscapeQuotesSsse3(&p, piece_end, &w);
#endif
      // The rest (all of it without SSSE3), without branches: each byte is
      // written after a backslash that the next byte overwrites unless the
      // byte needs it.
      for (; p < piece_end; ++p) {
        auto c = static_cast<unsigned char>(*p);
        size_t esc = kQuoteOrBackslash[c];
        w[0] = '\\';
        w[esc] = static_cast<char>(c);
        w += 1 + esc;
      }
      out->append(buf, static_cast<size_t>(w - buf));
    }
    out->push_back('"');
    return;
  }
  // Control characters: two passes over a table, the escaped length, then
  // the bytes, written into space reserved once.
  size_t extra = 0;
  for (unsigned char c : s) extra += kEscapeLength[c];
  size_t at = out->size();
  out->resize(at + s.size() + extra + 2);
  char* w = out->data() + at;
  *w++ = '"';
  if (extra == 0) {
    std::memcpy(w, s.data(), s.size());
    w += s.size();
  } else {
    for (unsigned char c : s) {
      if (kEscapeLength[c] == 0) {
        *w++ = static_cast<char>(c);
        continue;
      }
      *w++ = '\\';
      switch (c) {
        case '"':
        case '\\':
          *w++ = static_cast<char>(c);
          break;
        case '\b':
          *w++ = 'b';
          break;
        case '\f':
          *w++ = 'f';
          break;
        case '\n':
          *w++ = 'n';
          break;
        case '\r':
          *w++ = 'r';
          break;
        case '\t':
          *w++ = 't';
          break;
        default: {
          static const char kHex[] = "0123456789abcdef";
          *w++ = 'u';
          *w++ = '0';
          *w++ = '0';
          *w++ = kHex[c >> 4];
          *w++ = kHex[c & 15];
        }
      }
    }
  }
  *w++ = '"';
}

void AppendJsonNumber(std::string* out, double v) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  // Whole numbers below 10^15 (amounts, the stated figures' intervals):
  // nlohmann writes their digits and ".0", which to_chars of the integer
  // gives faster (tested on 30 million values). -0.0 keeps its sign below.
  if (v != 0 && std::fabs(v) < 1e15 && v == std::trunc(v)) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf - 2, static_cast<int64_t>(v));
    r.ptr[0] = '.';
    r.ptr[1] = '0';
    out->append(buf, static_cast<size_t>(r.ptr + 2 - buf));
    return;
  }
  // nlohmann's own formatter (the one dump() calls), so that the bytes are
  // the same as a dump of the same value.
  char buf[64];
  char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, static_cast<size_t>(end - buf));
}

void AppendJsonInt(std::string* out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}

void JsonOut::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ > 0) {
    if (!first_[depth_ - 1]) out_->push_back(',');
    first_[depth_ - 1] = false;
  }
}

JsonOut& JsonOut::BeginObject() {
  BeforeValue();
  assert(depth_ < kMaxDepth);
  out_->push_back('{');
  first_[depth_] = true;
#ifndef NDEBUG
  last_key_[depth_].clear();
#endif
  ++depth_;
  return *this;
}

JsonOut& JsonOut::EndObject() {
  assert(depth_ > 0 && !after_key_);
  --depth_;
  out_->push_back('}');
  return *this;
}

JsonOut& JsonOut::BeginArray() {
  BeforeValue();
  assert(depth_ < kMaxDepth);
  out_->push_back('[');
  first_[depth_] = true;
  ++depth_;
  return *this;
}

JsonOut& JsonOut::EndArray() {
  assert(depth_ > 0 && !after_key_);
  --depth_;
  out_->push_back(']');
  return *this;
}

JsonOut& JsonOut::Key(std::string_view key) {
  assert(depth_ > 0 && !after_key_);
#ifndef NDEBUG
  assert(first_[depth_ - 1] || last_key_[depth_ - 1] < key);
  last_key_[depth_ - 1] = std::string(key);
#endif
  if (!first_[depth_ - 1]) out_->push_back(',');
  first_[depth_ - 1] = false;
  AppendJsonString(out_, key);
  out_->push_back(':');
  after_key_ = true;
  return *this;
}

JsonOut& JsonOut::String(std::string_view s) {
  BeforeValue();
  AppendJsonString(out_, s);
  return *this;
}

JsonOut& JsonOut::Number(double v) {
  BeforeValue();
  AppendJsonNumber(out_, v);
  return *this;
}

JsonOut& JsonOut::Int(int64_t v) {
  BeforeValue();
  AppendJsonInt(out_, v);
  return *this;
}

JsonOut& JsonOut::Bool(bool b) {
  BeforeValue();
  out_->append(b ? "true" : "false");
  return *this;
}

JsonOut& JsonOut::Null() {
  BeforeValue();
  out_->append("null");
  return *this;
}

JsonOut& JsonOut::Raw(std::string_view json) {
  BeforeValue();
  out_->append(json);
  return *this;
}

}  // namespace claimledger
