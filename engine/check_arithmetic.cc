// The arithmetic evaluator: three checks within one sentence, each found
// by words the rule lists (rules/arithmetic.yaml), since the extractor
// does not yet say how the numbers of a sentence relate.
// - change: a base, a result and a stated change ("100억원에서 130억원으로
//   30% 늘었다", "from $100 million to $130 million, up 30%"). The base is
//   the amount a from-word is written before ("from") or a from-suffix
//   after ("에서", "보다"); without one the sentence is not read as a
//   change. Bounded amounts ("under 40%") are neither base nor result. A change
//   in % is result/base - 1; in %p (pp) it is result - base. The sign comes
//   from the increase or decrease word.
// - shares: the percents of a sentence with a share word are shares of
//   one whole; their sum cannot pass 100%.
// - parts: a total (marked by a total word before it, "총", or a
//   part-of word after it, "중") and two or more amounts in its unit are
//   its parts; they add up to it (or at most to it, parts_sum: at_most).
// Every number is an interval (stated precision, approx_slack, bounds);
// `tolerance` widens the computed side.
#include <cmath>
#include <cstdio>
#include <limits>

#include "engine/check_internal.h"

namespace claimledger::check_internal {

namespace {

using nlohmann::json;

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Context {
  const Document& doc;
  const std::vector<Claim>& claims;
  const Rule& rule;
  std::vector<Verdict>* out;
  std::string_view sentence;
  size_t begin = 0;      // of the sentence in the body
  std::vector<int> ids;  // the sentence's claims
  const SentenceWords* words = nullptr;  // the sentence, for word lists
};

bool Amount(const Context& x, int i) {
  const Claim& c = x.claims[i];
  return x.rule.applies_to.count(c.kind) && c.has_value() &&
         c.kind != Kind::kRatio && c.kind != Kind::kMultiple &&
         c.kind != Kind::kRank && !IsPairSecond(x.claims, i);
}

std::string Sum(const Context& x, const std::vector<int>& ids) {
  std::string s;
  for (int i : ids) s += (s.empty() ? "" : " + ") + x.claims[i].text;
  return s;
}

void Emit(const Context& x, std::vector<int> ids, bool ok, double expected,
          double observed, std::string reason, json ev) {
  Verdict v = NewVerdict(x.rule, std::move(ids));
  v.status = ok ? VerdictStatus::kConsistent : VerdictStatus::kInconsistent;
  v.expected = expected;
  v.observed = observed;
  v.deviation = expected != 0 ? observed / expected - 1 : 0;
  v.has_numbers = std::isfinite(expected) && std::isfinite(observed);
  v.reason = std::move(reason);
  ev["tolerance"] = x.rule.slack.tolerance;
  ev["approx_slack"] = x.rule.slack.approx_slack;
  ev["trailing_zeros"] =
      x.rule.slack.trailing_zeros_significant ? "significant" : "rounded";
  json cl = json::array();
  for (int i : v.claims) cl.push_back(ClaimJson(x.claims, i, x.rule.slack));
  ev["claims"] = cl;
  v.evidence_json = Dump(ev);
  x.out->push_back(std::move(v));
}

bool MarkedBase(const Context& x, int i) {
  const auto& p = x.rule.arithmetic;
  const Claim& c = x.claims[i];
  return WordBefore(x.doc.body(), c.begin, x.begin, p.from_words) ||
         WordAfter(x.doc.body(), c.end, x.begin + x.sentence.size(),
                   p.from_suffixes);
}

void CheckChange(const Context& x) {
  const auto& p = x.rule.arithmetic;
  auto inc = x.words->FindAny(p.increase_words);
  auto dec = x.words->FindAny(p.decrease_words);
  if (!inc && !dec) return;
  const Slack& s = x.rule.slack;
  // The stated change: the last percent of the sentence with a base and a
  // result beside it.
  for (auto it = x.ids.rbegin(); it != x.ids.rend(); ++it) {
    int pc = *it;
    const Claim& change = x.claims[pc];
    if (change.kind != Kind::kPercent || change.is_range) continue;
    int base = -1, result = -1, range = -1;
    std::vector<int> singles;
    for (int i : x.ids) {
      if (i == pc || !Amount(x, i)) continue;
      const Claim& c = x.claims[i];
      // "under 40%", "more than 2,000": a bound is another statistic, not
      // the base or result of this change.
      if (c.bound != Bound::kExact && c.bound != Bound::kApprox) continue;
      if (c.is_range && MarkedBase(x, i)) range = i;
      if (!c.is_range) singles.push_back(i);
    }
    std::vector<int> same;
    if (range < 0) {
      for (int i : singles) {
        const Claim& c = x.claims[i];
        int matches = 0;
        for (int j : singles)
          matches += x.claims[j].kind == c.kind && x.claims[j].unit == c.unit;
        if (matches == 2) same.push_back(i);
      }
      if (same.size() != 2) continue;
      // Two amounts alone do not make a change ("2,138 people ..., up 17%,
      // and 21 people died"); one must be marked as the base.
      bool first = MarkedBase(x, same[0]), second = MarkedBase(x, same[1]);
      if (first == second) continue;
      base = first ? same[0] : same[1];
      result = first ? same[1] : same[0];
    }
    const Claim& rb = x.claims[range >= 0 ? range : base];
    const Claim& rr = x.claims[range >= 0 ? range : result];
    int eb = 0, er = range >= 0 ? 1 : 0;
    bool points = change.unit == "pp";
    if (points && rb.unit != "%") continue;
    Interval b = ClaimInterval(rb, eb, s), r = ClaimInterval(rr, er, s);
    double bv = End(rb, eb).value.ToDouble(), rv = End(rr, er).value.ToDouble();
    Interval computed;
    double computed_mid;
    if (points) {
      computed = {r.lo - b.hi, r.hi - b.lo};
      computed_mid = rv - bv;
    } else {
      if (!(b.lo > 0) || !(bv > 0)) return;
      computed = {(r.lo / b.hi - 1) * 100,
                  (b.lo > 0 ? r.hi / b.lo - 1 : kInf) * 100};
      computed_mid = (rv / bv - 1) * 100;
    }
    computed = Widen(computed, s.tolerance);
    Interval st = ClaimInterval(change, 0, s);
    double sv = change.low.value.ToDouble();
    int sign = 0;  // from the words; a negative number carries its own
    if (sv >= 0 && inc && !dec) sign = 1;
    if (sv >= 0 && dec && !inc) sign = -1;
    Interval down{-st.hi, -st.lo};
    // A negative number (-20%) is compared as written; otherwise the word
    // decides the sign, and without one either sign may pass.
    bool ok = sign < 0 ? Overlaps(computed, down)
              : sign > 0 || sv < 0
                  ? Overlaps(computed, st)
                  : Overlaps(computed, st) || Overlaps(computed, down);
    double stated_signed = sign < 0 ? -sv : sv;
    if (sign == 0 && computed_mid < 0 && sv > 0) stated_signed = -sv;
    std::vector<int> ids = {pc};
    if (range >= 0)
      ids.push_back(range);
    else
      ids.insert(ids.end(), {base, result});
    std::string unit = points ? "%p" : "%";
    std::string reason =
        "from " + Compact(bv) + " to " + Compact(rv) + " " + rb.unit + " is " +
        (computed_mid >= 0 ? "+" : "") + Compact(computed_mid) + unit +
        "; stated " + (stated_signed >= 0 ? "+" : "") + Compact(stated_signed) +
        unit + " (" + change.text + ")";
    json ev = {{"check", "change"},
               {"base", bv},
               {"result", rv},
               {"computed", computed_mid},
               {"computed_interval", IntervalJson(computed)},
               {"stated", stated_signed},
               {"direction", sign > 0   ? "increase"
                             : sign < 0 ? "decrease"
                                        : "unknown"},
               {"direction_word", inc && !dec   ? inc->word
                                  : dec && !inc ? dec->word
                                                : ""}};
    if (!ok && !points && rb.unit == "%") {
      // "from 30% to 35%, up 5%": the points were written as a percent.
      double diff = rv - bv;
      if (Overlaps(Widen(Interval{r.lo - b.hi, r.hi - b.lo}, s.tolerance),
                   sign < 0 ? down : st)) {
        reason += "; the difference is " + Compact(diff) +
                  " percentage points, written as %";
        ev["points_written_as_percent"] = true;
      }
    }
    reason += ok ? ": inside" : ": outside";
    reason +=
        " stated precision and " + TolerancePercent(s.tolerance) + " tolerance";
    Emit(x, ids, ok, computed_mid, stated_signed, reason, ev);
    return;
  }
}

void CheckShares(const Context& x) {
  if (!x.words->FindAny(x.rule.arithmetic.share_words)) return;
  std::vector<int> shares;
  double lo = 0, mid = 0;
  for (int i : x.ids) {
    const Claim& c = x.claims[i];
    if (c.kind != Kind::kPercent || c.unit != "%" || !Amount(x, i)) continue;
    shares.push_back(i);
    lo += ClaimInterval(c, 0, x.rule.slack).lo;
    mid += c.low.value.ToDouble();
  }
  if (shares.empty() || (shares.size() == 1 && mid <= 100)) return;
  double limit = 100 * (1 + x.rule.slack.tolerance);
  bool ok = lo <= limit;
  std::string reason =
      "shares " + Sum(x, shares) + " of one whole add up to " + Compact(mid) +
      "%" +
      (ok ? ": at most 100%"
          : " (at least " + Compact(lo) + "% at stated precision): over 100%") +
      " (" + TolerancePercent(x.rule.slack.tolerance) + " tolerance)";
  json ev = {
      {"check", "shares"},
      {"sum", mid},
      {"sum_low", lo},
      {"limit", limit},
      {"share_word", x.words->FindAny(x.rule.arithmetic.share_words)->word}};
  Emit(x, shares, ok, 100, mid, reason, ev);
}

void CheckParts(const Context& x) {
  const auto& p = x.rule.arithmetic;
  const Slack& s = x.rule.slack;
  for (int t : x.ids) {
    const Claim& total = x.claims[t];
    if (!Amount(x, t) || total.is_range || total.kind == Kind::kPercent)
      continue;
    bool marked =
        WordBefore(x.doc.body(), total.begin, x.begin, p.total_words) ||
        WordAfter(x.doc.body(), total.end, x.begin + x.sentence.size(),
                  p.part_of_words);
    if (!marked) continue;
    std::vector<int> parts;
    for (int i : x.ids) {
      const Claim& c = x.claims[i];
      if (i != t && Amount(x, i) && !c.is_range && c.kind == total.kind &&
          c.unit == total.unit) {
        parts.push_back(i);
      }
    }
    if (parts.size() < 2) continue;
    Interval sum{0, 0};
    double mid = 0;
    for (int i : parts) {
      Interval iv = ClaimInterval(x.claims[i], 0, s);
      sum.lo += iv.lo;
      sum.hi += iv.hi;
      mid += x.claims[i].low.value.ToDouble();
    }
    Interval tv = ClaimInterval(total, 0, s);
    Interval allowed = Widen(sum, s.tolerance);
    bool ok = p.parts_must_equal ? Overlaps(allowed, tv) : allowed.lo <= tv.hi;
    double tvalue = total.low.value.ToDouble();
    std::vector<int> ids = {t};
    ids.insert(ids.end(), parts.begin(), parts.end());
    std::string reason =
        "parts " + Sum(x, parts) + " add up to " + FormatNumber(mid) + " " +
        total.unit + "; the total " + total.text + " is " +
        FormatNumber(tvalue) + (ok ? ": consistent" : ": inconsistent") +
        (p.parts_must_equal ? " (parts must add up to the total"
                            : " (parts may not exceed the total") +
        ", stated precision, " + TolerancePercent(s.tolerance) + " tolerance)";
    json ev = {{"check", "parts"},
               {"sum", mid},
               {"sum_interval", IntervalJson(allowed)},
               {"total", tvalue},
               {"total_interval", IntervalJson(tv)},
               {"parts_sum", p.parts_must_equal ? "equal" : "at_most"}};
    Emit(x, ids, ok, tvalue, mid, reason, ev);
    return;  // one total per sentence
  }
}

}  // namespace

void CheckArithmetic(const Document& doc, const std::vector<Claim>& claims,
                     const Rule& rule, DocumentSentences& sentences,
                     std::vector<Verdict>* out) {
  size_t k = 0;
  while (k < claims.size()) {
    size_t end = k;
    bool percent = false;
    while (end < claims.size() &&
           claims[end].sentence_begin == claims[k].sentence_begin) {
      percent = percent || claims[end].kind == Kind::kPercent;
      ++end;
    }
    // Changes and shares need a percent; parts a total and two parts. Most
    // sentences have neither, and need no word search.
    if (!percent && end - k < 3) {
      k = end;
      continue;
    }
    Context x{doc,
              claims,
              rule,
              out,
              Sentence(doc, claims[k]),
              claims[k].sentence_begin,
              {},
              nullptr};
    x.words = &sentences.Words(claims[k]);
    for (size_t i = k; i < end; ++i) x.ids.push_back(static_cast<int>(i));
    // A sentence stating a change compares percents over time; they are
    // not shares of one whole.
    bool change = percent &&
                  (x.words->FindAny(rule.arithmetic.increase_words) ||
                   x.words->FindAny(rule.arithmetic.decrease_words));
    if (rule.arithmetic.change && percent) CheckChange(x);
    if (rule.arithmetic.shares && percent && !change) CheckShares(x);
    if (rule.arithmetic.parts) CheckParts(x);
    k = end;
  }
}

}  // namespace claimledger::check_internal
