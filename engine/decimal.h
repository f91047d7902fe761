// Decimal: an exact, non-negative decimal number written as digits x 10^exp,
// the form in which claimledger keeps every value a text states. Values are
// stored and exported as canonical strings ("5500000", "0.125"); doubles are
// derived only for interval arithmetic. Immutable value type.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace claimledger {

class Decimal {
 public:
  Decimal() = default;
  Decimal(const Decimal& o)
      : mant_(o.mant_), exp_(o.exp_), negative_(o.negative_),
        big_(o.big_ ? std::make_unique<std::string>(*o.big_) : nullptr) {}
  Decimal(Decimal&&) noexcept = default;
  Decimal& operator=(const Decimal& o) {
    mant_ = o.mant_;
    exp_ = o.exp_;
    negative_ = o.negative_;
    if (o.big_ || big_) big_ = o.big_ ? std::make_unique<std::string>(*o.big_) : nullptr;
    return *this;
  }
  Decimal& operator=(Decimal&&) noexcept = default;

  // Parses "1234", "1,234", "5.5", ".5". Commas must group thousands.
  // Returns nullopt on anything else (signs, exponents, letters).
  static std::optional<Decimal> Parse(std::string_view text);
  static Decimal FromInt(unsigned long long v);

  // Value x 10^k.
  Decimal Shift(int k) const;
  Decimal Add(const Decimal& other) const;
  Decimal Mul(const Decimal& other) const;

  bool IsZero() const { return !big_ && mant_ == 0; }
  bool negative() const { return negative_; }
  // The same magnitude below zero ("-12" for -12°C). Arithmetic (Add, Mul,
  // <) is defined for non-negative values only.
  Decimal Negate() const;
  // Canonical plain string: no exponent, no leading zeros, no trailing
  // fractional zeros ("5500000", "0.125", "1.5").
  std::string ToString() const;
  double ToDouble() const;
  // The exponent of the last non-zero digit (79e8 -> 8; 1400e8 -> 10).
  int LastSignificantExp() const;
  int exp() const { return exp_; }
  // The significant digits ("79" for 79e8; "0" for zero).
  std::string digits() const;

  friend bool operator==(const Decimal& a, const Decimal& b) {
    return a.mant_ == b.mant_ && a.exp_ == b.exp_ && a.negative_ == b.negative_ &&
           (a.big_ ? b.big_ && *a.big_ == *b.big_ : !b.big_);
  }
  friend bool operator<(const Decimal& a, const Decimal& b);

 private:
  // From a digit string of any length: strips leading and trailing zeros
  // and keeps it in mant_ when it fits.
  static Decimal FromDigits(std::string digits, int exp);
  void StripTrailingZeros();

  // The value is mant_ x 10^exp_ while big_ is null (most values: up to
  // 19 significant digits; copies are three words, no allocation);
  // otherwise *big_ holds the significant digits and mant_ is 0. Either
  // way there are no trailing zeros in the digits (zero is mant_ 0, exp_ 0).
  uint64_t mant_ = 0;
  int exp_ = 0;
  bool negative_ = false;
  std::unique_ptr<std::string> big_;
};

}  // namespace claimledger
