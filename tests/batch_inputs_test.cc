// Bad inputs in a batch: each kind becomes one failure row with a message
// that names the file and says what is wrong, and the rest of the batch is
// recorded. Folder walks follow symlinks but never loop.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/document.h"
#include "tools/app/check_plan.h"
#include "tools/app/commands.h"
#include "ledger/ledger.h"
#include "tests/check_options.h"
#include "tests/test_util.h"
#include "tools/app/run_check.h"

using namespace claimledger;
using namespace claimledger::testing;
namespace fs = std::filesystem;

namespace {

std::string Seed() {
  return ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
}

// input -> error, for every failure row of the ledger.
std::map<std::string, std::string> Failures(const std::string& ledger) {
  std::map<std::string, std::string> out;
  SQLite::Database db(ledger);
  SQLite::Statement st(db, "SELECT input, error FROM failures ORDER BY id");
  while (st.executeStep())
    out[st.getColumn(0).getString()] = st.getColumn(1).getString();
  return out;
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE(
    "each kind of bad input becomes a failure row with its message and the "
    "rest is recorded") {
  TempDir dir;
  const std::string in = dir / "in";
  WriteFile(in + "/good.md", Seed());
  WriteFile(in + "/good2.txt",
            "---\npublished: 2024-07-10\nlang: en\n---\n"
            "The club paid €12 million (about 17.9 billion won).\n");
  WriteFile(in + "/binary.md", std::string("PK\x03\x04\0\0 zip", 10));
  WriteFile(in + "/empty.md", "");
  WriteFile(in + "/latin1.txt", "caf\xE9 au lait");
  WriteFile(in + "/bad_yaml.md",
            "---\npublished: [2024\nlang: en\n---\nText.\n");
  WriteFile(in + "/unclosed.md",
            "---\npublished: 2024-01-02\nNo end of the front matter.\n");
  WriteFile(in + "/bad_date.md",
            "---\nlang: ko\npublished: 2024-02-30\n---\n본문.\n");
  {
    // 100 MB without writing 100 MB: a sparse file, refused by its size.
    int fd = ::open((in + "/huge.md").c_str(), O_CREAT | O_WRONLY, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::ftruncate(fd, 100 << 20) == 0);
    ::close(fd);
  }
  // A name that is not UTF-8 (Latin-1 "café"): refused by name, shown
  // with the byte escaped.
  WriteFile(in + "/caf\xe9.md", Seed());
  fs::create_symlink(in + "/nowhere.md", in + "/dangling.md");
  fs::create_symlink(in + "/self.md", in + "/self.md");
  REQUIRE(::mkfifo((in + "/pipe.md").c_str(), 0644) == 0);
  fs::create_directories(in + "/sub");
  fs::create_directory_symlink("..", in + "/sub/up");
  fs::create_directory_symlink(in + "/sub", in + "/sub-link");  // not a loop
  fs::create_directory_symlink(in + "/missing-dir", in + "/gone-dir");
  // Root reads files whatever their mode: the check only means something
  // for other users.
  bool can_deny = ::geteuid() != 0;
  WriteFile(in + "/sub/secret.md", Seed() + "secret\n");
  if (can_deny) ::chmod((in + "/sub/secret.md").c_str(), 0);

  auto ledger = Ledger::Open(dir / "l.db");
  REQUIRE(ledger.ok());
  Reporter quiet;
  CheckOptions o = BundledOptions({in, dir / "not-there.md"});
  o.jobs = 2;
  auto s = RunCheck(o, **ledger, quiet);
  REQUIRE(s.ok());
  CHECK(s->exit_code == kExitUnreadable);
  // good.md, good2.txt, and sub/secret.md when root reads it (twice: once
  // through sub-link, the same bytes, recorded once).
  CHECK(s->documents == (can_deny ? 2 : 3));

  auto f = Failures(dir / "l.db");
  std::string all;
  for (const auto& [input, error] : f) all += input + " -> " + error + "\n";
  INFO(all);
  auto expect = [&](const std::string& input, const std::string& part) {
    INFO(input);
    REQUIRE(f.count(input));
    CHECK(Contains(f[input], part));
    CHECK(Contains(f[input], input));  // the message names the file
  };
  expect(in + "/binary.md", "binary file (NUL byte)");
  expect(in + "/empty.md", "empty file");
  expect(in + "/latin1.txt", "invalid UTF-8 at byte 3");
  expect(in + "/bad_yaml.md", ":3: malformed front matter");
  expect(in + "/unclosed.md",
         ":1: front matter opened with --- is never closed");
  expect(in + "/bad_date.md", ":3: published: '2024-02-30'");
  expect(in + "/huge.md", "104857600 bytes is over the limit of 16777216");
  expect(in + "/dangling.md", "broken symlink");
  expect(in + "/self.md", "symlink loop");
  expect(in + "/pipe.md", "not a regular file");
  expect(in + "/sub/up", "symlink loop");
  expect(in + "/sub-link/up", "symlink loop");
  expect(dir / "not-there.md", "no such file or folder");
  expect(in + "/caf\\xe9.md", "the path is not valid UTF-8 (byte ");
  if (can_deny) {
    expect(in + "/sub/secret.md", "Permission denied");
  } else {
    MESSAGE("running as root: the unreadable-file case is not exercised");
  }
  // A broken folder symlink without an article's name is not an input.
  CHECK_FALSE(f.count(in + "/gone-dir"));
  CHECK(f.size() == (can_deny ? 15u : 14u));
  CHECK(s->failures.size() == f.size());
}

TEST_CASE(
    "a huge file is refused by its size before it is read, and --max-bytes "
    "moves the limit") {
  TempDir dir;
  WriteFile(dir / "a.md", Seed());
  auto ledger = Ledger::Open(dir / "l.db");
  Reporter quiet;
  CheckOptions o = BundledOptions({dir / "a.md"});
  o.max_bytes = 1000;
  auto s = RunCheck(o, **ledger, quiet);
  REQUIRE(s.ok());
  REQUIRE(s->failures.size() == 1);
  CHECK(Contains(s->failures[0].second, "is over the limit of 1000"));
}

TEST_CASE(
    "a document with more claims than --max-claims is refused after "
    "extraction, and the limit is kept for --resume") {
  TempDir dir;
  WriteFile(dir / "a.md", Seed());  // 17 claims
  WriteFile(dir / "b.md", "---\npublished: 2025-01-02\n---\n"
                          "매출은 3억원, 이익은 1억원이었다.\n");
  auto ledger = Ledger::Open(dir / "l.db");
  Reporter quiet;
  CheckOptions o = BundledOptions({dir / "a.md", dir / "b.md"});
  o.max_claims = 5;
  auto s = RunCheck(o, **ledger, quiet);
  REQUIRE(s.ok());
  CHECK(s->exit_code == kExitUnreadable);
  CHECK(s->documents == 1);  // b.md
  REQUIRE(s->failures.size() == 1);
  CHECK(s->failures[0].first == dir / "a.md");
  CHECK(Contains(s->failures[0].second,
                 "a.md: more than 5 claims, over the limit (--max-claims)"));
  // The run's plan records the limit; plans from before it have none.
  CheckPlan plan;
  plan.max_claims = 5;
  auto back = CheckPlan::FromJson(plan.ToJson());
  REQUIRE(back.ok());
  CHECK(back->max_claims == 5);
  auto old = nlohmann::json::parse(plan.ToJson());
  old.erase("max_claims");
  auto before = CheckPlan::FromJson(old.dump());
  REQUIRE(before.ok());
  CHECK(before->max_claims == static_cast<size_t>(-1));
}

TEST_CASE("a run's plan is written as nlohmann's dump writes it") {
  // The ledger hashes the plan as given (RunInfo), so it must be canonical.
  CheckPlan plan;
  plan.cwd = "/w";
  plan.files = {"a.md", "기사/b \"q\".md", std::string("bad\xff.md"), ""};
  plan.unreadable = {{"x.md", "x.md: permission denied"}};
  plan.rule_paths = {"/r/fx.yaml", "/r/units.yaml"};
  plan.lexicon_dir = "/r/lexicon";
  CHECK(plan.ToJson() ==
        JsonDump(nlohmann::json::parse(plan.ToJson())));
  auto round = CheckPlan::FromJson(plan.ToJson());
  REQUIRE(round.ok());
  CHECK(round->files[0] == "a.md");
  CHECK(round->files[1] == "기사/b \"q\".md");
  CHECK(round->files[2] == "bad\xEF\xBF\xBD.md");  // U+FFFD, as before
  CHECK(round->max_claims == static_cast<size_t>(-1));
  CHECK(round->max_bytes == plan.max_bytes);
  plan.defaults.published = PubDate::Parse("2025-01-02");
  plan.defaults.lang = "ko";
  plan.max_claims = 5;
  plan.unreadable.clear();
  plan.files.clear();
  CHECK(plan.ToJson() == JsonDump(nlohmann::json::parse(plan.ToJson())));
  // And the tree it used to be built from, key for key.
  nlohmann::json tree = {{"cwd", plan.cwd},
                         {"files", plan.files},
                         {"unreadable", nlohmann::json::array()},
                         {"rule_paths", plan.rule_paths},
                         {"lexicon_dir", plan.lexicon_dir},
                         {"published", "2025-01-02"},
                         {"lang", "ko"},
                         {"max_bytes", plan.max_bytes},
                         {"max_claims", plan.max_claims}};
  CHECK(plan.ToJson() == JsonDump(tree));
}

TEST_CASE(
    "a folder walk follows symlinks, stops at a loop and lists each file "
    "once") {
  TempDir dir;
  WriteFile(dir / "a/b/c/deep.md", "x");
  WriteFile(dir / "a/top.txt", "x");
  WriteFile(dir / "a/notes.pdf", "x");
  fs::create_directory_symlink(dir / "a", dir / "a/b/c/back");
  fs::create_directory_symlink(dir / "a/b", dir / "a/b-again");
  std::vector<std::pair<std::string, std::string>> bad;
  auto files = CollectInputs({dir / "a", dir / "a/top.txt"}, nullptr, &bad);
  CHECK(files == std::vector<std::string>{dir / "a/b-again/c/deep.md",
                                          dir / "a/b/c/deep.md",
                                          dir / "a/top.txt"});
  REQUIRE(bad.size() == 2);
  CHECK(bad[0].first == dir / "a/b-again/c/back");
  CHECK(bad[1].first == dir / "a/b/c/back");
  CHECK(Contains(bad[0].second, "symlink loop"));
}

TEST_CASE("front matter read without yaml-cpp gives what yaml-cpp gives") {
  // A quoted value sends the whole block to yaml-cpp: each case is read
  // both ways and must give the same metadata, or the same error.
  const std::vector<std::string> cases = {
      "source: https://example.com/a?b=1#top\npublished: 2025-01-31   # the "
      "day\nlang: ko\n",
      "published: 2025-01\n\n# a comment\nlang: en\nsource:\nauthor: Kim, Lee "
      "(desk)\n",
      "lang: de\n",
      "published: 2025-13-01\n",
      "published: 2025-01-02\npublished: 2025-01-03\n",
      "title: a#b c\nlang: auto\nx-y: 3.5%\n",
      "tags: [a, b]\nlang: en\n",
      "nested:\n  a: 1\nlang: en\n",
      "source: ~\nlang: en\n",
  };
  for (const auto& yaml : cases) {
    INFO(yaml);
    auto fast = ParseDocument("a.md", "---\n" + yaml + "---\nBody 1.\n", {});
    auto slow = ParseDocument(
        "a.md", "---\nzz_force: 'q'\n" + yaml + "---\nBody 1.\n", {});
    REQUIRE(fast.ok() == slow.ok());
    if (!fast.ok()) {
      // One line further down in the slow text.
      auto shift = [](std::string m) {
        size_t c = m.find(':');
        size_t e = m.find(':', c + 1);
        int line = std::stoi(m.substr(c + 1, e - c - 1));
        return m.substr(0, c + 1) + std::to_string(line + 1) + m.substr(e);
      };
      CHECK(shift(fast.status().message()) == slow.status().message());
      continue;
    }
    auto meta = slow->metadata;
    meta.erase("zz_force");
    CHECK(fast->metadata == meta);
    CHECK(fast->published.ToString() == slow->published.ToString());
    CHECK(fast->lang == slow->lang);
    CHECK(fast->source == slow->source);
  }
}
