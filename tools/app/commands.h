// The subcommands of `claimledger` other than check's core (run_check.h):
// each takes parsed options and streams, prints results to `out`, and
// returns the process exit code. main.cc only parses and dispatches.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "tools/app/run_check.h"

namespace claimledger {

struct OutputOptions {
  bool json = false;
  bool color = false;
};

// The bundled rules/ folder: $CLAIMLEDGER_RULES, else next to the
// executable (../rules, ../../rules, ../share/claimledger/rules), else the
// source tree this binary was built from.
std::string FindRulesDir();

// J as JSON text: a string that is not UTF-8 (a ledger, folder or rule
// path, or a note, given in another encoding) has its bad bytes written as
// U+FFFD instead of stopping the command. Input files with such names never
// get here: CollectInputs refuses them, so a run's plan names its files
// exactly.
std::string JsonDump(const nlohmann::json& j, int indent = -1);

// Prints the result of a check run (text or JSON).
void PrintCheckSummary(const CheckSummary& s, const OutputOptions& o,
                       std::ostream& out, std::ostream& err);

int ListCommand(Ledger& ledger, const ListFilter& filter,
                const OutputOptions& o, std::ostream& out, std::ostream& err);

// Audits the ledger at PATH (which must exist): prints each hash chain,
// PRAGMA integrity_check and every finding, naming the first row of a
// chain that does not match. Exit 0 when clean, 1 when anything does not
// match, 3 when the ledger cannot be opened or read.
int AuditCommand(const std::string& path, const OutputOptions& o,
                 std::ostream& out, std::ostream& err);

// Loads every rule pack under paths and prints each diagnostic as
// file:line:col: error: message [rule_id]; exit 2 when there were any.
int RulesLintCommand(const std::vector<std::string>& paths, std::ostream& out,
                     std::ostream& err);

}  // namespace claimledger
