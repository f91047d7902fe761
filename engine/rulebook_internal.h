// Loading the params of each rule kind, and the reference files they name
// (rate tables, fact tables) loaded once per path. Internal to engine:
// rulebook.cc reads packs and rules, rulebook_params.cc the params.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "engine/rulebook.h"
#include "engine/yaml_strict.h"

namespace claimledger::rulebook_internal {

// Reference files shared by the rules of one LoadRulebook call.
class References {
 public:
  References(Rulebook* book, Diagnostics* diags) : book_(book), diags_(diags) {}

  // Loads (or finds) the rate table `spec` names, relative to `pack`.
  // Problems are reported at `at` in *r; returns null after reporting.
  std::shared_ptr<const FxTable> Rates(const std::string& spec,
                                       const std::string& pack,
                                       const YAML::Node& at,
                                       yaml_strict::Reader* r,
                                       const std::string& rule_id,
                                       std::string* resolved);
  std::shared_ptr<const FactTable> Facts(const std::string& spec,
                                         const std::string& pack,
                                         const YAML::Node& at,
                                         yaml_strict::Reader* r,
                                         const std::string& rule_id,
                                         std::string* resolved);

 private:
  Rulebook* book_;
  Diagnostics* diags_;
  std::map<std::string, std::shared_ptr<const FxTable>> fx_;
  std::map<std::string, std::shared_ptr<const FactTable>> facts_;
};

// Reads rule->kind's params from `params` (absent when the rule has none)
// into *rule, and fills rule->applies_to with the kind's default when the
// rule named none. Every problem is reported through *r.
void LoadParams(const YAML::Node& params, const YAML::Node& rule_node,
                const std::string& pack, yaml_strict::Reader* r,
                References* refs, Rule* rule);

// The claim kinds a rule kind can check, and those it checks by default.
const std::set<Kind>& AllowedKinds(RuleKind k);

}  // namespace claimledger::rulebook_internal
