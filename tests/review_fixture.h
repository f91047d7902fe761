// Shared by the review tests: running the claimledger binary with its
// stdout and stderr kept apart, and a ledger checked from the fixtures
// (fixtures/articles, fixtures/eval and two articles written here: one
// with an https source, one whose checked sentence says "inconsistent").
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/process_util.h"
#include "tests/test_util.h"

namespace claimledger::testing {

struct Proc {
  int code = -1;
  std::string out;
  std::string err;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

// Runs CLAIMLEDGER_BINARY with args, without a shell; stdin is /dev/null.
inline Proc Cli(const std::vector<std::string>& args, const TempDir& scratch) {
  static int serial = 0;
  std::string tag = std::to_string(getpid()) + "-" + std::to_string(++serial);
  std::string out_file = scratch / ("out-" + tag),
              err_file = scratch / ("err-" + tag);
  int code = Wait(Spawn(args, out_file, "", err_file));
  REQUIRE(code >= 0);
  Proc p;
  p.code = code;
  p.out = ReadFile(out_file);
  p.err = ReadFile(err_file);
  return p;
}

// The seed's sentence with its USD-KRW pair, in an article of its own
// with an https source (ClaimReview's url), and an English article whose
// checked sentence holds a rating word.
inline void WriteExtraArticles(const std::string& dir) {
  std::string seed =
      ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md"));
  size_t at = seed.find("딥시크에 따르면 V3");
  std::string sentence = seed.substr(at, seed.find('\n', at) - at);
  WriteFile(dir + "/sourced.md",
            "---\nsource: https://example.com/news/deepseek-cost\npublished: "
            "2025-01-28\nlang: ko\n---\n" +
                sentence + "\n");
  WriteFile(
      dir + "/rating_word.md",
      "---\npublished: 2024-07-05\nlang: en\n---\n"
      "An inconsistent fee: €12 million (about 17.9 billion won) for him.\n");
}

class ReviewLedger {
 public:
  ReviewLedger() : db(dir / "ledger.db") {
    WriteExtraArticles(dir / "extra");
    Proc p = Cli(
        {"check", SourcePath("fixtures/articles"), SourcePath("fixtures/eval"),
         dir / "extra", "--ledger", db, "--json"},
        dir);
    INFO(p.err);
    REQUIRE(p.code == 1);  // the eval articles hold planted inconsistencies
  }
  Proc operator()(std::vector<std::string> args) const {
    args.push_back("--ledger");
    args.push_back(db);
    return Cli(args, dir);
  }
  // The claims of the latest run as `claims --json` prints them.
  nlohmann::json Claims() const {
    Proc p = (*this)({"claims", "--json"});
    REQUIRE(p.code == 0);
    return p.json();
  }
  // The id of the claim with TEXT in the document whose path ends in FILE.
  int64_t ClaimId(const std::string& text, const std::string& file) const {
    for (const auto& c : Claims()) {
      std::string path = c["document"]["path"];
      if (c["text"] == text && path.size() >= file.size() &&
          path.compare(path.size() - file.size(), file.size(), file) == 0) {
        return c["claim_id"].get<int64_t>();
      }
    }
    FAIL("no claim '" << text << "' in " << file);
    return 0;
  }
  // The verdict of RULE whose leading claim is CLAIM, from list --json.
  int64_t VerdictId(int64_t claim, const std::string& rule) const {
    Proc p = (*this)({"list", "--json", "--rule", rule});
    REQUIRE(p.code == 0);
    for (const auto& v : p.json()) {
      if (v["claim_id"] == claim) return v["verdict_id"].get<int64_t>();
    }
    FAIL("no " << rule << " verdict on claim " << claim);
    return 0;
  }

  TempDir dir;
  std::string db;
};

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace claimledger::testing
