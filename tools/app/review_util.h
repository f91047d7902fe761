// Helpers shared by the review subcommands (claims, show, runs, diff,
// review, export, report): how a claim's verdicts combine into one status,
// the JSON shapes of documents, claims, verdicts and reviews, readable
// provenance lines, and resolving the run or document a user named.
// Stateless functions; safe from any thread.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "ledger/ledger.h"

namespace claimledger {

// The order reviewers read in: inconsistent 0, unverifiable 1,
// consistent 2, anything else (unchecked) 3.
int StatusRank(const std::string& status);

// One status for a claim from the verdicts about it, reviewers' decisions
// taken first: inconsistent when any verdict is; else consistent when any
// is; else unverifiable when any is; "unchecked" when there are none.
std::string CombinedStatus(const std::vector<const VerdictInfo*>& verdicts);

// Verdicts by claim id: each verdict is listed under every claim it is
// about (claim_ids), in verdict id order. The pointers point into `run`.
std::map<int64_t, std::vector<const VerdictInfo*>> VerdictsByClaim(
    const RunContent& run);

// A decimal string as a JSON number (exact when it is an integer that
// fits), falling back to `num`; null when both are absent.
nlohmann::json DecimalJson(const std::string& dec, std::optional<double> num);
nlohmann::json OptionalNumber(std::optional<double> v);

// {"id","path","sha256","published","lang","source"}
nlohmann::json DocumentJson(const DocumentInfo& d);
// The claim fields of the jsonl contract (DESIGN.md), without
// "document" and "verdicts".
nlohmann::json ClaimJson(const ClaimInfo& c);
nlohmann::json ReviewJson(const ReviewInfo& r);
// A verdict as exports print it: "status" is the reviewed status,
// "machine_status" the rule's own, "review" the latest review or null.
// With evidence: the evidence JSON and every review as well.
nlohmann::json VerdictJson(const VerdictInfo& v, bool with_evidence);

// Lines a person reads to trust a verdict: the rule file and its SHA-256,
// and the reference data its evidence names (rate file, window and rows;
// the fact, its source and file).
std::vector<std::string> ProvenanceLines(const VerdictInfo& v);

// "file:///abs/path" with bytes outside the URL-safe set percent-encoded;
// a relative path is taken from `base` (else the current directory).
std::string FileUrl(const std::string& path, const std::string& base = "");
// The document's source when it is an http(s) URL, else the file: URL of
// the path the run read it from, relative paths taken from the folder the
// run was started in (its recorded plan's "cwd").
std::string DocumentUrl(const DocumentInfo& d, const RunDetail& run);

// A number for people: grouped digits, six significant digits, no
// trailing zeros ("5,450,000", "0.125").
std::string Compact(double v);

// Compact(v), or "-" when there is no value.
std::string Num(const std::optional<double>& v);
// A relative deviation as a signed percentage ("+1.25%"), or "-".
std::string Pct(const std::optional<double>& v);

// Number of Unicode code points in UTF-8 text.
size_t CodePoints(const std::string& s);

// The run a user named (or the latest when none): writes it to *run and
// returns 0; otherwise prints why to err and returns the exit code (2 for
// an unknown run or an empty ledger, 3 when the ledger cannot be read).
int ResolveRun(Ledger& ledger, std::optional<int64_t> wanted, int64_t* run,
               std::ostream& err);
// ResolveRun, then the run's whole content into *content (exit 3 when it
// cannot be read).
int LoadRunContent(Ledger& ledger, std::optional<int64_t> wanted, RunContent* content,
                   std::ostream& err);
// The one document KEY names (see Ledger::FindDocuments); exit codes as
// ResolveRun (2 when it names none or several).
int ResolveDocument(Ledger& ledger, const std::string& key, int64_t* doc,
                    std::ostream& err);

// ANSI colour of a status for terminal tables.
const char* StatusAnsi(const std::string& status);

// Whether the text given for FLAG is UTF-8, as the ledger, its exports and
// its hash chain keep it; if not, says so on `err` and returns false (the
// command then exits kExitUsage).
bool Utf8Flag(const char* flag, const std::string& value, std::ostream& err);

}  // namespace claimledger
