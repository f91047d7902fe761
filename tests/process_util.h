// Helpers for tests that run the claimledger binary as separate processes
// (crash, concurrency, CLI): spawning without a shell, waiting, and a
// generated corpus of small articles.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace claimledger::testing {

// Starts CLAIMLEDGER_BINARY with args, without a shell; stdin is
// /dev/null; stdout goes to out_file, stderr to err_file (or out_file too
// when err_file is empty).
inline pid_t Spawn(const std::vector<std::string>& args,
                   const std::string& out_file = "/dev/null",
                   const std::string& cwd = "", const std::string& err_file = "") {
  std::vector<std::string> argv_s = {CLAIMLEDGER_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int fd = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    if (!err_file.empty()) {
      int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (err < 0) _exit(126);
      dup2(err, STDERR_FILENO);
      close(err);
    }
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    int null_in = open("/dev/null", O_RDONLY);
    if (null_in >= 0) dup2(null_in, STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Waits for PID; its exit code, or 128 + the signal that ended it.
inline int Wait(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

inline int RunBinary(const std::vector<std::string>& args,
                     const std::string& out_file = "/dev/null",
                     const std::string& cwd = "") {
  return Wait(Spawn(args, out_file, cwd));
}

// Writes n small articles made from the seed into dir: its front matter
// and the paragraph with "550만달러(약 79억원)" and "1억~10억달러(약
// 1400억~1조4000억원)", then a line of its own (so its own SHA-256). Every
// fifth says 97억원 for 79억원: the corpus has consistent and inconsistent
// conversions, and `check` on it exits 1.
inline void WriteCorpus(const std::string& dir, int n) {
  std::string seed =
      ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
  size_t body = seed.find("---\n", 4) + 4;
  size_t at = seed.find("550만달러");
  size_t line_start = seed.rfind('\n', at) + 1;
  std::string paragraph =
      seed.substr(line_start, seed.find('\n', at) + 1 - line_start);
  std::string altered = paragraph;
  altered.replace(altered.find("79억원"), std::string("79억원").size(),
                  "97억원");
  for (int i = 0; i < n; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "a%04d.md", i);
    WriteFile(dir + "/" + name, seed.substr(0, body) + "\n" +
                                    (i % 5 == 4 ? altered : paragraph) +
                                    "기사 번호 " + std::to_string(i) + ".\n");
  }
}

// What one run of a ledger holds, to compare runs over the same corpus.
struct RunShape {
  std::string status;
  int documents = 0;
  int verdicts = 0;
  std::map<std::string, int> verdicts_by_document;  // SHA-256 -> verdicts
  bool operator==(const RunShape&) const = default;
};

inline RunShape ShapeOf(const std::string& ledger, int64_t run) {
  SQLite::Database db(ledger);
  RunShape s;
  SQLite::Statement st(db, "SELECT status FROM runs WHERE id = ?");
  st.bind(1, run);
  if (st.executeStep()) s.status = st.getColumn(0).getString();
  // The run's verdicts counted by document in one pass (a count per
  // document would read all of the run's verdicts for each).
  std::map<int64_t, int> counted;
  SQLite::Statement by_doc(db,
                           "SELECT document_id, COUNT(*) FROM verdicts WHERE "
                           "run_id = ? GROUP BY document_id");
  by_doc.bind(1, run);
  while (by_doc.executeStep()) {
    counted[by_doc.getColumn(0).getInt64()] = by_doc.getColumn(1).getInt();
  }
  SQLite::Statement docs(db,
                         "SELECT d.id, d.sha256 FROM run_documents rd JOIN "
                         "documents d ON d.id = rd.document_id WHERE "
                         "rd.run_id = ?");
  docs.bind(1, run);
  while (docs.executeStep()) {
    ++s.documents;
    auto c = counted.find(docs.getColumn(0).getInt64());
    s.verdicts_by_document[docs.getColumn(1).getString()] =
        c == counted.end() ? 0 : c->second;
  }
  SQLite::Statement v(db, "SELECT COUNT(*) FROM verdicts WHERE run_id = ?");
  v.bind(1, run);
  v.executeStep();
  s.verdicts = v.getColumn(0).getInt();
  return s;
}

// A copy of the bundled rules in DIR/rules whose ECB rate file keeps only
// the months the corpus needs (December 2024 to February 2025): loading
// twenty-five years of rates is most of a process's start-up, and these
// tests start many processes. Returns the FX pack's path; the process
// tests check with that pack alone, since they are about the ledger.
inline std::string QuickRules(const std::string& dir) {
  namespace fs = std::filesystem;
  fs::copy(SourcePath("rules"), dir + "/rules", fs::copy_options::recursive);
  std::string csv = dir + "/rules/reference/fx/ecb/eurofxref-hist.csv";
  std::istringstream in(ReadFile(csv));
  std::string line, out;
  for (bool header = true; std::getline(in, line); header = false) {
    if (header || line.rfind("2024-12", 0) == 0 ||
        line.rfind("2025-01", 0) == 0 || line.rfind("2025-02", 0) == 0) {
      out += line + "\n";
    }
  }
  fs::remove(csv);
  WriteFile(csv, out);
  return dir + "/rules/fx.yaml";
}

// `claimledger check CORPUS --rules RULES` into LEDGER.
inline std::vector<std::string> CheckArgs(const std::string& corpus,
                                          const std::string& rules,
                                          const std::string& ledger) {
  return {"check", corpus, "--rules", rules, "--ledger", ledger};
}

// The shape of one uninterrupted `check` of CORPUS in a ledger of its own.
inline RunShape ReferenceShape(const std::string& corpus,
                               const std::string& rules,
                               const std::string& ledger) {
  int code = RunBinary(CheckArgs(corpus, rules, ledger));
  REQUIRE(code == 1);  // the corpus has inconsistent conversions
  RunShape s = ShapeOf(ledger, 1);
  REQUIRE(s.status == "complete");
  REQUIRE(s.verdicts > 0);
  return s;
}

inline int64_t CountRows(const std::string& ledger, const std::string& table) {
  SQLite::Database db(ledger);
  return db.execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
}

inline double SecondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
      .count();
}

}  // namespace claimledger::testing
