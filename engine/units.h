// Units: the exact conversion factors between physical units that the
// conversion rule checks pairs such as "10 km (6.2 miles)" or "84㎡(25평)"
// against. Every factor is a definition, not a measurement (the
// international mile is 1609.344 m; the pound 0.45359237 kg; the pyeong
// 400/121 m²), so the table is code rather than reference data. Units are
// written as the extractor writes them (docs/claims.md). Immutable;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

struct UnitDef {
  std::string_view unit;       // "km", "mi", "°F", "평"
  std::string_view dimension;  // "length", "mass", "area", "volume", ...
  // value in the dimension's base unit = value * factor + offset
  double factor = 1;
  double offset = 0;
  std::string_view definition;  // for evidence: "1 mi = 1609.344 m"
};

// The unit's definition, or nullopt when the table does not know it.
std::optional<UnitDef> FindUnit(std::string_view unit);

// The dimensions the table knows, sorted ("area", "length", ...).
std::vector<std::string> UnitDimensions();

// Converts v from one unit to another of the same dimension.
// REQUIRES: from.dimension == to.dimension.
double ConvertUnit(double v, const UnitDef& from, const UnitDef& to);

}  // namespace claimledger
