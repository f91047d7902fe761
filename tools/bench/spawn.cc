#include "tools/bench/spawn.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>

namespace claimledger::bench {

Spawned SpawnAndWait(std::vector<std::string> args, const std::string& out) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) _exit(1);
  if (pid == 0) {
    if (!freopen(out.c_str(), "w", stdout)) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  struct rusage ru {};
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  Spawned s;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                            t0)
                  .count();
  s.peak_rss_kb = ru.ru_maxrss;
  s.cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
          static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
  s.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return s;
}

Spawned Median(std::vector<Spawned> runs) {
  std::sort(runs.begin(), runs.end(), [](const Spawned& a, const Spawned& b) {
    return a.seconds < b.seconds;
  });
  return runs[(runs.size() - 1) / 2];
}

}  // namespace claimledger::bench
