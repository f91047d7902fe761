// The range evaluator. A range ("1억~10억달러") must run upwards (low <
// high); both ends must be in one unit (two amounts in different units
// joined by a range separator, "1억원~10억달러", are a range whose unit
// changed half way); and a range paired with a conversion ("1억~10억달러(약
// 1400억~1조4000억원)") must convert both ends at one factor: the factor
// implied by the low ends and the one implied by the high ends, each an
// interval from stated precision, must meet after `tolerance`. This needs
// no rate file; the conversion rule checks the factor itself.
#include <cmath>
#include <limits>

#include "engine/check_internal.h"
#include "engine/units.h"

namespace claimledger::check_internal {

namespace {

using nlohmann::json;

constexpr double kInf = std::numeric_limits<double>::infinity();

double Div(double x, double y) { return y == 0 ? kInf : x / y; }

struct Finding {
  bool ok = true;
  std::string text;
};

Finding Order(const Claim& c) {
  double lo = c.low.value.ToDouble(), hi = c.high.value.ToDouble();
  if (lo < hi) return {true, c.text + " runs upwards"};
  return {false, c.text + " runs " +
                     (lo == hi ? "from a number to itself" : "downwards") +
                     " (" + FormatNumber(lo) + " to " + FormatNumber(hi) + ")"};
}

// A range written after a from-word is a change ("from $130 million to
// $100 million"), which may run either way.
bool IsChange(const Document& doc, const Claim& c, const Rule& rule) {
  return WordBefore(doc.body(), c.begin, c.sentence_begin,
                    rule.range.from_words);
}

}  // namespace

void CheckRange(const Document& doc, const std::vector<Claim>& claims,
                const Rule& rule, std::vector<Verdict>* out) {
  const Slack& s = rule.slack;
  std::string_view body = doc.body();
  for (size_t k = 0; k < claims.size(); ++k) {
    const Claim& a = claims[k];
    if (!rule.applies_to.count(a.kind)) continue;
    // Two single amounts in different units joined by a separator.
    if (!a.is_range && k + 1 < claims.size()) {
      const Claim& b = claims[k + 1];
      if (!b.is_range && b.kind == a.kind && b.unit != a.unit &&
          b.begin >= a.end && b.sentence_begin == a.sentence_begin &&
          static_cast<int>(k + 1) != a.pair) {
        std::string_view between = body.substr(a.end, b.begin - a.end);
        while (!between.empty() && between.front() == ' ')
          between.remove_prefix(1);
        while (!between.empty() && between.back() == ' ')
          between.remove_suffix(1);
        bool joined = false;
        for (const auto& sep : rule.range.separators)
          joined = joined || between == sep;
        if (joined) {
          Verdict v =
              NewVerdict(rule, {static_cast<int>(k), static_cast<int>(k + 1)});
          v.status = VerdictStatus::kInconsistent;
          v.reason = a.text + std::string(between) + b.text +
                     ": a range whose ends are in " + "different units (" +
                     a.unit + ", " + b.unit + ")";
          json ev = {{"checks",
                      {{{"check", "one_unit"},
                        {"consistent", false},
                        {"units", {a.unit, b.unit}},
                        {"separator", std::string(between)}}}},
                     {"low", ClaimJson(claims, static_cast<int>(k), s)},
                     {"high", ClaimJson(claims, static_cast<int>(k + 1), s)}};
          v.evidence_json = Dump(ev);
          out->push_back(std::move(v));
          continue;
        }
      }
    }
    if (!a.is_range || IsPairSecond(claims, k)) continue;
    bool paired = a.pair > static_cast<int>(k) &&
                  a.pair < static_cast<int>(claims.size());
    std::vector<int> ids = {static_cast<int>(k)};
    if (paired) ids.push_back(a.pair);
    Verdict v = NewVerdict(rule, ids);
    std::vector<Finding> found;
    json checks = json::array();
    for (int id : ids) {
      const Claim& c = claims[id];
      if (!c.is_range) continue;
      if (IsChange(doc, c, rule)) {
        checks.push_back({{"check", "order"},
                          {"claim", id},
                          {"skipped", "a change, not a range"}});
        continue;
      }
      Finding f = Order(c);
      checks.push_back(
          {{"check", "order"}, {"claim", id}, {"consistent", f.ok}});
      found.push_back(f);
    }
    if (paired) {
      const Claim& b = claims[a.pair];
      auto ua = FindUnit(a.unit), ub = FindUnit(b.unit);
      bool affine = (ua && ua->offset != 0) || (ub && ub->offset != 0);
      if (!b.is_range) {
        found.push_back({false, a.text + " is paired with the single amount " +
                                    b.text + ": only one end is converted"});
        checks.push_back({{"check", "ends_convert"},
                          {"consistent", false},
                          {"partner", "single amount"}});
      } else if (affine) {
        checks.push_back({{"check", "ends_convert"},
                          {"skipped",
                           "temperatures convert with an offset; the "
                           "conversion rule checks each end"}});
      } else {
        Interval f[2];
        double mid[2];
        for (int e = 0; e < 2; ++e) {
          Interval ia = ClaimInterval(a, e, s), ib = ClaimInterval(b, e, s);
          f[e] = {Div(ib.lo, ia.hi), Div(ib.hi, ia.lo)};
          mid[e] = Div(End(b, e).value.ToDouble(), End(a, e).value.ToDouble());
        }
        bool ok = Overlaps(Widen(f[0], s.tolerance), Widen(f[1], s.tolerance));
        found.push_back({ok, "the low ends convert at " + FormatNumber(mid[0]) +
                                 " and the high ends at " +
                                 FormatNumber(mid[1]) + " " + b.unit + "/" +
                                 a.unit + (ok ? "" : ", not one factor")});
        checks.push_back({{"check", "ends_convert"},
                          {"consistent", ok},
                          {"low_factor", mid[0]},
                          {"high_factor", mid[1]},
                          {"low_interval", IntervalJson(f[0])},
                          {"high_interval", IntervalJson(f[1])}});
        v.expected = End(a, 1).value.ToDouble() * mid[0];
        v.observed = End(b, 1).value.ToDouble();
        v.deviation = v.expected > 0 ? v.observed / v.expected - 1 : 0;
        v.has_numbers = std::isfinite(v.expected);
      }
    }
    if (found.empty()) continue;  // nothing left to check (a change)
    bool all_ok = true;
    std::string detail;
    for (const auto& f : found) {
      all_ok = all_ok && f.ok;
      detail += (detail.empty() ? "" : "; ") + f.text;
    }
    v.status =
        all_ok ? VerdictStatus::kConsistent : VerdictStatus::kInconsistent;
    v.reason = detail + (v.has_numbers
                             ? " (stated precision, " +
                                   TolerancePercent(s.tolerance) + " tolerance)"
                             : "");
    json ev = {{"checks", checks},
               {"tolerance", s.tolerance}};
    json cl = json::array();
    for (int id : ids) cl.push_back(ClaimJson(claims, id, s));
    ev["claims"] = cl;
    v.evidence_json = Dump(ev);
    out->push_back(std::move(v));
  }
}

}  // namespace claimledger::check_internal
