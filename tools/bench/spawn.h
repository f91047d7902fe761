// Running a command as a child process and measuring it with wait4: wall
// time, CPU time of all its threads, peak RSS and exit code. Shared by the
// benchmarks that time `claimledger check` end to end.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace claimledger::bench {

struct Spawned {
  double seconds = 0;
  double cpu = 0;  // user + system, all threads
  long peak_rss_kb = 0;
  int exit_code = -1;
};

// Runs ARGS (ARGS[0] a path) with stdout to OUT and waits for it. A
// child's ru_maxrss counts the memory of the process it was forked from:
// call it from a small process.
Spawned SpawnAndWait(std::vector<std::string> args, const std::string& out);

// The run of median wall time (the lower middle one of an even number).
Spawned Median(std::vector<Spawned> runs);

// A process forked at startup, while the caller is still small, that runs
// the commands it is sent (SpawnAndWait) and reports each. A child's
// ru_maxrss counts the memory of the process it was forked from (the copy
// exec replaces): forked from a benchmark after it loaded rules and
// lexicon, claimledger would be charged for them. Exits the process with
// a message when the pipe to it fails.
class Launcher {
 public:
  Launcher();
  ~Launcher();
  Launcher(const Launcher&) = delete;
  Launcher& operator=(const Launcher&) = delete;
  // Runs ARGS with stdout to OUT, in the launcher process.
  Spawned Run(const std::vector<std::string>& args, const std::string& out);

 private:
  static void Serve(int in, int out);
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
};

}  // namespace claimledger::bench
