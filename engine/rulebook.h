// Rulebook: the rule packs (rules/*.yaml) and the reference data they name,
// loaded strictly. Every problem in every file is collected as a Diagnostic
// (`file:line:col: error: message [rule_id]`); a Rulebook with diagnostics
// must not be used to check anything. rules/SCHEMA.md documents the keys.
// Reference files are loaded once per path and shared by the rules that
// name them. Immutable after loading; safe to read from many threads.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/claim.h"
#include "engine/diagnostic.h"
#include "engine/facts.h"
#include "engine/fx.h"

namespace claimledger {

enum class RuleKind {
  kConversion,
  kCrossClaim,
  kRange,
  kReference,
  kArithmetic,
  kRatio
};
enum class Severity { kError, kWarning, kInfo };

std::string_view RuleKindName(RuleKind k);
std::string_view SeverityName(Severity s);
std::optional<RuleKind> ParseRuleKind(std::string_view s);

// How a rule reads a claim as an interval, and the slack it allows. Every
// kind takes these params (rules/SCHEMA.md, "Intervals").
struct Slack {
  double tolerance = 0;     // relative slack on the expected interval
  double approx_slack = 0;  // relative widening of a claim marked approx
  // "100" read as 99.5..100.5 (significant) rather than 50..150 (rounded,
  // the extractor's reading: trailing zeros of a whole number may be
  // rounding).
  bool trailing_zeros_significant = false;
};

struct ConversionParams {
  std::string rates_spec;  // as written in the rule; empty: no money
  std::string rates_path;  // resolved against the rule file's folder
  std::shared_ptr<const FxTable> rates;
  int lag_days = 0;
  std::set<std::string> dimensions;  // of physical units; empty: all
};

struct CrossClaimParams {
  int min_pairs = 2;  // pairs between the same currencies before checking
};

struct RangeParams {
  // What may stand between two amounts written as a range's ends.
  std::vector<std::string> separators;
  // Written right before a range, these make it a change ("from $130
  // million to $100 million"), which may run downwards.
  std::vector<std::string> from_words;
};

struct FactsRef {
  std::string spec;  // as written in the rule
  std::string path;  // resolved
  std::shared_ptr<const FactTable> table;
};

struct ReferenceParams {
  FactsRef facts;
};

struct ArithmeticParams {
  bool change = false;  // "from 100 to 130, up 30%"
  bool shares = false;  // shares of one whole cannot pass 100%
  bool parts = false;   // parts add up to a stated total
  std::vector<std::string> increase_words;
  std::vector<std::string> decrease_words;
  std::vector<std::string> from_words;     // before the base ("from")
  std::vector<std::string> from_suffixes;  // after the base ("에서", "보다")
  std::vector<std::string> share_words;
  std::vector<std::string> total_words;    // before the total ("총")
  std::vector<std::string> part_of_words;  // after the total ("중")
  bool parts_must_equal = true;            // false: parts may fall short
};

struct RatioParams {
  FactsRef facts;  // optional
};

struct Rule {
  std::string id;
  int version = 0;
  RuleKind kind = RuleKind::kConversion;
  std::string description;
  Severity severity = Severity::kError;
  std::set<Kind> applies_to;  // claim kinds; filled with the kind's default
  std::string file;           // the pack it came from
  std::string file_sha256;
  int line = 0;
  Slack slack;
  // The params of `kind`; the others stay default.
  ConversionParams conversion;
  CrossClaimParams cross_claim;
  RangeParams range;
  ReferenceParams reference;
  ArithmeticParams arithmetic;
  RatioParams ratio;
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
  std::string kind;  // "fx" or "facts"
};

struct Rulebook {
  std::vector<RulePack> packs;
  std::vector<ReferenceFile> references;

  std::vector<const Rule*> AllRules() const;
};

// Loads rule packs from files and folders (a folder contributes its
// *.yaml files, sorted, not recursing). Diagnostics for every file are
// appended to *diags; the Rulebook is complete only when none were added.
Rulebook LoadRulebook(const std::vector<std::string>& paths,
                      Diagnostics* diags);

}  // namespace claimledger
