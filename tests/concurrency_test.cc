// One ledger file, several processes at once: two `check` runs over the
// same corpus, a reviewer adding reviews, and a reader auditing, all from
// an empty file. Everyone must succeed and the ledger must audit clean
// at every moment and at the end.
#include <doctest/doctest.h>

#include <cstdio>
#include <thread>

#include "ledger/ledger.h"
#include "tests/process_util.h"
#include "tests/test_util.h"

using namespace claimledger;
using namespace claimledger::testing;

namespace {

constexpr int kCorpus = 200;
constexpr int kReviews = 40;

std::unique_ptr<Ledger> OpenWhenThere(const std::string& path, double seconds) {
  auto t0 = std::chrono::steady_clock::now();
  while (SecondsSince(t0) < seconds) {
    auto l = Ledger::Open(path, OpenMode::kExisting);
    if (l.ok()) return std::move(l).value();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return nullptr;
}

// The reviewer process: confirms or overrides verdicts as they appear.
// Its exit code says whether every review was written.
int Reviewer(const std::string& path) {
  auto ledger = OpenWhenThere(path, 60);
  if (!ledger) return 3;
  auto t0 = std::chrono::steady_clock::now();
  int added = 0;
  while (added < kReviews && SecondsSince(t0) < 120) {
    auto rows = ledger->ListVerdicts({});
    if (!rows.ok()) {
      std::fprintf(stderr, "reviewer: %s\n", rows.status().message().c_str());
      return 1;
    }
    if (rows->empty()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    const VerdictRow& v = (*rows)[added % rows->size()];
    ReviewInput r;
    r.verdict_id = v.verdict_id;
    r.reviewer = "desk";
    r.decision = added % 2 ? "confirm" : "override";
    if (r.decision == "override") {
      r.status =
          v.machine_status == "consistent" ? "inconsistent" : "consistent";
    }
    r.note = "review " + std::to_string(added);
    if (auto id = ledger->AddReview(r); !id.ok()) {
      std::fprintf(stderr, "reviewer: %s\n", id.status().message().c_str());
      return 1;
    }
    ++added;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return added == kReviews ? 0 : 2;
}

}  // namespace

TEST_CASE("two check processes, a reviewer and a reader share one ledger") {
  TempDir dir;
  WriteCorpus(dir / "in", kCorpus);
  std::string path = dir / "l.db";
  std::string rules = QuickRules(dir.str());
  std::vector<std::string> check = CheckArgs(dir / "in", rules, path);
  const RunShape reference =
      ReferenceShape(dir / "in", rules, dir / "reference.db");
  pid_t a = Spawn(check, dir / "a.txt");
  pid_t b = Spawn(check, dir / "b.txt");
  std::fflush(nullptr);
  pid_t reviewer = fork();
  REQUIRE(reviewer >= 0);
  if (reviewer == 0) _exit(Reviewer(path));

  // The reader: audits on its own connection while the others write.
  std::map<pid_t, int> codes;
  int audits = 0, clean = 0;
  auto reader = OpenWhenThere(path, 60);
  REQUIRE(reader != nullptr);
  while (codes.size() < 3) {
    for (pid_t p : {a, b, reviewer}) {
      int status = 0;
      if (!codes.count(p) && waitpid(p, &status, WNOHANG) == p) {
        codes[p] =
            WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
    }
    auto report = reader->Audit();
    REQUIRE(report.ok());
    ++audits;
    if (report->ok()) ++clean;
    for (const auto& p : report->problems) {
      FAIL_CHECK("mid-run audit: " << p.table << " row " << p.row << ": "
                                   << p.problem);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  INFO(ReadFile(dir / "a.txt"), ReadFile(dir / "b.txt"));
  CHECK(codes[a] == 1);  // both completed; the corpus has inconsistencies
  CHECK(codes[b] == 1);
  CHECK(codes[reviewer] == 0);
  CHECK(audits > 0);
  CHECK(clean == audits);

  // Each run holds what a run of its own would: every document once, with
  // its verdicts once.
  CHECK(ShapeOf(path, 1) == reference);
  CHECK(ShapeOf(path, 2) == reference);
  // Both runs stored the same documents once, and their claims once.
  CHECK(CountRows(path, "documents") == kCorpus);
  SQLite::Database db(path);
  CHECK(db.execAndGet("SELECT COUNT(*) FROM claims").getInt() ==
        db.execAndGet(
              "SELECT json_extract(counts, '$.claims') FROM runs WHERE id = 1")
            .getInt());
  CHECK(CountRows(path, "reviews") == kReviews);
  CHECK(
      db.execAndGet(
            "SELECT COUNT(*) FROM verdict_view WHERE status <> machine_status")
          .getInt() > 0);
  auto final_report = reader->Audit();
  REQUIRE(final_report.ok());
  CHECK(final_report->ok());
}
