#include "tools/app/eval.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "engine/document.h"
#include "engine/extract.h"

namespace fs = std::filesystem;

namespace claimledger {

namespace {

// The fields a match compares, as one comparable key.
std::string Key(const std::string& text, const std::string& kind,
                const std::string& value, const std::string& low,
                const std::string& high, const std::string& unit,
                const std::string& bound) {
  return kind + " | " + text + " | " +
         (value.empty() ? low + ".." + high : value) + " | " + unit + " | " + bound;
}

std::string Field(const YAML::Node& n, const char* key) {
  YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : "";
}

std::string ClaimKey(const Claim& c) {
  if (c.kind == Kind::kComparison) {
    return Key(c.text, "comparison", "", "", "", "", "") + " | " + c.relation;
  }
  std::string value = c.is_range ? "" : c.low.value.ToString();
  std::string low = c.is_range ? c.low.value.ToString() : "";
  std::string high = c.is_range ? c.high.value.ToString() : "";
  return Key(c.text, std::string(KindName(c.kind)), value, low, high, c.unit,
             std::string(BoundName(c.bound)));
}

}  // namespace

Result<EvalReport> EvaluateExtraction(const std::string& dir, const Lexicon& lex) {
  EvalReport report;
  std::vector<fs::path> articles;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->path().extension() == ".md" &&
        fs::exists(fs::path(it->path()).replace_extension(".expected.yaml"))) {
      articles.push_back(it->path());
    }
  }
  if (ec) return Status::Error(dir + ": " + ec.message());
  std::sort(articles.begin(), articles.end());
  for (const auto& path : articles) {
    auto doc = LoadDocument(path.string(), {});
    if (!doc.ok()) return doc.status();
    std::string expected_path = fs::path(path).replace_extension(".expected.yaml").string();
    YAML::Node root;
    try {
      root = YAML::LoadFile(expected_path);
    } catch (const YAML::Exception& e) {
      return Status::Error(expected_path + ":" + std::to_string(e.mark.line + 1) +
                           ": " + e.msg);
    }
    std::string lang = doc->lang;
    std::vector<std::string> want;
    std::map<std::string, std::string> want_kind;
    std::vector<std::pair<std::string, std::string>> want_pairs;
    for (const auto& c : root["claims"]) {
      std::string kind = Field(c, "kind");
      std::string key = kind == "comparison"
                            ? Key(Field(c, "text"), kind, "", "", "", "", "") +
                                  " | " + Field(c, "relation")
                            : Key(Field(c, "text"), kind, Field(c, "value"),
                                  Field(c, "low"), Field(c, "high"), Field(c, "unit"),
                                  Field(c, "bound"));
      want.push_back(key);
      want_kind[key] = kind;
      if (!Field(c, "pair").empty()) want_pairs.push_back({Field(c, "text"), Field(c, "pair")});
    }
    auto claims = Extract(doc->body(), lex);
    std::vector<std::string> got;
    for (const auto& c : claims) got.push_back(ClaimKey(c));
    std::string name = path.filename().string();
    // Multiset matching.
    std::vector<bool> used(got.size(), false);
    int matched = 0;
    std::map<std::string, int> kind_matched, kind_expected, kind_found;
    for (const auto& w : want) {
      ++kind_expected[want_kind[w]];
      bool hit = false;
      for (size_t i = 0; i < got.size(); ++i) {
        if (!used[i] && got[i] == w) {
          used[i] = true;
          hit = true;
          ++matched;
          ++kind_matched[want_kind[w]];
          break;
        }
      }
      if (!hit) report.misses.push_back({name, "missed", w});
    }
    for (size_t i = 0; i < got.size(); ++i) {
      ++kind_found[std::string(KindName(claims[i].kind))];
      if (!used[i]) report.misses.push_back({name, "spurious", got[i]});
    }
    // Pairs: an expected pair counts when the extractor paired the same texts.
    int pairs_matched = 0;
    for (const auto& [a, b] : want_pairs) {
      for (const auto& c : claims) {
        if (c.text == a && c.pair >= 0 && claims[c.pair].text == b) {
          ++pairs_matched;
          break;
        }
      }
    }
    for (EvalCounts* counts : {&report.by_lang[lang], &report.total}) {
      counts->expected += static_cast<int>(want.size());
      counts->found += static_cast<int>(got.size());
      counts->matched += matched;
      counts->pairs_expected += static_cast<int>(want_pairs.size());
      counts->pairs_matched += pairs_matched;
    }
    for (const auto& [k, n] : kind_expected) report.by_kind[k].expected += n;
    for (const auto& [k, n] : kind_found) report.by_kind[k].found += n;
    for (const auto& [k, n] : kind_matched) report.by_kind[k].matched += n;
    ++report.articles;
  }
  return report;
}

}  // namespace claimledger
