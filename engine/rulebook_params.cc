// The params of each rule kind (rules/SCHEMA.md documents every key), and
// the reference files they name, loaded once per resolved path.
#include <algorithm>
#include <filesystem>

#include "engine/rulebook_internal.h"
#include "engine/units.h"

namespace fs = std::filesystem;

namespace claimledger::rulebook_internal {

namespace {

std::string Resolve(const std::string& spec, const std::string& pack) {
  fs::path p(spec);
  if (p.is_relative()) p = fs::path(pack).parent_path() / p;
  return p.lexically_normal().string();
}

const std::set<std::string> kCommonParams = {"tolerance", "approx_slack",
                                             "trailing_zeros"};

std::set<std::string> With(std::set<std::string> own) {
  own.insert(kCommonParams.begin(), kCommonParams.end());
  return own;
}

// Reads a list of non-empty strings into *out (replacing it).
void Words(const YAML::Node& params, const std::string& key,
           yaml_strict::Reader* r, const std::string& id,
           std::vector<std::string>* out) {
  YAML::Node n = params[key];
  if (!n) return;
  if (!n.IsSequence() || n.size() == 0) {
    r->Error(n, "'" + key + "' must be a non-empty list of words", id);
    return;
  }
  out->clear();
  for (const auto& w : n) {
    if (!w.IsScalar() || w.Scalar().empty()) {
      r->Error(w, "'" + key + "' must list non-empty words", id);
    } else {
      out->push_back(w.Scalar());
    }
  }
}

void LoadSlack(const YAML::Node& params, yaml_strict::Reader* r,
               const std::string& id, Slack* s) {
  for (auto [key, field] : {std::pair{"tolerance", &s->tolerance},
                            std::pair{"approx_slack", &s->approx_slack}}) {
    if (auto v = r->Number(params, key, id)) {
      if (*v < 0 || *v >= 1) {
        r->Error(params[key], std::string(key) + " must be in [0, 1)", id);
      }
      *field = *v;
    }
  }
  if (auto t = r->String(params, "trailing_zeros", id)) {
    if (*t == "significant") {
      s->trailing_zeros_significant = true;
    } else if (*t != "rounded") {
      r->Error(
          params["trailing_zeros"],
          "trailing_zeros must be rounded or significant, not '" + *t + "'",
          id);
    }
  }
}

void LoadConversion(const YAML::Node& p, const std::string& pack,
                    yaml_strict::Reader* r, References* refs, Rule* rule) {
  const std::string& id = rule->id;
  auto& c = rule->conversion;
  if (auto lag = r->Int(p, "lag_days", id)) {
    if (*lag < 0 || *lag > 366) {
      r->Error(p["lag_days"], "lag_days must be between 0 and 366", id);
    }
    c.lag_days = static_cast<int>(*lag);
  }
  std::vector<std::string> dims;
  Words(p, "units", r, id, &dims);
  auto known = UnitDimensions();
  for (size_t i = 0; i < dims.size(); ++i) {
    if (std::find(known.begin(), known.end(), dims[i]) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      r->Error(p["units"][i],
               "unknown unit dimension '" + dims[i] + "' (known: " + list + ")",
               id);
    } else {
      c.dimensions.insert(dims[i]);
    }
  }
  if (auto rates = r->String(p, "rates", id)) {
    c.rates_spec = *rates;
    c.rates = refs->Rates(*rates, pack, p["rates"], r, id, &c.rates_path);
  }
}

// `where` is the params node, or the rule when it has none: where to
// report a check that cannot run.
void LoadArithmetic(const YAML::Node& p, const YAML::Node& where,
                    yaml_strict::Reader* r, Rule* rule) {
  const std::string& id = rule->id;
  auto& a = rule->arithmetic;
  a.change = a.shares = a.parts = true;
  std::vector<std::string> checks;
  Words(p, "checks", r, id, &checks);
  if (!checks.empty()) {
    a.change = a.shares = a.parts = false;
    for (size_t i = 0; i < checks.size(); ++i) {
      if (checks[i] == "change")
        a.change = true;
      else if (checks[i] == "shares")
        a.shares = true;
      else if (checks[i] == "parts")
        a.parts = true;
      else
        r->Error(
            p["checks"][i],
            "unknown check '" + checks[i] + "' (known: change, shares, parts)",
            id);
    }
  }
  Words(p, "increase_words", r, id, &a.increase_words);
  Words(p, "decrease_words", r, id, &a.decrease_words);
  Words(p, "from_words", r, id, &a.from_words);
  Words(p, "from_suffixes", r, id, &a.from_suffixes);
  Words(p, "share_words", r, id, &a.share_words);
  Words(p, "total_words", r, id, &a.total_words);
  Words(p, "part_of_words", r, id, &a.part_of_words);
  if (auto s = r->String(p, "parts_sum", id)) {
    if (*s == "at_most")
      a.parts_must_equal = false;
    else if (*s != "equal")
      r->Error(p["parts_sum"],
               "parts_sum must be equal or at_most, not '" + *s + "'", id);
  }
  // Each check finds its sentences by words; without them it could not
  // run, which a desk would rather hear from the linter than discover.
  if (a.change && a.increase_words.empty() && a.decrease_words.empty()) {
    r->Error(where,
             "the change check needs 'increase_words' or 'decrease_words'", id);
  }
  if (a.shares && a.share_words.empty()) {
    r->Error(where, "the shares check needs 'share_words'", id);
  }
  if (a.parts && a.total_words.empty() && a.part_of_words.empty()) {
    r->Error(where, "the parts check needs 'total_words' or 'part_of_words'",
             id);
  }
}

}  // namespace

const std::set<Kind>& AllowedKinds(RuleKind k) {
  static const std::set<Kind> kConversion = {Kind::kMoney, Kind::kQuantity};
  static const std::set<Kind> kCross = {Kind::kMoney};
  static const std::set<Kind> kRange = {
      Kind::kMoney,    Kind::kQuantity, Kind::kPercent, Kind::kRatio,
      Kind::kMultiple, Kind::kRank,     Kind::kCount};
  static const std::set<Kind> kAmounts = {Kind::kMoney, Kind::kQuantity,
                                          Kind::kPercent, Kind::kCount};
  static const std::set<Kind> kRatio = {Kind::kRatio, Kind::kMultiple};
  switch (k) {
    case RuleKind::kConversion:
      return kConversion;
    case RuleKind::kCrossClaim:
      return kCross;
    case RuleKind::kRange:
      return kRange;
    case RuleKind::kReference:
      return kAmounts;
    case RuleKind::kArithmetic:
      return kAmounts;
    case RuleKind::kRatio:
      return kRatio;
  }
  return kAmounts;
}

void LoadParams(const YAML::Node& params, const YAML::Node& rule_node,
                const std::string& pack, yaml_strict::Reader* r,
                References* refs, Rule* rule) {
  const std::string& id = rule->id;
  std::set<std::string> allowed;
  std::set<std::string> required;
  switch (rule->kind) {
    case RuleKind::kConversion:
      allowed = With({"rates", "lag_days", "units"});
      break;
    case RuleKind::kCrossClaim:
      allowed = With({"min_pairs"});
      break;
    case RuleKind::kRange:
      allowed = With({"separators", "from_words"});
      break;
    case RuleKind::kReference:
      allowed = With({"facts"});
      required = {"facts"};
      break;
    case RuleKind::kArithmetic:
      allowed = With({"checks", "increase_words", "decrease_words",
                      "from_words", "from_suffixes", "share_words",
                      "total_words", "part_of_words", "parts_sum"});
      break;
    case RuleKind::kRatio:
      allowed = With({"facts"});
      break;
  }
  std::string kind_name(RuleKindName(rule->kind));
  // An absent node cannot be assigned to (yaml-cpp throws), so a rule
  // without params reads an empty map instead.
  YAML::Node p = params ? params : YAML::Node(YAML::NodeType::Map);
  if (!params && !required.empty()) {
    r->Error(rule_node,
             "a " + kind_name + " rule needs 'params' with '" +
                 *required.begin() + "'",
             id);
    return;
  }
  if (params && !r->CheckMap(params, allowed, required, "params", id)) return;
  LoadSlack(p, r, id, &rule->slack);
  switch (rule->kind) {
    case RuleKind::kConversion:
      LoadConversion(p, pack, r, refs, rule);
      if (rule->applies_to.count(Kind::kMoney) && !rule->conversion.rates &&
          rule->conversion.rates_spec.empty()) {
        r->Error(params ? params : rule_node,
                 "a conversion rule for money needs 'params' with 'rates'", id);
      }
      break;
    case RuleKind::kCrossClaim:
      if (auto n = r->Int(p, "min_pairs", id)) {
        if (*n < 2 || *n > 1000)
          r->Error(p["min_pairs"], "min_pairs must be between 2 and 1000", id);
        rule->cross_claim.min_pairs = static_cast<int>(*n);
      }
      break;
    case RuleKind::kRange:
      rule->range.separators = {"~", "∼", "～", "-", "–", "—"};
      rule->range.from_words = {"from"};
      Words(p, "separators", r, id, &rule->range.separators);
      Words(p, "from_words", r, id, &rule->range.from_words);
      break;
    case RuleKind::kReference:
    case RuleKind::kRatio: {
      FactsRef& f = rule->kind == RuleKind::kReference ? rule->reference.facts
                                                       : rule->ratio.facts;
      if (auto spec = r->String(p, "facts", id)) {
        f.spec = *spec;
        f.table = refs->Facts(*spec, pack, p["facts"], r, id, &f.path);
      }
      break;
    }
    case RuleKind::kArithmetic:
      LoadArithmetic(p, params ? params : rule_node, r, rule);
      break;
  }
  if (rule->applies_to.empty()) {
    rule->applies_to = AllowedKinds(rule->kind);
    // Without a rate table a conversion rule can check units only.
    if (rule->kind == RuleKind::kConversion &&
        rule->conversion.rates_spec.empty()) {
      rule->applies_to = {Kind::kQuantity};
    }
  }
}

std::shared_ptr<const FxTable> References::Rates(
    const std::string& spec, const std::string& pack, const YAML::Node& at,
    yaml_strict::Reader* r, const std::string& rule_id, std::string* resolved) {
  *resolved = Resolve(spec, pack);
  auto it = fx_.find(*resolved);
  if (it == fx_.end()) {
    auto table = FxTable::Load(*resolved);
    if (!table.ok()) {
      // Name the file as the rule writes it, so the message is the same
      // wherever the pack is checked out.
      std::string why = table.status().message();
      if (why.rfind(*resolved + ":", 0) == 0)
        why = why.substr(resolved->size() + 1);
      if (!why.empty() && why[0] == ' ') {
        why = why.substr(1);
      } else if (!why.empty()) {
        why = "line " + why;  // "3: bad rate" from FxTable
      }
      r->Error(at, "reference file '" + spec + "': " + why, rule_id);
      fx_[*resolved] = nullptr;
      return nullptr;
    }
    auto shared = std::make_shared<const FxTable>(std::move(table).value());
    book_->references.push_back({*resolved, shared->sha256(), "fx"});
    it = fx_.emplace(*resolved, std::move(shared)).first;
  }
  if (!it->second) {
    r->Error(at,
             "reference file '" + spec + "' could not be loaded (see above)",
             rule_id);
  }
  return it->second;
}

std::shared_ptr<const FactTable> References::Facts(
    const std::string& spec, const std::string& pack, const YAML::Node& at,
    yaml_strict::Reader* r, const std::string& rule_id, std::string* resolved) {
  *resolved = Resolve(spec, pack);
  auto it = facts_.find(*resolved);
  if (it == facts_.end()) {
    std::error_code ec;
    if (!fs::exists(*resolved, ec)) {
      r->Error(at, "reference file '" + spec + "': No such file or directory",
               rule_id);
      facts_[*resolved] = nullptr;
      return nullptr;
    }
    auto table = FactTable::Load(*resolved, diags_);
    if (!table) {
      r->Error(at, "reference file '" + spec + "' has errors (reported above)",
               rule_id);
      facts_[*resolved] = nullptr;
      return nullptr;
    }
    for (const auto& f : table->files()) {
      book_->references.push_back({f.path, f.sha256, "facts"});
    }
    it = facts_.emplace(*resolved, std::move(table)).first;
  }
  if (!it->second) {
    r->Error(at,
             "reference file '" + spec + "' could not be loaded (see above)",
             rule_id);
  }
  return it->second;
}

}  // namespace claimledger::rulebook_internal
