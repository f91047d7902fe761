#include "engine/claim.h"

#include <array>

namespace claimledger {
namespace {

constexpr std::array<std::string_view, 8> kKindNames = {
    "money", "quantity", "percent", "ratio",
    "multiple", "rank", "count", "comparison"};
constexpr std::array<std::string_view, 6> kBoundNames = {
    "exact", "approx", "at_least", "more_than", "at_most", "less_than"};

}  // namespace

std::string_view KindName(Kind k) { return kKindNames[static_cast<int>(k)]; }
std::string_view BoundName(Bound b) {
  return kBoundNames[static_cast<int>(b)];
}

std::optional<Kind> ParseKind(std::string_view s) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == s) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

std::optional<Bound> ParseBound(std::string_view s) {
  for (size_t i = 0; i < kBoundNames.size(); ++i) {
    if (kBoundNames[i] == s) return static_cast<Bound>(i);
  }
  return std::nullopt;
}

}  // namespace claimledger
