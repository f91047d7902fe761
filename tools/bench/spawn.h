// Running a command as a child process and measuring it with wait4: wall
// time, CPU time of all its threads, peak RSS and exit code. Shared by the
// benchmarks that time `claimledger check` end to end.
#pragma once

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

}  // namespace claimledger::bench
