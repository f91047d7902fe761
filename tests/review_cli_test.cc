// The review subcommands as a user runs them on a ledger checked from the
// fixtures: claims, list --doc, show, runs, diff, review, and their exit
// codes (0 ok, 2 usage, 3 ledger unreadable).
#include <doctest/doctest.h>
#include <pty.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "tests/review_fixture.h"

using namespace claimledger::testing;

namespace {

const char kSeed[] = "000_c28843297c64ee9a.md";

}  // namespace

TEST_CASE(
    "claims lists the claims of the latest run and filters by document and "
    "kind") {
  ReviewLedger l;
  Proc runs = l({"runs", "--json"});
  REQUIRE(runs.code == 0);
  auto run = runs.json().at(0);
  auto all = l.Claims();
  CHECK(all.size() == run["counts"]["claims"].get<size_t>());
  Proc seed = l({"claims", "--doc", kSeed, "--json"});
  REQUIRE(seed.code == 0);
  std::set<int64_t> docs;
  for (const auto& c : seed.json())
    docs.insert(c["document"]["id"].get<int64_t>());
  REQUIRE(docs.size() == 1);
  size_t of_seed =
      std::count_if(all.begin(), all.end(), [&](const nlohmann::json& c) {
        return c["document"]["id"] == *docs.begin();
      });
  CHECK(seed.json().size() == of_seed);
  CHECK(of_seed > 10);
  Proc money = l({"claims", "--doc", kSeed, "--kind", "money", "--json"});
  REQUIRE(money.code == 0);
  CHECK(money.json().size() > 0);
  for (const auto& c : money.json()) CHECK(c["kind"] == "money");
  // The seed's pair: 550만달러 with 79억원, checked consistent.
  bool found = false;
  for (const auto& c : money.json()) {
    if (c["text"] != "550만달러") continue;
    found = true;
    CHECK(c["value"] == 5500000);
    CHECK(c["precision"]["low"].get<double>() == doctest::Approx(5450000));
    CHECK(c["status"] == "consistent");
    CHECK(c["pair"].is_number_integer());
  }
  CHECK(found);
  // A document by SHA-256 prefix gives the same claims.
  std::string sha = seed.json()[0]["document"]["sha256"];
  CHECK(l({"claims", "--doc", sha.substr(0, 10), "--json"}).json() ==
        seed.json());
  Proc table = l({"claims", "--doc", kSeed});
  CHECK(table.code == 0);
  CHECK(Contains(table.out, "550만달러"));
  CHECK(!Contains(table.out, "\x1b["));  // no colour into a file
  CHECK(l({"claims", "--doc", "no-such-article.md"}).code == 2);
  CHECK(Contains(l({"claims", "--doc", "no-such-article.md"}).err,
                 "no-such-article.md"));
  CHECK(l({"claims", "--kind", "weight"}).code == 2);
  CHECK(l({"claims", "--run", "99"}).code == 2);
}

TEST_CASE("list filters by document and puts the most severe first") {
  ReviewLedger l;
  Proc seed = l({"list", "--doc", kSeed, "--json"});
  REQUIRE(seed.code == 0);
  Proc all = l({"list", "--json"});
  REQUIRE(all.code == 0);
  size_t of_seed = 0;
  for (const auto& v : all.json())
    of_seed += Contains(v["document"], kSeed) ? 1 : 0;
  CHECK(seed.json().size() == of_seed);
  CHECK(of_seed > 3);
  for (const auto& v : seed.json()) CHECK(Contains(v["document"], kSeed));
  auto rank = [](const std::string& s) {
    return s == "inconsistent" ? 0 : s == "unverifiable" ? 1 : 2;
  };
  int last = 0;
  for (const auto& v : all.json()) {
    CHECK(rank(v["status"]) >= last);
    last = rank(v["status"]);
  }
  Proc filtered = l({"list", "--json", "--status", "unverifiable", "--rule",
                     "fx.pair", "--kind", "money"});
  REQUIRE(filtered.code == 0);
  CHECK(filtered.json().size() > 0);
  for (const auto& v : filtered.json()) {
    CHECK(v["status"] == "unverifiable");
    CHECK(v["rule"] == "fx.pair");
    CHECK(v["kind"] == "money");
  }
  CHECK(l({"list", "--doc", "nothing-here"}).code == 2);
  CHECK(l({"list", "--run", "42"}).code == 2);
  CHECK(l({"list", "--kind", "weight"}).code == 2);
}

