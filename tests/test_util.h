// Helpers shared by the tests: paths into the source tree, temporary
// folders that clean up after themselves, and the bundled lexicon.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "engine/lexicon.h"
#include "engine/rulebook.h"

namespace claimledger::testing {

inline std::string SourcePath(const std::string& rel) {
  return std::string(CLAIMLEDGER_SOURCE_DIR) + "/" + rel;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteFile(const std::string& path, const std::string& data) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << data;
}

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("claimledger-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

inline const Lexicon& BundledLexicon() {
  static const Lexicon lex = [] {
    Lexicon l;
    Diagnostics d;
    bool ok = LoadLexiconDir(SourcePath("rules/lexicon"), &l, &d);
    REQUIRE(ok);
    return l;
  }();
  return lex;
}

// The bundled rule packs (rules/), loaded once; fails on any diagnostic.
inline const Rulebook& BundledRulebook() {
  static const Rulebook book = [] {
    Diagnostics d;
    Rulebook b = LoadRulebook({SourcePath("rules")}, &d);
    REQUIRE(d.empty());
    return b;
  }();
  return book;
}

}  // namespace claimledger::testing
