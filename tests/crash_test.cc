// The ledger survives the worst a process can do to it: `check` killed
// with SIGKILL at many points of a run leaves a ledger that audits clean
// with the run unfinished, and `check --resume` finishes that run with
// every document's verdicts exactly once. Runs the built binary.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "tests/process_util.h"
#include "tools/app/run_check.h"
#include "tests/test_util.h"

using namespace claimledger::testing;

namespace {

// Three commits at least (two full, one short), so that kills find the
// run at more than one count of documents: a commit per 512 documents
// instead of per group of 2,048, which keeps the corpus small enough for
// some twenty runs under the sanitizers, and its runs long enough for the
// kills to land inside them.
constexpr int kCommitDocuments = 512;
constexpr int kCorpus = 2 * kCommitDocuments + 8;
const std::string kCommitEvery = std::to_string(kCommitDocuments);

std::vector<std::string> Committing(std::vector<std::string> args) {
  args.push_back("--commit-every");
  args.push_back(kCommitEvery);
  return args;
}

std::vector<std::string> Resume(const std::string& ledger) {
  return Committing({"check", "--resume", "--ledger", ledger});
}

int64_t EventCount(SQLite::Database& db, int64_t run) {
  SQLite::Statement st(db, "SELECT COUNT(*) FROM run_events WHERE run_id = ?");
  st.bind(1, run);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

int64_t EventCount(const std::string& ledger, int64_t run) {
  SQLite::Database db(ledger);
  return EventCount(db, run);
}

// Polls LEDGER until run RUN has at least EVENTS run events (a process
// began or resumed it); false when PID exits first or after a minute.
bool WaitForEvents(const std::string& ledger, int64_t run, int64_t events,
                   pid_t pid) {
  auto t0 = std::chrono::steady_clock::now();
  while (SecondsSince(t0) < 60) {
    try {
      SQLite::Database db(ledger);
      db.setBusyTimeout(1000);
      while (SecondsSince(t0) < 60) {
        if (EventCount(db, run) >= events) return true;
        if (waitpid(pid, nullptr, WNOHANG) == pid) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  return false;
}

void CopyLedger(const std::string& from, const std::string& to) {
  for (const char* suffix : {"", "-wal"}) {
    if (std::filesystem::exists(from + suffix)) {
      std::filesystem::copy_file(from + suffix, to + suffix);
    }
  }
}

// Audits through the CLI; returns the JSON report (exit code in "exit").
nlohmann::json Audit(const TempDir& dir, const std::string& ledger) {
  int code =
      RunBinary({"audit", "--json", "--ledger", ledger}, dir / "audit.json");
  std::string text = ReadFile(dir / "audit.json");
  INFO(text);
  auto j = nlohmann::json::parse(text, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  j["exit"] = code;
  return j;
}

}  // namespace

TEST_CASE(
    "check killed with SIGKILL at eleven points: audit passes, resume "
    "completes once") {
  TempDir dir;
  WriteCorpus(dir / "in", kCorpus);
  std::string rules = QuickRules(dir.str());
  // Run 1 fills a base ledger (documents, claims); the killed runs come
  // after it, as a nightly re-run would. A first run on a copy, timed from
  // its run row to its exit, is the reference for counts and time.
  std::string ledger = dir / "l.db";
  REQUIRE(RunBinary(Committing(CheckArgs(dir / "in", rules, ledger))) == 1);
  std::string timed = dir / "timed.db";
  CopyLedger(ledger, timed);
  pid_t pid = Spawn(Committing(CheckArgs(dir / "in", rules, timed)));
  REQUIRE(WaitForEvents(timed, 2, 1, pid));
  auto t0 = std::chrono::steady_clock::now();
  REQUIRE(Wait(pid) == 1);
  double work = SecondsSince(t0);
  const RunShape reference = ShapeOf(timed, 2);
  REQUIRE(reference.status == "complete");
  REQUIRE(reference.documents == kCorpus);
  const int64_t claims = CountRows(ledger, "claims");

  // Kill 0 comes during start-up, before the run exists. Kills 1 to 10
  // come at these shares of a run's work after the process began (its
  // run's started or resumed event): the first on a new run, each next on
  // `check --resume` of what the kill before left, so they fall at points
  // all through the run (extraction, batch commits, closing), and resumed
  // runs are killed and resumed again. A run that completes anyway is
  // checked and the next kill goes to a new one.
  const double shares[] = {0,   0.45, 0.15, 0.6, 0.3,  0.5,
                           0.2, 0.4,  0.7,  0.1, 0.35};
  int64_t run = 2;
  bool begun = false;
  int killed_mid_run = 0;
  std::set<int> progress_seen;
  for (int point = 0; point <= 10; ++point) {
    std::vector<std::string> args =
        begun
            ? Resume(ledger)
            : Committing(CheckArgs(dir / "in", rules, ledger));
    int64_t events = begun ? EventCount(ledger, run) : 0;
    pid = Spawn(args);
    double delay = work * shares[point];
    if (point > 0) {
      REQUIRE(WaitForEvents(ledger, run, events + 1, pid));
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
    }
    kill(pid, SIGKILL);
    int code = Wait(pid);
    RunShape shape = ShapeOf(ledger, run);
    INFO("kill ", point, " at ", delay, " s of ", work, " s (exit ", code,
         "): run ", run, " ", shape.status.empty() ? "not begun" : shape.status,
         ", ", shape.documents, " documents");
    auto audit = Audit(dir, ledger);
    CHECK(audit["exit"] == 0);
    CHECK(audit["ok"] == true);
    CHECK(audit["problems"].empty());
    if (shape.status.empty()) {
      CHECK(RunBinary(Resume(ledger)) == 0);
      continue;
    }
    begun = true;
    if (shape.status == "complete") {
      CHECK(shape == reference);
      ++run;
      begun = false;
      // The run was faster than the timed one (timed on a busy moment of
      // a shared machine): aim the next kills earlier, so that enough of
      // them land inside runs.
      if (point > 0) work *= 0.5;
      continue;
    }
    // Unfinished, and audit says so.
    CHECK(shape.status == "running");
    CHECK(audit["incomplete_runs"] == nlohmann::json::array({run}));
    ++killed_mid_run;
    progress_seen.insert(shape.documents);
  }
  if (begun) {
    CHECK(RunBinary(Resume(ledger),
                    dir / "resume.txt") == 1);
    INFO(ReadFile(dir / "resume.txt"));
  }
  // Every run, however often killed and resumed, holds each document's
  // verdicts exactly once; nothing else was stored twice.
  for (int64_t r = 2; r <= run; ++r) {
    INFO("run ", r);
    if (r == run && !begun) break;
    CHECK(ShapeOf(ledger, r) == reference);
  }
  CHECK(CountRows(ledger, "documents") == kCorpus);
  CHECK(CountRows(ledger, "claims") == claims);
  auto audit = Audit(dir, ledger);
  CHECK(audit["exit"] == 0);
  CHECK(audit["incomplete_runs"].empty());
  // The kills must land inside runs, at more than one stage of them, or
  // this test would not be testing what it says.
  CHECK(killed_mid_run >= 5);
  CHECK(progress_seen.size() >= 2);
}

TEST_CASE(
    "SIGINT stops check after the current document, resume finishes the "
    "run") {
  TempDir dir;
  WriteCorpus(dir / "in", kCorpus);
  std::string rules = QuickRules(dir.str());
  std::string ledger = dir / "l.db";
  const RunShape reference =
      ReferenceShape(dir / "in", rules, dir / "reference.db");
  pid_t pid =
      Spawn(Committing(CheckArgs(dir / "in", rules, ledger)), dir / "out.txt");
  REQUIRE(WaitForEvents(ledger, 1, 1, pid));
  kill(pid, SIGINT);
  int code = Wait(pid);
  INFO(ReadFile(dir / "out.txt"));
  RunShape shape = ShapeOf(ledger, 1);
  if (shape.documents == kCorpus) {
    // The machine was fast enough to finish first; it closed as usual.
    CHECK(code == 1);
    CHECK(shape == reference);
    return;
  }
  CHECK(code == 130);
  CHECK(shape.status == "interrupted");
  CHECK(ReadFile(dir / "out.txt").find("check --resume") != std::string::npos);
  CHECK(RunBinary({"audit", "--ledger", ledger}) == 0);
  CHECK(RunBinary(Resume(ledger)) == 1);
  CHECK(ShapeOf(ledger, 1) == reference);
  CHECK(RunBinary({"audit", "--ledger", ledger}) == 0);
}
