// Claim: one numeric or comparative statement found in a document body,
// as the extractor produces it and the ledger stores it. See
// docs/claims.md for what each field means. Plain value types.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/decimal.h"

namespace claimledger {

enum class Kind {
  kMoney,
  kQuantity,
  kPercent,
  kRatio,
  kMultiple,
  kRank,
  kCount,
  kComparison
};

// 이상/초과 and 이하/미만 stay apart: "at least" includes the number,
// "more than" does not.
enum class Bound { kExact, kApprox, kAtLeast, kMoreThan, kAtMost, kLessThan };

std::string_view KindName(Kind k);
std::string_view BoundName(Bound b);
std::optional<Kind> ParseKind(std::string_view s);
std::optional<Bound> ParseBound(std::string_view s);

// One end of a claim: the exact value written and the interval its stated
// precision stands for ("79억" -> 7.85e9..7.95e9).
struct Amount {
  Decimal value;
  double lo = 0;
  double hi = 0;
};

struct Claim {
  size_t begin = 0;  // byte span in Document::body()
  size_t end = 0;
  std::string text;  // == body().substr(begin, end - begin)
  Kind kind = Kind::kMoney;
  bool is_range = false;
  // For a single value low == high. For a range, the two ends.
  Amount low;
  Amount high;
  std::string unit;
  Bound bound = Bound::kExact;
  int pair = -1;  // index of the paired claim in the same document
  size_t sentence_begin = 0;
  size_t sentence_end = 0;
  // Comparisons only.
  std::string subject;
  std::string relation;
  std::string object;

  bool has_value() const { return kind != Kind::kComparison; }
};

}  // namespace claimledger
