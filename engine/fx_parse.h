// Reading a rate as the rate files write it, shared by the loader
// (fx.cc) and ParseRateText (fx_text.cc); inline, as the loader reads
// some 300,000 of them. Internal to engine/.
#pragma once

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace claimledger::fx_internal {

inline bool IsRate(double v) { return v > 0 && std::isfinite(v); }
// For what from_chars does not take whole (a leading '+' or space). strtod
// reads a NUL-terminated copy, so it stops at an embedded NUL.
[[gnu::noinline]] inline bool ParseRateByStrtod(std::string_view s, double* v) {
  const std::string copy(s);
  char* end = nullptr;
  errno = 0;
  *v = std::strtod(copy.c_str(), &end);
  return *end == '\0' && errno == 0 && IsRate(*v);
}

// Up to 15 digits and one point ("1.0993"): their integer, exact in a double,
// over an exact power of ten rounds as from_chars does. Else false.
inline bool ParsePlainDecimal(std::string_view s, double* v) {
  static constexpr double kTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,
                                    1e6, 1e7, 1e8,  1e9,  1e10, 1e11,
                                    1e12, 1e13, 1e14, 1e15};
  if (s.empty() || s.size() > 16) return false;
  uint64_t m = 0;
  int digits = 0, scale = -1;  // scale: digits after the point
  for (char c : s) {
    if (c == '.' && scale < 0) {
      scale = 0;
    } else if (c >= '0' && c <= '9') {
      m = m * 10 + static_cast<uint64_t>(c - '0');
      ++digits;
      if (scale >= 0) ++scale;
    } else {
      return false;
    }
  }
  if (digits == 0 || digits > 15) return false;
  *v = static_cast<double>(m) / kTen[scale < 0 ? 0 : scale];
  return true;
}

// The plain decimal first, then from_chars: the ECB file has 300,000.
inline bool ParseRate(std::string_view s, double* v) {
  if (s.empty()) return false;
  if (ParsePlainDecimal(s, v)) return IsRate(*v);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  if (ec == std::errc() && ptr == s.data() + s.size()) return IsRate(*v);
  return ParseRateByStrtod(s, v);
}

}  // namespace claimledger::fx_internal
