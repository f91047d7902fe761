#include "tools/app/check_plan.h"

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/json_out.h"
#include "tools/app/commands.h"

namespace fs = std::filesystem;

namespace claimledger {

std::string CheckPlan::ToJson() const {
  // Written straight, in canonical form (keys in byte order, what
  // JsonDump writes: the ledger hashes it as it is): a tree of 10,000
  // paths built and dumped took 6-12 ms of a run's start on one core.
  std::string out;
  size_t bytes = 256 + cwd.size() + lexicon_dir.size();
  for (const auto& f : files) bytes += f.size() + 3;
  out.reserve(bytes);
  JsonOut j(&out);
  auto strings = [&](const std::vector<std::string>& v) {
    j.BeginArray();
    for (const auto& s : v) j.String(s);
    j.EndArray();
  };
  j.BeginObject().Field("cwd", cwd).Key("files");
  strings(files);
  j.Field("lang", defaults.lang)
      .Field("lexicon_dir", lexicon_dir)
      // Unsigned, as nlohmann writes a size_t (the default limit is the
      // largest one).
      .Key("max_bytes")
      .Raw(std::to_string(max_bytes))
      .Key("max_claims")
      .Raw(std::to_string(max_claims))
      .Field("published", defaults.published ? defaults.published->ToString()
                                             : std::string())
      .Key("rule_paths");
  strings(rule_paths);
  j.Key("unreadable").BeginArray();
  for (const auto& [in, why] : unreadable) {
    j.BeginArray().String(in).String(why).EndArray();
  }
  j.EndArray().EndObject();
  return out;
}

Result<CheckPlan> CheckPlan::FromJson(const std::string& json) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::Error("the run's recorded plan is not a JSON object");
  }
  CheckPlan p;
  try {
    p.cwd = j.at("cwd").get<std::string>();
    p.files = j.at("files").get<std::vector<std::string>>();
    for (const auto& u : j.at("unreadable")) {
      p.unreadable.emplace_back(u.at(0).get<std::string>(),
                                u.at(1).get<std::string>());
    }
    p.rule_paths = j.at("rule_paths").get<std::vector<std::string>>();
    p.lexicon_dir = j.at("lexicon_dir").get<std::string>();
    std::string published = j.at("published").get<std::string>();
    if (!published.empty()) {
      p.defaults.published = PubDate::Parse(published);
      if (!p.defaults.published) {
        return Status::Error("the run's recorded plan has a bad date '" +
                             published + "'");
      }
    }
    p.defaults.lang = j.at("lang").get<std::string>();
    if (j.contains("max_bytes")) p.max_bytes = j.at("max_bytes").get<size_t>();
    if (j.contains("max_claims")) {
      p.max_claims = j.at("max_claims").get<size_t>();
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::Error(
        std::string("the run's recorded plan is incomplete: ") + e.what());
  }
  return p;
}

std::string CheckPlan::ReadBase() const {
  std::error_code ec;
  if (cwd.empty() || fs::current_path(ec) == fs::path(cwd)) return {};
  return cwd;
}

std::string CheckPlan::ReadPath(const std::string& base,
                                const std::string& file) {
  if (base.empty() || fs::path(file).is_absolute()) return file;
  return (fs::path(base) / file).string();
}

std::string RulesJson(const Rulebook& book) {
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& p : book.packs) {
    rules.push_back({{"file", p.file},
                     {"sha256", p.sha256},
                     {"pack", p.name},
                     {"version", p.version}});
  }
  return JsonDump(rules);
}

std::string ReferenceJson(const Rulebook& book) {
  nlohmann::json refs = nlohmann::json::array();
  for (const auto& r : book.references) {
    refs.push_back({{"file", r.path}, {"sha256", r.sha256}, {"kind", r.kind}});
  }
  return JsonDump(refs);
}

bool MayStillRun(const std::string& host, long long pid) {
  char here[256] = {};
  if (gethostname(here, sizeof here - 1) != 0 || host != here) return true;
  if (pid <= 0) return false;
  // Signal 0 only asks whether the process exists.
  return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace claimledger
