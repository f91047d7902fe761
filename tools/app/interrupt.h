// A clean stop for `claimledger check` on SIGINT or SIGTERM: the first
// signal sets a flag that RunCheck polls between documents (the run is
// then closed as interrupted); a second SIGINT ends the process at once,
// which leaves the run running for `check --resume`. Install once, from
// main, before any thread starts.
#pragma once

#include <atomic>

namespace claimledger {

const std::atomic<bool>* InstallStopHandler();

}  // namespace claimledger
