// ledger_bench: what the ledger's guarantees cost. Writes the same rows
// two ways into files of the same schema and prints them side by side:
//   plain   one transaction of prepared INSERTs (a run, then per document:
//           the document, its claims, its link to the run, its verdicts),
//           no lookups, no hashing;
//   ledger  Ledger::BeginRun, RecordDocuments in batches of
//           kBatchDocuments, committed per kCommitDocuments (as
//           `check` writes: each document looked up by SHA-256, its
//           claims reused or inserted, every verdict chained with
//           SHA-256), FinishRun (counts from the ledger, a chained event).
// The rows come from the seed article, extracted and checked once; each
// document is a copy with one front matter byte changed, so each has its
// own SHA-256 and is stored anew with its claims. Both run in WAL mode
// with synchronous=NORMAL. Best of several passes.
//
// Usage: ledger_bench [DOCUMENTS] [PASSES]   (defaults 1000 and 3)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/extract.h"
#include "engine/lexicon.h"
#include "ledger/ledger.h"
#include "tools/app/run_check.h"
#include "tools/bench/plain_insert.h"

namespace fs = std::filesystem;
using namespace claimledger;

namespace {

struct Rows {
  std::vector<Document> docs;
  std::vector<Claim> claims;      // the same for every copy
  std::vector<Verdict> verdicts;  // likewise
  Rulebook book;
};

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
      .count();
}

std::string TempPath(const std::string& name) {
  std::random_device rd;
  return (fs::temp_directory_path() /
          ("ledger-bench-" + std::to_string(rd()) + "-" + name + ".db"))
      .string();
}

void Remove(const std::string& db) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
}

double WriteLedger(const Rows& rows) {
  std::string path = TempPath("ledger");
  auto ledger = Ledger::Open(path);
  if (!ledger.ok()) {
    std::fprintf(stderr, "%s\n", ledger.status().message().c_str());
    std::exit(1);
  }
  RunInfo info;
  info.engine_version = CLAIMLEDGER_VERSION;
  info.extractor_version = std::string(kExtractorVersion);
  info.arguments_json = R"(["ledger_bench"])";
  info.rules_json = "[]";
  info.reference_json = "[]";
  info.started_at = NowUtc();
  info.plan_json = "{}";
  auto t0 = std::chrono::steady_clock::now();
  auto run = (*ledger)->BeginRun(info);
  (*ledger)->GroupCommits(kCommitDocuments, kCommitInterval);  // as check
  std::vector<DocumentRecord> batch;
  for (size_t i = 0; i < rows.docs.size(); ++i) {
    batch.push_back({&rows.docs[i], &rows.claims, &rows.verdicts});
    if (batch.size() == kBatchDocuments || i + 1 == rows.docs.size()) {
      auto r = (*ledger)->RecordDocuments(*run, batch,
                                          std::string(kExtractorVersion));
      if (!r.ok()) {
        std::fprintf(stderr, "%s\n", r.status().message().c_str());
        std::exit(1);
      }
      batch.clear();
    }
  }
  auto closed = (*ledger)->FinishRun(*run, "complete");
  double s = Seconds(t0);
  if (!closed.ok() || !(*ledger)->Audit()->ok()) {
    std::fprintf(stderr, "the benchmark's ledger does not audit clean\n");
    std::exit(1);
  }
  ledger->reset();
  Remove(path);
  return s;
}

double WritePlain(const Rows& rows) {
  std::string path = TempPath("plain");
  auto t0 = std::chrono::steady_clock::now();
  {
    bench::PlainInsert plain(path);
    for (const Document& d : rows.docs) plain.Add(d, rows.claims, rows.verdicts);
    plain.Commit();
  }
  double s = Seconds(t0);
  Remove(path);
  return s;
}

Rows MakeRows(size_t n) {
  Rows rows;
  std::string root = CLAIMLEDGER_SOURCE_DIR;
  std::string seed_path = root + "/fixtures/articles/000_c28843297c64ee9a.md";
  auto seed = LoadDocument(seed_path, {});
  Lexicon lex;
  Diagnostics diags;
  LoadLexiconDir(root + "/rules/lexicon", &lex, &diags);
  rows.book = LoadRulebook({root + "/rules"}, &diags);
  if (!seed.ok() || !diags.empty()) {
    std::fprintf(stderr, "cannot load the seed article or the bundled rules\n");
    std::exit(1);
  }
  rows.claims = Extract(seed->body(), lex);
  rows.verdicts = CheckDocument(*seed, rows.claims, rows.book);
  const std::string marker = "source: seed article";
  size_t at = seed->raw.find(marker);
  for (size_t i = 0; i < n; ++i) {
    std::string bytes = seed->raw;
    bytes.insert(at + marker.size(), " copy " + std::to_string(i));
    auto d = ParseDocument("bench/copy" + std::to_string(i) + ".md", bytes, {});
    if (!d.ok()) std::exit(1);
    rows.docs.push_back(std::move(d).value());
  }
  return rows;
}

void Line(const char* name, double s, const Rows& r) {
  double docs = static_cast<double>(r.docs.size());
  std::printf("%-34s %9.3f %12.0f %12.0f\n", name, s,
              docs * static_cast<double>(r.claims.size()) / s,
              docs * static_cast<double>(r.verdicts.size()) / s);
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  int passes = argc > 2 ? std::atoi(argv[2]) : 3;
  if (n == 0 || passes <= 0) {
    std::fprintf(stderr, "usage: ledger_bench [DOCUMENTS] [PASSES]\n");
    return 2;
  }
  Rows rows = MakeRows(n);
  double plain = 1e9, ledger = 1e9;
  for (int p = 0; p < passes; ++p) {
    plain = std::min(plain, WritePlain(rows));
    ledger = std::min(ledger, WriteLedger(rows));
  }
  std::printf(
      "ledger_bench: %zu documents (the seed, each with its own SHA-256), "
      "%zu claims and %zu verdicts each; best of %d\n",
      n, rows.claims.size(), rows.verdicts.size(), passes);
  std::printf("%-34s %9s %12s %12s\n", "", "seconds", "claims/s", "verdicts/s");
  Line("plain SQLite, one transaction", plain, rows);
  Line("Ledger (provenance, hash chain)", ledger, rows);
  double ratio = ledger / plain;
  std::printf("ratio ledger/plain: %.2fx (target: within 2x: %s)\n", ratio,
              ratio <= 2.0 ? "met" : "NOT met");
  return 0;
}
