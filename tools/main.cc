// claimledger: parses the command line and dispatches to tools/app.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <future>
#include <iostream>
#include <thread>
#include <unistd.h>

#include "tools/app/commands.h"
#include "tools/app/interrupt.h"
#include "tools/app/progress.h"
#include "tools/app/review_cli.h"
#include "tools/app/run_check.h"
#include "tools/app/table.h"

#ifdef CLAIMLEDGER_WITH_MIMALLOC
#include <mimalloc.h>
#endif

using namespace claimledger;

namespace {

std::unique_ptr<Ledger> OpenLedger(const std::string& path,
                                   OpenMode mode = OpenMode::kCreate) {
  auto l = Ledger::Open(path, mode);
  if (!l.ok()) {
    spdlog::error("{}", l.status().message());
    std::exit(kExitUnreadable);
  }
  return std::move(l).value();
}

// Runs a check, new or resumed, with a progress bar on a terminal (not with
// --json), then prints its summary; returns the exit code.
template <class Check>
int CheckWithProgress(const OutputOptions& out, Check check) {
  ProgressBar progress(isatty(STDERR_FILENO) && !out.json);
  // On a new thread, whose memory comes with the allocator's settings
  // (TuneAllocator); exceptions still reach main's handler through get().
  auto summary =
      std::async(std::launch::async, [&] { return check(progress); }).get();
  progress.Finish();
  if (!summary.ok()) {
    spdlog::error("{}", summary.status().message());
    return kExitUnreadable;
  }
  PrintCheckSummary(*summary, out, std::cout, std::cerr);
  return summary->exit_code;
}

// With mimalloc: 2 MB pages (madvise, for transparent huge pages), from
// a thread's first segment on, and no handing freed pages back to the OS
// between batches. A check touches the same working set batch after
// batch; with 4 KB pages given back and faulted in again, page faults and
// TLB misses took 5-8% of its CPU time (10,000 articles, --jobs 1 and 2).
// Peak RSS grows by about 10 MB. An option set in the environment
// (MIMALLOC_LARGE_OS_PAGES, ...) is left as the user set it. The options
// apply to memory mimalloc maps from now on, not to the main thread's
// first segment, mapped before main: CheckWithProgress runs the check on
// a thread of its own.
void TuneAllocator() {
#ifdef CLAIMLEDGER_WITH_MIMALLOC
  struct Setting {
    const char* env;
    mi_option_t option;
    long value;
  };
  for (const Setting& s : {Setting{"MIMALLOC_LARGE_OS_PAGES", mi_option_large_os_pages, 1},
                           Setting{"MIMALLOC_EAGER_COMMIT_DELAY", mi_option_eager_commit_delay, 0},
                           Setting{"MIMALLOC_ALLOW_DECOMMIT", mi_option_allow_decommit, 0}}) {
    if (std::getenv(s.env) == nullptr) mi_option_set(s.option, s.value);
  }
#endif
}

}  // namespace

