// batch_bench: what `claimledger check` costs at archive scale. For each
// corpus size it generates a corpus (tools/app/corpus_gen.h, fixed seed)
// under a temporary folder and prints:
//   - one core, in process, per phase in CPU time of the thread (so that a
//     busy shared machine does not count against it): reading, extraction
//     (MB/s of article text), checking, the ledger's writes
//     (RecordDocuments in batches of kBatchDocuments, committed in groups
//     of kCommitDocuments, as check writes) and a plain
//     SQLite insert of the same rows (one transaction of prepared INSERTs,
//     no lookups, no hashing), with the ratio ledger/plain, and the same
//     insert with each document's claims in one row (what that storage
//     change could save);
//   - end to end: `claimledger check DIR --jobs 1` and `--jobs 2` into a
//     fresh ledger, spawned, alternately R times (median run reported),
//     with wall and CPU time (wait4), articles/s,
//     MB/s, peak RSS of the process and the speed-up of two jobs over one
//     in wall time (which needs two idle cores: the load average is
//     printed beside it); the ratio of the whole check (jobs 1) to the
//     plain insert of its rows;
//   - a run of one article, whose wall time any run pays beside its
//     articles (start, rules, a new ledger, closing), and for each size
//     the times and speed-up beyond it;
//   - the cost per article at each size, to show that it grows linearly.
//
// Usage: batch_bench [SIZE...] [--seed S] [--dir DIR] [--repeat R] [--keep]
//        (R: runs of each end-to-end check, default 3)
//        (default sizes 1000 10000 100000)
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/check.h"
#include "engine/extract.h"
#include "engine/lexicon.h"
#include "engine/rulebook.h"
#include "ledger/ledger.h"
#include "tools/app/check_plan.h"
#include "tools/app/corpus_gen.h"
#include "tools/app/run_check.h"
#include "tools/bench/plain_insert.h"
#include "tools/bench/spawn.h"

namespace fs = std::filesystem;
using namespace claimledger;
using Clock = std::chrono::steady_clock;
using bench::Launcher;
using bench::Median;
using bench::Spawned;
using bench::SpawnAndWait;

namespace {

double Since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// CPU seconds of this thread: the phases are timed in CPU time so that
// other work on a shared machine does not count against them.
double ThreadCpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) +
         static_cast<double>(ts.tv_nsec) * 1e-9;
}

double LoadAverage() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : -1;
}

[[noreturn]] void Die(const std::string& why) {
  std::fprintf(stderr, "batch_bench: %s\n", why.c_str());
  std::exit(1);
}

struct Phases {
  double read = 0, extract = 0, check = 0, prepare = 0, ledger = 0, plain = 0;
  double packed = 0;  // plain insert with a document's claims in one row
  double mb = 0, body_mb = 0;
  size_t claims = 0, verdicts = 0;
};

std::vector<std::string> Files(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() == ".md") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void RemoveDb(const std::string& db) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
}

