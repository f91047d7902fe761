// review VERDICT_ID: a person confirms or overrules a verdict. The
// decision is appended to the reviews chain (Ledger::AddReview); the
// verdict itself is never changed. Every check that depends on the user's
// input is made here first, so that each mistake exits 2 with its own
// message before anything is written.
#include <nlohmann/json.hpp>

#include "engine/check.h"
#include "tools/app/review_commands.h"
#include "tools/app/review_util.h"

namespace claimledger {

int ReviewCommand(Ledger& ledger, const ReviewInput& in, const OutputOptions& o,
                  std::ostream& out, std::ostream& err) {
  if (in.decision != "confirm" && in.decision != "override") {
    err << "error: --decision must be confirm or override, not '" << in.decision
        << "'\n";
    return kExitUsage;
  }
  if (!in.status.empty() && !ParseVerdictStatus(in.status)) {
    err << "error: --status must be consistent, inconsistent or "
           "unverifiable, not '"
        << in.status << "'\n";
    return kExitUsage;
  }
  if (in.decision == "override" && in.status.empty()) {
    err << "error: --decision override needs --status (the status you "
           "decide)\n";
    return kExitUsage;
  }
  auto blank = [](const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
  };
  if (blank(in.note)) {
    err << "error: --note is empty; say why\n";
    return kExitUsage;
  }
  if (blank(in.reviewer)) {
    err << "error: --reviewer is empty; say who decides\n";
    return kExitUsage;
  }
  if (!Utf8Flag("--note", in.note, err) ||
      !Utf8Flag("--reviewer", in.reviewer, err)) {
    return kExitUsage;
  }
  auto verdict = ledger.GetVerdict(in.verdict_id);
  if (!verdict.ok()) {
    err << "error: " << verdict.status().message() << "\n";
    return kExitUnreadable;
  }
  if (!*verdict) {
    err << "error: no verdict " << in.verdict_id << " in " << ledger.path()
        << " (claimledger list shows verdict ids)\n";
    return kExitUsage;
  }
  const VerdictInfo& v = **verdict;
  if (in.decision == "confirm" && !in.status.empty() &&
      in.status != v.machine_status) {
    err << "error: confirm keeps the rule's status (" << v.machine_status
        << "); to decide " << in.status << " use --decision override\n";
    return kExitUsage;
  }
  auto id = ledger.AddReview(in);
  if (!id.ok()) {
    err << "error: " << id.status().message() << "\n";
    return kExitUnreadable;
  }
  std::string status = in.status.empty() ? v.machine_status : in.status;
  if (o.json) {
    out << JsonDump(nlohmann::json{{"review_id", *id},
                          {"verdict_id", v.id},
                          {"run", v.run_id},
                          {"rule", v.rule_id},
                          {"decision", in.decision},
                          {"status", status},
                          {"machine_status", v.machine_status},
                          {"previous_status", v.status},
                          {"reviewer", in.reviewer},
                          {"note", in.note}}, 2)
        << "\n";
    return kExitOk;
  }
  out << "review " << *id << ": " << in.reviewer << " "
      << (in.decision == "confirm" ? "confirmed" : "overrode") << " verdict "
      << v.id << " (" << v.rule_id << ", run " << v.run_id << "): "
      << (in.decision == "confirm" ? status
                                   : v.machine_status + " -> " + status)
      << "\n";
  return kExitOk;
}

}  // namespace claimledger
