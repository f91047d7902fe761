// `claimledger audit`: prints what Ledger::Audit found.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "tools/app/commands.h"

namespace claimledger {

int AuditCommand(const std::string& path, const OutputOptions& o,
                 std::ostream& out, std::ostream& err) {
  auto ledger = Ledger::Open(path, OpenMode::kExisting);
  if (!ledger.ok()) {
    err << "error: " << ledger.status().message() << "\n";
    return kExitUnreadable;
  }
  auto report = (*ledger)->Audit();
  if (!report.ok()) {
    err << "error: " << report.status().message() << "\n";
    return kExitUnreadable;
  }
  const AuditReport& r = *report;
  int code = r.ok() ? kExitOk : kExitInconsistent;
  if (o.json) {
    nlohmann::json chains = nlohmann::json::array();
    for (const auto& c : r.chains) {
      chains.push_back(
          {{"table", c.table}, {"rows", c.rows}, {"head", c.head}});
    }
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : r.problems) {
      problems.push_back(
          {{"table", p.table}, {"row", p.row}, {"problem", p.problem}});
    }
    out << JsonDump(nlohmann::json({{"ledger", path},
                           {"schema_version", r.schema_version},
                           {"ok", r.ok()},
                           {"integrity_check", r.integrity},
                           {"chains", chains},
                           {"problems", problems},
                           {"incomplete_runs", r.incomplete_runs}}), 2)
        << "\n";
    return code;
  }
  out << "ledger " << path << " (schema " << r.schema_version << ")\n";
  out << "integrity_check:";
  for (const auto& line : r.integrity) out << " " << line;
  out << "\n";
  for (const auto& c : r.chains) {
    char line[160];
    std::snprintf(line, sizeof line, "%-10s %8lld rows  head %s\n",
                  c.table.c_str(), static_cast<long long>(c.rows),
                  c.head.c_str());
    out << line;
  }
  for (const auto& p : r.problems) {
    out << "MISMATCH " << p.table;
    if (p.row) out << " row " << p.row;
    out << ": " << p.problem << "\n";
  }
  if (!r.incomplete_runs.empty()) {
    out << "unfinished runs:";
    for (int64_t id : r.incomplete_runs) out << " " << id;
    out << " (claimledger check --resume finishes the latest)\n";
  }
  out << "audit: " << (r.ok() ? "ok" : "FAILED") << "\n";
  return code;
}

}  // namespace claimledger
