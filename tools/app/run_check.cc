#include "tools/app/run_check.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>

#include "engine/check.h"
#include "engine/extract.h"

namespace fs = std::filesystem;

namespace claimledger {

std::string NowUtc() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

bool IsArticle(const fs::path& p) {
  auto ext = p.extension().string();
  return ext == ".txt" || ext == ".md";
}

void AddPath(const std::string& in, std::set<std::string>* files,
             std::vector<std::pair<std::string, std::string>>* unreadable) {
  std::error_code ec;
  auto st = fs::status(in, ec);
  if (ec || !fs::exists(st)) {
    unreadable->push_back({in, "no such file or folder"});
    return;
  }
  if (!fs::is_directory(st)) {
    files->insert(in);  // named explicitly: read whatever its extension
    return;
  }
  fs::recursive_directory_iterator it(
      in, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    unreadable->push_back({in, ec.message()});
    return;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      unreadable->push_back({in, ec.message()});
      break;
    }
    std::error_code fec;
    if (it->is_regular_file(fec) && IsArticle(it->path())) {
      files->insert(it->path().string());
    }
  }
}

}  // namespace

std::vector<std::string> CollectInputs(
    const std::vector<std::string>& inputs, std::istream* stdin_paths,
    std::vector<std::pair<std::string, std::string>>* unreadable) {
  std::set<std::string> files;
  for (const auto& in : inputs) {
    if (in == "-" && stdin_paths) {
      std::string line;
      while (std::getline(*stdin_paths, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) AddPath(line, &files, unreadable);
      }
    } else {
      AddPath(in, &files, unreadable);
    }
  }
  return {files.begin(), files.end()};
}

Result<CheckSummary> RunCheck(const CheckOptions& options, Ledger& ledger,
                              Reporter& reporter) {
  auto t0 = std::chrono::steady_clock::now();
  CheckSummary summary;
  Lexicon lex;
  LoadLexiconDir(options.lexicon_dir, &lex, &summary.rule_errors);
  Rulebook book = LoadRulebook(options.rule_paths, &summary.rule_errors);
  if (!summary.rule_errors.empty()) {
    summary.exit_code = kExitUsage;
    return summary;
  }
  std::vector<std::pair<std::string, std::string>> unreadable;
  auto files = CollectInputs(options.inputs, options.stdin_paths, &unreadable);

  nlohmann::json rules = nlohmann::json::array();
  for (const auto& p : book.packs) {
    rules.push_back({{"file", p.file}, {"sha256", p.sha256},
                     {"pack", p.name}, {"version", p.version}});
  }
  nlohmann::json refs = nlohmann::json::array();
  for (const auto& r : book.references) {
    refs.push_back({{"file", r.path}, {"sha256", r.sha256}, {"kind", r.kind}});
  }
  RunInfo info;
  info.engine_version = CLAIMLEDGER_VERSION;
  info.extractor_version = std::string(kExtractorVersion);
  info.arguments_json = nlohmann::json(options.arguments).dump();
  info.rules_json = rules.dump();
  info.reference_json = refs.dump();
  info.started_at = NowUtc();
  auto run = ledger.BeginRun(info);
  if (!run.ok()) return run.status();
  summary.run = *run;

  auto fail = [&](const std::string& input, const std::string& error) -> Status {
    summary.failures.push_back({input, error});
    reporter.Failure(input, error);
    return ledger.RecordFailure(*run, input, error);
  };
  for (const auto& [in, err] : unreadable) {
    if (auto s = fail(in, in + ": " + err); !s.ok()) return s;
  }
  reporter.Started(files.size());
  size_t done = 0;
  for (const auto& path : files) {
    ++done;
    auto doc = LoadDocument(path, options.defaults);
    if (!doc.ok()) {
      if (auto s = fail(path, doc.status().message()); !s.ok()) return s;
      reporter.Document(path, done, files.size(), 0);
      continue;
    }
    std::vector<Claim> claims = Extract(doc->body(), lex);
    std::vector<Verdict> verdicts = CheckDocument(*doc, claims, book);
    auto stored = ledger.RecordDocument(*run, *doc, claims,
                                        std::string(kExtractorVersion), verdicts);
    if (!stored.ok()) return stored.status();
    ++summary.documents;
    if (stored->reused) ++summary.reused_documents;
    summary.claims += static_cast<int>(claims.size());
    for (const auto& c : claims) ++summary.claims_by_kind[std::string(KindName(c.kind))];
    for (const auto& v : verdicts) {
      ++summary.verdicts_by_status[std::string(VerdictStatusName(v.status))];
    }
    reporter.Document(path, done, files.size(), static_cast<int>(claims.size()));
  }
  summary.seconds = std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - t0).count();
  nlohmann::json counts = {{"documents", summary.documents},
                           {"claims", summary.claims},
                           {"failures", summary.failures.size()},
                           {"verdicts", summary.verdicts_by_status}};
  if (auto s = ledger.FinishRun(*run, "complete", NowUtc(), counts.dump()); !s.ok()) {
    return s;
  }
  if (!summary.failures.empty()) {
    summary.exit_code = kExitUnreadable;
  } else if (summary.verdicts_by_status.count("inconsistent")) {
    summary.exit_code = kExitInconsistent;
  }
  return summary;
}

}  // namespace claimledger
