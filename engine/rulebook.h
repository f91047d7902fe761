// Rulebook: the rule packs (rules/*.yaml) and the reference data they name,
// loaded strictly. Every problem in every file is collected as a Diagnostic
// (`file:line:col: error: message [rule_id]`); a Rulebook with diagnostics
// must not be used to check anything. rules/SCHEMA.md documents the keys.
// Reference files are loaded once per path and shared by the rules that
// name them. Immutable after loading; safe to read from many threads.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "engine/claim.h"
#include "engine/diagnostic.h"
#include "engine/fx.h"

namespace claimledger {

enum class RuleKind { kConversion };
enum class Severity { kError, kWarning, kInfo };

std::string_view RuleKindName(RuleKind k);
std::string_view SeverityName(Severity s);

struct ConversionParams {
  std::string rates_spec;  // as written in the rule
  std::string rates_path;  // resolved against the rule file's folder
  std::shared_ptr<const FxTable> rates;
  int lag_days = 0;
  double tolerance = 0;     // relative slack on the expected interval
  double approx_slack = 0;  // relative widening of a claim marked approx
};

struct Rule {
  std::string id;
  int version = 0;
  RuleKind kind = RuleKind::kConversion;
  std::string description;
  Severity severity = Severity::kError;
  std::set<Kind> applies_to;  // claim kinds; empty means the kind's default
  std::string file;           // the pack it came from
  std::string file_sha256;
  int line = 0;
  ConversionParams conversion;
};

struct RulePack {
  std::string name;
  int version = 0;
  std::string file;
  std::string sha256;
  std::vector<Rule> rules;
};

struct ReferenceFile {
  std::string path;
  std::string sha256;
  std::string kind;  // "fx"
};

struct Rulebook {
  std::vector<RulePack> packs;
  std::vector<ReferenceFile> references;

  std::vector<const Rule*> AllRules() const;
};

// Loads rule packs from files and folders (a folder contributes its
// *.yaml files, sorted, not recursing). Diagnostics for every file are
// appended to *diags; the Rulebook is complete only when none were added.
Rulebook LoadRulebook(const std::vector<std::string>& paths, Diagnostics* diags);

}  // namespace claimledger