// One core, in process, streaming batches of kBatchDocuments.
Phases InProcess(const std::vector<std::string>& files, const Lexicon& lex,
                 const Rulebook& book, const std::string& tmp) {
  Phases p;
  std::string plain_path = tmp + "/plain.db", ledger_path = tmp + "/inproc.db";
  std::string packed_path = tmp + "/packed.db";
  RemoveDb(plain_path);
  RemoveDb(ledger_path);
  RemoveDb(packed_path);
  bench::PlainInsert plain(plain_path);
  bench::PlainInsert packed(packed_path, bench::PlainInsert::Claims::kPacked);
  auto ledger = Ledger::Open(ledger_path);
  if (!ledger.ok()) Die(ledger.status().message());
  RunInfo info;
  info.engine_version = CLAIMLEDGER_VERSION;
  info.extractor_version = std::string(kExtractorVersion);
  info.arguments_json = R"(["batch_bench"])";
  info.rules_json = RulesJson(book);
  info.reference_json = ReferenceJson(book);
  info.started_at = NowUtc();
  info.plan_json = "{}";
  auto run = (*ledger)->BeginRun(info);
  if (!run.ok()) Die(run.status().message());
  (*ledger)->GroupCommits(kCommitDocuments, kCommitInterval);  // as check
  struct Item {
    Document doc;
    std::vector<Claim> claims;
    std::vector<Verdict> verdicts;
    std::shared_ptr<PreparedDocument> prepared;
  };
  std::vector<Item> batch;
  auto flush = [&] {
    double t0 = ThreadCpu();
    for (const auto& it : batch) plain.Add(it.doc, it.claims, it.verdicts);
    p.plain += ThreadCpu() - t0;
    t0 = ThreadCpu();
    for (const auto& it : batch) packed.Add(it.doc, it.claims, it.verdicts);
    p.packed += ThreadCpu() - t0;
    std::vector<DocumentRecord> records;
    for (const auto& it : batch)
      records.push_back(
          {&it.doc, &it.claims, &it.verdicts, it.prepared.get()});
    t0 = ThreadCpu();
    auto r = (*ledger)->RecordDocuments(*run, records,
                                        std::string(kExtractorVersion));
    if (!r.ok()) Die(r.status().message());
    p.ledger += ThreadCpu() - t0;
    batch.clear();
  };
  for (const auto& f : files) {
    double t0 = ThreadCpu();
    auto doc = LoadDocument(f, {}, kDefaultMaxBytes);
    p.read += ThreadCpu() - t0;
    if (!doc.ok()) Die(doc.status().message());
    Item it{std::move(doc).value(), {}, {}, nullptr};
    p.mb += static_cast<double>(it.doc.raw.size()) / 1048576.0;
    p.body_mb += static_cast<double>(it.doc.body().size()) / 1048576.0;
    t0 = ThreadCpu();
    it.claims = Extract(it.doc.body(), lex);
    p.extract += ThreadCpu() - t0;
    t0 = ThreadCpu();
    it.verdicts = CheckDocument(it.doc, it.claims, book);
    p.check += ThreadCpu() - t0;
    // PrepareDocument takes the verdicts; the plain insert needs them too,
    // so it gets a copy, made outside the timing as check makes none.
    std::vector<Verdict> taken = it.verdicts;
    t0 = ThreadCpu();
    it.prepared = PrepareDocument(*run, it.doc, it.claims, std::move(taken),
                                  std::string(kExtractorVersion));
    p.prepare += ThreadCpu() - t0;
    p.claims += it.claims.size();
    p.verdicts += it.verdicts.size();
    batch.push_back(std::move(it));
    if (batch.size() == kBatchDocuments) flush();
  }
  flush();
  double t0 = ThreadCpu();
  plain.Commit();
  p.plain += ThreadCpu() - t0;
  t0 = ThreadCpu();
  packed.Commit();
  p.packed += ThreadCpu() - t0;
  t0 = ThreadCpu();
  if (!(*ledger)->FinishRun(*run, "complete").ok()) Die("FinishRun failed");
  p.ledger += ThreadCpu() - t0;
  ledger->reset();
  RemoveDb(plain_path);
  RemoveDb(ledger_path);
  RemoveDb(packed_path);
  return p;
}

Spawned RunCheckProcess(Launcher& launcher, const std::string& binary,
                        const std::string& corpus, const std::string& ledger,
                        int jobs, const std::string& out) {
  RemoveDb(ledger);
  return launcher.Run({binary, "check", corpus, "--jobs", std::to_string(jobs),
                       "--ledger", ledger, "--json"},
                      out);
}

std::string ExeDir() {
  std::error_code ec;
  return fs::read_symlink("/proc/self/exe", ec).parent_path().string();
}

}  // namespace

