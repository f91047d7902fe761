#include "engine/rulebook.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "engine/sha256.h"
#include "engine/yaml_strict.h"

namespace fs = std::filesystem;

namespace claimledger {

std::string_view RuleKindName(RuleKind k) {
  switch (k) {
    case RuleKind::kConversion: return "conversion";
  }
  return "?";
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "?";
}

std::vector<const Rule*> Rulebook::AllRules() const {
  std::vector<const Rule*> out;
  for (const auto& p : packs) {
    for (const auto& r : p.rules) out.push_back(&r);
  }
  return out;
}

namespace {

class Loader {
 public:
  Loader(Rulebook* book, Diagnostics* diags) : book_(book), diags_(diags) {}

  void LoadPath(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> files;
      for (const auto& e : fs::directory_iterator(path, ec)) {
        if (e.is_regular_file() && e.path().extension() == ".yaml") {
          files.push_back(e.path().string());
        }
      }
      std::sort(files.begin(), files.end());
      if (files.empty()) {
        diags_->push_back({path, 0, 0, "no rule packs (*.yaml) in this folder", ""});
      }
      for (const auto& f : files) LoadPack(f);
    } else {
      LoadPack(path);
    }
  }

 private:
  void LoadPack(const std::string& path) {
    auto root = yaml_strict::LoadFile(path, diags_);
    if (!root) return;
    yaml_strict::Reader r(path, diags_);
    RulePack pack;
    pack.file = path;
    auto sha = Sha256File(path);
    pack.sha256 = sha.ok() ? *sha : "";
    if (!r.CheckMap(*root, {"pack", "version", "rules"},
                    {"pack", "version", "rules"}, "rule pack")) {
      return;
    }
    pack.name = r.String(*root, "pack").value_or("");
    pack.version = static_cast<int>(r.Int(*root, "version").value_or(0));
    YAML::Node rules = (*root)["rules"];
    if (rules && !rules.IsSequence()) {
      r.Error(rules, "'rules' must be a list");
    } else if (rules) {
      for (const auto& n : rules) {
        Rule rule;
        if (LoadRule(n, path, &r, &rule)) {
          rule.file = path;
          rule.file_sha256 = pack.sha256;
          pack.rules.push_back(std::move(rule));
        }
      }
    }
    book_->packs.push_back(std::move(pack));
  }

  bool LoadRule(const YAML::Node& n, const std::string& path,
                yaml_strict::Reader* r, Rule* rule) {
    size_t before = diags_->size();
    static const std::regex kIdPattern("^[a-z0-9][a-z0-9._-]*$");
    std::string id;
    if (n.IsMap() && n["id"] && n["id"].IsScalar()) id = n["id"].Scalar();
    if (!r->CheckMap(n,
                     {"id", "version", "kind", "description", "severity",
                      "applies_to", "params"},
                     {"id", "version", "kind", "description", "severity"},
                     "rule", id)) {
      return false;
    }
    rule->id = r->String(n, "id", id).value_or("");
    rule->line = n.Mark().line + 1;
    if (!rule->id.empty()) {
      if (!std::regex_match(rule->id, kIdPattern)) {
        r->Error(n["id"], "rule id '" + rule->id +
                              "' must match ^[a-z0-9][a-z0-9._-]*$", id);
      }
      auto [it, fresh] = ids_.emplace(rule->id, std::pair(path, rule->line));
      if (!fresh) {
        const auto& [first_file, first_line] = it->second;
        std::string where = first_file == path
                                ? "line " + std::to_string(first_line)
                                : first_file + ":" + std::to_string(first_line);
        r->Error(n["id"], "duplicate rule id '" + rule->id +
                              "' (first defined on " + where + ")", id);
      }
    }
    if (auto v = r->Int(n, "version", id)) {
      if (*v < 1) r->Error(n["version"], "version must be 1 or more", id);
      rule->version = static_cast<int>(*v);
    }
    rule->description = r->String(n, "description", id).value_or("");
    if (auto s = r->String(n, "severity", id)) {
      if (*s == "error") rule->severity = Severity::kError;
      else if (*s == "warning") rule->severity = Severity::kWarning;
      else if (*s == "info") rule->severity = Severity::kInfo;
      else r->Error(n["severity"], "severity must be error, warning or info, not '" + *s + "'", id);
    }
    YAML::Node applies = n["applies_to"];
    if (applies) {
      if (r->CheckMap(applies, {"kinds"}, {"kinds"}, "applies_to", id)) {
        YAML::Node kinds = applies["kinds"];
        if (!kinds.IsSequence()) {
          r->Error(kinds, "'kinds' must be a list of claim kinds", id);
        } else {
          for (const auto& k : kinds) {
            auto kind = k.IsScalar() ? ParseKind(k.Scalar()) : std::nullopt;
            if (!kind) {
              r->Error(k, "unknown claim kind '" + (k.IsScalar() ? k.Scalar() : "") + "'", id);
            } else {
              rule->applies_to.insert(*kind);
            }
          }
        }
      }
    }
    auto kind = r->String(n, "kind", id);
    YAML::Node params = n["params"];
    if (kind && *kind == "conversion") {
      rule->kind = RuleKind::kConversion;
      LoadConversion(params, n, path, r, rule, id);
    } else if (kind) {
      r->Error(n["kind"], "unknown rule kind '" + *kind + "' (known: conversion)", id);
    }
    return diags_->size() == before;
  }

