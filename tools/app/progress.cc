#include "tools/app/progress.h"

#include <spdlog/spdlog.h>

#include <cstdio>

namespace claimledger {

void ProgressBar::Started(size_t total) {
  (void)total;
  start_ = std::chrono::steady_clock::now();
}

void ProgressBar::Bytes(size_t bytes) { bytes_ += static_cast<double>(bytes); }

void ProgressBar::Document(const std::string& path, size_t done, size_t total,
                           int claims) {
  (void)path;
  claims_ += claims;
  if (!enabled_) return;
  // Inputs a resumed run skips come first and take no time: the rate
  // counts from the first one checked.
  if (!counting_ && claims == 0 && bytes_ == 0) {
    first_ = done;
    start_ = std::chrono::steady_clock::now();
  } else {
    counting_ = true;
  }
  auto now = std::chrono::steady_clock::now();
  if (done != total && now - last_draw_ < std::chrono::milliseconds(100))
    return;
  last_draw_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double checked = static_cast<double>(done - first_);
  double rate = secs > 0 ? checked / secs : 0;
  double mbs = secs > 0 ? bytes_ / 1048576.0 / secs : 0;
  double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  int width = 24;
  int filled = total ? static_cast<int>(width * done / total) : width;
  int mins = static_cast<int>(left) / 60, s = static_cast<int>(left) % 60;
  std::fprintf(
      stderr,
      "\r[%.*s%*s] %zu/%zu files, %ld claims, %.1f MB/s, %.0f files/s, "
      "%d:%02d left ",
      filled, "########################", width - filled, "", done, total,
      claims_, mbs, rate, mins, s);
  drawn_ = true;
}

void ProgressBar::Failure(const std::string& input, const std::string& error) {
  (void)input;
  if (drawn_) std::fputs("\n", stderr);
  drawn_ = false;
  spdlog::warn("{}", error);
}

void ProgressBar::Finish() {
  if (drawn_) std::fputs("\n", stderr);
  drawn_ = false;
}

}  // namespace claimledger
