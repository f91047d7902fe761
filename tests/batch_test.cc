// Batch verification at archive scale: the generated corpus's known
// answers, the same ledger for any number of jobs, and resuming a parallel
// run. Bad inputs are in batch_inputs_test.cc.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "tests/test_util.h"
#include "tools/app/corpus_gen.h"
#include "tools/app/run_check.h"

using namespace claimledger;
using namespace claimledger::testing;

namespace {

CheckOptions Options(std::vector<std::string> inputs, int jobs) {
  CheckOptions o;
  o.inputs = std::move(inputs);
  o.rule_paths = {SourcePath("rules")};
  o.lexicon_dir = SourcePath("rules/lexicon");
  o.jobs = jobs;
  return o;
}

CorpusStats Generate(const std::string& dir, size_t count, uint64_t seed) {
  CorpusOptions o;
  o.out_dir = dir;
  o.count = count;
  o.seed = seed;
  // Loaded once for every corpus of the test run.
  static const std::shared_ptr<const FxTable> fx = [] {
    auto t =
        FxTable::Load(SourcePath("rules/reference/fx/ecb/eurofxref-hist.csv"));
    REQUIRE(t.ok());
    return std::make_shared<const FxTable>(std::move(t).value());
  }();
  o.fx = fx;
  auto s = GenerateCorpus(o);
  REQUIRE_MESSAGE(s.ok(), s.status().message());
  return *s;
}

// Every row of TABLE, columns joined, in id order.
std::vector<std::string> Dump(SQLite::Database& db, const std::string& table,
                              const std::string& order) {
  std::vector<std::string> rows;
  SQLite::Statement st(db, "SELECT * FROM " + table + " ORDER BY " + order);
  while (st.executeStep()) {
    std::string row;
    for (int i = 0; i < st.getColumnCount(); ++i) {
      row += st.getColumn(i).isNull() ? "<null>" : st.getColumn(i).getString();
      row += '\x1f';
    }
    rows.push_back(row);
  }
  return rows;
}

// Stops the run after `after` documents.
class StopAfter : public Reporter {
 public:
  StopAfter(size_t after, std::atomic<bool>* stop)
      : after_(after), stop_(stop) {}
  void Document(const std::string&, size_t done, size_t, int) override {
    if (done >= after_) stop_->store(true);
  }

 private:
  size_t after_;
  std::atomic<bool>* stop_;
};

}  // namespace

TEST_CASE(
    "the generated corpus is the same for the same seed and differs for "
    "another") {
  TempDir dir;
  auto a = Generate(dir / "a", 30, 7);
  auto b = Generate(dir / "b", 30, 7);
  Generate(dir / "c", 30, 8);
  CHECK(a.articles == 30);
  CHECK(a.bytes == b.bytes);
  CHECK(ReadFile(dir / "a/000/000017.md") == ReadFile(dir / "b/000/000017.md"));
  CHECK(ReadFile(dir / "a/manifest.jsonl") ==
        ReadFile(dir / "b/manifest.jsonl"));
  CHECK(ReadFile(dir / "a/000/000017.md") != ReadFile(dir / "c/000/000017.md"));
  // Article I does not depend on the corpus size.
  Generate(dir / "d", 18, 7);
  CHECK(ReadFile(dir / "a/000/000017.md") == ReadFile(dir / "d/000/000017.md"));
}

TEST_CASE(
    "every planted error in the generated corpus is flagged and every correct "
    "conversion is consistent") {
  TempDir dir;
  auto stats = Generate(dir / "corpus", 200, 20250131);
  REQUIRE(stats.planted > 10);
  REQUIRE(stats.conversions - stats.planted > 100);
  auto ledger = Ledger::Open(dir / "l.db");
  REQUIRE(ledger.ok());
  Reporter quiet;
  auto s = RunCheck(Options({dir / "corpus"}, 2), **ledger, quiet);
  REQUIRE(s.ok());
  CHECK(s->documents == 200);
  CHECK(s->failures.empty());
  CHECK(s->exit_code == kExitInconsistent);

  // file -> sorted (from text, status) of its fx.pair verdicts.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> got,
      want;
  SQLite::Database db(dir / "l.db");
  SQLite::Statement st(db,
                       "SELECT d.path, c.text, v.status FROM verdicts v "
                       "JOIN claims c ON c.id = v.claim_id "
                       "JOIN documents d ON d.id = v.document_id "
                       "WHERE v.rule_id = 'fx.pair'");
  const std::string prefix = dir / "corpus/";
  while (st.executeStep()) {
    std::string path = st.getColumn(0).getString();
    REQUIRE(path.rfind(prefix, 0) == 0);
    got[path.substr(prefix.size())].emplace_back(st.getColumn(1).getString(),
                                                 st.getColumn(2).getString());
  }
  std::ifstream manifest(dir / "corpus/manifest.jsonl");
  std::string line;
  size_t lines = 0;
  while (std::getline(manifest, line)) {
    auto j = nlohmann::json::parse(line);
    want[j["file"].get<std::string>()].emplace_back(
        j["from"].get<std::string>(), j["expected"].get<std::string>());
    ++lines;
  }
  CHECK(lines == stats.conversions);
  for (auto* m : {&got, &want}) {
    for (auto& [file, v] : *m) std::sort(v.begin(), v.end());
  }
  CHECK(got.size() == want.size());
  for (const auto& [file, expected] : want) {
    INFO(file);
    INFO(ReadFile(dir / "corpus/" + file));
    CHECK(got[file] == expected);
  }
}

