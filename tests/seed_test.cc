// The seed article end to end through RunCheck into a temporary ledger.
#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "tests/check_options.h"
#include "tests/test_util.h"
#include "tools/app/run_check.h"
#include "engine/sha256.h"

using namespace claimledger;
using claimledger::testing::BundledOptions;
using claimledger::testing::ReadFile;
using claimledger::testing::SourcePath;
using claimledger::testing::TempDir;
using claimledger::testing::WriteFile;

TEST_CASE("the seed article: document, money claims, pairs, verdicts with evidence") {
  TempDir dir;
  auto ledger = Ledger::Open(dir / "l.db");
  REQUIRE(ledger.ok());
  Reporter quiet;
  auto s = RunCheck(BundledOptions({SourcePath("fixtures/articles")}), **ledger, quiet);
  REQUIRE(s.ok());
  CHECK(s->exit_code == kExitOk);
  CHECK(s->documents >= 1);
  CHECK(s->failures.empty());

  SQLite::Database db(dir / "l.db");
  SQLite::Statement doc(db,
      "SELECT id, sha256, lang, published, metadata FROM documents WHERE path LIKE "
      "'%000_c28843297c64ee9a.md'");
  REQUIRE(doc.executeStep());
  int64_t doc_id = doc.getColumn(0).getInt64();
  std::string bytes = ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
  CHECK(doc.getColumn(1).getString() == claimledger::Sha256Hex(bytes));
  CHECK(doc.getColumn(2).getString() == "ko");
  CHECK(doc.getColumn(3).getString() == "2025-01");

  // Money claims with exact spans into the body and their values.
  std::string body = bytes.substr(bytes.find("---\n", 4) + 4);
  SQLite::Statement money(db,
      "SELECT ordinal, span_start, span_end, text, value, low, high, unit, bound, "
      "pair_ordinal FROM claims WHERE document_id = ? AND kind = 'money' ORDER BY ordinal");
  money.bind(1, doc_id);
  struct Row { std::string text, value, low, high, unit, bound; int pair; int ordinal; };
  std::vector<Row> rows;
  while (money.executeStep()) {
    auto b = money.getColumn(1).getInt64(), e = money.getColumn(2).getInt64();
    CHECK(body.substr(b, e - b) == money.getColumn(3).getString());
    rows.push_back({money.getColumn(3).getString(), money.getColumn(4).getString(),
                    money.getColumn(5).getString(), money.getColumn(6).getString(),
                    money.getColumn(7).getString(), money.getColumn(8).getString(),
                    money.getColumn(9).isNull() ? -1 : money.getColumn(9).getInt(),
                    money.getColumn(0).getInt()});
  }
  REQUIRE(rows.size() == 6);
  CHECK(rows[0].text == "550만달러");
  CHECK(rows[0].value == "5500000");
  CHECK(rows[0].unit == "USD");
  CHECK(rows[1].text == "79억원");
  CHECK(rows[1].value == "7900000000");
  CHECK(rows[1].bound == "approx");
  CHECK(rows[0].pair == rows[1].ordinal);
  CHECK(rows[1].pair == rows[0].ordinal);
  CHECK(rows[2].text == "1억~10억달러");
  CHECK(rows[2].low == "100000000");
  CHECK(rows[2].high == "1000000000");
  CHECK(rows[3].text == "1400억~1조4000억원");
  CHECK(rows[3].low == "140000000000");
  CHECK(rows[3].high == "1400000000000");
  CHECK(rows[2].pair == rows[3].ordinal);
  CHECK(rows[4].text == "수천억~수조원");
  CHECK(rows[4].pair == -1);
  CHECK(rows[5].text == "2조원");
  CHECK(rows[5].value == "2000000000000");

  // Verdicts: consistent, with expected, observed, deviation and rate rows.
  SQLite::Statement v(db,
      "SELECT status, expected, observed, deviation, evidence, rule_id, rule_file_sha256, "
      "reason FROM verdicts WHERE document_id = ? AND rule_id = 'fx.pair' ORDER BY id");
  v.bind(1, doc_id);
  int n = 0;
  while (v.executeStep()) {
    ++n;
    INFO(v.getColumn(7).getString());
    CHECK(v.getColumn(0).getString() == "consistent");
    CHECK(v.getColumn(5).getString() == "fx.pair");
    CHECK(v.getColumn(6).getString() ==
          claimledger::Sha256Hex(ReadFile(SourcePath("rules/fx.yaml"))));
    CHECK(std::abs(v.getColumn(3).getDouble()) < 0.05);
    auto ev = nlohmann::json::parse(v.getColumn(4).getString());
    const auto& rates = ev["rates"];
    CHECK(rates["rows"].size() > 20);
    CHECK(rates["per"] == "EUR");
    REQUIRE(rates["columns"] == nlohmann::json::array({"date", "KRW", "USD"}));
    // The rows are the file's own values: the rates they give (KRW per
    // EUR over USD per EUR) are the ones the verdict's min, max and mean
    // summarize.
    double lo = 1e300, hi = 0, sum = 0;
    for (const auto& row : rates["rows"]) {
      REQUIRE(row.size() == 3);
      CHECK(row[0].get<std::string>().size() == 10);  // YYYY-MM-DD
      double rate = std::stod(row[1].get<std::string>()) /
                    std::stod(row[2].get<std::string>());
      lo = std::min(lo, rate);
      hi = std::max(hi, rate);
      sum += rate;
    }
    CHECK(lo == doctest::Approx(rates["min"].get<double>()).epsilon(1e-12));
    CHECK(hi == doctest::Approx(rates["max"].get<double>()).epsilon(1e-12));
    CHECK(sum / static_cast<double>(rates["rows"].size()) ==
          doctest::Approx(rates["mean"].get<double>()).epsilon(1e-12));
  }
  CHECK(n == 2);
}

