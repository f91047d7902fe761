// show CLAIM_ID: everything a reviewer needs to trust one claim's
// verdicts: the sentence with the claim marked, its value and stated
// precision, each verdict in any run with its evidence and provenance,
// and the reviews.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "tools/app/review_commands.h"
#include "tools/app/review_util.h"

namespace claimledger {

namespace {

struct Marked {
  std::string before, claim, after;
};

// The claim's sentence cut around its span. Offsets come from the ledger:
// clamp them so a damaged row cannot read outside the body.
Marked MarkSentence(const ClaimInfo& c, const std::string& body) {
  auto clamp = [&](int64_t x) {
    return static_cast<size_t>(
        std::clamp<int64_t>(x, 0, static_cast<int64_t>(body.size())));
  };
  size_t s0 = clamp(c.sentence_start), s1 = clamp(c.sentence_end);
  size_t c0 = clamp(c.span_start), c1 = clamp(c.span_end);
  if (c0 < s0 || c1 > s1 || c0 > c1) s0 = c0, s1 = c1;
  Marked m{body.substr(s0, c0 - s0), body.substr(c0, c1 - c0),
           body.substr(c1, s1 - c1)};
  auto space = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
  };
  while (!m.before.empty() && space(m.before.front())) m.before.erase(0, 1);
  while (!m.after.empty() && space(m.after.back())) m.after.pop_back();
  return m;
}

void PrintVerdict(const VerdictInfo& v, bool color, std::ostream& out) {
  std::string status = v.status;
  if (color)
    status =
        std::string("\x1b[") + StatusAnsi(v.status) + "m" + status + "\x1b[0m";
  out << "  verdict " << v.id << "  run " << v.run_id << "  " << v.rule_id
      << " v" << v.rule_version << "  " << status;
  if (v.status != v.machine_status)
    out << " (reviewed; rule said " << v.machine_status << ")";
  out << "\n";
  out << "    expected " << Num(v.expected) << "  observed " << Num(v.observed)
      << "  deviation " << Pct(v.deviation) << "  tolerance "
      << (v.tolerance ? Pct(v.tolerance).substr(1) : "-") << "\n";
  out << "    reason: " << v.reason << "\n";
  if (v.claim_ids.size() > 1) {
    out << "    claims:";
    for (int64_t id : v.claim_ids) out << " " << id;
    out << "\n";
  }
  for (const auto& line : ProvenanceLines(v)) out << "    " << line << "\n";
  for (const auto& r : v.reviews) {
    out << "    review " << r.id << " " << r.created_at << " " << r.reviewer
        << ": " << r.decision << " -> " << r.status << ": " << r.note << "\n";
  }
}

}  // namespace

int ShowCommand(Ledger& ledger, int64_t claim_id, const OutputOptions& o,
                std::ostream& out, std::ostream& err) {
  auto claim = ledger.GetClaim(claim_id);
  if (!claim.ok()) {
    err << "error: " << claim.status().message() << "\n";
    return kExitUnreadable;
  }
  if (!*claim) {
    err << "error: no claim " << claim_id << " in " << ledger.path()
        << " (claimledger claims lists them)\n";
    return kExitUsage;
  }
  const ClaimInfo& c = **claim;
  auto doc = ledger.GetDocument(c.document_id);
  auto verdicts = ledger.VerdictsOfClaim(claim_id);
  if (!doc.ok() || !*doc || !verdicts.ok()) {
    err << "error: "
        << (!doc.ok() ? doc.status().message()
            : !*doc   ? "claim " + std::to_string(claim_id) + " has no document"
                      : verdicts.status().message())
        << "\n";
    return kExitUnreadable;
  }
  Marked m = MarkSentence(c, (*doc)->body);
  if (o.json) {
    nlohmann::json j = ClaimJson(c);
    j["document"] = DocumentJson(**doc);
    j["sentence_text"] = m.before + m.claim + m.after;
    j["marked"] = m.before + "\u00BB" + m.claim + "\u00AB" + m.after;
    j["extractor_version"] = c.extractor_version;
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& v : *verdicts) {
      nlohmann::json vj = VerdictJson(v, true);
      vj["provenance"] = ProvenanceLines(v);
      arr.push_back(std::move(vj));
    }
    j["verdicts"] = arr;
    out << JsonDump(j, 2) << "\n";
    return kExitOk;
  }
  const DocumentInfo& d = **doc;
  out << "claim " << c.id << " (" << c.kind << ") in document " << d.id << " "
      << d.path << "\n";
  out << "  sha256 " << d.sha256;
  if (!d.published.empty()) out << "  published " << d.published;
  out << "  lang " << d.lang;
  if (!d.source.empty()) out << "\n  source " << d.source;
  out << "\n\n  ";
  if (o.color) {
    out << m.before << "\x1b[1;4m" << m.claim << "\x1b[0m" << m.after << "\n\n";
  } else {
    out << m.before << "\u00BB" << m.claim << "\u00AB" << m.after << "\n\n";
  }
  out << "  text       " << c.text << "  bytes [" << c.span_start << ", "
      << c.span_end << ")\n";
  if (c.kind == "comparison") {
    out << "  compares   " << c.subject << " / " << c.relation << " / "
        << c.object << "\n";
  } else {
    out << "  value      ";
    if (c.is_range) {
      out << (c.low.empty() ? Num(c.low_num) : c.low) << " to "
          << (c.high.empty() ? Num(c.high_num) : c.high);
    } else {
      out << (c.value.empty() ? Num(c.value_num) : c.value);
    }
    out << (c.unit.empty() ? "" : " " + c.unit) << " (" << c.bound << ")\n";
    out << "  precision  " << Num(c.prec_low) << " to " << Num(c.prec_high)
        << "\n";
  }
  if (c.pair_claim_id) out << "  pair       claim " << *c.pair_claim_id << "\n";
  if (verdicts->empty()) {
    out << "\nno verdicts: no rule applies to this claim (unchecked)\n";
    return kExitOk;
  }
  out << "\n"
      << verdicts->size() << " verdict" << (verdicts->size() == 1 ? "" : "s")
      << "\n";
  for (const auto& v : *verdicts) PrintVerdict(v, o.color, out);
  return kExitOk;
}

}  // namespace claimledger
