// The conversion evaluator for physical units: a pair of quantities stated
// as equivalent ("10 km (6.2 miles)", "84㎡(25평)", "30°C (86°F)") must
// agree under the exact factor between the units (engine/units.h). The
// first claim of the pair is the source: its interval (stated precision,
// approx_slack, bounds) is converted, widened by `tolerance`, and must meet
// the second claim's interval. A paired range is checked end for end.
#include <cmath>

#include "engine/check_internal.h"
#include "engine/units.h"

namespace claimledger::check_internal {

using nlohmann::json;

void CheckUnitConversion(const Document& doc, const std::vector<Claim>& claims,
                         const Rule& rule, std::vector<Verdict>* out) {
  (void)doc;
  if (!rule.applies_to.count(Kind::kQuantity)) return;
  const Slack& s = rule.slack;
  const auto& dims = rule.conversion.dimensions;
  for (size_t k = 0; k < claims.size(); ++k) {
    const Claim& a = claims[k];
    if (a.pair <= static_cast<int>(k) ||
        a.pair >= static_cast<int>(claims.size())) {
      continue;
    }
    const Claim& b = claims[a.pair];
    if (a.kind != Kind::kQuantity || b.kind != Kind::kQuantity ||
        a.unit == b.unit) {
      continue;
    }
    auto from = FindUnit(a.unit);
    auto to = FindUnit(b.unit);
    if (from && !dims.empty() && !dims.count(std::string(from->dimension)))
      continue;
    Verdict v = NewVerdict(rule, {static_cast<int>(k), a.pair});
    json ev;
    ev["from"] = ClaimJson(claims, static_cast<int>(k), s);
    ev["to"] = ClaimJson(claims, a.pair, s);
    ev["tolerance"] = s.tolerance;
    ev["approx_slack"] = s.approx_slack;
    ev["trailing_zeros"] =
        s.trailing_zeros_significant ? "significant" : "rounded";
    std::string problem;
    if (!from || !to) {
      problem = "no exact factor is known for " + (from ? b.unit : a.unit);
    } else if (from->dimension != to->dimension) {
      problem = a.unit + " (" + std::string(from->dimension) + ") and " +
                b.unit + " (" + std::string(to->dimension) +
                ") measure different things";
    } else if (a.is_range != b.is_range) {
      problem =
          "a range paired with a single amount has no end-for-end conversion";
    }
    if (!problem.empty()) {
      v.reason = a.text + " -> " + b.text + ": " + problem;
      ev["error"] = problem;
      v.evidence_json = Dump(ev);
      out->push_back(std::move(v));
      continue;
    }
    ev["factor"] = {{"from", std::string(from->definition)},
                    {"to", std::string(to->definition)},
                    {"dimension", std::string(from->dimension)}};
    bool all_ok = true;
    double worst = -1;
    std::string detail;
    json ends = json::array();
    int n_ends = a.is_range ? 2 : 1;
    for (int e = 0; e < n_ends; ++e) {
      Interval ia = ClaimInterval(a, e, s);
      Interval ib = ClaimInterval(b, e, s);
      // Every unit in the table converts increasingly, so the ends map to
      // the ends.
      Interval expect = Widen(
          {ConvertUnit(ia.lo, *from, *to), ConvertUnit(ia.hi, *from, *to)},
          s.tolerance);
      bool ok = Overlaps(expect, ib);
      double exp_mid = ConvertUnit(End(a, e).value.ToDouble(), *from, *to);
      double obs = End(b, e).value.ToDouble();
      double dev = exp_mid != 0 ? obs / exp_mid - 1 : 0;
      all_ok = all_ok && ok;
      if (std::fabs(dev) > worst) {
        worst = std::fabs(dev);
        v.expected = exp_mid;
        v.observed = obs;
        v.deviation = dev;
      }
      ends.push_back(
          {{"end", n_ends == 2 ? (e == 0 ? "low" : "high") : "value"},
           {"expected", {{"mid", exp_mid}, {"interval", IntervalJson(expect)}}},
           {"observed", obs},
           {"stated_interval", IntervalJson(ib)},
           {"deviation", dev},
           {"consistent", ok}});
      if (!detail.empty()) detail += "; ";
      detail +=
          (n_ends == 2 ? std::string(e == 0 ? "low" : "high") + " end " : "") +
          std::string("expected ") + FormatNumber(exp_mid) + " " + b.unit +
          ", stated " + FormatNumber(obs) + " (" + Percent(dev) + ")";
    }
    ev["ends"] = ends;
    v.has_numbers = true;
    v.status =
        all_ok ? VerdictStatus::kConsistent : VerdictStatus::kInconsistent;
    std::string defs;
    for (const UnitDef* u : {&*from, &*to}) {
      if (u->factor == 1 && u->offset == 0) continue;  // a base unit
      defs += (defs.empty() ? "" : "; ") + std::string(u->definition);
    }
    v.reason = a.text + " -> " + b.text + " (" + defs + "): " + detail +
               (all_ok ? "; inside" : "; outside") +
               " the expected interval (stated precision, " +
               TolerancePercent(s.tolerance) + " tolerance)";
    v.evidence_json = Dump(ev);
    out->push_back(std::move(v));
  }
}

}  // namespace claimledger::check_internal
