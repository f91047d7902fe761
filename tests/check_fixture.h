// Helpers for evaluator tests: documents whose claims are built by hand
// (so the tests do not depend on what the extractor finds today), rule
// packs written inline, and verdicts picked by rule id.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/rulebook.h"
#include "tests/test_util.h"

namespace claimledger::testing {

// Appends text and claims to one body; sentences end at ". " or a newline.
class DocBuilder {
 public:
  DocBuilder& Text(const std::string& t) {
    body_ += t;
    return *this;
  }
  // A single value: `value` is the canonical decimal ("5500000").
  DocBuilder& Add(const std::string& text, Kind kind, const std::string& value,
                  const std::string& unit, Bound bound = Bound::kExact) {
    return AddClaim(text, kind, value, value, unit, bound, false);
  }
  DocBuilder& Range(const std::string& text, Kind kind, const std::string& low,
                    const std::string& high, const std::string& unit,
                    Bound bound = Bound::kExact) {
    return AddClaim(text, kind, low, high, unit, bound, true);
  }
  // Pairs the last two claims ("550만달러(약 79억원)").
  DocBuilder& PairLast() {
    REQUIRE(claims_.size() >= 2);
    int a = static_cast<int>(claims_.size()) - 2, b = a + 1;
    claims_[a].pair = b;
    claims_[b].pair = a;
    return *this;
  }

  Document doc(const std::string& published = "2025-01") const {
    Document d;
    d.path = "built.md";
    d.raw = body_;
    if (!published.empty()) d.published = *PubDate::Parse(published);
    return d;
  }

  std::vector<Claim> claims() const {
    std::vector<Claim> out = claims_;
    for (auto& c : out) {
      size_t b = c.begin, e = c.end;
      while (b > 0 && !Boundary(b - 1)) --b;
      while (e < body_.size() && !Boundary(e)) ++e;
      c.sentence_begin = b;
      c.sentence_end = std::min(e + 1, body_.size());
    }
    return out;
  }

  const std::string& body() const { return body_; }

 private:
  bool Boundary(size_t i) const {
    if (body_[i] == '\n') return true;
    return body_[i] == '.' && (i + 1 == body_.size() || body_[i + 1] == ' ');
  }

  static Amount MakeAmount(const std::string& value) {
    Amount a;
    auto d = Decimal::Parse(value);
    REQUIRE(d.has_value());
    a.value = *d;
    // The extractor's reading: half a unit of the last non-zero digit.
    double half =
        0.5 * std::pow(10.0, d->IsZero() ? 0 : d->LastSignificantExp());
    a.lo = std::max(0.0, d->ToDouble() - half);
    a.hi = d->ToDouble() + half;
    return a;
  }

  DocBuilder& AddClaim(const std::string& text, Kind kind,
                       const std::string& low, const std::string& high,
                       const std::string& unit, Bound bound, bool range) {
    Claim c;
    c.begin = body_.size();
    body_ += text;
    c.end = body_.size();
    c.text = text;
    c.kind = kind;
    c.is_range = range;
    c.low = MakeAmount(low);
    c.high = MakeAmount(high);
    c.unit = unit;
    c.bound = bound;
    claims_.push_back(c);
    return *this;
  }

  std::string body_;
  std::vector<Claim> claims_;
};

// Loads rule packs written inline into a temporary folder; extra files
// (rates, facts) are written beside them first. Fails the test on any
// diagnostic.
inline Rulebook RulesFrom(
    const std::string& pack_yaml,
    const std::vector<std::pair<std::string, std::string>>& files = {}) {
  TempDir dir;
  for (const auto& [name, data] : files) WriteFile(dir / name, data);
  WriteFile(dir / "pack.yaml", pack_yaml);
  Diagnostics d;
  Rulebook book = LoadRulebook({dir / "pack.yaml"}, &d);
  for (const auto& x : d) INFO(x.ToString());
  REQUIRE(d.empty());
  return book;
}

// Diagnostics of a pack written inline, one per line, file named pack.yaml.
inline std::string LintFrom(
    const std::string& pack_yaml,
    const std::vector<std::pair<std::string, std::string>>& files = {}) {
  TempDir dir;
  for (const auto& [name, data] : files) WriteFile(dir / name, data);
  WriteFile(dir / "pack.yaml", pack_yaml);
  Diagnostics d;
  LoadRulebook({dir / "pack.yaml"}, &d);
  std::string out;
  for (auto x : d) {
    if (x.file.rfind(dir.str() + "/", 0) == 0)
      x.file = x.file.substr(dir.str().size() + 1);
    out += x.ToString() + "\n";
  }
  return out;
}

inline std::vector<Verdict> Run(const DocBuilder& b, const Rulebook& book,
                                const std::string& published = "2025-01") {
  Document doc = b.doc(published);
  return CheckDocument(doc, b.claims(), book);
}

inline std::vector<Verdict> OfRule(const std::vector<Verdict>& all,
                                   const std::string& id) {
  std::vector<Verdict> out;
  for (const auto& v : all) {
    if (v.rule && v.rule->id == id) out.push_back(v);
  }
  return out;
}

// The bundled rules/ folder, loaded once.
inline const Rulebook& BundledRules() {
  static const Rulebook book = [] {
    Diagnostics d;
    Rulebook b = LoadRulebook({SourcePath("rules")}, &d);
    for (const auto& x : d) INFO(x.ToString());
    REQUIRE(d.empty());
    return b;
  }();
  return book;
}

}  // namespace claimledger::testing
