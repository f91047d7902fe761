// export: a run as jsonl (the contract of DESIGN.md), csv or ClaimReview
// JSON-LD (export_claimreview.cc), to stdout or to -o FILE. A reviewer's
// latest decision is the status every format prints; the rule's own is
// kept beside it (machine_status).
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "tools/app/review_commands.h"
#include "tools/app/review_util.h"

namespace claimledger {

namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvNumber(const nlohmann::json& j) {
  if (j.is_null()) return "";
  if (j.is_number_integer()) return std::to_string(j.get<int64_t>());
  if (j.is_number_unsigned()) return std::to_string(j.get<uint64_t>());
  return j.dump();  // shortest round-trip form
}

}  // namespace

void WriteJsonl(const RunContent& run, std::ostream& out) {
  auto by_claim = VerdictsByClaim(run);
  std::map<int64_t, nlohmann::json> docs;
  for (const auto& d : run.documents) docs[d.id] = DocumentJson(d);
  for (const auto& c : run.claims) {
    nlohmann::json j;
    j["document"] = docs.at(c.document_id);
    j.update(ClaimJson(c));
    nlohmann::json verdicts = nlohmann::json::array();
    if (auto it = by_claim.find(c.id); it != by_claim.end()) {
      for (const auto* v : it->second)
        verdicts.push_back(VerdictJson(*v, false));
    }
    j["verdicts"] = std::move(verdicts);
    out << JsonDump(j) << "\n";
  }
}

void WriteCsv(const RunContent& run, std::ostream& out) {
  std::map<int64_t, const ClaimInfo*> claims;
  for (const auto& c : run.claims) claims[c.id] = &c;
  std::map<int64_t, const DocumentInfo*> docs;
  for (const auto& d : run.documents) docs[d.id] = &d;
  auto by_claim = VerdictsByClaim(run);
  const char* header[] = {"run",
                          "document_id",
                          "document_path",
                          "document_sha256",
                          "published",
                          "claim_id",
                          "kind",
                          "text",
                          "span_start",
                          "span_end",
                          "value",
                          "low",
                          "high",
                          "unit",
                          "bound",
                          "precision_low",
                          "precision_high",
                          "verdict_id",
                          "rule",
                          "rule_version",
                          "status",
                          "machine_status",
                          "expected",
                          "observed",
                          "deviation",
                          "tolerance",
                          "reason",
                          "rule_file_sha256",
                          "reviewer",
                          "decision",
                          "review_note",
                          "reviewed_at"};
  for (size_t i = 0; i < std::size(header); ++i) {
    out << (i ? "," : "") << header[i];
  }
  out << "\r\n";
  auto row = [&](const ClaimInfo& c, const VerdictInfo* v) {
    const DocumentInfo& d = *docs.at(c.document_id);
    nlohmann::json cj = ClaimJson(c);
    nlohmann::json vj = v ? VerdictJson(*v, false) : nlohmann::json::object();
    auto num = [](const nlohmann::json& j, const char* key) {
      return j.contains(key) ? CsvNumber(j[key]) : std::string();
    };
    nlohmann::json prec = cj["precision"];
    const ReviewInfo* r = v ? v->latest_review() : nullptr;
    std::vector<std::string> f = {std::to_string(run.run.id),
                                  std::to_string(d.id),
                                  d.path,
                                  d.sha256,
                                  d.published,
                                  std::to_string(c.id),
                                  c.kind,
                                  c.text,
                                  std::to_string(c.span_start),
                                  std::to_string(c.span_end),
                                  num(cj, "value"),
                                  num(cj, "low"),
                                  num(cj, "high"),
                                  c.unit,
                                  c.bound,
                                  prec.is_object() ? num(prec, "low") : "",
                                  prec.is_object() ? num(prec, "high") : "",
                                  v ? std::to_string(v->id) : "",
                                  v ? v->rule_id : "",
                                  v ? std::to_string(v->rule_version) : "",
                                  v ? v->status : "unchecked",
                                  v ? v->machine_status : "",
                                  num(vj, "expected"),
                                  num(vj, "observed"),
                                  num(vj, "deviation"),
                                  num(vj, "tolerance"),
                                  v ? v->reason : "",
                                  v ? v->rule_file_sha256 : "",
                                  r ? r->reviewer : "",
                                  r ? r->decision : "",
                                  r ? r->note : "",
                                  r ? r->created_at : ""};
    for (size_t i = 0; i < f.size(); ++i)
      out << (i ? "," : "") << CsvField(f[i]);
    out << "\r\n";
  };
  // Rows follow the claims' order; a verdict sits under its leading claim.
  for (const auto& c : run.claims) {
    bool any = false;
    for (const auto& v : run.verdicts) {
      if (v.claim_id == c.id) {
        row(c, &v);
        any = true;
      }
    }
    if (!any && !by_claim.count(c.id)) row(c, nullptr);
  }
}

int ExportCommand(Ledger& ledger, const ExportOptions& opt, std::ostream& out,
                  std::ostream& err) {
  if (opt.format != "jsonl" && opt.format != "csv" &&
      opt.format != "claimreview") {
    err << "error: --format must be jsonl, csv or claimreview, not '"
        << opt.format << "'\n";
    return kExitUsage;
  }
  if (!Utf8Flag("--author", opt.author, err)) return kExitUsage;
  RunContent loaded;
  if (int code = LoadRunContent(ledger, opt.run, &loaded, err)) return code;
  const RunContent* content = &loaded;
  bool to_stdout = opt.output.empty() || opt.output == "-";
  // A file is written whole under a temporary name, then renamed, so a
  // reader never sees half an export.
  std::string tmp = opt.output + ".tmp";
  std::ofstream file;
  if (!to_stdout) {
    file.open(tmp, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "error: cannot write " << opt.output << ": "
          << std::strerror(errno) << "\n";
      return kExitUsage;
    }
  }
  std::ostream& dst = to_stdout ? out : file;
  if (opt.format == "jsonl") {
    WriteJsonl(*content, dst);
  } else if (opt.format == "csv") {
    WriteCsv(*content, dst);
  } else {
    dst << JsonDump(ClaimReviews(*content, opt.author), 2) << "\n";
  }
  if (!to_stdout) {
    file.close();
    std::error_code ec;
    if (!file) ec = std::make_error_code(std::errc::io_error);
    if (!ec) std::filesystem::rename(tmp, opt.output, ec);
    if (ec) {
      std::filesystem::remove(tmp, ec);
      err << "error: cannot write " << opt.output << "\n";
      return kExitUsage;
    }
  }
  return kExitOk;
}

}  // namespace claimledger
