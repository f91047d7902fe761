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

// The currencies of a window's rows, in code order (each row's are).
std::vector<std::string_view> RateColumns(
    const std::vector<FxObservation>& rows) {
  std::vector<std::string_view> codes;
  for (const auto& o : rows) {
    for (const auto& cell : o.raw) {
      auto at = std::lower_bound(codes.begin(), codes.end(), cell.first);
      if (at == codes.end() || *at != cell.first) codes.insert(at, cell.first);
    }
  }
  return codes;
}

// The file's rows as it writes them, one array per day: the date, then
// the value of each currency of `codes` (text, as in the file; null where
// the file has none). The currencies are named once, in "columns", instead
// of on every row.
void WriteRateRows(JsonOut& j, const std::vector<FxObservation>& rows,
                   const std::vector<std::string_view>& codes) {
  j.BeginArray();
  for (const auto& o : rows) {
    j.BeginArray().String(o.date);
    size_t k = 0;
    for (auto code : codes) {
      if (k < o.raw.size() && o.raw[k].first == code) {
        j.String(o.raw[k++].second);
      } else {
        j.Null();
      }
    }
    j.EndArray();
  }
  j.EndArray();
}


// {"bound", "interval", "text", "unit", "value"}: one side of an end.
void WriteSide(JsonOut& j, const Claim& c, const Amount& a,
               const Interval& iv) {
  j.BeginObject()
      .Field("bound", BoundName(c.bound))
      .Key("interval");
  WriteInterval(j, iv);
  j.Field("text", c.text)
      .Field("unit", c.unit)
      .Field("value", a.value.ToString())
      .EndObject();
}

// The settings every conversion verdict records after "rates" (keys in
// byte order); approx_slack comes first of all.
void WriteSettingsTail(JsonOut& j, const Claim& b, const Slack& s) {
  j.Field("to", b.unit)
      .Field("tolerance", s.tolerance)
      .Field("trailing_zeros",
             s.trailing_zeros_significant ? "significant" : "rounded");
}

}  // namespace

void CheckConversion(const Document& doc, const std::vector<Claim>& claims,
                     const Rule& rule, std::vector<Verdict>* out) {
  const auto& p = rule.conversion;
  const Slack& s = rule.slack;
  if (!rule.applies_to.count(Kind::kMoney) || !p.rates) return;
  const std::string tolerance = TolerancePercent(s.tolerance);
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
    std::string& ev = v.evidence_json;
    ev.reserve(2048);
    JsonOut j(&ev);
    j.BeginObject();
    if (a.is_range != b.is_range) {
      v.reason =
          a.text + " -> " + b.text +
          ": a range paired with a single amount has no end-for-end conversion";
      j.Field("error", "range paired with a single amount").EndObject();
      out->push_back(std::move(v));
      continue;
    }
    auto window = p.rates->Window(a.unit, b.unit, doc.published, p.lag_days);
    if (!window.ok()) {
      v.reason = a.text + " -> " + b.text + ": " + window.status().message();
      j.Field("approx_slack", s.approx_slack)
          .Field("error", window.status().message())
          .Field("from", a.unit)
          .Field("lag_days", p.lag_days)
          .Field("published", doc.published.ToString())
          .Key("rates")
          .BeginObject()
          .Field("file", p.rates_spec)
          .Field("format", p.rates->format())
          .Field("sha256", p.rates->sha256())
          .EndObject();
      WriteSettingsTail(j, b, s);
      j.EndObject();
      out->push_back(std::move(v));
      continue;
    }
    double rmin = std::numeric_limits<double>::infinity(), rmax = 0, sum = 0;
    for (const auto& o : window->rows) {
      rmin = std::min(rmin, o.rate);
      rmax = std::max(rmax, o.rate);
      sum += o.rate;
    }
    double rmean = sum / static_cast<double>(window->rows.size());
    const std::string first = SerialToDate(window->first);
    const std::string last = SerialToDate(window->last);

    j.Field("approx_slack", s.approx_slack).Key("ends").BeginArray();
    bool all_ok = true;
    double worst = -1;
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
      j.BeginObject()
          .Field("consistent", ok)
          .Field("deviation", dev)
          .Field("end", n_ends == 2 ? names[e] : "value")
          .Key("expected")
          .BeginObject()
          .Key("interval");
      WriteInterval(j, expect);
      j.Field("mid", exp_mid).EndObject().Key("from");
      WriteSide(j, a, aa, ia);
      j.Field("implied_rate", implied).Field("observed", obs).Key("to");
      WriteSide(j, b, bb, ib);
      j.EndObject();
      if (!detail.empty()) detail += "; ";
      if (n_ends == 2) AppendAll(&detail, {names[e], " end "});
      AppendAll(&detail, {"expected ", FormatNumber(exp_mid), " ", b.unit,
                          ", stated ", FormatNumber(obs), " (", Percent(dev),
                          ", implied ", FormatNumber(implied), ")"});
    }
    j.EndArray()
        .Field("from", a.unit)
        .Field("lag_days", p.lag_days)
        .Field("published", doc.published.ToString())
        .Key("rates")
        .BeginObject();
    // The rows give the file's values, units of each currency per one
    // `per`; a row's rate follows from them, and min, max and mean are
    // those rates.
    const auto codes = RateColumns(window->rows);
    j.Key("columns").BeginArray().String("date");
    for (auto code : codes) j.String(code);
    j.EndArray()
        .Field("fell_back", window->fell_back)
        .Field("file", p.rates_spec)
        .Field("format", p.rates->format())
        .Field("max", rmax)
        .Field("mean", rmean)
        .Field("min", rmin)
        .Field("per", p.rates->format() == "ecb" ? "EUR" : "USD")
        .Key("rows");
    WriteRateRows(j, window->rows, codes);
    j.Field("sha256", p.rates->sha256())
        .Key("window")
        .BeginArray()
        .String(first)
        .String(last)
        .EndArray()
        .EndObject();
    WriteSettingsTail(j, b, s);
    j.EndObject();

    v.has_numbers = true;
    v.status =
        all_ok ? VerdictStatus::kConsistent : VerdictStatus::kInconsistent;
    AppendAll(&v.reason,
              {a.text, " -> ", b.text, " at ", FormatNumber(rmean), " ",
               b.unit, "/", a.unit, " (", p.rates->format(), " mean ", first,
               "..", last, ", range ", FormatNumber(rmin), "-",
               FormatNumber(rmax), "): ", detail,
               all_ok ? "; inside" : "; outside",
               " the expected interval (rate range, stated precision, ",
               tolerance, " tolerance)"});
    out->push_back(std::move(v));
  }
}

}  // namespace claimledger::check_internal