int main(int argc, char** argv) {
  std::fflush(stdout);
  Launcher launcher;  // first, while this process is small
  std::vector<size_t> sizes;
  uint64_t seed = 20250131;
  std::string base;
  bool keep = false;
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--dir" && i + 1 < argc) {
      base = argv[++i];
    } else if (a == "--keep") {
      keep = true;
    } else if (!a.empty() && std::isdigit(static_cast<unsigned char>(a[0]))) {
      sizes.push_back(std::strtoul(a.c_str(), nullptr, 10));
    } else {
      std::fprintf(
          stderr,
          "usage: batch_bench [SIZE...] [--seed S] [--dir DIR] [--repeat R] "
          "[--keep]\n");
      return 2;
    }
  }
  if (sizes.empty()) sizes = {1000, 10000, 100000};
  if (base.empty()) {
    std::random_device rd;
    base = (fs::temp_directory_path() / ("batch-bench-" + std::to_string(rd())))
               .string();
  }
  fs::create_directories(base);
  std::string root = CLAIMLEDGER_SOURCE_DIR;
  std::string binary = ExeDir() + "/claimledger";
  if (!fs::exists(binary))
    Die(binary + " not found: build the claimledger target");
  Lexicon lex;
  Diagnostics diags;
  LoadLexiconDir(root + "/rules/lexicon", &lex, &diags);
  Rulebook book = LoadRulebook({root + "/rules"}, &diags);
  if (!diags.empty()) Die(diags[0].ToString());

  // The density of claims and verdicts drives the cost per byte: print
  // the seed article's beside the corpus's.
  double seed_per_claim = 0, seed_per_verdict = 0;
  if (auto seed =
          LoadDocument(root + "/fixtures/articles/000_c28843297c64ee9a.md", {});
      seed.ok()) {
    auto claims = Extract(seed->body(), lex);
    auto verdicts = CheckDocument(*seed, claims, book);
    seed_per_claim = static_cast<double>(seed->raw.size()) /
                     static_cast<double>(claims.size());
    seed_per_verdict = static_cast<double>(seed->raw.size()) /
                       static_cast<double>(verdicts.size());
  }
  std::printf("batch_bench: seed %llu, %u cores, corpora under %s\n",
              static_cast<unsigned long long>(seed),
              std::thread::hardware_concurrency(), base.c_str());
  // A run of one article: what any run costs beside its articles (the
  // process, rules and lexicon, a new ledger, beginning and closing the
  // run), mostly on one core whatever --jobs is. A few ms out of a 0.1 s
  // run keep --jobs 2 from doubling its speed on 1,000 articles, so the
  // speed-up is printed beyond it too.
  const std::string out = base + "/check.json";
  double fixed1 = 0, fixed2 = 0;
  {
    CorpusOptions co;
    co.out_dir = base + "/corpus-1";
    co.count = 1;
    co.seed = seed;
    co.fx_path = root + "/rules/reference/fx/ecb/eurofxref-hist.csv";
    if (auto st = GenerateCorpus(co); !st.ok()) Die(st.status().message());
    std::vector<Spawned> f1, f2;
    const int runs = std::max(repeat, 5);
    for (int r = 0; r < runs; ++r) {
      f1.push_back(RunCheckProcess(launcher, binary, co.out_dir,
                                   base + "/e2e.db", 1, out));
      f2.push_back(RunCheckProcess(launcher, binary, co.out_dir,
                                   base + "/e2e.db", 2, out));
    }
    for (const auto& runs_of : {f1, f2}) {
      for (const auto& s : runs_of) {
        if (s.exit_code != kExitOk && s.exit_code != kExitInconsistent) {
          Die("check of one article exited " + std::to_string(s.exit_code) +
              ": see " + out);
        }
      }
    }
    fixed1 = Median(f1).seconds;
    fixed2 = Median(f2).seconds;
    std::printf(
        "a run of one article, median of %d runs (what any run costs beside "
        "its articles): --jobs 1 %.1f ms, --jobs 2 %.1f ms wall\n",
        runs, fixed1 * 1e3, fixed2 * 1e3);
    if (!keep) fs::remove_all(co.out_dir);
  }
  struct Row {
    size_t n;
    double mb, us_inproc, us_e2e, us_beyond;
  };
  std::vector<Row> rows;
  for (size_t n : sizes) {
    std::string corpus = base + "/corpus-" + std::to_string(n);
    auto t0 = Clock::now();
    CorpusOptions co;
    co.out_dir = corpus;
    co.count = n;
    co.seed = seed;
    co.fx_path = root + "/rules/reference/fx/ecb/eurofxref-hist.csv";
    auto stats = GenerateCorpus(co);
    if (!stats.ok()) Die(stats.status().message());
    double gen = Since(t0);
    auto files = Files(corpus);
    Phases p = InProcess(files, lex, book, base);
    double cpu = p.read + p.extract + p.check + p.prepare + p.ledger;
    double worker = p.read + p.extract + p.check + p.prepare;
    double load = LoadAverage();
    std::printf(
        "\n== %zu articles, %.1f MB (%.1f MB of text after front matter), "
        "%zu conversions (%zu planted errors); generated in %.1f s\n",
        n, p.mb, p.body_mb, stats->conversions, stats->planted, gen);
    std::printf(
        "one core, in process, CPU time of the thread: %zu claims, %zu "
        "verdicts "
        "(a claim per %.0f bytes, a verdict per %.0f; the seed article: %.0f "
        "and %.0f)\n",
        p.claims, p.verdicts, p.mb * 1048576.0 / static_cast<double>(p.claims),
        p.mb * 1048576.0 / static_cast<double>(p.verdicts), seed_per_claim,
        seed_per_verdict);
    std::printf("  read      %7.2f s  %8.1f MB/s\n", p.read, p.mb / p.read);
    std::printf("  extract   %7.2f s  %8.1f MB/s   (extraction alone)\n",
                p.extract, p.body_mb / p.extract);
    std::printf("  check     %7.2f s  %8.1f MB/s\n", p.check, p.mb / p.check);
    std::printf(
        "  prepare   %7.2f s  %8.1f MB/s   (the ledger rows, built by the "
        "workers)\n",
        p.prepare, p.mb / p.prepare);
    std::printf(
        "  ledger    %7.2f s  %8.1f MB/s   (RecordDocuments, batches of %zu, "
        "a commit per %zu: the writer)\n",
        p.ledger, p.mb / p.ledger, kBatchDocuments, kCommitDocuments);
    std::printf(
        "  plain     %7.2f s  %8.1f MB/s   (plain SQLite insert of the same "
        "rows)\n",
        p.plain, p.mb / p.plain);
    std::printf(
        "  packed    %7.2f s  %8.1f MB/s   (the plain insert with a "
        "document's claims in one row)\n",
        p.packed, p.mb / p.packed);
    std::printf(
        "  ledger/plain %.2fx; all phases %.2f s = %.1f MB/s; workers' share "
        "%.2f s, the writer's %.2f s\n",
        p.ledger / p.plain, cpu, p.mb / cpu, worker, p.ledger);
    std::printf(
        "  claims in one row per document would save at most %.2f s of the "
        "writer's (plain - packed): all phases %.1f MB/s\n",
        p.plain - p.packed, p.mb / (cpu - (p.plain - p.packed)));
    // Alternating runs of one and two jobs, `repeat` times: the machine is
    // shared, so each figure is the median run and the speed-up is
    // printed with the spread of the pairs.
    std::vector<Spawned> runs1, runs2;
    std::vector<double> pair_speedups;
    for (int r = 0; r < repeat; ++r) {
      runs1.push_back(
          RunCheckProcess(launcher, binary, corpus, base + "/e2e.db", 1, out));
      runs2.push_back(
          RunCheckProcess(launcher, binary, corpus, base + "/e2e.db", 2, out));
      pair_speedups.push_back(runs1.back().seconds / runs2.back().seconds);
    }
    RemoveDb(base + "/e2e.db");
    for (const auto& runs : {runs1, runs2}) {
      for (const auto& s : runs) {
        if (s.exit_code != kExitInconsistent) {
          Die("check exited " + std::to_string(s.exit_code) +
              ", expected 1 (the planted errors): see " + out);
        }
      }
    }
    Spawned j1 = Median(runs1), j2 = Median(runs2);
    std::sort(pair_speedups.begin(), pair_speedups.end());
    std::printf(
        "end to end, claimledger check into a fresh ledger, median of %d "
        "runs each (load average %.1f):\n",
        repeat, LoadAverage());
    for (const auto& [jobs, r] : {std::pair{1, &j1}, std::pair{2, &j2}}) {
      std::printf(
          "  --jobs %d  %6.2f s wall %8.0f articles/s %6.1f MB/s | %6.2f s CPU "
          "%6.1f MB/CPU-s | peak RSS %6.1f MB\n",
          jobs, r->seconds, static_cast<double>(n) / r->seconds,
          p.mb / r->seconds, r->cpu, p.mb / r->cpu,
          static_cast<double>(r->peak_rss_kb) / 1024.0);
    }
    std::printf(
        "  speed-up of --jobs 2 over --jobs 1: %.2fx wall, medians (pairs "
        "%.2f-%.2fx; target 1.7x; the load average was %.1f before, on %u "
        "cores)\n",
        j1.seconds / j2.seconds, pair_speedups.front(), pair_speedups.back(),
        load, std::thread::hardware_concurrency());
    const double beyond1 = j1.seconds - fixed1, beyond2 = j2.seconds - fixed2;
    std::printf(
        "  beyond a one-article run: --jobs 1 %.3f s, --jobs 2 %.3f s: "
        "%.2fx\n",
        beyond1, beyond2, beyond1 / beyond2);
    std::printf("  check --jobs 1 / plain insert of its rows: %.1fx\n",
                j1.seconds / p.plain);
    rows.push_back(
        {n, p.mb, cpu / n * 1e6, j1.seconds / n * 1e6, beyond1 / n * 1e6});
    if (!keep) fs::remove_all(corpus);
  }
  std::printf("\ncost per article (linear growth keeps these flat):\n");
  std::printf("  %9s %9s %18s %18s %24s\n", "articles", "MB",
              "in-process CPU us", "jobs 1 wall us",
              "beyond one article us");
  for (const auto& r : rows) {
    std::printf("  %9zu %9.1f %18.1f %18.1f %24.1f\n", r.n, r.mb,
                r.us_inproc, r.us_e2e, r.us_beyond);
  }
  if (!keep) fs::remove_all(base);
  return 0;
}
