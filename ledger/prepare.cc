// PrepareDocument: a checked document's claim and verdict rows, built
// ahead of the writer (prepared.h), on the worker that checked it.
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include "engine/json_out.h"
#include "ledger/chain.h"
#include "ledger/ledger.h"
#include "ledger/prepared.h"

namespace claimledger {

namespace ledger {

size_t VerdictDocument() {
  static const size_t i =
      ledger::ContentIndex(ledger::VerdictsSpec(), "document_id");
  return i;
}
size_t VerdictClaimIds() {
  static const size_t i =
      ledger::ContentIndex(ledger::VerdictsSpec(), "claim_ids");
  return i;
}

}  // namespace ledger

namespace {

using ledger::Value;

Value Opt(const std::optional<double>& d) {
  return d ? Value(*d) : Value(std::monostate{});
}

Value Text(std::string_view s) { return Value(std::string(s)); }

// A row of values moved in: a vector built from a braced list would copy
// every value (evidence included) out of the list once more.
template <typename... T>
std::vector<Value> Row(T&&... values) {
  std::vector<Value> row;
  row.reserve(sizeof...(values));
  (row.emplace_back(std::forward<T>(values)), ...);
  return row;
}

// NULL (an empty optional) for infinities and NaN, which SQLite cannot
// hold as REAL.
std::optional<double> Finite(double d) {
  return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
}

std::optional<std::string> NonEmptyText(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

ClaimRow MakeClaimRow(size_t ordinal, const Claim& c) {
  ClaimRow r;
  r.ordinal = static_cast<int64_t>(ordinal);
  r.span_start = static_cast<int64_t>(c.begin);
  r.span_end = static_cast<int64_t>(c.end);
  r.sentence_start = static_cast<int64_t>(c.sentence_begin);
  r.sentence_end = static_cast<int64_t>(c.sentence_end);
  r.is_range = c.is_range ? 1 : 0;
  if (c.pair >= 0) r.pair = c.pair;
  r.kind = std::string(KindName(c.kind));
  r.bound = std::string(BoundName(c.bound));
  r.text = c.text;
  r.unit = c.unit;
  if (c.has_value() && !c.is_range) {
    r.value = c.low.value.ToString();
    r.value_num = Finite(c.low.value.ToDouble());
  } else if (c.has_value()) {
    r.low = c.low.value.ToString();
    r.low_num = Finite(c.low.value.ToDouble());
    r.high = c.high.value.ToString();
    r.high_num = Finite(c.high.value.ToDouble());
  }
  if (c.has_value()) {
    r.prec_low = Finite(c.low.lo);
    r.prec_high = Finite(c.high.hi);
  }
  r.subject = NonEmptyText(c.subject);
  r.relation = NonEmptyText(c.relation);
  r.object = NonEmptyText(c.object);
  return r;
}

}  // namespace

std::shared_ptr<PreparedDocument> PrepareDocument(
    int64_t run, const Document& doc, const std::vector<Claim>& claims,
    std::vector<Verdict> verdicts, const std::string& extractor_version) {
  auto p = std::make_shared<PreparedDocument>();
  p->run = run;
  p->extractor_version = extractor_version;
  {
    // What nlohmann::json(doc.metadata).dump() writes (a map's keys come
    // in byte order), without building the tree.
    JsonOut j(&p->metadata_json);
    j.BeginObject();
    for (const auto& [key, value] : doc.metadata) j.Field(key, value);
    j.EndObject();
  }
  p->claims.reserve(claims.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    p->claims.push_back(MakeClaimRow(i, claims[i]));
    std::string_view kind = KindName(claims[i].kind);
    auto k = std::find_if(p->kinds.begin(), p->kinds.end(),
                          [&](const auto& e) { return e.first == kind; });
    if (k == p->kinds.end()) {
      p->kinds.emplace_back(kind, 1);
    } else {
      ++k->second;
    }
  }
  p->verdicts.reserve(verdicts.size());
  for (Verdict& v : verdicts) {
    std::optional<double> e, o, d;
    if (v.has_numbers) {
      e = Finite(v.expected);
      o = Finite(v.observed);
      d = Finite(v.deviation);
    }
    PreparedDocument::VerdictRow row;
    row.status = VerdictStatusName(v.status);
    row.claims = v.claims;
    row.content = Row(
        run, std::monostate{},  // document_id
        v.rule->id, int64_t{v.rule->version}, Text(RuleKindName(v.rule->kind)),
        Text(SeverityName(v.rule->severity)), v.rule->file, v.rule->file_sha256,
        std::monostate{},  // claim_ids
        Text(VerdictStatusName(v.status)), Opt(e), Opt(o), Opt(d), v.tolerance,
        std::move(v.evidence_json), std::move(v.reason));
    // The engine writes evidence as canonical JSON (tests/json_out_test);
    // claim_ids is written canonical by the writer.
    row.canonical = ledger::PrepareContent(
        ledger::VerdictsSpec(), row.content,
        {ledger::VerdictDocument(), ledger::VerdictClaimIds()},
        ledger::JsonInput::kCanonical);
    p->verdicts.push_back(std::move(row));
  }
  return p;
}

}  // namespace claimledger
