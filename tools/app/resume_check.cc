// check --resume: finishes a run that a crash, a kill or an interrupt left
// unfinished, with the inputs, rules and settings it began with.
#include <chrono>

#include "engine/extract.h"
#include "tools/app/check_plan.h"
#include "tools/app/run_check.h"
#include "tools/app/run_check_internal.h"

namespace claimledger {

namespace {

Result<CheckSummary> Refuse(CheckSummary s, const std::string& why) {
  s.message = "cannot resume run " + std::to_string(s.run) + ": " + why;
  s.exit_code = kExitUsage;
  return s;
}

}  // namespace

Result<CheckSummary> ResumeCheck(Ledger& ledger, Reporter& reporter,
                                 const std::atomic<bool>* stop, int jobs,
                                 size_t commit_documents) {
  auto t0 = std::chrono::steady_clock::now();
  CheckSummary summary;
  auto found = ledger.FindResumableRun();
  if (!found.ok()) return found.status();
  if (!*found) {
    summary.message = "nothing to resume: no run is running or interrupted";
    return summary;
  }
  const ResumableRun& r = **found;
  summary.run = r.run;
  summary.resumed = true;
  if (r.engine_version != CLAIMLEDGER_VERSION ||
      r.extractor_version != kExtractorVersion) {
    return Refuse(summary, "it was begun by claimledger " + r.engine_version +
                               " (" + r.extractor_version + "), this is " +
                               CLAIMLEDGER_VERSION + " (" +
                               std::string(kExtractorVersion) + ")");
  }
  if (r.plan_json.empty()) {
    return Refuse(summary, "it began before ledgers recorded what a run reads");
  }
  if (r.status == "running" && MayStillRun(r.host, r.pid)) {
    return Refuse(summary, "it may still be running (process " +
                               std::to_string(r.pid) + " on " + r.host + ")");
  }
  auto plan = CheckPlan::FromJson(r.plan_json);
  if (!plan.ok()) return Refuse(summary, plan.status().message());

  Lexicon lex;
  LoadLexiconDir(plan->lexicon_dir, &lex, &summary.rule_errors);
  Rulebook book = LoadRulebook(plan->rule_paths, &summary.rule_errors);
  if (!summary.rule_errors.empty()) {
    return Refuse(summary, "its rule files no longer load");
  }
  // Verdicts of one run must come from one set of rules and reference data.
  if (RulesJson(book) != r.rules_json ||
      ReferenceJson(book) != r.reference_json) {
    return Refuse(summary,
                  "a rule or reference file changed since it began; "
                  "start a new run");
  }
  if (auto s = ledger.ResumeRun(r.run, r.last_event); !s.ok()) {
    return Refuse(summary, s.message());
  }
  auto done = ledger.DoneInputs(r.run);
  if (!done.ok()) return done.status();
  if (auto s = ExecutePlan(*plan, r.run, *done, lex, book, stop, jobs,
                           commit_documents, ledger, reporter, &summary);
      !s.ok()) {
    return s;
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  return summary;
}

}  // namespace claimledger
