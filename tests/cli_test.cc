// The claimledger command as a user runs it: exit codes of DESIGN.md and
// what list prints.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <sys/wait.h>

#include "tests/test_util.h"

using claimledger::testing::ReadFile;
using claimledger::testing::SourcePath;
using claimledger::testing::TempDir;
using claimledger::testing::WriteFile;

namespace {

struct Output {
  int code;
  std::string out;
};

// Runs the built binary with `args` (already shell-quoted), stdout captured,
// stderr to a file.
Output Run(const std::string& args, const std::string& err_file = "/dev/null") {
  std::string cmd = std::string(CLAIMLEDGER_BINARY) + " " + args + " 2>" + err_file;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace

TEST_CASE("check on the fixtures exits 0 and list shows consistent verdicts") {
  TempDir dir;
  auto r = Run("check " + SourcePath("fixtures/articles") + " --ledger " + dir / "l.db");
  CHECK(r.code == 0);
  CHECK(r.out.find("verdicts: consistent") != std::string::npos);
  CHECK(r.out.find("inconsistent") == std::string::npos);
  auto l = Run("list --ledger " + dir / "l.db");
  CHECK(l.code == 0);
  CHECK(l.out.find("550만달러") != std::string::npos);
  CHECK(l.out.find("1억~10억달러") != std::string::npos);
  CHECK(l.out.find("\x1b[") == std::string::npos);  // no colour into a pipe
  auto j = Run("list --json --rule fx.pair --ledger " + dir / "l.db");
  auto arr = nlohmann::json::parse(j.out);
  REQUIRE(arr.size() == 2);
  CHECK(arr[0]["status"] == "consistent");
  CHECK(arr[0]["rule"] == "fx.pair");
  CHECK(arr[0]["text"] == "550만달러");
}

TEST_CASE("an inconsistent conversion exits 1") {
  TempDir dir;
  std::string seed = ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
  seed.replace(seed.find("79억원"), std::string("79억원").size(), "97억원");
  WriteFile(dir / "a/altered.md", seed);
  auto r = Run("check " + dir / "a" + " --json --ledger " + dir / "l.db");
  CHECK(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["verdicts"]["inconsistent"] >= 1);
  auto l = Run("list --status inconsistent --rule fx.pair --json --ledger " + dir / "l.db");
  auto arr = nlohmann::json::parse(l.out);
  REQUIRE(arr.size() == 1);
  CHECK(arr[0]["observed"].get<double>() == doctest::Approx(9.7e9));
}

TEST_CASE("usage errors exit 2") {
  TempDir dir;
  CHECK(Run("").code == 2);
  CHECK(Run("frobnicate").code == 2);
  CHECK(Run("check").code == 2);
  CHECK(Run("check x --no-such-flag").code == 2);
  CHECK(Run("check x --lang fr --ledger " + dir / "l.db").code == 2);
  CHECK(Run("check x --published 2025-13-01 --ledger " + dir / "l.db").code == 2);
  CHECK(Run("check x --commit-every 0 --ledger " + dir / "l.db").code == 2);
  CHECK(Run("list --status maybe --ledger " + dir / "l.db").code == 2);
}

TEST_CASE("list on a ledger that does not exist exits 3 and creates nothing") {
  TempDir dir;
  auto r = Run("list --ledger " + dir / "missing.db", dir / "err.txt");
  CHECK(r.code == 3);
  CHECK(ReadFile(dir / "err.txt").find("missing.db") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST_CASE("check into a ledger that cannot be opened exits 3 and names it") {
  // With more than one job the ledger opens beside the rules: its failure
  // still comes first, and the run ends the same way.
  TempDir dir;
  const std::string rules = SourcePath("fixtures/rules/many.fail.yaml");
  for (const char* jobs : {"1", "2"}) {
    INFO("--jobs ", jobs);
    auto r = Run("check " + SourcePath("fixtures/articles") + " --jobs " + jobs +
                     " --ledger " + dir / "no/such/folder/l.db",
                 dir / "err.txt");
    CHECK(r.code == 3);
    CHECK(ReadFile(dir / "err.txt").find("no/such/folder/l.db") != std::string::npos);
    // Bad rules as well: the ledger's failure is the one reported.
    auto both = Run("check " + SourcePath("fixtures/articles") + " --jobs " + jobs +
                        " --rules " + rules + " --ledger " + dir / "no/such/folder/l.db",
                    dir / "err2.txt");
    CHECK(both.code == 3);
  }
}

TEST_CASE("rule-file errors exit 2 and name file:line:col") {
  TempDir dir;
  auto r = Run("check " + SourcePath("fixtures/articles") + " --rules " +
                   SourcePath("fixtures/rules/many.fail.yaml") + " --ledger " + dir / "l.db",
               dir / "err.txt");
  CHECK(r.code == 2);
  std::string err = ReadFile(dir / "err.txt");
  CHECK(err.find("many.fail.yaml:9:5: error: unknown key 'colour'") != std::string::npos);
  auto lint = Run("rules lint " + SourcePath("fixtures/rules/many.fail.yaml"), dir / "lint.txt");
  CHECK(lint.code == 2);
  CHECK(Run("rules lint " + SourcePath("rules")).code == 0);
}

TEST_CASE("unreadable inputs exit 3 and the rest is recorded") {
  TempDir dir;
  WriteFile(dir / "in/bad.txt", "\xC0\xAF");
  WriteFile(dir / "in/good.md", ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md")));
  auto r = Run("check " + dir / "in" + " " + dir / "nope" + " --json --ledger " + dir / "l.db");
  CHECK(r.code == 3);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["documents"] == 1);
  CHECK(j["failures"].size() == 2);
  auto unreadable_ledger = Run("list --ledger /proc/version/x.db");
  CHECK(unreadable_ledger.code == 3);
}

TEST_CASE("paths may come on stdin with -") {
  TempDir dir;
  WriteFile(dir / "list.txt", SourcePath("fixtures/articles/000_c28843297c64ee9a.md") + "\n");
  auto r = Run("check - --json --ledger " + dir / "l.db" + " < " + dir / "list.txt");
  CHECK(r.code == 0);
  CHECK(nlohmann::json::parse(r.out)["documents"] == 1);
}

TEST_CASE("names that are not UTF-8 give failure rows and JSON, not an abort") {
  TempDir dir;
  // Latin-1 names: a file to check, and the ledger itself.
  std::string seed =
      ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
  WriteFile(dir / "in/good.md", seed);
  WriteFile(dir / "in/caf\xe9.md", seed);
  std::string ledger = dir / "l\xe9.db";
  auto r = Run("check " + dir / "in" + " --json --ledger '" + ledger + "'");
  CHECK(r.code == 3);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["documents"] == 1);
  REQUIRE(j["failures"].size() == 1);
  CHECK(j["failures"][0]["input"] == dir / "in/caf\\xe9.md");
  auto audit = Run("audit --json --ledger '" + ledger + "'");
  CHECK(audit.code == 0);
  auto a = nlohmann::json::parse(audit.out);
  CHECK(a["ok"] == true);
  CHECK(a["ledger"] == dir / "l\xEF\xBF\xBD.db");  // U+FFFD for the odd byte
}
