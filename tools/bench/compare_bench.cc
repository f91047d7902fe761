// compare_bench: two builds of claimledger on one corpus, run alternately
// (A, B, A, B, ...) into fresh ledgers, so that a busy shared machine
// weighs on both alike. Prints for each build the median and the lowest
// CPU time (user + system, all threads) and wall time, and the ratios of
// B's medians to A's. This is how a change is measured before it lands:
// keep the build before it (cp build/tools/claimledger /tmp/before), build
// the change, then
//   compare_bench /tmp/before build/tools/claimledger CORPUS --jobs 1
// (gen_corpus writes a corpus). Each build checks with the rules it finds
// as claimledger does (installed beside it, else its source tree's).
//
// Usage: compare_bench BIN_A BIN_B CORPUS [--jobs N] [--repeat R]
//        [--ledger FILE]   (R: runs of each, default 5)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tools/bench/spawn.h"

namespace fs = std::filesystem;
using claimledger::bench::Spawned;
using claimledger::bench::SpawnAndWait;

namespace {

struct Figures {
  double cpu_median = 0, cpu_min = 0, wall_median = 0, wall_min = 0;
};

double MedianOf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[(v.size() - 1) / 2];
}

Figures Summarize(const std::vector<Spawned>& runs) {
  std::vector<double> cpu, wall;
  for (const auto& r : runs) {
    cpu.push_back(r.cpu);
    wall.push_back(r.seconds);
  }
  return {MedianOf(cpu), *std::min_element(cpu.begin(), cpu.end()),
          MedianOf(wall), *std::min_element(wall.begin(), wall.end())};
}

void RemoveDb(const std::string& db) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
}

int Usage() {
  std::fprintf(stderr,
               "usage: compare_bench BIN_A BIN_B CORPUS [--jobs N] "
               "[--repeat R] [--ledger FILE]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  int jobs = 1, repeat = 5;
  std::string ledger =
      (fs::temp_directory_path() / "compare-bench.db").string();
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--jobs" && i + 1 < argc) {
      jobs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--ledger" && i + 1 < argc) {
      ledger = argv[++i];
    } else if (!a.empty() && a[0] != '-') {
      positional.push_back(a);
    } else {
      return Usage();
    }
  }
  if (positional.size() != 3) return Usage();
  const std::string corpus = positional[2];
  std::vector<std::string> builds(positional.begin(), positional.begin() + 2);
  for (auto& b : builds) {
    std::error_code ec;
    auto absolute = fs::absolute(b, ec);
    if (ec || !fs::is_regular_file(absolute)) {
      std::fprintf(stderr, "compare_bench: %s is not a file\n", b.c_str());
      return 2;
    }
    b = absolute.string();
  }
  if (!fs::exists(corpus)) {
    std::fprintf(stderr, "compare_bench: %s does not exist\n", corpus.c_str());
    return 2;
  }
  const std::string out = ledger + ".out";
  std::vector<std::vector<Spawned>> runs(2);
  for (int r = 0; r < repeat; ++r) {
    for (size_t b = 0; b < 2; ++b) {
      RemoveDb(ledger);
      Spawned s = SpawnAndWait({builds[b], "check", corpus, "--jobs",
                                std::to_string(jobs), "--ledger", ledger,
                                "--json"},
                               out);
      // 0: all consistent; 1: some verdict inconsistent (planted errors).
      if (s.exit_code != 0 && s.exit_code != 1) {
        std::fprintf(stderr, "compare_bench: %s exited with %d (output in %s)\n",
                     builds[b].c_str(), s.exit_code, out.c_str());
        return 1;
      }
      runs[b].push_back(s);
    }
  }
  RemoveDb(ledger);
  fs::remove(out);
  std::printf("%d runs of each, --jobs %d, %s\n", repeat, jobs, corpus.c_str());
  Figures f[2];
  for (size_t b = 0; b < 2; ++b) {
    f[b] = Summarize(runs[b]);
    std::printf(
        "  %c  CPU %7.3f s median, %7.3f s lowest | wall %7.3f s median, "
        "%7.3f s lowest  %s\n",
        b == 0 ? 'A' : 'B', f[b].cpu_median, f[b].cpu_min, f[b].wall_median,
        f[b].wall_min, builds[b].c_str());
  }
  std::printf("  B/A  CPU %.3f, wall %.3f (medians)\n",
              f[1].cpu_median / f[0].cpu_median,
              f[1].wall_median / f[0].wall_median);
  return 0;
}