TEST_CASE(
    "show marks the claim in its sentence with its precision, verdicts and "
    "provenance") {
  ReviewLedger l;
  int64_t id = l.ClaimId("550만달러", kSeed);
  Proc text = l({"show", std::to_string(id)});
  REQUIRE(text.code == 0);
  CHECK(Contains(
      text.out,
      "V3 개발에 훈련 비용 \u00BB550만달러\u00AB(약 79억원)를 투입했다."));
  CHECK(Contains(text.out, "precision  5,450,000 to 5,550,000"));
  CHECK(Contains(text.out, "fx.pair v2"));
  CHECK(Contains(text.out, "facts.reference v1"));
  CHECK(Contains(text.out, "eurofxref-hist.csv sha256 "));
  // The rate rows the verdict used: how many, their first and last days.
  CHECK(Contains(text.out,
                 "window 2024-12-25..2025-01-31, 25 rows "
                 "2024-12-27..2025-01-31, rate 1,432.07-1,474.78"));
  CHECK(Contains(text.out, "source https://arxiv.org/abs/2412.19437"));
  Proc json = l({"show", std::to_string(id), "--json"});
  REQUIRE(json.code == 0);
  auto j = json.json();
  CHECK(j["text"] == "550만달러");
  CHECK(j["marked"] ==
        "딥시크에 따르면 V3 개발에 훈련 비용 \u00BB550만달러\u00AB(약 "
        "79억원)를 투입했다.");
  REQUIRE(j["verdicts"].size() == 3);
  for (const auto& v : j["verdicts"]) {
    CHECK(v["rule_file_sha256"].get<std::string>().size() == 64);
    CHECK(v["evidence"].is_object());
    CHECK(v["reviews"].empty());
  }
  const auto& pair = j["verdicts"][1];
  CHECK(pair["rule"] == "fx.pair");
  CHECK(pair["evidence"]["rates"]["rows"].size() > 10);
  CHECK(pair["evidence"]["rates"]["sha256"].get<std::string>().size() == 64);
  CHECK(l({"show", "999999"}).code == 2);
  CHECK(Contains(l({"show", "999999"}).err, "no claim 999999"));
  CHECK(l({"show", "nine"}).code == 2);
}

TEST_CASE("runs lists every run with its counts") {
  ReviewLedger l;
  REQUIRE(
      Cli({"check", SourcePath("fixtures/articles"), "--ledger", l.db}, l.dir)
          .code == 0);
  Proc json = l({"runs", "--json"});
  REQUIRE(json.code == 0);
  auto runs = json.json();
  REQUIRE(runs.size() == 2);
  CHECK(runs[0]["run"] == 1);
  CHECK(runs[1]["counts"]["documents"] == 1);
  CHECK(runs[1]["counts"]["verdicts"]["consistent"] ==
        l({"list", "--json", "--run", "2"}).json().size());
  CHECK(runs[1]["status"] == "complete");
  CHECK(runs[1]["rules"].size() == 4);
  Proc text = l({"runs"});
  CHECK(text.code == 0);
  CHECK(Contains(text.out, "RUN  STATUS"));
  CHECK(Contains(text.out, "complete"));
}

