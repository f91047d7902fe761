// Decimal: an exact, non-negative decimal number written as digits x 10^exp,
// the form in which claimledger keeps every value a text states. Values are
// stored and exported as canonical strings ("5500000", "0.125"); doubles are
// derived only for interval arithmetic. Immutable value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace claimledger {

class Decimal {
 public:
  Decimal() : digits_("0"), exp_(0) {}

  // Parses "1234", "1,234", "5.5", ".5". Commas must group thousands.
  // Returns nullopt on anything else (signs, exponents, letters).
  static std::optional<Decimal> Parse(std::string_view text);
  static Decimal FromInt(unsigned long long v);

  // Value x 10^k.
  Decimal Shift(int k) const;
  Decimal Add(const Decimal& other) const;
  Decimal Mul(const Decimal& other) const;

  bool IsZero() const { return digits_ == "0"; }
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
  const std::string& digits() const { return digits_; }

  friend bool operator==(const Decimal& a, const Decimal& b) {
    return a.digits_ == b.digits_ && a.exp_ == b.exp_ &&
           a.negative_ == b.negative_;
  }
  friend bool operator<(const Decimal& a, const Decimal& b);

 private:
  Decimal(std::string digits, int exp);
  void Normalize();
  std::string digits_;  // no leading zeros, no trailing zeros (except "0")
  int exp_;
  bool negative_ = false;
};

}  // namespace claimledger
