// The seed article extracted and checked once, for ledger tests: its
// document, claims and verdicts, and copies of it with other bytes in the
// front matter (another SHA-256, the same body, claims and verdicts).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/extract.h"
#include "ledger/ledger.h"
#include "tests/test_util.h"

namespace claimledger::testing {

struct SeedFixture {
  std::string raw;
  Document doc;
  std::vector<Claim> claims;
  std::vector<Verdict> verdicts;  // their rules live as long as the process

  // Extracts and checks once per process: loading the bundled rules is the
  // slow part, and every ledger test wants the same rows.
  SeedFixture() {
    static const SeedFixture kLoaded = Load();
    *this = kLoaded;
  }

  // The seed itself for n < 0; else a copy whose source line says n.
  Document Copy(int n) const {
    std::string bytes = raw;
    if (n >= 0) {
      bytes.replace(bytes.find("source: seed article"), 20,
                    "source: seed article copy " + std::to_string(n));
    }
    std::string path = n < 0 ? "seed.md" : "copy" + std::to_string(n) + ".md";
    auto d = ParseDocument(path, bytes, {});
    REQUIRE(d.ok());
    return *d;
  }

 private:
  struct Raw {};
  explicit SeedFixture(Raw) {}
  SeedFixture& operator=(const SeedFixture&) = default;

  SeedFixture(const SeedFixture&) = default;

  static SeedFixture Load() {
    static Rulebook book;  // the verdicts point into it
    SeedFixture f{Raw{}};
    f.raw = ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
    f.doc = f.Copy(-1);
    f.claims = Extract(f.doc.body(), BundledLexicon());
    Diagnostics diags;
    book = LoadRulebook({SourcePath("rules")}, &diags);
    REQUIRE(diags.empty());
    f.verdicts = CheckDocument(f.doc, f.claims, book);
    REQUIRE_FALSE(f.verdicts.empty());
    return f;
  }
};

inline RunInfo TestRunInfo() {
  RunInfo i;
  i.engine_version = "test";
  i.extractor_version = "x";
  i.arguments_json = "[]";
  i.rules_json = "[]";
  i.reference_json = "[]";
  i.started_at = "2026-01-01T00:00:00Z";
  return i;
}

inline int64_t Count(SQLite::Database& db, const std::string& table) {
  return db.execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
}

}  // namespace claimledger::testing