TEST_CASE(
    "diff names the verdicts a changed rate file turned, with the reason") {
  TempDir dir;
  // Two copies of the rules; the second's won is worth 30% less against
  // the euro over the seed's publication window.
  for (const char* copy : {"a", "b"}) {
    std::filesystem::copy(SourcePath("rules"), dir / copy,
                          std::filesystem::copy_options::recursive);
  }
  std::string csv_path = dir / "b/reference/fx/ecb/eurofxref-hist.csv";
  std::istringstream in(ReadFile(csv_path));
  std::string line, out;
  std::getline(in, line);
  out += line + "\n";
  std::vector<std::string> header;
  for (std::istringstream h(line); std::getline(h, line, ',');)
    header.push_back(line);
  size_t krw = std::find(header.begin(), header.end(), "KRW") - header.begin();
  REQUIRE(krw < header.size());
  while (std::getline(in, line)) {
    if (line.rfind("2024-12", 0) == 0 || line.rfind("2025-01", 0) == 0) {
      std::vector<std::string> f;
      for (std::istringstream row(line); std::getline(row, line, ',');)
        f.push_back(line);
      f[krw] = std::to_string(std::stod(f[krw]) * 1.3);
      line.clear();
      for (size_t i = 0; i < f.size(); ++i) line += (i ? "," : "") + f[i];
    }
    out += line + "\n";
  }
  WriteFile(csv_path, out);
  std::string db = dir / "l.db";
  std::string seed = SourcePath("fixtures/articles");
  REQUIRE(
      Cli({"check", seed, "--rules", dir / "a", "--ledger", db}, dir).code ==
      0);
  REQUIRE(
      Cli({"check", seed, "--rules", dir / "b", "--ledger", db}, dir).code ==
      1);
  Proc diff = Cli({"diff", "1", "2", "--json", "--ledger", db}, dir);
  REQUIRE(diff.code == 0);
  auto j = diff.json();
  REQUIRE(j["changed"].size() >= 1);
  bool pair = false;
  for (const auto& c : j["changed"]) {
    CHECK(c["a"]["status"] != c["b"]["status"]);
    CHECK(!c["why"].empty());
    if (c["rule"] == "fx.pair" && c["text"] == "550만달러") {
      pair = true;
      CHECK(c["a"]["status"] == "consistent");
      CHECK(c["b"]["status"] == "inconsistent");
      CHECK(Contains(c["why"][0],
                     "reference reference/fx/ecb/eurofxref-hist.csv changed"));
      CHECK(Contains(c["b"]["reason"], "outside the expected interval"));
    }
  }
  CHECK(pair);
  CHECK(j["only_in_a"].empty());
  CHECK(j["only_in_b"].empty());
  size_t verdicts =
      Cli({"list", "--json", "--run", "1", "--ledger", db}, dir).json().size();
  CHECK(j["unchanged"].get<size_t>() + j["changed"].size() == verdicts);
  Proc text = Cli({"diff", "1", "2", "--ledger", db}, dir);
  CHECK(Contains(text.out, "consistent -> inconsistent"));
  CHECK(Contains(text.out,
                 "why: reference reference/fx/ecb/eurofxref-hist.csv changed"));
  CHECK(Cli({"diff", "1", "3", "--ledger", db}, dir).code == 2);
  CHECK(Cli({"diff", "1", "--ledger", db}, dir).code == 2);
}