TEST_CASE("check with --jobs 4 writes the same ledger as with --jobs 1") {
  TempDir dir;
  Generate(dir / "corpus", 100, 99);
  WriteFile(dir / "corpus/zz/bad.md", "not \xC3\x28 text");
  WriteFile(dir / "corpus/zz/empty.txt", "");
  // The same bytes under two names: recorded once per run.
  WriteFile(dir / "corpus/zz/copy.md", ReadFile(dir / "corpus/000/000003.md"));
  std::map<int, std::string> ledgers;
  for (int jobs : {1, 4}) {
    std::string path = dir / ("l" + std::to_string(jobs) + ".db");
    auto ledger = Ledger::Open(path);
    REQUIRE(ledger.ok());
    Reporter quiet;
    auto s = RunCheck(Options({dir / "corpus"}, jobs), **ledger, quiet);
    REQUIRE(s.ok());
    CHECK(s->documents == 100);
    CHECK(s->failures.size() == 2);
    CHECK(s->jobs == jobs);
    ledgers[jobs] = path;
  }
  SQLite::Database one(ledgers[1]), four(ledgers[4]);
  for (const char* table : {"documents", "claims", "verdicts", "failures"}) {
    INFO(table);
    auto a = Dump(one, table, "id"), b = Dump(four, table, "id");
    CHECK(a.size() == b.size());
    CHECK(a == b);
  }
  CHECK(Dump(one, "run_documents", "rowid") ==
        Dump(four, "run_documents", "rowid"));
  auto counts = "SELECT status || counts FROM runs";
  CHECK(one.execAndGet(counts).getString() ==
        four.execAndGet(counts).getString());
}

TEST_CASE(
    "a run with --jobs 2 interrupted and resumed with --jobs 2 records every "
    "document once") {
  TempDir dir;
  Generate(dir / "corpus", 200, 5);
  std::atomic<bool> stop{false};
  {
    auto ledger = Ledger::Open(dir / "l.db");
    REQUIRE(ledger.ok());
    StopAfter reporter(50, &stop);
    auto o = Options({dir / "corpus"}, 2);
    o.stop = &stop;
    auto s = RunCheck(o, **ledger, reporter);
    REQUIRE(s.ok());
    CHECK(s->interrupted);
    CHECK(s->exit_code == kExitInterrupted);
    // A prefix of the inputs: what was written stops where the writer
    // saw the stop, and nothing after it.
    CHECK(s->documents >= 50);
    CHECK(s->documents < 200);
  }
  {
    auto ledger = Ledger::Open(dir / "l.db");
    REQUIRE(ledger.ok());
    Reporter quiet;
    auto r = ResumeCheck(**ledger, quiet, nullptr, 2);
    REQUIRE(r.ok());
    CHECK(r->resumed);
    CHECK(r->skipped >= 50);
    CHECK(r->documents == 200);
    CHECK(r->exit_code == kExitInconsistent);
    auto audit = (*ledger)->Audit();
    REQUIRE(audit.ok());
    CHECK(audit->ok());
  }
  // The same verdicts as a run that was never interrupted.
  auto fresh = Ledger::Open(dir / "fresh.db");
  Reporter quiet;
  auto f = RunCheck(Options({dir / "corpus"}, 1), **fresh, quiet);
  REQUIRE(f.ok());
  SQLite::Database a(dir / "l.db"), b(dir / "fresh.db");
  const char* q =
      "SELECT COUNT(*), COUNT(DISTINCT document_id || '/' || rule_id || '/' || "
      "claim_ids) "
      "FROM verdicts";
  SQLite::Statement sa(a, q), sb(b, q);
  REQUIRE(sa.executeStep());
  REQUIRE(sb.executeStep());
  CHECK(sa.getColumn(0).getInt() == sb.getColumn(0).getInt());
  CHECK(sa.getColumn(0).getInt() == sa.getColumn(1).getInt());
  CHECK(a.execAndGet("SELECT COUNT(*) FROM run_documents").getInt() == 200);
  CHECK(Dump(a, "verdicts", "document_id, id").size() ==
        Dump(b, "verdicts", "document_id, id").size());
}
