#include "engine/decimal.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace claimledger {

namespace {

constexpr int kMaxSmallDigits = 19;  // every 19-digit number fits in 64 bits

__extension__ typedef unsigned __int128 u128;  // GCC and Clang

u128 Pow10(int k) {
  u128 p = 1;
  for (int i = 0; i < k; ++i) p *= 10;
  return p;
}

int DigitCount(uint64_t v) {
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

// Digit strings as little-endian vectors of 0..9 aligned at a common exponent.
std::string AddDigits(const std::string& a, const std::string& b) {
  std::string out;
  int carry = 0;
  size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    int da = i < a.size() ? a[a.size() - 1 - i] - '0' : 0;
    int db = i < b.size() ? b[b.size() - 1 - i] - '0' : 0;
    int s = da + db + carry;
    out.push_back(static_cast<char>('0' + s % 10));
    carry = s / 10;
  }
  if (carry) out.push_back(static_cast<char>('0' + carry));
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

void Decimal::StripTrailingZeros() {
  if (mant_ == 0) {
    exp_ = 0;
    return;
  }
  while (mant_ % 10 == 0) {
    mant_ /= 10;
    ++exp_;
  }
}

Decimal Decimal::FromDigits(std::string digits, int exp) {
  Decimal d;
  size_t first = 0;
  while (first < digits.size() && digits[first] == '0') ++first;
  if (first == digits.size()) return d;
  size_t last = digits.size();
  while (last - first > 1 && digits[last - 1] == '0') --last;
  d.exp_ = exp + static_cast<int>(digits.size() - last);
  if (last - first <= kMaxSmallDigits) {
    for (size_t i = first; i < last; ++i) d.mant_ = d.mant_ * 10 + static_cast<uint64_t>(digits[i] - '0');
  } else {
    d.big_ = std::make_unique<std::string>(digits.substr(first, last - first));
  }
  return d;
}

std::string Decimal::digits() const {
  return big_ ? *big_ : std::to_string(mant_);
}

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int frac = 0;
  int count = 0;  // digits
  bool seen_point = false;
  bool seen_comma = false;
  size_t group = 0;  // digits since the last comma
  size_t int_digits = 0;
  uint64_t m = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      ++count;
      if (count <= kMaxSmallDigits) m = m * 10 + static_cast<uint64_t>(c - '0');
      if (seen_point) {
        ++frac;
      } else {
        ++group;
        ++int_digits;
      }
    } else if (c == ',' && !seen_point) {
      // Thousands separators: the first group has 1-3 digits, later ones 3.
      if (int_digits == 0 || (seen_comma ? group != 3 : group > 3)) {
        return std::nullopt;
      }
      seen_comma = true;
      group = 0;
    } else if (c == '.' && !seen_point) {
      if (seen_comma && group != 3) return std::nullopt;
      seen_point = true;
    } else {
      return std::nullopt;
    }
  }
  if (count == 0) return std::nullopt;
  if (!seen_point && seen_comma && group != 3) return std::nullopt;
  if (seen_point && frac == 0) return std::nullopt;
  if (count <= kMaxSmallDigits) {
    Decimal d;
    d.mant_ = m;
    d.exp_ = -frac;
    d.StripTrailingZeros();
    return d;
  }
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return FromDigits(std::move(digits), -frac);
}

Decimal Decimal::FromInt(unsigned long long v) {
  Decimal d;
  d.mant_ = v;
  d.StripTrailingZeros();
  return d;
}

Decimal Decimal::Shift(int k) const {
  if (IsZero()) return *this;
  Decimal d = *this;
  d.exp_ += k;
  return d;
}

