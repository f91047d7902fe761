#include "tools/bench/spawn.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

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

namespace {
[[noreturn]] void Fail(const char* why) {
  std::fprintf(stderr, "launcher: %s\n", why);
  std::exit(1);
}
}  // namespace

Launcher::Launcher() {
  int to[2], from[2];
  if (pipe(to) != 0 || pipe(from) != 0) Fail("pipe failed");
  pid_ = fork();
  if (pid_ < 0) Fail("fork failed");
  if (pid_ == 0) {
    close(to[1]);
    close(from[0]);
    Serve(to[0], from[1]);
    _exit(0);
  }
  close(to[0]);
  close(from[1]);
  to_ = to[1];
  from_ = from[0];
}

Launcher::~Launcher() {
  close(to_);
  close(from_);
  waitpid(pid_, nullptr, 0);
}

Spawned Launcher::Run(const std::vector<std::string>& args,
                      const std::string& out) {
  std::string msg = out;
  for (const auto& a : args) msg += '\x1f' + a;
  msg += '\n';
  if (write(to_, msg.data(), msg.size()) != static_cast<ssize_t>(msg.size())) {
    Fail("write failed");
  }
  Spawned s;
  if (read(from_, &s, sizeof s) != static_cast<ssize_t>(sizeof s)) {
    Fail("the launcher process died");
  }
  return s;
}

void Launcher::Serve(int in, int out) {
  std::string buf;
  char c;
  while (read(in, &c, 1) == 1) {
    if (c != '\n') {
      buf += c;
      continue;
    }
    std::vector<std::string> parts;
    size_t at = 0;
    for (size_t sep; (sep = buf.find('\x1f', at)) != std::string::npos;
         at = sep + 1) {
      parts.push_back(buf.substr(at, sep - at));
    }
    parts.push_back(buf.substr(at));
    buf.clear();
    std::string out_file = parts[0];
    parts.erase(parts.begin());
    Spawned s = SpawnAndWait(parts, out_file);
    if (write(out, &s, sizeof s) != static_cast<ssize_t>(sizeof s)) _exit(1);
  }
}

}  // namespace claimledger::bench
