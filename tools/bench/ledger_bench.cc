// ledger_bench: what the ledger's guarantees cost. Writes the same rows
// two ways into files of the same schema and prints them side by side:
//   plain   one transaction of prepared INSERTs (a run, then per document:
//           the document, its claims, its link to the run, its verdicts),
//           no lookups, no hashing;
//   ledger  Ledger::BeginRun, RecordDocuments in batches of 64 (as
//           `check` writes: each document looked up by SHA-256, its
//           claims reused or inserted, every verdict chained with
//           SHA-256), FinishRun (counts from the ledger, a chained event).
// The rows come from the seed article, extracted and checked once; each
// document is a copy with one front matter byte changed, so each has its
// own SHA-256 and is stored anew with its claims. Both run in WAL mode
// with synchronous=NORMAL. Best of several passes.
//
// Usage: ledger_bench [DOCUMENTS] [PASSES]   (defaults 1000 and 3)
#include <SQLiteCpp/SQLiteCpp.h>

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

void BindOpt(SQLite::Statement& st, int i, bool has, double v) {
  if (has) {
    st.bind(i, v);
  } else {
    st.bind(i);
  }
}

double WritePlain(const Rows& rows) {
  std::string path = TempPath("plain");
  { auto schema = Ledger::Open(path); }  // the same tables, indexes, triggers
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=NORMAL");
  const std::string ex(kExtractorVersion);
  auto t0 = std::chrono::steady_clock::now();
  SQLite::Transaction tx(db);
  SQLite::Statement run(
      db,
      "INSERT INTO runs (id, engine_version, extractor_version, arguments, "
      "rules, "
      "reference, started_at, status, prev_hash, row_hash) "
      "VALUES (1, ?, ?, '[]', '[]', '[]', ?, 'running', '', '')");
  run.bind(1, CLAIMLEDGER_VERSION);
  run.bind(2, ex);
  run.bind(3, NowUtc());
  run.exec();
  SQLite::Statement doc(
      db,
      "INSERT INTO documents (sha256, path, source, published, lang, metadata, "
      "body_offset, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  SQLite::Statement claim(
      db,
      "INSERT INTO claims (document_id, extractor_version, ordinal, "
      "span_start, "
      "span_end, text, kind, is_range, value, value_num, low, low_num, high, "
      "high_num, "
      "unit, bound, prec_low, prec_high, pair_ordinal, sentence_start, "
      "sentence_end, "
      "subject, relation, object) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  SQLite::Statement link(
      db,
      "INSERT INTO run_documents (run_id, document_id, path) VALUES (1, ?, ?)");
  SQLite::Statement verdict(
      db,
      "INSERT INTO verdicts (run_id, document_id, rule_id, rule_version, "
      "rule_kind, "
      "severity, rule_file, rule_file_sha256, claim_id, claim_ids, status, "
      "expected, "
      "observed, deviation, tolerance, evidence, reason, prev_hash, row_hash) "
      "VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'','')");
  for (const Document& d : rows.docs) {
    doc.reset();
    doc.bind(1, d.sha256);
    doc.bind(2, d.path);
    doc.bind(3, d.source);
    doc.bind(4, d.published.ToString());
    doc.bind(5, d.lang);
    doc.bind(6, nlohmann::json(d.metadata).dump());
    doc.bind(7, static_cast<int64_t>(d.body_offset));
    doc.bind(8, std::string(d.body()));
    doc.exec();
    int64_t doc_id = db.getLastInsertRowid();
    std::vector<int64_t> ids;
    for (size_t i = 0; i < rows.claims.size(); ++i) {
      const Claim& c = rows.claims[i];
      bool num = c.has_value();
      claim.reset();
      claim.clearBindings();
      claim.bind(1, doc_id);
      claim.bind(2, ex);
      claim.bind(3, static_cast<int64_t>(i));
      claim.bind(4, static_cast<int64_t>(c.begin));
      claim.bind(5, static_cast<int64_t>(c.end));
      claim.bind(6, c.text);
      claim.bind(7, std::string(KindName(c.kind)));
      claim.bind(8, c.is_range ? 1 : 0);
      if (num && !c.is_range) {
        claim.bind(9, c.low.value.ToString());
        claim.bind(10, c.low.value.ToDouble());
      } else if (num) {
        claim.bind(11, c.low.value.ToString());
        claim.bind(12, c.low.value.ToDouble());
        claim.bind(13, c.high.value.ToString());
        claim.bind(14, c.high.value.ToDouble());
      }
      claim.bind(15, c.unit);
      claim.bind(16, std::string(BoundName(c.bound)));
      BindOpt(claim, 17, num, c.low.lo);
      BindOpt(claim, 18, num, c.high.hi);
      if (c.pair >= 0) claim.bind(19, c.pair);
      claim.bind(20, static_cast<int64_t>(c.sentence_begin));
      claim.bind(21, static_cast<int64_t>(c.sentence_end));
      if (!c.subject.empty()) claim.bind(22, c.subject);
      if (!c.relation.empty()) claim.bind(23, c.relation);
      if (!c.object.empty()) claim.bind(24, c.object);
      claim.exec();
      ids.push_back(db.getLastInsertRowid());
    }
    link.reset();
    link.bind(1, doc_id);
    link.bind(2, d.path);
    link.exec();
    for (const Verdict& v : rows.verdicts) {
      nlohmann::json claim_ids = nlohmann::json::array();
      for (int k : v.claims) claim_ids.push_back(ids.at(k));
      verdict.reset();
      verdict.bind(1, doc_id);
      verdict.bind(2, v.rule->id);
      verdict.bind(3, v.rule->version);
      verdict.bind(4, std::string(RuleKindName(v.rule->kind)));
      verdict.bind(5, std::string(SeverityName(v.rule->severity)));
      verdict.bind(6, v.rule->file);
      verdict.bind(7, v.rule->file_sha256);
      verdict.bind(8, ids.at(v.claims.at(0)));
      verdict.bind(9, claim_ids.dump());
      verdict.bind(10, std::string(VerdictStatusName(v.status)));
      BindOpt(verdict, 11, v.has_numbers, v.expected);
      BindOpt(verdict, 12, v.has_numbers, v.observed);
      BindOpt(verdict, 13, v.has_numbers, v.deviation);
      verdict.bind(14, v.tolerance);
      verdict.bind(15, v.evidence_json);
      verdict.bind(16, v.reason);
      verdict.exec();
    }
  }
  tx.commit();
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
