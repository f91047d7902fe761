// The review half of `claimledger`: reading what a run found (claims,
// list --doc, show, runs, diff), recording a reviewer's decision (review)
// and handing results on (export, report). Each command takes an open
// Ledger and parsed options, prints to `out` (errors to `err`) and returns
// the exit code: 0 ok, 2 usage (an unknown run, claim, verdict or
// document, a bad value, an unwritable output file), 3 ledger unreadable.
// The writers below are library functions so that tests call them on a
// loaded run without a process.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "ledger/ledger.h"
#include "tools/app/commands.h"

namespace claimledger {

struct ClaimsOptions {
  std::optional<int64_t> run;  // default: the latest run (holding --doc)
  std::string document;        // --doc KEY; empty: every document
  std::string kind;
};
int ClaimsCommand(Ledger& ledger, const ClaimsOptions& opt,
                  const OutputOptions& o, std::ostream& out, std::ostream& err);

// `list` with --doc KEY: resolves the document (and, without --run, the
// latest run holding it), then lists as ListCommand does.
int ListCommand(Ledger& ledger, ListFilter filter, const std::string& doc_key,
                const OutputOptions& o, std::ostream& out, std::ostream& err);

int ShowCommand(Ledger& ledger, int64_t claim, const OutputOptions& o,
                std::ostream& out, std::ostream& err);

int RunsCommand(Ledger& ledger, const OutputOptions& o, std::ostream& out,
                std::ostream& err);

// The verdicts whose rule outcome changed from run_a to run_b, matched by
// document, rule and the leading claim's span, with the reason for each
// (the rule's or the reference data's SHA-256 that changed, and both
// verdicts' reasons); also the verdicts only one run has.
int DiffCommand(Ledger& ledger, int64_t run_a, int64_t run_b,
                const OutputOptions& o, std::ostream& out, std::ostream& err);

int ReviewCommand(Ledger& ledger, const ReviewInput& in, const OutputOptions& o,
                  std::ostream& out, std::ostream& err);

struct ExportOptions {
  std::string format;  // jsonl | csv | claimreview
  std::optional<int64_t> run;
  std::string output;                  // empty or "-": stdout
  std::string author = "claimledger";  // claimreview's author
};
int ExportCommand(Ledger& ledger, const ExportOptions& opt, std::ostream& out,
                  std::ostream& err);

struct ReportOptions {
  std::string html;  // the file to write
  std::optional<int64_t> run;
};
int ReportCommand(Ledger& ledger, const ReportOptions& opt, std::ostream& out,
                  std::ostream& err);

// One JSON object per claim of the run's documents, one per line (the
// jsonl contract of DESIGN.md); a claim's verdicts are those of the run
// about it, a reviewer's decision in "status".
void WriteJsonl(const RunContent& run, std::ostream& out);
// One row per verdict (the leading claim's fields), and one row with status
// "unchecked" per claim no verdict is about. RFC 4180 quoting.
void WriteCsv(const RunContent& run, std::ostream& out);
// schema.org ClaimReview JSON-LD: an array with one ClaimReview per claim
// that leads at least one verdict of the run (see docs/review.md).
nlohmann::json ClaimReviews(const RunContent& run, const std::string& author);
// The self-contained HTML report of one run (no network fetches).
void WriteHtmlReport(const RunContent& run, std::ostream& out);

}  // namespace claimledger
