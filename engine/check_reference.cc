// The reference evaluator: a claim that speaks of a known figure (a fact
// in rules/reference/facts: one of its subject words and one of its
// attribute words in the claim's sentence, the claim in one of its units)
// must agree with it. The fact's value or interval, widened by
// `tolerance`, must meet the claim's interval (stated precision,
// approx_slack, bounds). Where a sentence holds several candidate claims,
// the one nearest the subject word (then the attribute word) is checked. A fact
// reported after the article was published cannot have been known to it: the
// verdict is unverifiable.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "engine/check_internal.h"
#include "engine/fx.h"
#include "engine/units.h"

namespace claimledger::check_internal {

using nlohmann::json;

std::vector<FactHit> FindFacts(const FactTable& table,
                               const SentenceWords& words) {
  std::vector<FactHit> hits;
  for (const Fact& f : table.facts()) {
    auto subject = words.FindAny(f.subject_words);
    if (!subject) continue;
    auto attribute = words.FindAny(f.attribute_words);
    if (attribute) hits.push_back({&f, *subject, *attribute});
  }
  return hits;
}

std::optional<double> InFactUnit(double v, const std::string& unit,
                                 const Fact& f) {
  for (const auto& u : f.units) {
    if (u == unit) return v;
  }
  auto from = FindUnit(unit), to = FindUnit(f.unit);
  if (from && to && from->dimension == to->dimension)
    return ConvertUnit(v, *from, *to);
  return std::nullopt;
}

json FactJson(const FactsRef& ref, const Fact& f) {
  json j = {{"id", f.id},
            {"subject", f.subject},
            {"attribute", f.attribute},
            {"unit", f.unit},
            {"as_of", f.as_of.ToString()},
            {"source", f.source},
            {"facts", ref.spec},
            {"file", std::filesystem::path(f.file).filename().string()}};
  if (f.is_interval) {
    j["interval"] = {f.lo, f.hi};
  } else {
    j["value"] = f.lo;
  }
  if (!f.note.empty()) j["note"] = f.note;
  const FactFile* file = ref.table ? ref.table->FileOf(f) : nullptr;
  j["sha256"] = file ? file->sha256 : "";
  return j;
}

namespace {

int LastDay(const PubDate& d) {
  if (d.day) return DaySerial(d.year, d.month, d.day);
  int ny = d.month == 12 ? d.year + 1 : d.year,
      nm = d.month == 12 ? 1 : d.month + 1;
  return DaySerial(ny, nm, 1) - 1;
}

int FirstDay(const PubDate& d) {
  return DaySerial(d.year, d.month, d.day ? d.day : 1);
}

size_t Distance(size_t b1, size_t e1, size_t b2, size_t e2) {
  if (e1 <= b2) return b2 - e1;
  if (e2 <= b1) return b1 - e2;
  return 0;
}

}  // namespace

void CheckReference(const Document& doc, const std::vector<Claim>& claims,
                    const Rule& rule, DocumentSentences& sentences,
                    std::vector<Verdict>* out) {
  const FactsRef& ref = rule.reference.facts;
  if (!ref.table) return;
  const Slack& s = rule.slack;
  size_t k = 0;
  while (k < claims.size()) {
    // One sentence at a time.
    size_t end = k;
    while (end < claims.size() &&
           claims[end].sentence_begin == claims[k].sentence_begin)
      ++end;
    size_t base = claims[k].sentence_begin;
    for (const FactHit& hit :
         FindFacts(*ref.table, sentences.Words(claims[k]))) {
      const Fact& f = *hit.fact;
      // The claim nearest the subject word ("메타는 1만6384개"), then
      // nearest the attribute word.
      int best = -1;
      std::pair<size_t, size_t> best_distance = {
          std::numeric_limits<size_t>::max(), 0};
      for (size_t i = k; i < end; ++i) {
        const Claim& c = claims[i];
        if (!rule.applies_to.count(c.kind) || !c.has_value()) continue;
        if (!InFactUnit(c.low.value.ToDouble(), c.unit, f)) continue;
        std::pair<size_t, size_t> d = {
            Distance(c.begin, c.end, base + hit.subject.pos,
                     base + hit.subject.pos + hit.subject.len),
            Distance(c.begin, c.end, base + hit.attribute.pos,
                     base + hit.attribute.pos + hit.attribute.len)};
        if (d < best_distance) best = static_cast<int>(i), best_distance = d;
      }
      if (best < 0) continue;
      const Claim& c = claims[best];
      Verdict v = NewVerdict(rule, {best});
      json ev = {
          {"fact", FactJson(ref, f)},
          {"claim", ClaimJson(claims, best, s)},
          {"matched",
           {{"subject", hit.subject.word}, {"attribute", hit.attribute.word}}},
          {"tolerance", s.tolerance},
          {"approx_slack", s.approx_slack},
          {"trailing_zeros",
           s.trailing_zeros_significant ? "significant" : "rounded"},
          {"published", doc.published.ToString()}};
      std::string head =
          c.text + " vs " + f.subject + " " + f.attribute + " " +
          FormatNumber(f.lo) + (f.is_interval ? "-" + FormatNumber(f.hi) : "") +
          " " + f.unit + " (" + f.as_of.ToString() + ", " + f.source + ")";
      if (doc.published.known() && f.as_of.known() &&
          LastDay(doc.published) < FirstDay(f.as_of)) {
        v.reason = head + ": the fact was reported after the article's date " +
                   doc.published.ToString();
        ev["error"] = "fact reported after publication";
        v.evidence_json = Dump(ev);
        out->push_back(std::move(v));
        continue;
      }
      Interval lo = ClaimInterval(c, 0, s),
               hi = ClaimInterval(c, c.is_range ? 1 : 0, s);
      Interval stated{*InFactUnit(lo.lo, c.unit, f),
                      *InFactUnit(hi.hi, c.unit, f)};
      if (!std::isfinite(lo.lo)) stated.lo = lo.lo;
      if (!std::isfinite(hi.hi)) stated.hi = hi.hi;
      Interval known = Widen({f.lo, f.hi}, s.tolerance);
      bool ok = Overlaps(stated, known);
      double obs = c.is_range
                       ? (c.low.value.ToDouble() + c.high.value.ToDouble()) / 2
                       : c.low.value.ToDouble();
      // Numbers in the claim's unit.
      double fact_mid = (f.lo + f.hi) / 2;
      v.expected = fact_mid;
      if (std::find(f.units.begin(), f.units.end(), c.unit) == f.units.end()) {
        v.expected =
            ConvertUnit(fact_mid, *FindUnit(f.unit), *FindUnit(c.unit));
      }
      v.observed = obs;
      v.deviation = v.expected != 0 ? obs / v.expected - 1 : 0;
      v.has_numbers = true;
      v.status = ok ? VerdictStatus::kConsistent : VerdictStatus::kInconsistent;
      ev["expected_interval"] = IntervalJson(known);
      ev["stated_interval"] = IntervalJson(stated);
      ev["deviation"] = v.deviation;
      v.reason = head + ": stated " + FormatNumber(obs) + " " + c.unit + " (" +
                 Percent(v.deviation) + "); " + (ok ? "inside" : "outside") +
                 " the fact's " + (f.is_interval ? "interval" : "value") +
                 " with stated precision and " + TolerancePercent(s.tolerance) +
                 " tolerance";
      v.evidence_json = Dump(ev);
      out->push_back(std::move(v));
    }
    k = end;
  }
}

}  // namespace claimledger::check_internal
