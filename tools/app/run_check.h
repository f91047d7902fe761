// RunCheck: the main job of claimledger as a library function. Reads the
// inputs (files, folders, or "-" for a list of paths on stdin), extracts
// claims, checks them against the rulebook and records everything in the
// ledger as one run. Bad inputs become failure rows; the batch goes on.
// With jobs > 1, worker threads read, extract and check while the calling
// thread alone writes to the ledger, in input order: the ledger holds the
// same rows whatever the number of jobs. The Reporter is called from the
// calling thread only.
// Documents are written in batches (kBatchDocuments, or kBatchInterval
// whichever comes first); a crash loses at most the batch in flight and
// leaves the run running, for ResumeCheck to finish.
// Progress goes to a Reporter so that tests run it without a terminal.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/document.h"
#include "engine/lexicon.h"
#include "engine/rulebook.h"
#include "ledger/ledger.h"

namespace claimledger {

// Exit codes of `claimledger check` (DESIGN.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitInconsistent = 1,
  kExitUsage = 2,
  kExitUnreadable = 3,
  kExitInterrupted = 130,  // 128 + SIGINT, as shells report it
};

// Documents the writer holds before RecordDocuments writes them. Since
// batches are committed in groups (below), a batch no longer sets how
// often pages are written again, and small batches are cheaper: their
// rows are written while they are still in the processor's cache, and
// less memory is held (on these VMs a page touched for the first time
// costs several times its copy). 64 against 512, alternating runs: at
// 10,000 articles CPU -5.2% with --jobs 1 and -2.4% with --jobs 2, peak
// RSS 70 -> 51 MB with --jobs 1; at 100,000 articles CPU -4.5% with
// --jobs 1, and -2.2% (wall -5%) with --jobs 2.
// 32 was 1-2% slower than 64, and 16 7% slower.
inline constexpr size_t kBatchDocuments = 64;
inline constexpr std::chrono::milliseconds kBatchInterval{250};
// Batches are committed in groups (Ledger::GroupCommits), which writes
// the same pages again less often without holding more documents in
// memory: at 100,000 articles the log takes 869 MB instead of 1,184 MB,
// and --jobs 1 3-6% less CPU. A crash loses at most a group, which
// --resume does again.
inline constexpr size_t kCommitDocuments = 2048;
inline constexpr std::chrono::milliseconds kCommitInterval{1000};
// The writer copies the log into the ledger file after a commit that
// leaves this many pages (32 KB) in it, at most 64 MB: pages changed
// again and again (the right edges of tables and indexes) are copied once
// per checkpoint, and the writer waits for the file's sync less often.
// Against SQLite's 1,000, alternating runs: 10,000 articles, CPU -1.2%
// with --jobs 1 and -3.3% with --jobs 2; 100,000 articles, -6.6% and
// -3.8%. 4,000 gained 1-4% more at 100,000 but lost 2-5% at 10,000,
// where closing copies what is left.
inline constexpr int kCheckpointPages = 2000;
// Inputs larger than this are refused before they are read (--max-bytes).
inline constexpr size_t kDefaultMaxBytes = 16u << 20;
// A document with more claims than this is refused after extraction
// (--max-claims): what a document holds while it is checked and written
// grows with its claims, so this bounds it. A long article has hundreds.
inline constexpr size_t kDefaultMaxClaims = 10000;

struct CheckOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> arguments;  // the command line, for the run row
  std::vector<std::string> rule_paths; // rule packs (files or folders)
  std::string lexicon_dir;
  DocumentDefaults defaults;
  size_t max_bytes = kDefaultMaxBytes;
  size_t max_claims = kDefaultMaxClaims;
  int jobs = 1;  // threads in all; 1 checks on the calling thread alone
  // Documents per commit (Ledger::GroupCommits; --commit-every).
  size_t commit_documents = kCommitDocuments;
  std::istream* stdin_paths = nullptr;  // where "-" reads paths from
  // Polled between documents: when it turns true the run stops after the
  // current document, is marked interrupted and exits kExitInterrupted.
  const std::atomic<bool>* stop = nullptr;
};

// Counts are the whole run's, from the ledger (a resumed run included).
struct CheckSummary {
  int64_t run = 0;  // 0 when nothing was begun
  bool resumed = false;
  int skipped = 0;  // inputs a resumed run had already dealt with
  bool interrupted = false;
  std::string message;  // why nothing was done (resume), or the refusal
  int documents = 0;
  int reused_documents = 0;
  int claims = 0;
  std::map<std::string, int> claims_by_kind;
  std::map<std::string, int> verdicts_by_status;
  std::vector<std::pair<std::string, std::string>> failures;  // input, error
  Diagnostics rule_errors;
  int jobs = 1;
  size_t bytes = 0;  // of the documents read by this invocation
  double seconds = 0;
  int exit_code = kExitOk;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void Started(size_t total_inputs) { (void)total_inputs; }
  // The size of the document about to be reported by Document().
  virtual void Bytes(size_t bytes) { (void)bytes; }
  virtual void Document(const std::string& path, size_t done, size_t total,
                        int claims) {
    (void)path, (void)done, (void)total, (void)claims;
  }
  virtual void Failure(const std::string& input, const std::string& error) {
    (void)input, (void)error;
  }
};

// Loads rules and lexicon (any diagnostic: exit 2, nothing written), then
// checks every input into the ledger. Returns a failed Status only when the
// ledger itself fails; everything else is in the summary.
Result<CheckSummary> RunCheck(const CheckOptions& options, Ledger& ledger,
                              Reporter& reporter);
// The same with the ledger opened by `open`, which RunCheck calls once,
// before the rules: with jobs > 1 a helper thread lists the inputs and
// loads the lexicon meanwhile (creating a ledger takes about 4 ms). A
// failure to open is returned as it is, before any rule diagnostic.
using LedgerOpener = std::function<Result<Ledger*>()>;
Result<CheckSummary> RunCheck(const CheckOptions& options,
                              const LedgerOpener& open, Reporter& reporter);

// Finishes the latest run left running (its process gone) or interrupted:
// re-reads the inputs, rules and settings recorded when it began, skips
// the inputs it already holds, and closes it. Refuses (exit 2, message)
// when its process may still be running, when it was begun by another
// engine or extractor version, or when a rule or reference file changed
// since. Nothing to resume: exit 0 with a message. jobs and
// commit_documents as in CheckOptions.
Result<CheckSummary> ResumeCheck(Ledger& ledger, Reporter& reporter,
                                 const std::atomic<bool>* stop, int jobs = 1,
                                 size_t commit_documents = kCommitDocuments);

// Expands files, folders (recursively: *.txt and *.md, following folder
// symlinks) and "-" into a sorted, de-duplicated list of files. Paths that
// do not exist or cannot be listed, broken symlinks, symlink loops and
// article names that are not regular files are returned in *unreadable
// with the reason, sorted (collect_inputs.cc).
std::vector<std::string> CollectInputs(
    const std::vector<std::string>& inputs, std::istream* stdin_paths,
    std::vector<std::pair<std::string, std::string>>* unreadable);

std::string NowUtc();

}  // namespace claimledger
