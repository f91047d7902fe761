#include "tools/app/progress.h"

#include <spdlog/spdlog.h>

#include <cstdio>

namespace claimledger {

void ProgressBar::Started(size_t total) {
  (void)total;
  start_ = std::chrono::steady_clock::now();
}

void ProgressBar::Document(const std::string& path, size_t done, size_t total,
                           int claims) {
  (void)path;
  claims_ += claims;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  // Redraw at most ten times a second, and always at the end.
  if (done != total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  int width = 30;
  int filled = total ? static_cast<int>(width * done / total) : width;
  std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu files, %ld claims, %.0f files/s, %.0fs left ",
               filled, "##############################", width - filled, "",
               done, total, claims_, rate, left);
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
