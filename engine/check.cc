#include "engine/check.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/check_internal.h"
#include "engine/format.h"

namespace claimledger {

std::string_view VerdictStatusName(VerdictStatus s) {
  switch (s) {
    case VerdictStatus::kConsistent:
      return "consistent";
    case VerdictStatus::kInconsistent:
      return "inconsistent";
    case VerdictStatus::kUnverifiable:
      return "unverifiable";
  }
  return "?";
}

std::optional<VerdictStatus> ParseVerdictStatus(std::string_view s) {
  for (auto v : {VerdictStatus::kConsistent, VerdictStatus::kInconsistent,
                 VerdictStatus::kUnverifiable}) {
    if (VerdictStatusName(v) == s) return v;
  }
  return std::nullopt;
}

std::vector<Verdict> CheckDocument(const Document& doc,
                                   const std::vector<Claim>& claims,
                                   const Rulebook& book) {
  std::vector<Verdict> out;
  check_internal::DocumentSentences sentences(doc);
  for (const Rule* rule : book.AllRules()) {
    switch (rule->kind) {
      case RuleKind::kConversion:
        check_internal::CheckConversion(doc, claims, *rule, &out);
        check_internal::CheckUnitConversion(doc, claims, *rule, &out);
        break;
      case RuleKind::kCrossClaim:
        check_internal::CheckCrossClaim(doc, claims, *rule, &out);
        break;
      case RuleKind::kRange:
        check_internal::CheckRange(doc, claims, *rule, &out);
        break;
      case RuleKind::kReference:
        check_internal::CheckReference(doc, claims, *rule, sentences, &out);
        break;
      case RuleKind::kArithmetic:
        check_internal::CheckArithmetic(doc, claims, *rule, sentences, &out);
        break;
      case RuleKind::kRatio:
        check_internal::CheckRatio(doc, claims, *rule, sentences, &out);
        break;
    }
  }
  return out;
}

std::string FormatNumber(double v, int digits) {
  if (!std::isfinite(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return "0";
  double mag = std::floor(std::log10(std::fabs(v)));
  double unit = std::pow(10.0, mag - digits + 1);
  double rounded = std::round(v / unit) * unit;
  char buf[64];
  int decimals =
      unit < 1 ? static_cast<int>(std::ceil(-std::log10(unit) - 1e-9)) : 0;
  // to_chars with a precision writes what printf("%.*f") writes.
  auto r = std::to_chars(buf, buf + sizeof buf, rounded,
                         std::chars_format::fixed, decimals);
  std::string_view s(buf, static_cast<size_t>(r.ptr - buf));
  // Thousands separators on the integer part, built forwards (GCC 12 warns
  // falsely about std::string::insert here).
  size_t dot = s.find('.');
  size_t int_end = dot == std::string_view::npos ? s.size() : dot;
  size_t start = s[0] == '-' ? 1 : 0;
  std::string out(s.substr(0, start));
  for (size_t i = start; i < int_end; ++i) {
    if (i > start && (int_end - i) % 3 == 0) out.push_back(',');
    out.push_back(s[i]);
  }
  out.append(s.substr(int_end));
  return out;
}

}  // namespace claimledger
