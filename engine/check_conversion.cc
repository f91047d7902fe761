// The conversion evaluator for money: a pair ("550만달러(약 79억원)") must
// agree with the exchange rate of the publication window. Both sides are
// intervals (stated precision, widened by approx_slack when marked
// approximate, opened by bounds); the rate is the [min, max] of the
// window's published days; `tolerance` widens the expected interval. A
// paired range is checked end for end.
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/check_internal.h"

namespace claimledger::check_internal {

namespace {

using nlohmann::json;

json Side(const Claim& c, const Amount& a, const Interval& iv) {
  json j;
  j["text"] = c.text;
  j["unit"] = c.unit;
  j["value"] = a.value.ToString();
  j["bound"] = std::string(BoundName(c.bound));
  j["interval"] = IntervalJson(iv);
  return j;
}

}  // namespace

void CheckConversion(const Document& doc, const std::vector<Claim>& claims,
                     const Rule& rule, std::vector<Verdict>* out) {
  const auto& p = rule.conversion;
  const Slack& s = rule.slack;
  if (!rule.applies_to.count(Kind::kMoney) || !p.rates) return;
  for (size_t k = 0; k < claims.size(); ++k) {
    const Claim& a = claims[k];
    if (a.pair <= static_cast<int>(k) ||
        a.pair >= static_cast<int>(claims.size())) {
      continue;
    }
    const Claim& b = claims[a.pair];
    if (a.kind != Kind::kMoney || b.kind != Kind::kMoney || a.unit == b.unit) {
      continue;
    }
    Verdict v = NewVerdict(rule, {static_cast<int>(k), a.pair});
    json ev;
    ev["rule"] = RuleJson(rule);
    if (a.is_range != b.is_range) {
      v.reason =
          a.text + " -> " + b.text +
          ": a range paired with a single amount has no end-for-end conversion";
      ev["error"] = "range paired with a single amount";
      v.evidence_json = Dump(ev);
      out->push_back(std::move(v));
      continue;
    }
    ev["from"] = a.unit;
    ev["to"] = b.unit;
    ev["published"] = doc.published.ToString();
    ev["tolerance"] = s.tolerance;
    ev["approx_slack"] = s.approx_slack;
    ev["trailing_zeros"] =
        s.trailing_zeros_significant ? "significant" : "rounded";
    ev["lag_days"] = p.lag_days;
    ev["rates"] = {{"file", p.rates_spec},
                   {"sha256", p.rates->sha256()},
                   {"format", p.rates->format()}};
    auto window = p.rates->Window(a.unit, b.unit, doc.published, p.lag_days);
    if (!window.ok()) {
      v.reason = a.text + " -> " + b.text + ": " + window.status().message();
      ev["error"] = window.status().message();
      v.evidence_json = Dump(ev);
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
      rows.push_back(
          {{"date", o.date}, {"rate", o.rate}, {"per_eur_or_usd", raw}});
    }
    double rmean = sum / static_cast<double>(window->rows.size());
    ev["rates"]["window"] = {SerialToDate(window->first),
                             SerialToDate(window->last)};
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
      const Amount& aa = End(a, e);
      const Amount& bb = End(b, e);
      Interval ia = ClaimInterval(a, e, s);
      Interval ib = ClaimInterval(b, e, s);
      Interval expect = Widen({ia.lo * rmin, ia.hi * rmax}, s.tolerance);
      bool ok = Overlaps(expect, ib);
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
      end["end"] = n_ends == 2 ? names[e] : "value";
      end["from"] = Side(a, aa, ia);
      end["to"] = Side(b, bb, ib);
      end["expected"] = {{"mid", exp_mid}, {"interval", IntervalJson(expect)}};
      end["observed"] = obs;
      end["implied_rate"] = implied;
      end["deviation"] = dev;
      end["consistent"] = ok;
      ends.push_back(end);
      if (!detail.empty()) detail += "; ";
      detail +=
          (n_ends == 2 ? std::string(names[e]) + " end " : std::string()) +
          "expected " + FormatNumber(exp_mid) + " " + b.unit + ", stated " +
          FormatNumber(obs) + " (" + Percent(dev) + ", implied " +
          FormatNumber(implied) + ")";
    }
    ev["ends"] = ends;
    v.has_numbers = true;
    v.status =
        all_ok ? VerdictStatus::kConsistent : VerdictStatus::kInconsistent;
    v.reason = a.text + " -> " + b.text + " at " + FormatNumber(rmean) + " " +
               b.unit + "/" + a.unit + " (" + p.rates->format() + " mean " +
               SerialToDate(window->first) + ".." + SerialToDate(window->last) +
               ", range " + FormatNumber(rmin) + "-" + FormatNumber(rmax) +
               "): " + detail + (all_ok ? "; inside" : "; outside") +
               " the expected interval (rate range, stated precision, " +
               TolerancePercent(s.tolerance) + " tolerance)";
    v.evidence_json = Dump(ev);
    out->push_back(std::move(v));
  }
}

}  // namespace claimledger::check_internal