TEST_CASE("review refuses bad input with exit 2 and writes nothing") {
  ReviewLedger l;
  int64_t claim = l.ClaimId("550만달러", kSeed);
  std::string v = std::to_string(l.VerdictId(claim, "fx.pair"));
  auto review = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"review"};
    args.insert(args.end(), extra.begin(), extra.end());
    return l(args);
  };
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  std::vector<Case> cases = {
      {{"999999", "--decision", "confirm", "--note", "n", "--reviewer", "r"},
       "no verdict 999999"},
      {{v, "--decision", "override", "--note", "n", "--reviewer", "r"},
       "needs --status"},
      {{v, "--decision", "maybe", "--note", "n", "--reviewer", "r"},
       "--decision"},
      {{v, "--decision", "override", "--status", "false", "--note", "n",
        "--reviewer", "r"},
       "--status"},
      {{v, "--decision", "confirm", "--status", "inconsistent", "--note", "n",
        "--reviewer", "r"},
       "use --decision override"},
      {{v, "--decision", "confirm", "--note", " ", "--reviewer", "r"},
       "--note is empty"},
      {{v, "--decision", "confirm", "--note", "n"}, "--reviewer"},
      {{v, "--decision", "confirm", "--reviewer", "r"}, "--note"},
      {{v, "--decision", "confirm", "--note", "caf\xe9", "--reviewer", "r"},
       "--note is not valid UTF-8 (byte 3)"},
      {{v, "--decision", "confirm", "--note", "n", "--reviewer", "\xff"},
       "--reviewer is not valid UTF-8 (byte 0)"},
  };
  for (const auto& c : cases) {
    Proc p = review(c.args);
    INFO(p.err);
    CHECK(p.code == 2);
    CHECK(Contains(p.err, c.says));
  }
  Proc runs = l({"runs", "--json"});
  CHECK(runs.json()[0]["reviews"] == 0);
  CHECK(l({"audit"}).code == 0);
  CHECK(Cli({"review", v, "--decision", "confirm", "--note", "n", "--reviewer",
             "r", "--ledger", l.dir / "missing.db"},
            l.dir)
            .code == 3);
}

TEST_CASE("read commands exit 3 when the ledger cannot be read") {
  TempDir dir;
  WriteFile(dir / "junk.db", std::string(4096, 'x'));
  for (const std::string& ledger : {dir / "missing.db", dir / "junk.db"}) {
    for (std::vector<std::string> args :
         {std::vector<std::string>{"claims"},
          {"show", "1"},
          {"runs"},
          {"diff", "1", "2"},
          {"export", "--format", "jsonl"},
          {"report", "--html", dir / "r.html"}}) {
      args.push_back("--ledger");
      args.push_back(ledger);
      Proc p = Cli(args, dir);
      INFO(args[0] << " on " << ledger << ": " << p.err);
      CHECK(p.code == 3);
      CHECK(Contains(p.err, ledger));
    }
  }
  CHECK(!std::filesystem::exists(dir / "missing.db"));
  CHECK(!std::filesystem::exists(dir / "r.html"));
}

namespace {

// Runs the binary on a pseudo-terminal (so stdout is a TTY) and returns
// what it printed there; no_color sets NO_COLOR=1 for it.
std::string OnTerminal(const std::vector<std::string>& args, bool no_color) {
  std::vector<std::string> argv_s = {CLAIMLEDGER_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  int master = -1;
  struct winsize size = {50, 250, 0, 0};
  pid_t pid = forkpty(&master, nullptr, nullptr, &size);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (no_color) {
      setenv("NO_COLOR", "1", 1);
    } else {
      unsetenv("NO_COLOR");
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(master, buf, sizeof buf)) > 0;) out.append(buf, n);
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  return out;
}

}  // namespace

TEST_CASE("tables are coloured only on a terminal and not with NO_COLOR") {
  ReviewLedger l;
  for (std::vector<std::string> args : {std::vector<std::string>{"list"},
                                        {"claims"},
                                        {"runs"},
                                        {"show", "1"}}) {
    if (args[0] == "show")
      args[1] = std::to_string(l.ClaimId("550만달러", kSeed));
    args.push_back("--ledger");
    args.push_back(l.db);
    INFO(args[0]);
    std::string tty = OnTerminal(args, false);
    std::string plain = OnTerminal(args, true);
    if (args[0] != "runs")
      CHECK(Contains(tty, "\x1b["));  // every run is complete: no colour
    CHECK(!Contains(plain, "\x1b["));
    CHECK(
        !Contains(l(std::vector<std::string>(args.begin(), args.end() - 2)).out,
                  "\x1b["));
  }
}