TEST_CASE("the altered seed (97억원) is inconsistent and the run says so") {
  TempDir dir;
  std::string seed = ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
  seed.replace(seed.find("79억원"), std::string("79억원").size(), "97억원");
  WriteFile(dir / "in/altered.md", seed);
  auto ledger = Ledger::Open(dir / "l.db");
  Reporter quiet;
  auto s = RunCheck(BundledOptions({dir / "in"}), **ledger, quiet);
  REQUIRE(s.ok());
  CHECK(s->exit_code == kExitInconsistent);
  // fx.pair on 550만달러 -> 97억원; fx.cross finds its rate apart from the
  // other pair's. The range pair still converts at the rate of its time.
  CHECK(s->verdicts_by_status["inconsistent"] >= 1);
  CHECK(s->verdicts_by_status["consistent"] >= 1);
}

TEST_CASE("bad inputs become failure rows and the rest is recorded") {
  TempDir dir;
  std::string seed = ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
  WriteFile(dir / "in/good.md", seed);
  WriteFile(dir / "in/bad.txt", "abc \xFF\xFE def");
  WriteFile(dir / "in/empty.md", "");
  auto ledger = Ledger::Open(dir / "l.db");
  Reporter quiet;
  auto s = RunCheck(BundledOptions({dir / "in", dir / "missing.md"}), **ledger, quiet);
  REQUIRE(s.ok());
  CHECK(s->exit_code == kExitUnreadable);
  CHECK(s->documents == 1);
  CHECK(s->failures.size() == 3);
  SQLite::Database db(dir / "l.db");
  CHECK(db.execAndGet("SELECT COUNT(*) FROM failures").getInt() == 3);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM verdicts WHERE rule_id = 'fx.pair'").getInt() == 2);
  CHECK(db.execAndGet("SELECT error FROM failures WHERE input LIKE '%bad.txt'").getString() ==
        dir / "in/bad.txt" + ": invalid UTF-8 at byte 4");
}

TEST_CASE("a broken rule file stops the run before anything is written") {
  TempDir dir;
  auto ledger = Ledger::Open(dir / "l.db");
  Reporter quiet;
  auto o = BundledOptions({SourcePath("fixtures/articles")});
  o.rule_paths = {SourcePath("fixtures/rules/many.fail.yaml")};
  auto s = RunCheck(o, **ledger, quiet);
  REQUIRE(s.ok());
  CHECK(s->exit_code == kExitUsage);
  CHECK_FALSE(s->rule_errors.empty());
  SQLite::Database db(dir / "l.db");
  CHECK(db.execAndGet("SELECT COUNT(*) FROM runs").getInt() == 0);
}
