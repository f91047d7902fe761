// Append-only and tamper evidence: no API path changes a verdict or a
// review; the tables refuse UPDATE and DELETE; and a row changed with
// sqlite3 behind the triggers' back is named by Audit.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "ledger/chain.h"
#include "ledger/ledger.h"
#include "tests/ledger_fixture.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::Count;
using claimledger::testing::SeedFixture;
using claimledger::testing::TempDir;
using claimledger::testing::TestRunInfo;

namespace {

// Two closed runs over the seed and a copy of it, and three reviews.
void Fill(Ledger& ledger, const SeedFixture& f) {
  for (int r = 0; r < 2; ++r) {
    auto run = ledger.BeginRun(TestRunInfo());
    REQUIRE(run.ok());
    Document copy = f.Copy(0);
    REQUIRE(ledger
                .RecordDocuments(*run,
                                 {{&f.doc, &f.claims, &f.verdicts},
                                  {&copy, &f.claims, &f.verdicts}},
                                 "x")
                .ok());
    REQUIRE(ledger.FinishRun(*run, "complete").ok());
  }
  ReviewInput rv{1, "kim", "confirm", "", "checked against the bank's rate",
                 ""};
  REQUIRE(ledger.AddReview(rv).ok());
  rv = {2, "lee", "override", "inconsistent", "the rate was from the wrong day",
        ""};
  REQUIRE(ledger.AddReview(rv).ok());
  rv = {2, "kim", "override", "consistent", "lee misread the date", ""};
  REQUIRE(ledger.AddReview(rv).ok());
}

std::vector<std::string> Rows(SQLite::Database& db, const std::string& table) {
  std::vector<std::string> rows;
  SQLite::Statement st(db, "SELECT * FROM " + table + " ORDER BY rowid");
  while (st.executeStep()) {
    std::string row;
    for (int i = 0; i < st.getColumnCount(); ++i) {
      row += st.getColumn(i).isNull() ? "<null>" : st.getColumn(i).getString();
      row += '|';
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

TEST_CASE("a ledger written through the API audits clean, chain by chain") {
  SeedFixture f;
  auto l = Ledger::Open(":memory:");
  Fill(**l, f);
  auto report = (*l)->Audit();
  REQUIRE(report.ok());
  CHECK(report->ok());
  CHECK(report->integrity == std::vector<std::string>{"ok"});
  CHECK(report->problems.empty());
  CHECK(report->incomplete_runs.empty());
  REQUIRE(report->chains.size() == 4);
  CHECK(report->chains[0].table == "runs");
  CHECK(report->chains[0].rows == 2);
  CHECK(report->chains[1].rows == 4);  // started and complete, per run
  CHECK(report->chains[2].rows == 4 * static_cast<int64_t>(f.verdicts.size()));
  CHECK(report->chains[3].rows == 3);
  CHECK(report->chains[3].head != ledger::kZeroHash);
}

TEST_CASE(
    "no API path changes a verdict or a review, a review overrules by a row") {
  SeedFixture f;
  TempDir dir;
  auto l = Ledger::Open(dir / "l.db");
  Ledger& ledger = **l;
  Fill(ledger, f);
  SQLite::Database db(dir / "l.db");
  auto verdicts = Rows(db, "verdicts");
  auto reviews = Rows(db, "reviews");
  auto claims = Rows(db, "claims");
  auto runs_content = Rows(db, "run_documents");

  // Everything the API can do to a ledger, including what must fail.
  auto run = ledger.BeginRun(TestRunInfo());
  REQUIRE(ledger.RecordDocument(*run, f.doc, f.claims, "x", f.verdicts).ok());
  CHECK(ledger.RecordDocument(*run, f.doc, f.claims, "x", f.verdicts)
            ->already_in_run);
  REQUIRE(ledger.RecordFailure(*run, "gone.md", "gone.md: no such file").ok());
  REQUIRE(ledger.FinishRun(*run, "interrupted").ok());
  REQUIRE(
      ledger.ResumeRun(*run, (*ledger.FindResumableRun())->last_event).ok());
  REQUIRE(ledger.FinishRun(*run, "complete").ok());
  REQUIRE(ledger
              .AddReview({1, "park", "override", "unverifiable",
                          "source withdrawn", ""})
              .ok());
  CHECK_FALSE(
      ledger.AddReview({1, "park", "confirm", "inconsistent", "x", ""}).ok());
  REQUIRE(ledger.Audit().ok());
  REQUIRE(ledger.ListVerdicts({}).ok());

  // The rows there before are exactly as they were; the rest were added.
  auto verdicts_after = Rows(db, "verdicts");
  auto reviews_after = Rows(db, "reviews");
  REQUIRE(verdicts_after.size() == verdicts.size() + f.verdicts.size());
  CHECK(std::equal(verdicts.begin(), verdicts.end(), verdicts_after.begin()));
  REQUIRE(reviews_after.size() == reviews.size() + 1);
  CHECK(std::equal(reviews.begin(), reviews.end(), reviews_after.begin()));
  CHECK(Rows(db, "claims") == claims);
  auto links = Rows(db, "run_documents");
  CHECK(std::equal(runs_content.begin(), runs_content.end(), links.begin()));

  // The verdict keeps its own status; the view shows the latest review.
  ListFilter first_run;
  first_run.run = 1;
  auto rows = ledger.ListVerdicts(first_run);
  REQUIRE(rows.ok());
  for (const auto& r : *rows) {
    if (r.verdict_id == 1) {
      CHECK(r.machine_status == "consistent");
      CHECK(r.status == "unverifiable");
    }
    if (r.verdict_id == 2)
      CHECK(r.status == "consistent");  // kim's, after lee's
  }
  CHECK(ledger.Audit()->ok());
}

TEST_CASE("reviews are refused, writing nothing, when they make no sense") {
  SeedFixture f;
  auto l = Ledger::Open(":memory:");
  Ledger& ledger = **l;
  Fill(ledger, f);
  auto refused = [&](ReviewInput r, const std::string& why) {
    auto id = ledger.AddReview(r);
    REQUIRE_FALSE(id.ok());
    CHECK(id.status().message().find(why) != std::string::npos);
  };
  refused({999, "kim", "confirm", "", "n", ""}, "no such verdict");
  refused({1, "kim", "approve", "", "n", ""}, "confirm or override");
  refused({1, "kim", "override", "", "n", ""}, "needs the status");
  refused({1, "kim", "override", "wrong", "n", ""}, "status must be");
  refused({1, "kim", "confirm", "inconsistent", "n", ""}, "use override");
  refused({1, "", "confirm", "", "n", ""}, "reviewer");
  refused({1, "kim", "confirm", "", "", ""}, "note");
  refused({1, "x' OR '1'='1", "override", "consistent'--", "n", ""},
          "status must be");
  CHECK(ledger.Audit()->chains[3].rows == 3);
}

TEST_CASE("every append-only table refuses UPDATE and DELETE") {
  SeedFixture f;
  TempDir dir;
  {
    auto l = Ledger::Open(dir / "l.db");
    Fill(**l, f);
    auto run = (*l)->BeginRun(TestRunInfo());
    REQUIRE((*l)->RecordFailure(*run, "a.md", "a.md: empty").ok());
  }
  SQLite::Database db(dir / "l.db", SQLite::OPEN_READWRITE);
  for (const char* table : {"documents", "claims", "run_documents", "verdicts",
                            "reviews", "failures", "run_events", "runs"}) {
    INFO(table);
    CHECK_THROWS(db.exec(std::string("DELETE FROM ") + table));
    CHECK_THROWS(
        db.exec(std::string("UPDATE ") + table + " SET rowid = rowid + 100"));
  }
  CHECK_THROWS(db.exec("UPDATE runs SET extractor_version = 'forged'"));
  // A run's status moves only with a run event.
  CHECK_THROWS(db.exec("UPDATE runs SET status = 'complete' WHERE id = 3"));
  CHECK_THROWS(db.exec("UPDATE runs SET counts = '{}' WHERE id = 1"));
}

TEST_CASE("audit names the first row changed behind the ledger's back") {
  struct Case {
    const char* what;
    std::function<void(SQLite::Database&)> tamper;
    const char* table;
    int64_t row;
    const char* problem;
  };
  auto exec = [](std::string sql) {
    return [sql](SQLite::Database& db) { db.exec(sql); };
  };
  const std::vector<Case> cases = {
      {"a verdict's status",
       exec("DROP TRIGGER verdicts_append_only_u;"
            "UPDATE verdicts SET status = 'consistent', reason = 'ok' "
            "WHERE id = 3"),
       "verdicts", 3, "row_hash does not match"},
      {"a verdict rewritten with a fresh row_hash",
       [](SQLite::Database& db) {
         db.exec("DROP TRIGGER verdicts_append_only_u");
         // What someone who knows the hashing would do to row 2.
         SQLite::Statement st(db,
                              "SELECT prev_hash FROM verdicts WHERE id = 2");
         REQUIRE(st.executeStep());
         std::string prev = st.getColumn(0).getString();
         db.exec("UPDATE verdicts SET reason = 'forged' WHERE id = 2");
         // Recompute its hash as the ledger would (every column re-read).
         SQLite::Statement row(db,
                               "SELECT run_id, document_id, rule_id, "
                               "rule_version, rule_kind, severity, "
                               "rule_file, rule_file_sha256, claim_ids, "
                               "status, expected, observed, "
                               "deviation, tolerance, evidence, reason FROM "
                               "verdicts WHERE id = 2");
         REQUIRE(row.executeStep());
         const auto& spec = ledger::VerdictsSpec();
         std::vector<ledger::Value> content;
         for (size_t i = 0; i < spec.content.size(); ++i) {
           content.push_back(ledger::ReadColumn(
               row.getColumn(static_cast<int>(i)), spec.content[i].type));
         }
         SQLite::Statement up(db,
                              "UPDATE verdicts SET row_hash = ? WHERE id = 2");
         up.bind(1, ledger::ChainHash(prev,
                                      ledger::CanonicalContent(spec, content)));
         up.exec();
       },
       "verdicts", 3, "prev_hash does not match the row_hash of row 2"},
      {"a verdict removed from the middle",
       exec("DROP TRIGGER verdicts_append_only_d; DELETE FROM verdicts WHERE "
            "id = 2"),
       "verdicts", 3, "prev_hash does not match the row_hash of row 1"},
      {"a verdict's leading claim",
       exec("DROP TRIGGER verdicts_append_only_u;"
            "UPDATE verdicts SET claim_id = claim_id + 1 "
            "WHERE id = 4"),
       "verdicts", 4, "claim_id is not the first"},
      {"the last verdict of a closed run removed",
       exec("DROP TRIGGER verdicts_append_only_d;"
            "DELETE FROM verdicts WHERE id = (SELECT MAX(id) FROM verdicts)"),
       "runs", 2, "closed with"},
      {"a review's note",
       exec("DROP TRIGGER reviews_append_only_u;"
            "UPDATE reviews SET note = 'nothing to see' WHERE id = 2"),
       "reviews", 2, "row_hash does not match"},
      {"a run's arguments",
       exec("DROP TRIGGER runs_only_close;"
            "UPDATE runs SET arguments = '[\"forged\"]' WHERE id = 1"),
       "runs", 1, "row_hash does not match"},
      {"a run's status",
       exec("DROP TRIGGER runs_change_by_event;"
            "UPDATE runs SET status = 'failed' WHERE id = 2"),
       "runs", 2, "latest run event"},
      {"a run event",
       exec("DROP TRIGGER run_events_append_only_u;"
            "UPDATE run_events SET at = '2020-01-01T00:00:00Z' WHERE id = 2"),
       "run_events", 2, "row_hash does not match"},
      {"a claim's text",
       exec("DROP TRIGGER claims_append_only_u;"
            "UPDATE claims SET text = '5500만달러' WHERE id = 1"),
       "claims", 1, "differs from its document's bytes"},
      {"a claim removed",
       exec("DROP TRIGGER claims_append_only_d;"
            "DELETE FROM claims WHERE id = (SELECT claim_id FROM verdicts "
            "WHERE id = 1)"),
       "verdicts", 1, "refers to a missing claims row"},
      {"a claim added behind the writer",
       exec("INSERT INTO claims (id, document_id, extractor_version, ordinal, "
            "span_start, span_end, text, kind, is_range, unit, bound, "
            "sentence_start, sentence_end) SELECT 1000000, document_id, "
            "extractor_version, 1000, span_start, span_end, text, kind, "
            "is_range, unit, bound, sentence_start, sentence_end FROM claims "
            "WHERE id = 1"),
       "claims", 1000000, "outside its claim set's ids"},
      {"a claim's ordinal",
       exec("DROP TRIGGER claims_append_only_u;"
            "UPDATE claims SET ordinal = ordinal + 1 WHERE id = 1"),
       "claims", 1, "not at its ordinal"},
      {"a document's bytes stored twice",
       exec("INSERT INTO documents (id, sha256, path, lang, metadata, "
            "body_offset, body) SELECT 1000, sha256, 'again.md', lang, "
            "metadata, body_offset, body FROM documents WHERE id = 1"),
       "documents", 1000, "SHA-256 of an earlier document"},
      {"a claim of another document",
       exec("DROP TRIGGER claims_append_only_u;"
            "UPDATE claims SET document_id = 77 WHERE id = 1"),
       "claims", 1, "belongs to no claim set"},
  };
  SeedFixture f;
  for (const auto& c : cases) {
    INFO(c.what);
    TempDir dir;
    auto l = Ledger::Open(dir / "l.db");
    REQUIRE(l.ok());
    Fill(**l, f);
    REQUIRE((*l)->Audit()->ok());
    {
      SQLite::Database db(dir / "l.db", SQLite::OPEN_READWRITE);
      c.tamper(db);
    }
    auto report = (*l)->Audit();
    REQUIRE(report.ok());
    CHECK_FALSE(report->ok());
    REQUIRE_FALSE(report->problems.empty());
    const AuditProblem& p = report->problems.front();
    INFO(p.table, " row ", p.row, ": ", p.problem);
    CHECK(p.table == c.table);
    CHECK(p.row == c.row);
    CHECK(p.problem.find(c.problem) != std::string::npos);
  }
}

TEST_CASE("the canonical content is byte for byte what nlohmann::json writes") {
  // Schema 1 hashed with nlohmann::json::dump(); the ledger's own writer
  // must agree with it on every string and number, or old rows fail audit.
  const auto& spec = ledger::ReviewsSpec();
  const std::vector<std::string> strings = {
      "",
      "plain",
      "550만달러(약 79억원)",
      "quote \" backslash \\ slash /",
      "tab\t newline\n return\r bell\a nul-free \x01\x1f del\x7f",
      "\b\f",
      "{\"rates\":[1.5,2]}",
      "emoji \xF0\x9F\x98\x80 ok"};
  for (const auto& s : strings) {
    INFO(s);
    std::vector<ledger::Value> v = {int64_t{42},
                                    s,
                                    std::string("override"),
                                    std::string("consistent"),
                                    s,
                                    std::string("t")};
    nlohmann::json j = {
        {"verdict_id", 42},       {"reviewer", s}, {"decision", "override"},
        {"status", "consistent"}, {"note", s},     {"created_at", "t"}};
    CHECK(ledger::CanonicalContent(spec, v) == j.dump());
  }
  const auto& verdicts = ledger::VerdictsSpec();
  for (double d : {0.0, 0.02, 1.0, -3.5e-7, 1e21, 7900000000.0, 1.0 / 3.0}) {
    INFO(d);
    std::vector<ledger::Value> v = {int64_t{1},
                                    int64_t{2},
                                    std::string("fx.pair"),
                                    int64_t{1},
                                    std::string("conversion"),
                                    std::string("error"),
                                    std::string("fx.yaml"),
                                    std::string("ab"),
                                    std::string("[3,4]"),
                                    std::string("consistent"),
                                    d,
                                    std::monostate{},
                                    d,
                                    d,
                                    std::string("{}"),
                                    std::string("r")};
    nlohmann::json j = {{"run_id", 1},
                        {"document_id", 2},
                        {"rule_id", "fx.pair"},
                        {"rule_version", 1},
                        {"rule_kind", "conversion"},
                        {"severity", "error"},
                        {"rule_file", "fx.yaml"},
                        {"rule_file_sha256", "ab"},
                        {"claim_ids", {3, 4}},
                        {"status", "consistent"},
                        {"expected", d},
                        {"observed", nullptr},
                        {"deviation", d},
                        {"tolerance", d},
                        {"evidence", "{}"},
                        {"reason", "r"}};
    CHECK(ledger::CanonicalContent(verdicts, v) == j.dump());
  }
}

TEST_CASE("content prepared ahead hashes as the whole row does") {
  // Workers build a verdict's content before the writer knows its
  // document and claim ids; the hash must not depend on which path.
  const auto& spec = ledger::VerdictsSpec();
  std::vector<ledger::Value> full = {int64_t{7},
                                     int64_t{12},
                                     std::string("fx.pair"),
                                     int64_t{2},
                                     std::string("conversion"),
                                     std::string("error"),
                                     std::string("rules/fx.yaml"),
                                     std::string(64, 'a'),
                                     std::string("[31,32]"),
                                     std::string("inconsistent"),
                                     7.9e9,
                                     std::monostate{},
                                     -0.2,
                                     0.02,
                                     std::string(R"({"a":"550만달러","b":[1.5,null]})"),
                                     std::string("reason \"quoted\"\n")};
  const std::string prev(64, 'f');
  const std::string whole = ledger::RowHash(prev, spec, full);
  // Every choice of late columns among run_id (0), document_id (1) and
  // claim_ids (8): the first key, one in the middle, one near the end.
  for (std::vector<size_t> late :
       {std::vector<size_t>{}, {1}, {8}, {1, 8}, {8, 1}, {0, 1, 8}}) {
    std::vector<ledger::Value> partial = full;
    for (size_t i : late) partial[i] = std::monostate{};
    auto prepared = ledger::PrepareContent(spec, partial, late);
    CHECK(prepared.pieces() == late.size() + 1);
    CHECK(ledger::RowHashPrepared(prev, spec, prepared, full) == whole);
  }
  // A value changed after preparing changes the hash.
  auto prepared = ledger::PrepareContent(spec, full, {1, 8});
  std::vector<ledger::Value> other = full;
  other[1] = int64_t{13};
  CHECK(ledger::RowHashPrepared(prev, spec, prepared, other) != whole);
}
