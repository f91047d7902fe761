#include "engine/units.h"

#include <array>
#include <cassert>
#include <set>

namespace claimledger {
namespace {

// Base units: m, kg, m², L, °C, km/h, W, J. Temperatures are affine, the
// rest linear. Only units with an exact legal or conventional definition.
constexpr std::array<UnitDef, 38> kUnits = {{
    {"m", "length", 1, 0, "base unit"},
    {"km", "length", 1000, 0, "1 km = 1000 m"},
    {"cm", "length", 0.01, 0, "1 cm = 0.01 m"},
    {"mm", "length", 0.001, 0, "1 mm = 0.001 m"},
    {"mi", "length", 1609.344, 0, "1 mi = 1609.344 m (international mile)"},
    {"ft", "length", 0.3048, 0, "1 ft = 0.3048 m (international foot)"},
    {"in", "length", 0.0254, 0, "1 in = 0.0254 m"},
    {"yd", "length", 0.9144, 0, "1 yd = 0.9144 m"},
    {"nmi", "length", 1852, 0, "1 nmi = 1852 m"},
    {"kg", "mass", 1, 0, "base unit"},
    {"g", "mass", 0.001, 0, "1 g = 0.001 kg"},
    {"t", "mass", 1000, 0, "1 t = 1000 kg (metric tonne)"},
    {"lb", "mass", 0.45359237, 0, "1 lb = 0.45359237 kg (international pound)"},
    {"oz", "mass", 0.028349523125, 0, "1 oz = 1/16 lb = 0.028349523125 kg"},
    {"돈", "mass", 0.00375, 0, "1 돈 = 3.75 g"},
    {"m²", "area", 1, 0, "base unit"},
    {"km²", "area", 1e6, 0, "1 km² = 1,000,000 m²"},
    {"ha", "area", 1e4, 0, "1 ha = 10,000 m²"},
    {"평", "area", 400.0 / 121.0, 0, "1 평 = 400/121 m² (3.305785...)"},
    {"acre", "area", 4046.8564224, 0, "1 acre = 4046.8564224 m²"},
    {"ft²", "area", 0.09290304, 0, "1 ft² = 0.09290304 m²"},
    {"L", "volume", 1, 0, "base unit"},
    {"mL", "volume", 0.001, 0, "1 mL = 0.001 L"},
    {"m³", "volume", 1000, 0, "1 m³ = 1000 L"},
    {"gal", "volume", 3.785411784, 0, "1 US gal = 3.785411784 L"},
    {"bbl", "volume", 158.987294928, 0, "1 bbl = 42 US gal = 158.987294928 L"},
    {"°C", "temperature", 1, 0, "base unit"},
    {"°F", "temperature", 5.0 / 9.0, -160.0 / 9.0, "°C = (°F - 32) × 5/9"},
    {"K", "temperature", 1, -273.15, "°C = K - 273.15"},
    {"km/h", "speed", 1, 0, "base unit"},
    {"m/s", "speed", 3.6, 0, "1 m/s = 3.6 km/h"},
    {"mph", "speed", 1.609344, 0, "1 mph = 1.609344 km/h"},
    {"kn", "speed", 1.852, 0, "1 kn = 1.852 km/h"},
    {"W", "power", 1, 0, "base unit"},
    {"kW", "power", 1e3, 0, "1 kW = 1000 W"},
    {"MW", "power", 1e6, 0, "1 MW = 1,000,000 W"},
    {"GW", "power", 1e9, 0, "1 GW = 1,000,000,000 W"},
    {"hp", "power", 745.69987158227022, 0,
     "1 hp = 550 ft·lbf/s = 745.6998... W"},
}};

}  // namespace

std::optional<UnitDef> FindUnit(std::string_view unit) {
  for (const auto& u : kUnits) {
    if (u.unit == unit) return u;
  }
  return std::nullopt;
}

std::vector<std::string> UnitDimensions() {
  std::set<std::string> s;
  for (const auto& u : kUnits) s.insert(std::string(u.dimension));
  return {s.begin(), s.end()};
}

double ConvertUnit(double v, const UnitDef& from, const UnitDef& to) {
  assert(from.dimension == to.dimension);
  double base = v * from.factor + from.offset;
  return (base - to.offset) / to.factor;
}

}  // namespace claimledger
