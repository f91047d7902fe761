#include "tools/app/interrupt.h"

#include <csignal>

namespace claimledger {

namespace {

std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free,
              "a signal handler may only touch lock-free atomics");

void OnStopSignal(int) { stop_requested.store(true); }

}  // namespace

const std::atomic<bool>* InstallStopHandler() {
  struct sigaction sa = {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  // SA_RESTART: a signal during a SQLite write must not fail the write.
  // SA_RESETHAND: the second signal gets the default action.
  sa.sa_flags = SA_RESTART | SA_RESETHAND;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  return &stop_requested;
}

}  // namespace claimledger
