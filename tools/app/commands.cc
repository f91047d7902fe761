#include "tools/app/commands.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include "engine/format.h"
#include "engine/rulebook.h"
#include "tools/app/table.h"

namespace fs = std::filesystem;

namespace claimledger {

std::string JsonDump(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string FindRulesDir() {
  if (const char* env = std::getenv("CLAIMLEDGER_RULES"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path dir = exe.parent_path();
    for (const char* rel : {"../rules", "../../rules", "../share/claimledger/rules"}) {
      fs::path candidate = (dir / rel).lexically_normal();
      if (fs::is_directory(candidate / "lexicon", ec)) return candidate.string();
    }
  }
  return CLAIMLEDGER_SOURCE_RULES;
}

namespace {

std::string Num(const std::optional<double>& v) {
  return v ? FormatNumber(*v) : "";
}

std::string Pct(const std::optional<double>& v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", *v * 100);
  return buf;
}

const char* StatusColor(const std::string& s) {
  if (s == "inconsistent") return "31";
  if (s == "unverifiable") return "33";
  return "32";
}

nlohmann::json OptionalJson(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

void PrintCheckSummary(const CheckSummary& s, const OutputOptions& o,
                       std::ostream& out, std::ostream& err) {
  if (!s.rule_errors.empty()) {
    for (const auto& d : s.rule_errors) err << d.ToString() << "\n";
  }
  if (!s.message.empty() && s.exit_code != kExitOk) err << "error: " << s.message << "\n";
  if (o.json) {
    nlohmann::json j;
    j["run"] = s.run;
    j["resumed"] = s.resumed;
    j["skipped"] = s.skipped;
    j["interrupted"] = s.interrupted;
    if (!s.message.empty()) j["message"] = s.message;
    j["documents"] = s.documents;
    j["documents_already_in_ledger"] = s.reused_documents;
    j["claims"] = s.claims;
    j["claims_by_kind"] = s.claims_by_kind;
    j["verdicts"] = s.verdicts_by_status;
    nlohmann::json f = nlohmann::json::array();
    for (const auto& [in, e] : s.failures) f.push_back({{"input", in}, {"error", e}});
    j["failures"] = f;
    nlohmann::json d = nlohmann::json::array();
    for (const auto& x : s.rule_errors) d.push_back(x.ToString());
    j["rule_errors"] = d;
    j["seconds"] = s.seconds;
    j["bytes"] = s.bytes;
    j["jobs"] = s.jobs;
    j["exit_code"] = s.exit_code;
    out << JsonDump(j, 2) << "\n";
    return;
  }
  if (!s.rule_errors.empty()) {
    out << "rule errors: " << s.rule_errors.size() << "; nothing was checked\n";
    return;
  }
  if (!s.message.empty()) {
    if (s.exit_code == kExitOk) out << s.message << "\n";
    return;
  }
  if (s.resumed) {
    out << "run " << s.run << " resumed: " << s.skipped
        << " inputs were already recorded\n";
  }
  out << "run " << s.run << ": " << s.documents << " documents";
  if (s.reused_documents) out << " (" << s.reused_documents << " already in the ledger)";
  out << ", " << s.claims << " claims";
  if (!s.claims_by_kind.empty()) {
    out << " (";
    bool first = true;
    for (const auto& [k, n] : s.claims_by_kind) {
      out << (first ? "" : ", ") << k << " " << n;
      first = false;
    }
    out << ")";
  }
  out << "\nverdicts:";
  if (s.verdicts_by_status.empty()) out << " none";
  for (const auto& [st, n] : s.verdicts_by_status) out << " " << st << " " << n;
  out << "\nfailures: " << s.failures.size() << "\n";
  for (const auto& [in, e] : s.failures) out << "  " << e << "\n";
  char t[128];
  double secs = s.seconds > 0 ? s.seconds : 1e-9;
  std::snprintf(t, sizeof t, "%.2f s, %.1f MB read at %.1f MB/s, %d job%s",
                s.seconds, static_cast<double>(s.bytes) / 1048576.0,
                static_cast<double>(s.bytes) / 1048576.0 / secs, s.jobs,
                s.jobs == 1 ? "" : "s");
  out << "time: " << t << "\n";
  if (s.interrupted) {
    out << "run " << s.run << " was interrupted; claimledger check --resume finishes it\n";
  }
}

int ListCommand(Ledger& ledger, const ListFilter& filter, const OutputOptions& o,
                std::ostream& out, std::ostream& err) {
  if (!filter.status.empty() && !ParseVerdictStatus(filter.status)) {
    err << "error: --status must be consistent, inconsistent or unverifiable\n";
    return kExitUsage;
  }
  auto rows = ledger.ListVerdicts(filter);
  if (!rows.ok()) {
    err << "error: " << rows.status().message() << "\n";
    return kExitUnreadable;
  }
  if (o.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : *rows) {
      arr.push_back({{"verdict_id", r.verdict_id},
                     {"run", r.run_id},
                     {"claim_id", r.claim_id},
                     {"document", r.path},
                     {"text", r.claim_text},
                     {"kind", r.kind},
                     {"unit", r.unit},
                     {"rule", r.rule_id},
                     {"rule_version", r.rule_version},
                     {"severity", r.severity},
                     {"status", r.status},
                     {"machine_status", r.machine_status},
                     {"expected", OptionalJson(r.expected)},
                     {"observed", OptionalJson(r.observed)},
                     {"deviation", OptionalJson(r.deviation)},
                     {"reason", r.reason}});
    }
    out << JsonDump(arr, 2) << "\n";
    return kExitOk;
  }
  if (rows->empty()) {
    out << "no verdicts" << (filter.run ? " in that run" : "") << "\n";
    return kExitOk;
  }
  Table t({"ID", "STATUS", "RULE", "CLAIM", "EXPECTED", "OBSERVED", "DEV",
           "DOCUMENT", "REASON"});
  for (const auto& r : *rows) {
    std::string status = r.status;
    if (r.status != r.machine_status) status += " (reviewed)";
    t.Add({std::to_string(r.verdict_id), status, r.rule_id, r.claim_text,
           Num(r.expected), Num(r.observed), Pct(r.deviation),
           fs::path(r.path).filename().string(), r.reason},
          StatusColor(r.status));
  }
  t.Print(out, o.color);
  return kExitOk;
}

int RulesLintCommand(const std::vector<std::string>& paths, std::ostream& out,
                     std::ostream& err) {
  Diagnostics diags;
  Rulebook book = LoadRulebook(paths, &diags);
  for (const auto& d : diags) err << d.ToString() << "\n";
  if (!diags.empty()) return kExitUsage;
  size_t n = book.AllRules().size();
  out << book.packs.size() << " rule pack" << (book.packs.size() == 1 ? "" : "s")
      << ", " << n << " rule" << (n == 1 ? "" : "s") << ": ok\n";
  return kExitOk;
}

}  // namespace claimledger