  void LoadConversion(const YAML::Node& params, const YAML::Node& rule_node,
                      const std::string& path, yaml_strict::Reader* r,
                      Rule* rule, const std::string& id) {
    if (!params) {
      r->Error(rule_node, "conversion rule needs 'params' with 'rates'", id);
      return;
    }
    if (!r->CheckMap(params, {"rates", "lag_days", "tolerance", "approx_slack"},
                     {"rates"}, "params", id)) {
      return;
    }
    auto& c = rule->conversion;
    if (auto lag = r->Int(params, "lag_days", id)) {
      if (*lag < 0 || *lag > 366) {
        r->Error(params["lag_days"], "lag_days must be between 0 and 366", id);
      }
      c.lag_days = static_cast<int>(*lag);
    }
    for (auto [key, field] : {std::pair{"tolerance", &c.tolerance},
                              std::pair{"approx_slack", &c.approx_slack}}) {
      if (auto v = r->Number(params, key, id)) {
        if (*v < 0 || *v >= 1) {
          r->Error(params[key], std::string(key) + " must be in [0, 1)", id);
        }
        *field = *v;
      }
    }
    auto rates = r->String(params, "rates", id);
    if (!rates) return;
    fs::path p(*rates);
    if (p.is_relative()) p = fs::path(path).parent_path() / p;
    c.rates_spec = *rates;
    c.rates_path = p.lexically_normal().string();
    auto it = fx_.find(c.rates_path);
    if (it == fx_.end()) {
      auto table = FxTable::Load(c.rates_path);
      if (!table.ok()) {
        // Name the file as the rule writes it, so the message is the same
        // wherever the pack is checked out.
        std::string why = table.status().message();
        if (why.rfind(c.rates_path + ": ", 0) == 0) why = why.substr(c.rates_path.size() + 2);
        r->Error(params["rates"], "reference file '" + *rates + "': " + why, id);
        fx_[c.rates_path] = nullptr;
        return;
      }
      auto shared = std::make_shared<const FxTable>(std::move(table).value());
      book_->references.push_back({c.rates_path, shared->sha256(), "fx"});
      it = fx_.emplace(c.rates_path, std::move(shared)).first;
    }
    if (!it->second) {
      r->Error(params["rates"], "reference file " + c.rates_path + " could not be loaded", id);
      return;
    }
    c.rates = it->second;
  }

  Rulebook* book_;
  Diagnostics* diags_;
  std::map<std::string, std::pair<std::string, int>> ids_;
  std::map<std::string, std::shared_ptr<const FxTable>> fx_;
};

}  // namespace

Rulebook LoadRulebook(const std::vector<std::string>& paths, Diagnostics* diags) {
  Rulebook book;
  Loader loader(&book, diags);
  for (const auto& p : paths) loader.LoadPath(p);
  return book;
}

}  // namespace claimledger
