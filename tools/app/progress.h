// ProgressBar: a Reporter that draws files done, claims and rate on one
// stderr line, only when stderr is a terminal; failures are logged through
// spdlog in both cases.
#pragma once

#include <chrono>

#include "tools/app/run_check.h"

namespace claimledger {

class ProgressBar : public Reporter {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  void Started(size_t total) override;
  void Document(const std::string& path, size_t done, size_t total,
                int claims) override;
  void Failure(const std::string& input, const std::string& error) override;
  void Finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  long claims_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace claimledger
