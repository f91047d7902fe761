#include "engine/decimal.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace claimledger {

Decimal::Decimal(std::string digits, int exp)
    : digits_(std::move(digits)), exp_(exp) {
  Normalize();
}

void Decimal::Normalize() {
  size_t first = digits_.find_first_not_of('0');
  if (first == std::string::npos) {
    digits_ = "0";
    exp_ = 0;
    return;
  }
  digits_.erase(0, first);
  while (digits_.size() > 1 && digits_.back() == '0') {
    digits_.pop_back();
    ++exp_;
  }
}

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::string digits;
  int frac = 0;
  bool seen_point = false;
  bool seen_comma = false;
  size_t group = 0;  // digits since the last comma
  size_t int_digits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
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
  if (digits.empty()) return std::nullopt;
  if (!seen_point && seen_comma && group != 3) return std::nullopt;
  if (seen_point && frac == 0) return std::nullopt;
  return Decimal(std::move(digits), -frac);
}

Decimal Decimal::FromInt(unsigned long long v) {
  return Decimal(std::to_string(v), 0);
}

Decimal Decimal::Shift(int k) const {
  if (IsZero()) return *this;
  return Decimal(digits_, exp_ + k);
}

namespace {

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

Decimal Decimal::Add(const Decimal& other) const {
  int e = std::min(exp_, other.exp_);
  std::string a = digits_ + std::string(exp_ - e, '0');
  std::string b = other.digits_ + std::string(other.exp_ - e, '0');
  return Decimal(AddDigits(a, b), e);
}

Decimal Decimal::Mul(const Decimal& other) const {
  const std::string& a = digits_;
  const std::string& b = other.digits_;
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
  return Decimal(acc, exp_ + other.exp_);
}

bool operator<(const Decimal& a, const Decimal& b) {
  if (a.IsZero() || b.IsZero()) return a.IsZero() && !b.IsZero();
  // Compare magnitudes by the position of the leading digit first.
  long la = static_cast<long>(a.digits_.size()) + a.exp_;
  long lb = static_cast<long>(b.digits_.size()) + b.exp_;
  if (la != lb) return la < lb;
  size_t n = std::max(a.digits_.size(), b.digits_.size());
  std::string da = a.digits_ + std::string(n - a.digits_.size(), '0');
  std::string db = b.digits_ + std::string(n - b.digits_.size(), '0');
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
  if (exp_ >= 0) return digits_ + std::string(exp_, '0');
  size_t frac = static_cast<size_t>(-exp_);
  if (digits_.size() > frac) {
    return digits_.substr(0, digits_.size() - frac) + "." +
           digits_.substr(digits_.size() - frac);
  }
  return "0." + std::string(frac - digits_.size(), '0') + digits_;
}

double Decimal::ToDouble() const {
  double v;
  if (digits_.size() <= 15 && exp_ >= -22 && exp_ <= 22) {
    // Exact: an integer below 2^53 times an exact power of ten, one rounding.
    static const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    int64_t m = 0;
    for (char c : digits_) m = m * 10 + (c - '0');
    v = exp_ >= 0 ? static_cast<double>(m) * kPow10[exp_]
                  : static_cast<double>(m) / kPow10[-exp_];
  } else {
    v = std::strtod((digits_ + "e" + std::to_string(exp_)).c_str(), nullptr);
  }
  return negative_ ? -v : v;
}

int Decimal::LastSignificantExp() const { return exp_; }

}  // namespace claimledger