int main(int argc, char** argv) {
  TuneAllocator();
  auto logger = spdlog::stderr_color_mt("claimledger");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%^%l%$: %v");

  CLI::App app{"claimledger: checks the numbers in news articles and keeps a ledger"};
  app.require_subcommand(1);
  std::string ledger_path = "claimledger.db";
  app.add_option("--ledger", ledger_path, "ledger file (default ./claimledger.db)");
  bool json = false;

  auto* check = app.add_subcommand("check", "extract and check claims into the ledger");
  std::vector<std::string> inputs, rules;
  std::string published, lang = "auto";
  int jobs = 0;
  bool resume = false;
  check->add_option("paths", inputs, "files, folders, or - for paths on stdin");
  check->add_flag("--resume", resume, "finish the latest run left running or interrupted");
  check->add_option("--ledger", ledger_path, "ledger file");
  check->add_option("--rules", rules, "rule pack file or folder (default: bundled rules/)");
  check->add_option("--published", published, "publication date YYYY-MM-DD or YYYY-MM for files without one");
  check->add_option("--lang", lang, "ko, en or auto")->check(CLI::IsMember({"ko", "en", "auto"}));
  check->add_option("--jobs", jobs, "threads in all, one of them the ledger writer (default: the number of cores)")->check(CLI::Range(1, 256));
  size_t max_bytes = kDefaultMaxBytes;
  check->add_option("--max-bytes", max_bytes, "refuse inputs larger than this (default 16 MiB)")->check(CLI::PositiveNumber);
  size_t max_claims = kDefaultMaxClaims;
  size_t commit_every = kCommitDocuments;
  check->add_option("--commit-every", commit_every, "documents per commit to the ledger (default 2048); fewer make progress durable and visible to readers sooner, at more writing")->check(CLI::PositiveNumber);
  check->add_option("--max-claims", max_claims, "refuse documents with more claims than this (default 10000)")->check(CLI::PositiveNumber);
  check->add_flag("--json", json, "print the summary as JSON");

  auto* list = app.add_subcommand("list", "list the verdicts of a run, most severe first");
  ListFilter filter;
  int64_t run = 0;
  list->add_option("--ledger", ledger_path, "ledger file");
  list->add_option("--run", run, "run number (default: the latest)");
  list->add_option("--status", filter.status, "consistent, inconsistent or unverifiable");
  list->add_option("--rule", filter.rule, "rule id");
  list->add_option("--kind", filter.kind, "claim kind");
  std::string list_doc;
  list->add_option("--doc", list_doc, "document id, SHA-256 (or prefix), path or file name");
  list->add_flag("--json", json, "print JSON");

  ReviewCli review_cli(app, &ledger_path, &json);  // claims show runs diff review export report

  auto* audit = app.add_subcommand("audit", "recompute the ledger's hash chains and check its integrity");
  audit->add_option("--ledger", ledger_path, "ledger file");
  audit->add_flag("--json", json, "print JSON");

  auto* rules_cmd = app.add_subcommand("rules", "work with rule packs");
  rules_cmd->require_subcommand(1);
  auto* lint = rules_cmd->add_subcommand("lint", "check rule packs and print every problem");
  std::vector<std::string> lint_paths;
  lint->add_option("paths", lint_paths, "rule pack files or folders")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  // Whatever a command throws past its own handling is reported, not an
  // abort: a check so stopped leaves its run unfinished, for --resume.
  try {
    if (jobs == 0) jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    OutputOptions out;
    out.json = json;
    out.color = UseColor(isatty(STDOUT_FILENO));

    if (*check && resume) {
      for (const char* flag : {"--rules", "--published", "--lang", "--max-bytes", "--max-claims"}) {
        if (check->count(flag)) {
          spdlog::error("--resume takes the run's own {}; leave it out", flag);
          return kExitUsage;
        }
      }
      if (!inputs.empty()) {
        spdlog::error("--resume reads the run's own inputs; give no paths");
        return kExitUsage;
      }
      auto ledger = OpenLedger(ledger_path);
      const auto* stop = InstallStopHandler();
      return CheckWithProgress(out, [&](ProgressBar& progress) {
        return ResumeCheck(*ledger, progress, stop, jobs, commit_every);
      });
    }
    if (*check) {
      if (inputs.empty()) {
        spdlog::error("check needs files or folders to read (or --resume)");
        return kExitUsage;
      }
      CheckOptions opt;
      opt.inputs = inputs;
      opt.arguments.assign(argv, argv + argc);
      std::string rules_dir = FindRulesDir();
      opt.rule_paths = rules.empty() ? std::vector<std::string>{rules_dir} : rules;
      opt.lexicon_dir = rules_dir + "/lexicon";
      opt.defaults.lang = lang;
      opt.jobs = jobs;
      opt.commit_documents = commit_every;
      opt.max_bytes = max_bytes;
      opt.max_claims = max_claims;
      opt.stdin_paths = &std::cin;
      if (!published.empty()) {
        auto d = PubDate::Parse(published);
        if (!d) {
          spdlog::error("--published '{}' is not YYYY-MM-DD or YYYY-MM", published);
          return kExitUsage;
        }
        opt.defaults.published = *d;
      }
      // Opened inside RunCheck, beside the rules when there are jobs to
      // spare; closed when main returns.
      std::unique_ptr<Ledger> ledger;
      auto open = [&]() -> Result<Ledger*> {
        auto l = Ledger::Open(ledger_path);
        if (!l.ok()) return l.status();
        ledger = std::move(l).value();
        return ledger.get();
      };
      opt.stop = InstallStopHandler();
      return CheckWithProgress(out, [&](ProgressBar& progress) {
        return RunCheck(opt, open, progress);
      });
    }
    if (*list) {
      if (run > 0) filter.run = run;
      if (!filter.status.empty() && !ParseVerdictStatus(filter.status)) {
        spdlog::error("--status must be consistent, inconsistent or unverifiable");
        return kExitUsage;
      }
      // Reading never creates a ledger: a wrong path is an error, exit 3.
      auto ledger = OpenLedger(ledger_path, OpenMode::kExisting);
      return ListCommand(*ledger, filter, list_doc, out, std::cout, std::cerr);
    }
    if (auto code = review_cli.Run(out, std::cout, std::cerr)) return *code;
    if (*audit) return AuditCommand(ledger_path, out, std::cout, std::cerr);
    if (*lint) return RulesLintCommand(lint_paths, std::cout, std::cerr);
    return kExitUsage;
  } catch (const std::exception& e) {
    spdlog::error("internal error: {}", e.what());
    return kExitUnreadable;
  }
}
