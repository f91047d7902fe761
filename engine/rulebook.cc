#include "engine/rulebook.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <regex>
#include <tuple>

#include "engine/rulebook_internal.h"
#include "engine/sha256.h"
#include "engine/yaml_strict.h"

namespace fs = std::filesystem;

namespace claimledger {

namespace {

constexpr std::array<std::pair<RuleKind, std::string_view>, 6> kKindNames = {{
    {RuleKind::kConversion, "conversion"},
    {RuleKind::kCrossClaim, "cross_claim"},
    {RuleKind::kRange, "range"},
    {RuleKind::kReference, "reference"},
    {RuleKind::kArithmetic, "arithmetic"},
    {RuleKind::kRatio, "ratio"},
}};

}  // namespace

std::string_view RuleKindName(RuleKind k) {
  for (const auto& [kind, name] : kKindNames) {
    if (kind == k) return name;
  }
  return "?";
}

std::optional<RuleKind> ParseRuleKind(std::string_view s) {
  for (const auto& [kind, name] : kKindNames) {
    if (name == s) return kind;
  }
  return std::nullopt;
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
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

std::string KnownKinds() {
  std::string s;
  for (const auto& [kind, name] : kKindNames) {
    s += (s.empty() ? "" : ", ") + std::string(name);
  }
  return s;
}

class Loader {
 public:
  Loader(Rulebook* book, Diagnostics* diags)
      : book_(book), diags_(diags), refs_(book, diags) {}

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
        diags_->push_back(
            {path, 0, 0, "no rule packs (*.yaml) in this folder", ""});
      }
      for (const auto& f : files) LoadPack(f);
    } else {
      LoadPack(path);
    }
  }

 private:
  void LoadPack(const std::string& path) {
    // Every node is checked before it is read, so yaml-cpp should never
    // throw here; if it does, the file gets a diagnostic, not a crash.
    try {
      LoadPackNodes(path);
    } catch (const YAML::Exception& e) {
      diags_->push_back(
          {path, 0, 0, "unexpected YAML error while reading: " + e.msg, ""});
    }
  }

  void LoadPackNodes(const std::string& path) {
    auto root = yaml_strict::LoadFile(path, diags_);
    if (!root) return;
    // A facts table named directly (`rules lint rules/reference/facts/x.yaml`)
    // is checked as one; it adds no rules.
    if (root->IsMap() && (*root)["facts"] && !(*root)["pack"]) {
      FactTable::Load(path, diags_);
      return;
    }
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
    auto given_id = r->String(n, "id", id);
    rule->id = given_id.value_or("");
    rule->line = n.Mark().line + 1;
    // Found by the rule loader fuzzer: `id: !tag` is an empty string.
    if (given_id && rule->id.empty()) {
      r->Error(n["id"], "rule id must not be empty", id);
    } else if (!rule->id.empty()) {
      if (!std::regex_match(rule->id, kIdPattern)) {
        r->Error(n["id"],
                 "rule id '" + rule->id + "' must match ^[a-z0-9][a-z0-9._-]*$",
                 id);
      }
      auto [it, fresh] = ids_.emplace(rule->id, std::pair(path, rule->line));
      if (!fresh) {
        const auto& [first_file, first_line] = it->second;
        std::string where = first_file == path
                                ? "line " + std::to_string(first_line)
                                : first_file + ":" + std::to_string(first_line);
        r->Error(n["id"],
                 "duplicate rule id '" + rule->id + "' (first defined on " +
                     where + ")",
                 id);
      }
    }
    if (auto v = r->Int(n, "version", id)) {
      if (*v < 1) r->Error(n["version"], "version must be 1 or more", id);
      rule->version = static_cast<int>(*v);
    }
    rule->description = r->String(n, "description", id).value_or("");
    if (auto s = r->String(n, "severity", id)) {
      if (*s == "error")
        rule->severity = Severity::kError;
      else if (*s == "warning")
        rule->severity = Severity::kWarning;
      else if (*s == "info")
        rule->severity = Severity::kInfo;
      else
        r->Error(n["severity"],
                 "severity must be error, warning or info, not '" + *s + "'",
                 id);
    }
    // A pointer rather than std::optional: GCC 12 warns falsely about
    // optional enums read after inlining.
    const RuleKind* kind = nullptr;
    if (auto kind_name = r->String(n, "kind", id)) {
      if (auto k = ParseRuleKind(*kind_name)) {
        rule->kind = *k;
        kind = &rule->kind;
      } else {
        r->Error(n["kind"],
                 "unknown rule kind '" + *kind_name +
                     "' (known: " + KnownKinds() + ")",
                 id);
      }
    }
    LoadAppliesTo(n["applies_to"], kind, r, rule, id);
    if (kind) {
      rulebook_internal::LoadParams(n["params"], n, path, r, &refs_, rule);
    }
    return diags_->size() == before;
  }

  // `kind` is null when the rule's kind is unknown.
  void LoadAppliesTo(const YAML::Node& applies, const RuleKind* kind,
                     yaml_strict::Reader* r, Rule* rule,
                     const std::string& id) {
    if (!applies) return;
    if (!r->CheckMap(applies, {"kinds"}, {"kinds"}, "applies_to", id)) return;
    YAML::Node kinds = applies["kinds"];
    if (!kinds) return;  // reported as missing
    if (!kinds.IsSequence() || kinds.size() == 0) {
      r->Error(kinds, "'kinds' must be a non-empty list of claim kinds", id);
      return;
    }
    for (const auto& k : kinds) {
      auto claim_kind = k.IsScalar() ? ParseKind(k.Scalar()) : std::nullopt;
      if (!claim_kind) {
        r->Error(
            k, "unknown claim kind '" + (k.IsScalar() ? k.Scalar() : "") + "'",
            id);
        continue;
      }
      if (kind) {
        const auto& allowed = rulebook_internal::AllowedKinds(*kind);
        if (!allowed.count(*claim_kind)) {
          std::string list;
          size_t n = 0;
          for (Kind a : allowed) {
            ++n;
            if (n > 1) list += n == allowed.size() ? " and " : ", ";
            list += KindName(a);
          }
          r->Error(k,
                   "a " + std::string(RuleKindName(*kind)) + " rule checks " +
                       list + " claims, not " + k.Scalar(),
                   id);
          continue;
        }
      }
      rule->applies_to.insert(*claim_kind);
    }
  }

  Rulebook* book_;
  Diagnostics* diags_;
  rulebook_internal::References refs_;
  std::map<std::string, std::pair<std::string, int>> ids_;
};

}  // namespace

Rulebook LoadRulebook(const std::vector<std::string>& paths,
                      Diagnostics* diags) {
  Rulebook book;
  size_t first = diags->size();
  Loader loader(&book, diags);
  for (const auto& p : paths) loader.LoadPath(p);
  // Report file by file (in the order files were read), top to bottom, as
  // a reader goes through them; problems at one position keep their order.
  std::map<std::string, size_t> rank;
  for (size_t i = first; i < diags->size(); ++i)
    rank.emplace((*diags)[i].file, rank.size());
  std::stable_sort(diags->begin() + static_cast<std::ptrdiff_t>(first),
                   diags->end(), [&](const Diagnostic& a, const Diagnostic& b) {
                     return std::tuple(rank[a.file], a.line, a.col) <
                            std::tuple(rank[b.file], b.line, b.col);
                   });
  return book;
}

}  // namespace claimledger
