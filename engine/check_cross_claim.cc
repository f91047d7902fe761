// The cross_claim evaluator: within one document, every money pair between
// the same two currencies implies an exchange rate, and the rates must
// agree. The agreed rate is the median of the pairs' implied rates; a pair
// is consistent when that median lies inside its own implied-rate
// interval (stated precision and approx_slack of both amounts), widened by
// `tolerance`. This needs no rate file, so it catches the one conversion
// done at a stale rate among fresh ones even where the rate file has no
// data, and it names the outlier rather than the article.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "engine/check_internal.h"

namespace claimledger::check_internal {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// A verdict's evidence lists every pair of its group up to this many; a
// larger group (a table of conversions) lists the pairs nearest the median
// and the verdict's own, so that evidence grows with the group, not with
// its square.
constexpr size_t kListedPairs = 8;

struct PairRate {
  int a = 0;  // the earlier claim
  int b = 0;
  Interval rate;   // hull over the ends, in the group's direction
  double mid = 0;  // mean over the ends of the written values' ratio
};

double Div(double x, double y) { return y == 0 ? kInf : x / y; }

void Invert(PairRate* p) {
  p->rate = {Div(1, p->rate.hi), Div(1, p->rate.lo)};
  p->mid = Div(1, p->mid);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

void CheckCrossClaim(const Document& doc, const std::vector<Claim>& claims,
                     const Rule& rule, std::vector<Verdict>* out) {
  (void)doc;
  const Slack& s = rule.slack;
  // Keyed by the two currencies in alphabetical order, so the groups (and
  // the verdicts) come out in the same order on every run.
  std::map<std::pair<std::string, std::string>, std::vector<PairRate>> groups;
  for (size_t k = 0; k < claims.size(); ++k) {
    const Claim& a = claims[k];
    if (a.pair <= static_cast<int>(k) ||
        a.pair >= static_cast<int>(claims.size())) {
      continue;
    }
    const Claim& b = claims[a.pair];
    if (a.kind != Kind::kMoney || b.kind != Kind::kMoney || a.unit == b.unit ||
        a.is_range != b.is_range || !rule.applies_to.count(Kind::kMoney)) {
      continue;
    }
    PairRate p;
    p.a = static_cast<int>(k);
    p.b = a.pair;
    p.rate = {kInf, 0};
    int n_ends = a.is_range ? 2 : 1;
    for (int e = 0; e < n_ends; ++e) {
      Interval ia = ClaimInterval(a, e, s), ib = ClaimInterval(b, e, s);
      p.rate.lo = std::min(p.rate.lo, Div(ib.lo, ia.hi));
      p.rate.hi = std::max(p.rate.hi, Div(ib.hi, ia.lo));
      p.mid +=
          Div(End(b, e).value.ToDouble(), End(a, e).value.ToDouble()) / n_ends;
    }
    if (!std::isfinite(p.mid) || p.mid <= 0) continue;
    // Every rate in a group is quoted as units of key.second per key.first.
    bool alphabetical = a.unit < b.unit;
    if (!alphabetical) Invert(&p);
    groups[alphabetical ? std::pair(a.unit, b.unit) : std::pair(b.unit, a.unit)]
        .push_back(p);
  }
  for (auto& [key, pairs] : groups) {
    if (static_cast<int>(pairs.size()) < rule.cross_claim.min_pairs) continue;
    // Quote the rate the way people do, more than one unit per unit:
    // units of `of` per `per`.
    std::string per = key.first, of = key.second;
    std::vector<double> mids;
    for (const auto& p : pairs) mids.push_back(p.mid);
    if (Median(mids) < 1) {
      std::swap(per, of);
      for (auto& p : pairs) Invert(&p);
    }
    mids.clear();
    for (const auto& p : pairs) mids.push_back(p.mid);
    double agreed = Median(mids);
    // Each pair once, as JSON; a verdict lists them all, or in a large
    // group the kListedPairs nearest the median and its own.
    std::vector<std::string> entries(pairs.size());
    for (size_t i = 0; i < pairs.size(); ++i) {
      const PairRate& p = pairs[i];
      JsonOut j(&entries[i]);
      j.BeginObject().Key("claims").BeginArray().Int(p.a).Int(p.b).EndArray();
      j.Field("implied_rate", p.mid)
          .Field("index", static_cast<int64_t>(i))
          .Key("interval");
      WriteInterval(j, p.rate);
      j.Key("texts")
          .BeginArray()
          .String(claims[p.a].text)
          .String(claims[p.b].text)
          .EndArray()
          .EndObject();
    }
    std::vector<bool> listed(pairs.size(), true);
    if (pairs.size() > kListedPairs) {
      std::vector<size_t> order(pairs.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
        return std::fabs(pairs[x].mid - agreed) <
               std::fabs(pairs[y].mid - agreed);
      });
      listed.assign(pairs.size(), false);
      for (size_t k = 0; k < kListedPairs; ++k) listed[order[k]] = true;
    }
    auto write_pairs = [&](JsonOut& j, size_t own) {
      j.BeginArray();
      for (size_t i = 0; i < pairs.size(); ++i) {
        if (listed[i] || i == own) j.Raw(entries[i]);
      }
      j.EndArray();
    };
    for (size_t i = 0; i < pairs.size(); ++i) {
      const PairRate& p = pairs[i];
      const Claim& a = claims[p.a];
      const Claim& b = claims[p.b];
      Verdict v = NewVerdict(rule, {p.a, p.b});
      Interval allowed = Widen(p.rate, s.tolerance);
      bool ok = allowed.lo <= agreed && agreed <= allowed.hi;
      // Expected and observed in b's unit: a converted at the agreed rate.
      double av = a.low.value.ToDouble(), bv = b.low.value.ToDouble();
      if (a.is_range) {  // the end furthest from the agreed rate
        double dl = std::fabs(
            Div(b.low.value.ToDouble(), a.low.value.ToDouble()) - p.mid);
        double dh = std::fabs(
            Div(b.high.value.ToDouble(), a.high.value.ToDouble()) - p.mid);
        if (dh > dl) av = a.high.value.ToDouble(), bv = b.high.value.ToDouble();
      }
      v.expected = a.unit == per ? av * agreed : Div(av, agreed);
      v.observed = bv;
      v.deviation = v.expected > 0 ? v.observed / v.expected - 1 : 0;
      v.has_numbers = true;
      v.status = ok ? VerdictStatus::kConsistent : VerdictStatus::kInconsistent;
      double off = agreed > 0 ? p.mid / agreed - 1 : 0;
      v.reason = a.text + " -> " + b.text + " implies " + FormatNumber(p.mid) +
                 " " + of + "/" + per + "; the document's " +
                 std::to_string(pairs.size()) + " " + per + "-" + of +
                 " pairs agree on " + FormatNumber(agreed) + " (median), " +
                 Percent(off) + (ok ? ": inside" : ": outside") +
                 " its stated precision and " + TolerancePercent(s.tolerance) +
                 " tolerance";
      JsonOut j(&v.evidence_json);
      j.BeginObject().Field("agreed_rate", agreed).Key("allowed_interval");
      WriteInterval(j, allowed);
      j.Field("approx_slack", s.approx_slack)
          .Key("currencies")
          .BeginArray()
          .String(per)
          .String(of)
          .EndArray()
          .Key("implied_interval");
      WriteInterval(j, p.rate);
      j.Field("implied_rate", p.mid)
          .Field("pair_count", static_cast<int64_t>(pairs.size()))
          .Field("pair_index", static_cast<int64_t>(i))
          .Key("pairs");
      write_pairs(j, i);
      j.Field("rate_unit", of + " per " + per)
          .Field("tolerance", s.tolerance)
          .Field("trailing_zeros",
                 s.trailing_zeros_significant ? "significant" : "rounded")
          .EndObject();
      out->push_back(std::move(v));
    }
  }
}

}  // namespace claimledger::check_internal
