// The ratio evaluator: a stated ratio or multiple ("8분의 1", "90배",
// "one-eighth") must agree with the two quantities it relates, when both
// are known: two amounts in the same unit in its sentence, or two facts
// (rules/reference/facts) the sentence speaks of, or one of each. The
// check is direction-free (the larger over the smaller against the stated
// figure read as at least 1: "8분의 1" is 8), because which side is the
// numerator is grammar the extractor does not yet record. Where the two
// quantities are not both found, or more than two candidates compete, the
// rule says nothing: the claim stays unchecked rather than guessed.
#include <cmath>
#include <limits>
#include <map>

#include "engine/check_internal.h"
#include "engine/units.h"

namespace claimledger::check_internal {

namespace {

using nlohmann::json;

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Side {
  std::string label;  // for the reason
  Interval iv;
  double mid = 0;
  int claim = -1;  // or a fact
  json ev;
};

// Amounts are comparable when they share a unit, or are physical units of
// one dimension (compared in the dimension's base unit).
std::string UnitKey(const std::string& unit) {
  auto u = FindUnit(unit);
  return u ? "dimension:" + std::string(u->dimension) : "unit:" + unit;
}

double ToBase(double v, const std::string& unit) {
  auto u = FindUnit(unit);
  return u ? v * u->factor + u->offset : v;
}

bool KnownBy(const Document& doc, const Fact& f) {
  if (!doc.published.known() || !f.as_of.known()) return true;
  auto key = [](const PubDate& d) {
    return d.year * 10000 + d.month * 100 + d.day;
  };
  // A month-only date covers the whole month.
  int pub = key(doc.published) + (doc.published.day ? 0 : 99);
  return key(f.as_of) <= pub;
}

}  // namespace

void CheckRatio(const Document& doc, const std::vector<Claim>& claims,
                const Rule& rule, DocumentSentences& sentences,
                std::vector<Verdict>* out) {
  const Slack& s = rule.slack;
  const FactsRef& ref = rule.ratio.facts;
  for (size_t m = 0; m < claims.size(); ++m) {
    const Claim& stated = claims[m];
    if (!rule.applies_to.count(stated.kind) || stated.is_range) continue;
    double sv = stated.low.value.ToDouble();
    if (!(sv > 0)) continue;
    // Two ratios in one sentence ("31.3명의 두 배를 넘는 수치로, 8.6명의
    // 8.5배") relate amounts this rule cannot tell apart.
    int ratios = 0;
    for (const Claim& c : claims) {
      ratios += c.sentence_begin == stated.sentence_begin &&
                (c.kind == Kind::kRatio || c.kind == Kind::kMultiple);
    }
    if (ratios > 1) continue;
    // The amounts of the sentence, by comparable unit.
    std::map<std::string, std::vector<Side>> amounts;
    for (size_t i = 0; i < claims.size(); ++i) {
      const Claim& c = claims[i];
      if (i == m || c.sentence_begin != stated.sentence_begin || c.is_range ||
          IsPairSecond(claims, i)) {
        continue;
      }
      if (c.kind != Kind::kMoney && c.kind != Kind::kQuantity &&
          c.kind != Kind::kCount && c.kind != Kind::kPercent) {
        continue;
      }
      Interval iv = ClaimInterval(c, 0, s);
      Side side{c.text,
                {ToBase(iv.lo, c.unit), ToBase(iv.hi, c.unit)},
                ToBase(c.low.value.ToDouble(), c.unit),
                static_cast<int>(i),
                ClaimJson(claims, static_cast<int>(i), s)};
      amounts[UnitKey(c.unit)].push_back(side);
    }
    std::vector<Side> sides;
    for (auto& [key, list] : amounts) {
      if (list.size() == 2 && sides.empty()) {
        sides = list;
      } else if (list.size() == 2) {
        sides.clear();  // two candidate pairs: ambiguous
        break;
      }
    }
    if (sides.empty() && ref.table) {
      std::map<std::string, std::vector<const Fact*>> facts;
      for (const auto& hit : FindFacts(*ref.table, sentences.Words(stated))) {
        if (KnownBy(doc, *hit.fact))
          facts[UnitKey(hit.fact->unit)].push_back(hit.fact);
      }
      auto fact_side = [&](const Fact& f) {
        return Side{f.subject + " " + f.attribute + " (fact " + f.id + ")",
                    {ToBase(f.lo, f.unit), ToBase(f.hi, f.unit)},
                    ToBase((f.lo + f.hi) / 2, f.unit),
                    -1,
                    FactJson(ref, f)};
      };
      for (const auto& [key, list] : facts) {
        if (list.size() == 2) {
          sides = {fact_side(*list[0]), fact_side(*list[1])};
          break;
        }
        // One fact and one amount the fact's units accept.
        std::vector<Side> partners;
        for (const auto& [akey, alist] : amounts) {
          for (const auto& a : alist) {
            if (InFactUnit(1, claims[a.claim].unit, *list[0]))
              partners.push_back(a);
          }
        }
        if (list.size() == 1 && partners.size() == 1) {
          const Claim& c = claims[partners[0].claim];
          Interval iv = ClaimInterval(c, 0, s);
          Side amount = partners[0];
          amount.iv = {*InFactUnit(iv.lo, c.unit, *list[0]),
                       *InFactUnit(iv.hi, c.unit, *list[0])};
          amount.mid = *InFactUnit(c.low.value.ToDouble(), c.unit, *list[0]);
          Side fact = fact_side(*list[0]);
          fact.iv = {list[0]->lo, list[0]->hi};
          fact.mid = (list[0]->lo + list[0]->hi) / 2;
          sides = {amount, fact};
          break;
        }
      }
    }
    if (sides.size() != 2) continue;
    const Side& big = sides[0].mid >= sides[1].mid ? sides[0] : sides[1];
    const Side& small = sides[0].mid >= sides[1].mid ? sides[1] : sides[0];
    if (!(small.mid > 0)) continue;
    Interval actual{small.iv.hi > 0 ? big.iv.lo / small.iv.hi : kInf,
                    small.iv.lo > 0 ? big.iv.hi / small.iv.lo : kInf};
    double actual_mid = big.mid / small.mid;
    Interval si = ClaimInterval(stated, 0, s);
    bool inverse = sv < 1;  // "8분의 1" relates them as 8 to 1
    Interval stated_iv = inverse ? Interval{si.hi > 0 ? 1 / si.hi : kInf,
                                            si.lo > 0 ? 1 / si.lo : kInf}
                                 : si;
    double stated_mid = inverse ? 1 / sv : sv;
    bool ok = Overlaps(Widen(actual, s.tolerance), stated_iv);
    std::vector<int> ids = {static_cast<int>(m)};
    for (const Side* side : {&sides[0], &sides[1]}) {
      if (side->claim >= 0) ids.push_back(side->claim);
    }
    Verdict v = NewVerdict(rule, ids);
    v.expected = actual_mid;
    v.observed = stated_mid;
    v.deviation = stated_mid / actual_mid - 1;
    v.has_numbers = true;
    v.status = ok ? VerdictStatus::kConsistent : VerdictStatus::kInconsistent;
    v.reason = stated.text + " relates " + small.label + " and " + big.label +
               ", which differ " + Compact(actual_mid) + "-fold; stated " +
               Compact(stated_mid) + "-fold (" + Percent(v.deviation) +
               "): " + (ok ? "inside" : "outside") + " stated precision and " +
               TolerancePercent(s.tolerance) + " tolerance";
    json ev = {{"stated", ClaimJson(claims, static_cast<int>(m), s)},
               {"stated_as_multiple", stated_mid},
               {"stated_interval", IntervalJson(stated_iv)},
               {"smaller", small.ev},
               {"larger", big.ev},
               {"actual_multiple", actual_mid},
               {"actual_interval", IntervalJson(actual)},
               {"tolerance", s.tolerance},
               {"approx_slack", s.approx_slack}};
    v.evidence_json = Dump(ev);
    out->push_back(std::move(v));
  }
}

}  // namespace claimledger::check_internal
