// `claimledger audit` and `check --resume` as a user meets them: exit
// codes, what they name, and when resuming is refused.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "ledger/ledger.h"
#include "tests/process_util.h"
#include "tests/test_util.h"
#include "tools/app/run_check.h"

using namespace claimledger;
using namespace claimledger::testing;

namespace {

CheckOptions Options(std::vector<std::string> inputs,
                     const std::string& rules) {
  CheckOptions o;
  o.inputs = std::move(inputs);
  o.rule_paths = {rules};
  o.lexicon_dir = SourcePath("rules/lexicon");
  return o;
}

// Asks the run to stop once `after` documents have been checked, and
// may do something more at that moment.
class StopAfter : public Reporter {
 public:
  StopAfter(size_t after, std::atomic<bool>* stop)
      : after_(after), stop_(stop) {}
  void Document(const std::string&, size_t done, size_t, int) override {
    if (done == after_) {
      stop_->store(true);
      if (at_stop) at_stop();
    }
  }
  std::function<void()> at_stop;

 private:
  size_t after_;
  std::atomic<bool>* stop_;
};

}  // namespace

TEST_CASE(
    "audit exits 0 when clean, 1 naming the first changed row, 3 without a "
    "ledger") {
  TempDir dir;
  std::string ledger = dir / "l.db";
  REQUIRE(RunBinary({"check", SourcePath("fixtures/articles"), "--ledger",
                     ledger}) == 0);
  CHECK(RunBinary({"audit", "--ledger", ledger}, dir / "ok.txt") == 0);
  CHECK(ReadFile(dir / "ok.txt").find("audit: ok") != std::string::npos);
  {
    SQLite::Database db(ledger, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER verdicts_append_only_u");
    db.exec("UPDATE verdicts SET reason = 'looks fine' WHERE id = 2");
  }
  CHECK(RunBinary({"audit", "--ledger", ledger}, dir / "bad.txt") == 1);
  std::string text = ReadFile(dir / "bad.txt");
  CHECK(text.find("MISMATCH verdicts row 2: row_hash does not match") !=
        std::string::npos);
  CHECK(text.find("audit: FAILED") != std::string::npos);
  CHECK(RunBinary({"audit", "--json", "--ledger", ledger}, dir / "bad.json") ==
        1);
  auto j = nlohmann::json::parse(ReadFile(dir / "bad.json"));
  CHECK(j["ok"] == false);
  CHECK(j["problems"][0]["table"] == "verdicts");
  CHECK(j["problems"][0]["row"] == 2);
  CHECK(j["integrity_check"][0] == "ok");

  CHECK(RunBinary({"audit", "--ledger", dir / "none.db"}) == 3);
  CHECK_FALSE(std::filesystem::exists(dir / "none.db"));
}

TEST_CASE("a damaged ledger file never audits clean") {
  TempDir dir;
  WriteCorpus(dir / "in", 100);
  std::string ledger = dir / "l.db";
  REQUIRE(RunBinary(CheckArgs(dir / "in", QuickRules(dir.str()), ledger)) == 1);
  REQUIRE(RunBinary({"audit", "--ledger", ledger}) == 0);
  auto size = std::filesystem::file_size(ledger);
  REQUIRE(size > 64 * 1024);
  {
    std::fstream f(ledger, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2));
    std::string junk(4096, '\xAB');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  int code = RunBinary({"audit", "--ledger", ledger}, dir / "audit.txt");
  INFO(ReadFile(dir / "audit.txt"));
  CHECK((code == 1 || code == 3));
}

TEST_CASE(
    "check --resume exits 0 with nothing to resume, 2 with inputs or "
    "settings") {
  TempDir dir;
  std::string ledger = dir / "l.db";
  CHECK(RunBinary({"check", "--resume", "--ledger", ledger}, dir / "out.txt") ==
        0);
  CHECK(ReadFile(dir / "out.txt").find("nothing to resume") !=
        std::string::npos);
  CHECK(RunBinary({"check", "--resume", "x.md", "--ledger", ledger}) == 2);
  CHECK(RunBinary({"check", "--resume", "--rules", "r.yaml", "--ledger",
                   ledger}) == 2);
  CHECK(RunBinary({"check", "--resume", "--lang", "en", "--ledger", ledger}) ==
        2);
}

TEST_CASE(
    "an interrupted run stops after the current document, resume finishes it "
    "once") {
  TempDir dir;
  WriteCorpus(dir / "in", 150);
  std::string rules = QuickRules(dir.str());
  const RunShape reference =
      ReferenceShape(dir / "in", rules, dir / "reference.db");
  auto l = Ledger::Open(dir / "l.db");
  REQUIRE(l.ok());
  std::atomic<bool> stop{false};
  StopAfter reporter(70, &stop);
  auto o = Options({dir / "in"}, rules);
  o.stop = &stop;
  auto s = RunCheck(o, **l, reporter);
  REQUIRE(s.ok());
  CHECK(s->interrupted);
  CHECK(s->exit_code == kExitInterrupted);
  CHECK(s->documents == 70);  // the batch in hand was written before closing
  CHECK((*l)->Runs()->at(0).status == "interrupted");

  stop = false;
  Reporter quiet;
  auto r = ResumeCheck(**l, quiet, &stop);
  REQUIRE(r.ok());
  CHECK(r->resumed);
  CHECK(r->skipped == 70);
  CHECK(r->documents == 150);
  CHECK(r->exit_code == kExitInconsistent);
  CHECK(ShapeOf(dir / "l.db", 1) == reference);
  CHECK((*l)->Audit()->ok());
}

TEST_CASE(
    "resume is refused while the run's process lives and after its rules "
    "changed") {
  TempDir dir;
  WriteCorpus(dir / "in", 20);
  std::string rules = QuickRules(dir.str());
  auto l = Ledger::Open(dir / "l.db");
  std::atomic<bool> stop{false};
  StopAfter reporter(5, &stop);
  // While the run is under way in this process, another connection must
  // not take it over.
  std::optional<CheckSummary> meanwhile;
  reporter.at_stop = [&] {
    auto other = Ledger::Open(dir / "l.db");
    Reporter quiet;
    auto r = ResumeCheck(**other, quiet, nullptr);
    REQUIRE(r.ok());
    meanwhile = *r;
  };
  auto o = Options({dir / "in"}, rules);
  o.stop = &stop;
  REQUIRE(RunCheck(o, **l, reporter).ok());
  REQUIRE(meanwhile.has_value());
  CHECK(meanwhile->exit_code == kExitUsage);
  CHECK(meanwhile->message.find("may still be running") != std::string::npos);

  // Interrupted now; a changed rule file keeps it from resuming.
  std::string fx = ReadFile(dir / "rules/fx.yaml");
  WriteFile(dir / "rules/fx.yaml", fx + "# edited\n");
  Reporter quiet;
  auto r = ResumeCheck(**l, quiet, nullptr);
  REQUIRE(r.ok());
  CHECK(r->exit_code == kExitUsage);
  CHECK(r->message.find("changed since it began") != std::string::npos);
  WriteFile(dir / "rules/fx.yaml", fx);
  r = ResumeCheck(**l, quiet, nullptr);
  REQUIRE(r.ok());
  CHECK(r->exit_code == kExitInconsistent);
  CHECK(r->documents == 20);
}

TEST_CASE("resume from another directory reads the run's relative inputs") {
  TempDir dir;
  WriteCorpus(dir / "in", 30);
  std::string relative =
      std::filesystem::relative(dir / "in", std::filesystem::current_path())
          .string();
  auto l = Ledger::Open(dir / "l.db");
  std::atomic<bool> stop{false};
  StopAfter reporter(10, &stop);
  auto o = Options({relative}, QuickRules(dir.str()));
  o.stop = &stop;
  REQUIRE(RunCheck(o, **l, reporter).ok());
  l->reset();  // this process is done with it
  CHECK(RunBinary({"check", "--resume", "--ledger", dir / "l.db"},
                  dir / "out.txt", "/") == 1);
  INFO(ReadFile(dir / "out.txt"));
  RunShape shape = ShapeOf(dir / "l.db", 1);
  CHECK(shape.status == "complete");
  CHECK(shape.documents == 30);
  SQLite::Database db(dir / "l.db");
  SQLite::Statement paths(
      db, "SELECT COUNT(*) FROM run_documents WHERE substr(path, 1, ?) = ?");
  paths.bind(1, static_cast<int>(relative.size()));
  paths.bind(2, relative);
  REQUIRE(paths.executeStep());
  CHECK(paths.getColumn(0).getInt() == 30);  // the names as first given
}
