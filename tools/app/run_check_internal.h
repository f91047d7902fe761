// Shared by run_check.cc and resume_check.cc: checking a plan's inputs
// into a run that has begun. Not for use outside tools/app.
#pragma once

#include <atomic>
#include <set>
#include <string>

#include "engine/lexicon.h"
#include "engine/rulebook.h"
#include "ledger/ledger.h"
#include "tools/app/check_plan.h"
#include "tools/app/run_check.h"

namespace claimledger {

// Checks every input of the plan not in `done` into RUN, in batches, then
// closes the run (complete, or interrupted when *stop turned true) and
// fills the summary's counts and exit code from the ledger. jobs > 1 reads
// and checks on that many worker threads; the ledger is written from the
// calling thread only, in input order, so its content does not depend on
// jobs (execute_plan.cc). A failed Status means the ledger failed; the run
// is then left running.
Status ExecutePlan(const CheckPlan& plan, int64_t run,
                   const std::set<std::string>& done, const Lexicon& lex,
                   const Rulebook& book, const std::atomic<bool>* stop,
                   int jobs, size_t commit_documents, Ledger& ledger,
                   Reporter& reporter, CheckSummary* summary);

}  // namespace claimledger
