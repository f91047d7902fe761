#include "tools/app/run_check.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <future>

#include "engine/extract.h"
#include "tools/app/check_plan.h"
#include "tools/app/commands.h"
#include "tools/app/run_check_internal.h"

namespace fs = std::filesystem;

namespace claimledger {

std::string NowUtc() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<CheckSummary> RunCheck(const CheckOptions& options, Ledger& ledger,
                              Reporter& reporter) {
  return RunCheck(
      options, [&]() -> Result<Ledger*> { return &ledger; }, reporter);
}

Result<CheckSummary> RunCheck(const CheckOptions& options,
                              const LedgerOpener& open, Reporter& reporter) {
  auto t0 = std::chrono::steady_clock::now();
  CheckSummary summary;
  CheckPlan plan;
  std::error_code ec;
  plan.cwd = fs::current_path(ec).string();
  // Absolute, so that a resumed run loads the very same files and records
  // the same names for them wherever it is started from.
  for (const auto& r : options.rule_paths) {
    plan.rule_paths.push_back(fs::absolute(r, ec).lexically_normal().string());
  }
  plan.lexicon_dir = fs::absolute(options.lexicon_dir, ec).lexically_normal().string();
  plan.defaults = options.defaults;
  plan.max_bytes = options.max_bytes;
  plan.max_claims = options.max_claims;
  // When more than one thread may run, one more lists the input folders
  // (10,000 files take about 5 ms) and loads the lexicon (5 ms) while this
  // one opens the ledger (4 ms to create one) and loads the rules (8 ms).
  // Each fills its own part of the plan. One helper rather than one per
  // task: a thread's first allocations fault in memory of its own, which
  // costs these VMs more than the tasks' overlap saves (1,000 articles,
  // --jobs 2, three helpers against none: CPU +10%).
  Lexicon lex;
  Diagnostics lexicon_errors;
  auto list_inputs = [&] {
    plan.files =
        CollectInputs(options.inputs, options.stdin_paths, &plan.unreadable);
  };
  std::future<void> helper;
  if (options.jobs > 1) {
    helper = std::async(std::launch::async, [&] {
      list_inputs();
      LoadLexiconDir(plan.lexicon_dir, &lex, &lexicon_errors);
    });
  } else {
    LoadLexiconDir(plan.lexicon_dir, &lex, &lexicon_errors);
  }
  Result<Ledger*> opened = open();
  Diagnostics rule_errors;
  Rulebook book = LoadRulebook(plan.rule_paths, &rule_errors);
  if (helper.valid()) helper.get();  // passes on what the thread threw
  if (!opened.ok()) return opened.status();
  Ledger& ledger = **opened;
  summary.rule_errors = std::move(lexicon_errors);
  summary.rule_errors.insert(summary.rule_errors.end(), rule_errors.begin(),
                             rule_errors.end());
  if (!summary.rule_errors.empty()) {
    summary.exit_code = kExitUsage;
    return summary;
  }
  if (options.jobs <= 1) list_inputs();

  RunInfo info;
  info.engine_version = CLAIMLEDGER_VERSION;
  info.extractor_version = std::string(kExtractorVersion);
  // JsonDump: an argument that is not UTF-8 is kept with U+FFFD.
  info.arguments_json = JsonDump(nlohmann::json(options.arguments));
  info.rules_json = RulesJson(book);
  info.reference_json = ReferenceJson(book);
  info.started_at = NowUtc();
  info.plan_json = plan.ToJson();
  auto run = ledger.BeginRun(info);
  if (!run.ok()) return run.status();
  summary.run = *run;
  if (auto s = ExecutePlan(plan, *run, {}, lex, book, options.stop,
                           options.jobs, options.commit_documents, ledger,
                           reporter, &summary);
      !s.ok()) {
    return s;
  }
  summary.seconds = std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - t0).count();
  return summary;
}

}  // namespace claimledger
