// The command-line surface of the review subcommands (claims, show, runs,
// diff, review, export, report), kept out of main.cc so that main only
// parses and dispatches. Construct it on the CLI::App before parsing; it
// must stay where it is (CLI11 keeps pointers to its members).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "ledger/ledger.h"
#include "tools/app/commands.h"
#include "tools/app/review_commands.h"

namespace CLI {
class App;
}

namespace claimledger {

class ReviewCli {
 public:
  // Adds the subcommands to app; their --ledger and --json options write
  // to *ledger_path and *json, shared with the other subcommands.
  ReviewCli(CLI::App& app, std::string* ledger_path, bool* json);
  ReviewCli(const ReviewCli&) = delete;
  ReviewCli& operator=(const ReviewCli&) = delete;

  // After parsing: opens the ledger (which must exist; exit 3 otherwise),
  // runs the chosen subcommand and returns its exit code; nullopt when
  // none of these subcommands was chosen.
  std::optional<int> Run(const OutputOptions& o, std::ostream& out,
                         std::ostream& err);

 private:
  std::string* ledger_path_;
  CLI::App* claims_ = nullptr;
  CLI::App* show_ = nullptr;
  CLI::App* runs_ = nullptr;
  CLI::App* diff_ = nullptr;
  CLI::App* review_ = nullptr;
  CLI::App* export_ = nullptr;
  CLI::App* report_ = nullptr;
  ClaimsOptions claims_opt_;
  int64_t run_ = 0;  // --run of claims, export and report; 0: the latest
  int64_t claim_ = 0;
  int64_t run_a_ = 0, run_b_ = 0;
  ReviewInput review_in_;
  ExportOptions export_opt_;
  ReportOptions report_opt_;
};

}  // namespace claimledger
