#include "tools/app/review_cli.h"

#include <CLI/CLI.hpp>

#include "tools/app/run_check.h"

namespace claimledger {

namespace {

void AddLedger(CLI::App* cmd, std::string* path) {
  cmd->add_option("--ledger", *path, "ledger file (default ./claimledger.db)");
}

}  // namespace

ReviewCli::ReviewCli(CLI::App& app, std::string* ledger_path, bool* json)
    : ledger_path_(ledger_path) {
  claims_ =
      app.add_subcommand("claims", "list the claims of a run's documents");
  AddLedger(claims_, ledger_path);
  claims_->add_option("--doc", claims_opt_.document,
                      "document id, SHA-256 (or prefix), path or file name");
  claims_->add_option("--kind", claims_opt_.kind, "claim kind");
  claims_->add_option("--run", run_, "run number (default: the latest)")
      ->check(CLI::PositiveNumber);
  claims_->add_flag("--json", *json, "print JSON");

  show_ = app.add_subcommand(
      "show",
      "a claim in its sentence with every verdict, its evidence and reviews");
  AddLedger(show_, ledger_path);
  show_->add_option("claim", claim_, "claim id")->required();
  show_->add_flag("--json", *json, "print JSON");

  runs_ = app.add_subcommand("runs", "list the runs in the ledger");
  AddLedger(runs_, ledger_path);
  runs_->add_flag("--json", *json, "print JSON");

  diff_ = app.add_subcommand(
      "diff", "verdicts whose status changed between two runs, and why");
  AddLedger(diff_, ledger_path);
  diff_->add_option("run_a", run_a_, "the earlier run")->required();
  diff_->add_option("run_b", run_b_, "the later run")->required();
  diff_->add_flag("--json", *json, "print JSON");

  review_ = app.add_subcommand("review", "confirm or overrule a verdict");
  AddLedger(review_, ledger_path);
  review_->add_option("verdict", review_in_.verdict_id, "verdict id")
      ->required();
  review_->add_option("--decision", review_in_.decision, "confirm or override")
      ->required()
      ->check(CLI::IsMember({"confirm", "override"}));
  review_
      ->add_option("--status", review_in_.status,
                   "the status decided (required for override)")
      ->check(CLI::IsMember({"consistent", "inconsistent", "unverifiable"}));
  review_->add_option("--note", review_in_.note, "why")->required();
  review_->add_option("--reviewer", review_in_.reviewer, "who decides")
      ->required();
  review_->add_flag("--json", *json, "print JSON");

  export_ =
      app.add_subcommand("export", "write a run as jsonl, csv or ClaimReview");
  AddLedger(export_, ledger_path);
  export_
      ->add_option("--format", export_opt_.format, "jsonl, csv or claimreview")
      ->required()
      ->check(CLI::IsMember({"jsonl", "csv", "claimreview"}));
  export_->add_option("--run", run_, "run number (default: the latest)")
      ->check(CLI::PositiveNumber);
  export_->add_option("-o,--output", export_opt_.output,
                      "output file (default stdout)");
  export_->add_option(
      "--author", export_opt_.author,
      "the organization named as ClaimReview author (default claimledger)");

  report_ = app.add_subcommand("report",
                               "write a self-contained HTML report of a run");
  AddLedger(report_, ledger_path);
  report_->add_option("--html", report_opt_.html, "the HTML file to write")
      ->required();
  report_->add_option("--run", run_, "run number (default: the latest)")
      ->check(CLI::PositiveNumber);
}

std::optional<int> ReviewCli::Run(const OutputOptions& o, std::ostream& out,
                                  std::ostream& err) {
  CLI::App* chosen = nullptr;
  for (CLI::App* c :
       {claims_, show_, runs_, diff_, review_, export_, report_}) {
    if (c->parsed()) chosen = c;
  }
  if (!chosen) return std::nullopt;
  auto opened = Ledger::Open(*ledger_path_, OpenMode::kExisting);
  if (!opened.ok()) {
    err << "error: " << opened.status().message() << "\n";
    return kExitUnreadable;
  }
  Ledger& ledger = **opened;
  std::optional<int64_t> run;
  if (run_ > 0) run = run_;
  if (chosen == claims_) {
    claims_opt_.run = run;
    return ClaimsCommand(ledger, claims_opt_, o, out, err);
  }
  if (chosen == show_) return ShowCommand(ledger, claim_, o, out, err);
  if (chosen == runs_) return RunsCommand(ledger, o, out, err);
  if (chosen == diff_) return DiffCommand(ledger, run_a_, run_b_, o, out, err);
  if (chosen == review_) return ReviewCommand(ledger, review_in_, o, out, err);
  if (chosen == export_) {
    export_opt_.run = run;
    return ExportCommand(ledger, export_opt_, out, err);
  }
  report_opt_.run = run;
  return ReportCommand(ledger, report_opt_, out, err);
}

}  // namespace claimledger
