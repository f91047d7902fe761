#include "tools/app/run_check.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>
#include <utility>

#include "engine/check.h"
#include "engine/extract.h"
#include "tools/app/check_plan.h"
#include "tools/app/run_check_internal.h"

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

namespace {

void FillFromCounts(const RunCounts& c, CheckSummary* s) {
  s->documents = c.documents;
  s->claims = c.claims;
  s->claims_by_kind = c.claims_by_kind;
  s->verdicts_by_status = c.verdicts_by_status;
  s->failures = c.failures;
  if (s->interrupted) {
    s->exit_code = kExitInterrupted;
  } else if (!s->failures.empty()) {
    s->exit_code = kExitUnreadable;
  } else if (s->verdicts_by_status.count("inconsistent")) {
    s->exit_code = kExitInconsistent;
  } else {
    s->exit_code = kExitOk;
  }
}

// One checked document waiting for its batch to be written.
struct Pending {
  Document doc;
  std::vector<Claim> claims;
  std::vector<Verdict> verdicts;
};

}  // namespace

Status ExecutePlan(const CheckPlan& plan, int64_t run,
                   const std::set<std::string>& done, const Lexicon& lex,
                   const Rulebook& book, const std::atomic<bool>* stop,
                   Ledger& ledger, Reporter& reporter, CheckSummary* summary) {
  auto left_running = [&](const Status& s) {
    return Status::Error(s.message() + "; run " + std::to_string(run) +
                         " is left unfinished: claimledger check --resume finishes it");
  };
  for (const auto& [in, why] : plan.unreadable) {
    if (done.count(in)) continue;
    reporter.Failure(in, in + ": " + why);
    if (auto s = ledger.RecordFailure(run, in, in + ": " + why); !s.ok()) {
      return left_running(s);
    }
  }
  std::vector<Pending> batch;
  batch.reserve(kBatchDocuments);
  auto last_write = std::chrono::steady_clock::now();
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    std::vector<DocumentRecord> records;
    records.reserve(batch.size());
    for (const auto& p : batch) records.push_back({&p.doc, &p.claims, &p.verdicts});
    auto stored = ledger.RecordDocuments(run, records, std::string(kExtractorVersion));
    if (!stored.ok()) return left_running(stored.status());
    for (const auto& s : *stored) summary->reused_documents += s.reused ? 1 : 0;
    batch.clear();
    last_write = std::chrono::steady_clock::now();
    return Status::Ok();
  };
  reporter.Started(plan.files.size());
  size_t seen = 0;
  for (const auto& path : plan.files) {
    if (stop && stop->load()) {
      summary->interrupted = true;
      break;
    }
    ++seen;
    if (done.count(path)) {
      ++summary->skipped;
      reporter.Document(path, seen, plan.files.size(), 0);
      continue;
    }
    auto doc = LoadDocument(plan.ReadPath(path), plan.defaults);
    if (!doc.ok()) {
      reporter.Failure(path, doc.status().message());
      if (auto s = ledger.RecordFailure(run, path, doc.status().message()); !s.ok()) {
        return left_running(s);
      }
      reporter.Document(path, seen, plan.files.size(), 0);
      continue;
    }
    doc->path = path;
    Pending p{std::move(doc).value(), {}, {}};
    p.claims = Extract(p.doc.body(), lex);
    p.verdicts = CheckDocument(p.doc, p.claims, book);
    int n = static_cast<int>(p.claims.size());
    batch.push_back(std::move(p));
    reporter.Document(path, seen, plan.files.size(), n);
    if (batch.size() >= kBatchDocuments ||
        std::chrono::steady_clock::now() - last_write >= kBatchInterval) {
      if (auto s = flush(); !s.ok()) return s;
    }
  }
  if (auto s = flush(); !s.ok()) return s;
  auto counts = ledger.FinishRun(run, summary->interrupted ? "interrupted" : "complete");
  if (!counts.ok()) return left_running(counts.status());
  FillFromCounts(*counts, summary);
  return Status::Ok();
}

Result<CheckSummary> RunCheck(const CheckOptions& options, Ledger& ledger,
                              Reporter& reporter) {
  auto t0 = std::chrono::steady_clock::now();
  CheckSummary summary;
  CheckPlan plan;
  std::error_code ec;
  plan.cwd = fs::current_path(ec).string();
  // Absolute, so that a resumed run loads the very same files and records
  // the same names for them wherever it is started from.
  for (const auto& r : options.rule_paths) {
    plan.rule_paths.push_back(fs::absolute(r, ec).lexically_normal().string());
  }
  plan.lexicon_dir = fs::absolute(options.lexicon_dir, ec).lexically_normal().string();
  plan.defaults = options.defaults;
  Lexicon lex;
  LoadLexiconDir(plan.lexicon_dir, &lex, &summary.rule_errors);
  Rulebook book = LoadRulebook(plan.rule_paths, &summary.rule_errors);
  if (!summary.rule_errors.empty()) {
    summary.exit_code = kExitUsage;
    return summary;
  }
  plan.files = CollectInputs(options.inputs, options.stdin_paths, &plan.unreadable);

  RunInfo info;
  info.engine_version = CLAIMLEDGER_VERSION;
  info.extractor_version = std::string(kExtractorVersion);
  info.arguments_json = nlohmann::json(options.arguments).dump();
  info.rules_json = RulesJson(book);
  info.reference_json = ReferenceJson(book);
  info.started_at = NowUtc();
  info.plan_json = plan.ToJson();
  auto run = ledger.BeginRun(info);
  if (!run.ok()) return run.status();
  summary.run = *run;
  if (auto s = ExecutePlan(plan, *run, {}, lex, book, options.stop, ledger, reporter,
                           &summary);
      !s.ok()) {
    return s;
  }
  summary.seconds = std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - t0).count();
  return summary;
}

}  // namespace claimledger
