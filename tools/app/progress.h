// ProgressBar: a Reporter that draws files done of total, claims, MB/s,
// files/s and the time left on one stderr line, only when stderr is a
// terminal (at most ten redraws a second); failures are logged through
// spdlog in both cases. Called from one thread (RunCheck's).
#pragma once

#include <chrono>

#include "tools/app/run_check.h"

namespace claimledger {

class ProgressBar : public Reporter {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void Started(size_t total) override;
  void Bytes(size_t bytes) override;
  void Document(const std::string& path, size_t done, size_t total,
                int claims) override;
  void Failure(const std::string& input, const std::string& error) override;
  void Finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  long claims_ = 0;
  double bytes_ = 0;
  size_t first_ = 0;  // inputs already done when started (a resumed run)
  bool counting_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace claimledger