Decimal Decimal::Add(const Decimal& other) const {
  int e = std::min(exp_, other.exp_);
  if (!big_ && !other.big_ && exp_ - e <= 18 &&
      other.exp_ - e <= 18) {
    // Each term is below 2^64 x 10^18: the sum fits in 128 bits.
    u128 sum = mant_ * Pow10(exp_ - e) + other.mant_ * Pow10(other.exp_ - e);
    if (sum <= UINT64_MAX) {
      Decimal d;
      d.mant_ = static_cast<uint64_t>(sum);
      d.exp_ = e;
      d.StripTrailingZeros();
      return d;
    }
  }
  std::string a = digits() + std::string(static_cast<size_t>(exp_ - e), '0');
  std::string b = other.digits() + std::string(static_cast<size_t>(other.exp_ - e), '0');
  return FromDigits(AddDigits(a, b), e);
}

Decimal Decimal::Mul(const Decimal& other) const {
  if (!big_ && !other.big_) {
    u128 p = static_cast<u128>(mant_) * other.mant_;
    if (p <= UINT64_MAX) {
      Decimal d;
      d.mant_ = static_cast<uint64_t>(p);
      d.exp_ = exp_ + other.exp_;
      d.StripTrailingZeros();
      return d;
    }
  }
  const std::string a = digits();
  const std::string b = other.digits();
  std::string acc(a.size() + b.size(), 0);
  std::vector<int> cells(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t j = 0; j < b.size(); ++j) {
      cells[i + j + 1] += (a[i] - '0') * (b[j] - '0');
    }
  }
  for (size_t k = cells.size(); k-- > 1;) {
    cells[k - 1] += cells[k] / 10;
    cells[k] %= 10;
  }
  for (size_t k = 0; k < cells.size(); ++k) {
    acc[k] = static_cast<char>('0' + cells[k]);
  }
  return FromDigits(acc, exp_ + other.exp_);
}

bool operator<(const Decimal& a, const Decimal& b) {
  if (a.IsZero() || b.IsZero()) return a.IsZero() && !b.IsZero();
  // Compare magnitudes by the position of the leading digit first.
  long na = a.big_ ? static_cast<long>(a.big_->size()) : DigitCount(a.mant_);
  long nb = b.big_ ? static_cast<long>(b.big_->size()) : DigitCount(b.mant_);
  long la = na + a.exp_;
  long lb = nb + b.exp_;
  if (la != lb) return la < lb;
  if (!a.big_ && !b.big_) {
    // Same leading position: align the digits (the shift is below 19).
    int e = std::min(a.exp_, b.exp_);
    return a.mant_ * Pow10(a.exp_ - e) < b.mant_ * Pow10(b.exp_ - e);
  }
  std::string da = a.digits(), db = b.digits();
  size_t n = std::max(da.size(), db.size());
  da.append(n - da.size(), '0');
  db.append(n - db.size(), '0');
  return da < db;
}

Decimal Decimal::Negate() const {
  Decimal d = *this;
  d.negative_ = !IsZero() && !negative_;
  return d;
}

std::string Decimal::ToString() const {
  if (negative_) {
    Decimal pos = *this;
    pos.negative_ = false;
    return "-" + pos.ToString();
  }
  const std::string d = digits();
  if (exp_ >= 0) return d + std::string(static_cast<size_t>(exp_), '0');
  size_t frac = static_cast<size_t>(-exp_);
  if (d.size() > frac) {
    return d.substr(0, d.size() - frac) + "." + d.substr(d.size() - frac);
  }
  return "0." + std::string(frac - d.size(), '0') + d;
}

double Decimal::ToDouble() const {
  double v;
  if (!big_ && mant_ < (uint64_t{1} << 53) && exp_ >= -22 && exp_ <= 22) {
    // Exact: an integer below 2^53 times an exact power of ten, one rounding.
    static const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    auto m = static_cast<int64_t>(mant_);
    v = exp_ >= 0 ? static_cast<double>(m) * kPow10[exp_]
                  : static_cast<double>(m) / kPow10[-exp_];
  } else {
    v = std::strtod((digits() + "e" + std::to_string(exp_)).c_str(), nullptr);
  }
  return negative_ ? -v : v;
}

int Decimal::LastSignificantExp() const { return exp_; }

}  // namespace claimledger
