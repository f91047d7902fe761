// The conversion evaluator: a money pair ("550만달러(약 79억원)") must agree
// with the exchange rate of the publication window. Both sides are
// intervals (stated precision, widened by approx_slack when marked
// approximate, opened by bounds); the rate is the [min, max] of the
// window's published days; `tolerance` widens the expected interval. A
// paired range is checked end for end.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/check_internal.h"

namespace claimledger::check_internal {

namespace {

using nlohmann::json;

struct Interval {
  double lo;
  double hi;
};

Interval ClaimInterval(const Claim& c, const Amount& a, double slack) {
  Interval iv{a.lo, a.hi};
  const double inf = std::numeric_limits<double>::infinity();
  switch (c.bound) {
    case Bound::kExact: break;
    case Bound::kApprox:
      iv.lo *= 1 - slack;
      iv.hi *= 1 + slack;
      break;
    case Bound::kAtLeast:
    case Bound::kMoreThan: iv.hi = inf; break;
    case Bound::kAtMost:
    case Bound::kLessThan: iv.lo = 0; break;
  }
  return iv;
}

json Side(const Claim& c, const Amount& a, const Interval& iv) {
  json j;
  j["text"] = c.text;
  j["unit"] = c.unit;
  j["value"] = a.value.ToString();
  j["bound"] = std::string(BoundName(c.bound));
  j["interval"] = {iv.lo, std::isfinite(iv.hi) ? json(iv.hi) : json(nullptr)};
  return j;
}

}  // namespace

void CheckConversion(const Document& doc, const std::vector<Claim>& claims,
                     const Rule& rule, std::vector<Verdict>* out) {
  const auto& p = rule.conversion;
  std::set<Kind> kinds = rule.applies_to;
  if (kinds.empty()) kinds = {Kind::kMoney};
  for (size_t k = 0; k < claims.size(); ++k) {
    const Claim& a = claims[k];
    if (a.pair <= static_cast<int>(k) || !kinds.count(a.kind)) continue;
    const Claim& b = claims[a.pair];
    if (a.kind != Kind::kMoney || b.kind != Kind::kMoney || a.unit == b.unit) {
      continue;
    }
    Verdict v;
    v.rule = &rule;
    v.claims = {static_cast<int>(k), a.pair};
    v.tolerance = p.tolerance;
    json ev;
    ev["from"] = a.unit;
    ev["to"] = b.unit;
    ev["published"] = doc.published.ToString();
    ev["tolerance"] = p.tolerance;
    ev["approx_slack"] = p.approx_slack;
    ev["lag_days"] = p.lag_days;
    ev["rates"] = {{"file", p.rates_spec},
                   {"sha256", p.rates->sha256()},
                   {"format", p.rates->format()}};
    auto window = p.rates->Window(a.unit, b.unit, doc.published, p.lag_days);
    if (!window.ok()) {
      v.status = VerdictStatus::kUnverifiable;
      v.reason = a.text + " -> " + b.text + ": " + window.status().message();
      ev["error"] = window.status().message();
      v.evidence_json = ev.dump();
      out->push_back(std::move(v));
      continue;
    }
    double rmin = std::numeric_limits<double>::infinity(), rmax = 0, sum = 0;
    json rows = json::array();
    for (const auto& o : window->rows) {
      rmin = std::min(rmin, o.rate);
      rmax = std::max(rmax, o.rate);
      sum += o.rate;
      json raw(o.raw);
      rows.push_back({{"date", o.date}, {"rate", o.rate}, {"per_eur_or_usd", raw}});
    }
    double rmean = sum / static_cast<double>(window->rows.size());
    ev["rates"]["window"] = {SerialToDate(window->first), SerialToDate(window->last)};
    ev["rates"]["fell_back"] = window->fell_back;
    ev["rates"]["min"] = rmin;
    ev["rates"]["max"] = rmax;
    ev["rates"]["mean"] = rmean;
    ev["rates"]["rows"] = rows;

    bool all_ok = true;
    double worst = -1;
    json ends = json::array();
    std::string detail;
    const char* names[] = {"low", "high"};
    int n_ends = a.is_range ? 2 : 1;
    for (int e = 0; e < n_ends; ++e) {
      const Amount& aa = e == 0 ? a.low : a.high;
      const Amount& bb = e == 0 ? b.low : b.high;
      Interval ia = ClaimInterval(a, aa, p.approx_slack);
      Interval ib = ClaimInterval(b, bb, p.approx_slack);
      Interval expect{ia.lo * rmin * (1 - p.tolerance),
                      ia.hi * rmax * (1 + p.tolerance)};
      bool ok = expect.lo <= ib.hi && ib.lo <= expect.hi;
      double exp_mid = aa.value.ToDouble() * rmean;
      double obs = bb.value.ToDouble();
      double dev = exp_mid > 0 ? obs / exp_mid - 1 : 0;
      double implied = aa.value.IsZero() ? 0 : obs / aa.value.ToDouble();
      all_ok = all_ok && ok;
      if (std::fabs(dev) > worst) {
        worst = std::fabs(dev);
        v.expected = exp_mid;
        v.observed = obs;
        v.deviation = dev;
      }
      json end;
      end["end"] = a.is_range ? names[e] : "value";
      end["from"] = Side(a, aa, ia);
      end["to"] = Side(b, bb, ib);
      end["expected"] = {{"mid", exp_mid},
                         {"interval", {expect.lo, std::isfinite(expect.hi) ? json(expect.hi) : json(nullptr)}}};
      end["observed"] = obs;
      end["implied_rate"] = implied;
      end["deviation"] = dev;
      end["consistent"] = ok;
      ends.push_back(end);
      char pct[32];
      std::snprintf(pct, sizeof pct, "%+.1f%%", dev * 100);
      if (!detail.empty()) detail += "; ";
      detail += (a.is_range ? std::string(names[e]) + " end " : std::string()) +
                "expected " + FormatNumber(exp_mid) + " " + b.unit + ", stated " +
                FormatNumber(obs) + " (" + pct + ", implied " +
                FormatNumber(implied) + ")";
    }
    ev["ends"] = ends;
    v.has_numbers = true;
    v.status = all_ok ? VerdictStatus::kConsistent : VerdictStatus::kInconsistent;
    char tol[32];
    std::snprintf(tol, sizeof tol, "%g%%", p.tolerance * 100);
    v.reason = a.text + " -> " + b.text + " at " + FormatNumber(rmean) + " " +
               b.unit + "/" + a.unit + " (" + p.rates->format() + " mean " +
               SerialToDate(window->first) + ".." + SerialToDate(window->last) +
               ", range " + FormatNumber(rmin) + "-" + FormatNumber(rmax) + "): " +
               detail + (all_ok ? "; inside" : "; outside") +
               " the expected interval (rate range, stated precision, " + tol +
               " tolerance)";
    v.evidence_json = ev.dump();
    out->push_back(std::move(v));
  }
}

}  // namespace claimledger::check_internal
