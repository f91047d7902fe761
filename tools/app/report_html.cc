// report --html FILE: one self-contained page per run. At the top, the
// verdicts per rule and status (reviewers' decisions first) and the files
// the run used; then each article's text with every claim highlighted in
// the colour of its combined status (CombinedStatus), each highlight
// carrying a card with the claim's verdicts, evidence and provenance.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "tools/app/report_assets.h"
#include "tools/app/review_commands.h"
#include "tools/app/review_util.h"

namespace claimledger {

namespace {

const char* const kStatuses[] = {"inconsistent", "unverifiable", "consistent"};

std::string Esc(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ValueText(const ClaimInfo& c) {
  if (c.kind == "comparison")
    return c.subject + " / " + c.relation + " / " + c.object;
  std::string s =
      c.is_range ? Num(c.low_num) + " to " + Num(c.high_num) : Num(c.value_num);
  if (!c.unit.empty()) s += " " + c.unit;
  if (c.prec_low && c.prec_high) {
    s += ", precision [" + Num(c.prec_low) + ", " + Num(c.prec_high) + "]";
  }
  return s + " (" + c.bound + ")";
}

void Card(const ClaimInfo& c, const std::vector<const VerdictInfo*>& verdicts,
          std::ostream& out) {
  out << "<span class=\"card\" role=\"tooltip\">"
      << "<span class=\"head\">claim " << c.id << " &middot; " << Esc(c.kind)
      << "</span><span class=\"line\">" << Esc(ValueText(c)) << "</span>";
  if (verdicts.empty()) {
    out << "<span class=\"line\">No rule applies to this claim "
           "(unchecked).</span>";
  }
  for (const auto* v : verdicts) {
    out << "<span class=\"verdict\"><span class=\"head\">" << Esc(v->rule_id)
        << " v" << v->rule_version << " <span class=\"badge st-"
        << Esc(v->status) << "\">" << Esc(v->status) << "</span>";
    if (v->status != v->machine_status) {
      out << " (rule said " << Esc(v->machine_status) << ")";
    }
    out << " &middot; verdict " << v->id << "</span>"
        << "<span class=\"line\">" << Esc(v->reason) << "</span>"
        << "<span class=\"line\">expected " << Esc(Num(v->expected))
        << ", observed " << Esc(Num(v->observed)) << ", deviation "
        << Esc(Pct(v->deviation)) << ", tolerance "
        << Esc(v->tolerance ? Pct(v->tolerance).substr(1) : "-") << "</span>";
    for (const auto& line : ProvenanceLines(*v)) {
      out << "<span class=\"prov\">" << Esc(line) << "</span>";
    }
    for (const auto& r : v->reviews) {
      out << "<span class=\"review\">" << Esc(r.reviewer) << " "
          << Esc(r.decision) << " &rarr; " << Esc(r.status) << " ("
          << Esc(r.created_at) << "): " << Esc(r.note) << "</span>";
    }
    out << "</span>";
  }
  out << "</span>";
}

void Summary(const RunContent& run,
             const std::map<int64_t, std::string>& claim_status,
             std::ostream& out) {
  std::map<std::string, std::map<std::string, int>> by_rule;
  std::map<std::string, int> reviewed;
  for (const auto& v : run.verdicts) {
    ++by_rule[v.rule_id][v.status];
    ++by_rule["*"][v.status];
    if (!v.reviews.empty()) ++reviewed[v.rule_id], ++reviewed["*"];
  }
  out << "<section id=\"summary\"><h2>Verdicts by rule</h2>"
         "<table class=\"summary\"><thead><tr><th>rule</th>";
  for (const char* s : kStatuses) out << "<th>" << s << "</th>";
  out << "<th>total</th><th>reviewed</th></tr></thead><tbody>";
  auto row = [&](const std::string& rule, const std::string& label) {
    const auto& counts = by_rule[rule];
    int total = 0;
    out << "<tr data-rule=\"" << Esc(rule) << "\""
        << (rule == "*" ? " class=\"total\"" : "") << "><th>" << Esc(label)
        << "</th>";
    for (const char* s : kStatuses) {
      auto it = counts.find(s);
      int n = it == counts.end() ? 0 : it->second;
      total += n;
      out << "<td data-status=\"" << s << "\" class=\""
          << (n ? "st-" : "zero st-") << s << "\">" << n << "</td>";
    }
    out << "<td data-total>" << total << "</td><td data-reviewed>"
        << reviewed[rule] << "</td></tr>";
  };
  for (const auto& [rule, counts] : by_rule) {
    if (rule != "*") row(rule, rule);
  }
  row("*", "all rules");
  out << "</tbody></table>";
  std::map<std::string, int> claims;
  for (const auto& [id, st] : claim_status) ++claims[st];
  out << "<p class=\"meta\">" << run.documents.size() << " documents, "
      << run.claims.size() << " claims: ";
  for (const char* s :
       {"inconsistent", "unverifiable", "consistent", "unchecked"}) {
    out << "<span class=\"chip st-" << s << "\" data-claims-status=\"" << s
        << "\">" << claims[s] << " " << s << "</span>";
  }
  out << "</p><p class=\"meta\">Each claim is highlighted in the colour of its "
         "verdicts (a reviewer's decision first; grey: no rule applies). "
         "Hover, "
         "focus or click a highlight for its evidence and provenance.</p>";
  out << "</section>";
}

void Files(const RunDetail& run, std::ostream& out) {
  out << "<section id=\"provenance\"><h2>Rules and reference data</h2><ul "
         "class=\"files\">";
  for (const auto* json : {&run.rules_json, &run.reference_json}) {
    auto arr = nlohmann::json::parse(*json, nullptr, false);
    if (!arr.is_array()) continue;
    for (const auto& f : arr) {
      if (!f.is_object()) continue;
      out << "<li>" << Esc(f.value("file", "")) << " sha256 "
          << Esc(f.value("sha256", "")) << "</li>";
    }
  }
  out << "</ul></section>";
}

void DocumentSection(
    const DocumentInfo& d, const std::vector<const ClaimInfo*>& claims,
    const std::map<int64_t, std::vector<const VerdictInfo*>>& by_claim,
    const std::map<int64_t, std::string>& claim_status, std::ostream& out) {
  out << "<section class=\"doc\" id=\"doc-" << d.id << "\" data-document=\""
      << d.id << "\"><h2>" << Esc(d.path) << "</h2><p class=\"meta\">document "
      << d.id << " &middot; sha256 " << Esc(d.sha256);
  if (!d.published.empty()) out << " &middot; published " << Esc(d.published);
  out << " &middot; lang " << Esc(d.lang);
  if (!d.source.empty()) out << " &middot; source " << Esc(d.source);
  out << "</p><div class=\"text\" lang=\"" << Esc(d.lang) << "\">";
  const std::string& body = d.body;
  size_t pos = 0;
  static const std::vector<const VerdictInfo*> kNone;
  for (const ClaimInfo* c : claims) {
    size_t b =
        static_cast<size_t>(std::clamp<int64_t>(c->span_start, 0, body.size()));
    size_t e =
        static_cast<size_t>(std::clamp<int64_t>(c->span_end, 0, body.size()));
    // Overlapping spans cannot nest as marks; the later one is skipped.
    if (b < pos || e <= b) continue;
    out << Esc(body.substr(pos, b - pos));
    const std::string& st = claim_status.at(c->id);
    auto it = by_claim.find(c->id);
    out << "<mark id=\"claim-" << c->id << "\" class=\"claim st-" << st
        << "\" tabindex=\"0\" data-claim=\"" << c->id << "\" data-status=\""
        << st << "\">" << Esc(body.substr(b, e - b));
    Card(*c, it == by_claim.end() ? kNone : it->second, out);
    out << "</mark>";
    pos = e;
  }
  out << Esc(body.substr(pos)) << "</div></section>";
}

}  // namespace

void WriteHtmlReport(const RunContent& run, std::ostream& out) {
  auto by_claim = VerdictsByClaim(run);
  std::map<int64_t, std::string> claim_status;
  std::map<int64_t, std::vector<const ClaimInfo*>> claims_of;
  for (const auto& c : run.claims) {
    auto it = by_claim.find(c.id);
    claim_status[c.id] =
        it == by_claim.end() ? "unchecked" : CombinedStatus(it->second);
    claims_of[c.document_id].push_back(&c);
  }
  for (auto& [doc, list] : claims_of) {
    std::stable_sort(list.begin(), list.end(),
                     [](const ClaimInfo* a, const ClaimInfo* b) {
                       return a->span_start < b->span_start;
                     });
  }
  const RunDetail& r = run.run;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\">"
         "<title>claimledger run "
      << r.id << "</title><style>" << report::kCss
      << "</style></head><body><header><h1>claimledger &middot; run " << r.id
      << "</h1><p class=\"meta\">" << Esc(r.status) << " &middot; started "
      << Esc(r.started_at);
  if (!r.ended_at.empty()) out << " &middot; ended " << Esc(r.ended_at);
  out << " &middot; engine " << Esc(r.engine_version) << " &middot; extractor "
      << Esc(r.extractor_version) << " &middot; " << r.reviews
      << " reviews</p></header>";
  Summary(run, claim_status, out);
  Files(r, out);
  static const std::vector<const ClaimInfo*> kNoClaims;
  for (const auto& d : run.documents) {
    auto it = claims_of.find(d.id);
    DocumentSection(d, it == claims_of.end() ? kNoClaims : it->second, by_claim,
                    claim_status, out);
  }
  out << "<footer><p id=\"visible-counts\" "
         "data-ready=\"0\"></p></footer><script>"
      << report::kJs << "</script></body></html>\n";
}

int ReportCommand(Ledger& ledger, const ReportOptions& opt, std::ostream& out,
                  std::ostream& err) {
  if (opt.html.empty()) {
    err << "error: report needs --html FILE\n";
    return kExitUsage;
  }
  RunContent loaded;
  if (int code = LoadRunContent(ledger, opt.run, &loaded, err)) return code;
  const RunContent* content = &loaded;
  std::string tmp = opt.html + ".tmp";
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "error: cannot write " << opt.html << ": " << std::strerror(errno)
          << "\n";
      return kExitUsage;
    }
    WriteHtmlReport(*content, file);
    if (!file.flush()) {
      err << "error: cannot write " << opt.html << "\n";
      return kExitUsage;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, opt.html, ec);
  if (ec) {
    err << "error: cannot write " << opt.html << ": " << ec.message() << "\n";
    return kExitUsage;
  }
  out << "run " << content->run.id << ": " << content->documents.size() << " documents, "
      << content->claims.size() << " claims, " << content->verdicts.size()
      << " verdicts -> " << opt.html << "\n";
  return kExitOk;
}

}  // namespace claimledger
