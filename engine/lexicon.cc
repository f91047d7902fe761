#include "engine/lexicon.h"

#include <algorithm>
#include <filesystem>

#include "engine/yaml_strict.h"

namespace claimledger {

namespace {

template <typename T>
void SortLongestFirst(std::vector<T>* v, std::string T::*word) {
  std::stable_sort(v->begin(), v->end(), [word](const T& a, const T& b) {
    return (a.*word).size() > (b.*word).size();
  });
}

std::optional<Position> ParsePosition(const std::string& s) {
  if (s == "before") return Position::kBefore;
  if (s == "after") return Position::kAfter;
  return std::nullopt;
}

}  // namespace

void Lexicon::Finalize() {
  SortLongestFirst(&scales, &ScaleWord::word);
  SortLongestFirst(&units, &UnitWord::word);
  SortLongestFirst(&markers, &MarkerWord::word);
  SortLongestFirst(&number_words, &NumberWord::word);
  SortLongestFirst(&comparisons, &ComparisonCue::word);
  auto by_len = [](const std::string& a, const std::string& b) {
    return a.size() > b.size();
  };
  std::stable_sort(range_separators.begin(), range_separators.end(), by_len);
  std::stable_sort(date_suffixes.begin(), date_suffixes.end(), by_len);
}

bool LoadLexiconFile(const std::string& path, Lexicon* lex, Diagnostics* diags) {
  size_t before = diags->size();
  auto root = yaml_strict::LoadFile(path, diags);
  if (!root) return false;
  yaml_strict::Reader r(path, diags);
  if (!r.CheckMap(*root,
                  {"lang", "scales", "units", "markers", "range_separators",
                   "number_words", "comparisons", "date_suffixes"},
                  {"lang"}, "lexicon")) {
    return false;
  }
  auto rows = [&](const char* key) -> std::vector<YAML::Node> {
    std::vector<YAML::Node> out;
    YAML::Node list = (*root)[key];
    if (!list) return out;
    if (!list.IsSequence()) {
      r.Error(list, std::string("'") + key + "' must be a list");
      return out;
    }
    for (const auto& n : list) out.push_back(n);
    return out;
  };
  auto word_of = [&](const YAML::Node& n, const char* what) -> std::string {
    auto w = r.String(n, "word");
    if (w && w->empty()) r.Error(n, std::string(what) + " word is empty");
    return w.value_or("");
  };
  for (const auto& n : rows("scales")) {
    if (!r.CheckMap(n, {"word", "exp"}, {"word", "exp"}, "scale")) continue;
    ScaleWord s{word_of(n, "scale"), static_cast<int>(r.Int(n, "exp").value_or(0))};
    lex->scales.push_back(std::move(s));
  }
  for (const auto& n : rows("units")) {
    if (!r.CheckMap(n, {"word", "kind", "unit", "position"}, {"word", "kind"},
                    "unit")) {
      continue;
    }
    UnitWord u;
    u.word = word_of(n, "unit");
    if (auto k = r.String(n, "kind")) {
      auto kind = ParseKind(*k);
      if (!kind || *kind == Kind::kComparison) {
        r.Error(n["kind"], "unknown claim kind '" + *k + "'");
      } else {
        u.kind = *kind;
      }
    }
    u.unit = r.String(n, "unit").value_or("");
    if (auto p = r.String(n, "position")) {
      if (auto pos = ParsePosition(*p)) {
        u.position = *pos;
      } else {
        r.Error(n["position"], "position must be before or after");
      }
    }
    lex->units.push_back(std::move(u));
  }
  for (const auto& n : rows("markers")) {
    if (!r.CheckMap(n, {"word", "bound", "position"}, {"word", "bound"},
                    "marker")) {
      continue;
    }
    MarkerWord m;
    m.word = word_of(n, "marker");
    if (auto b = r.String(n, "bound")) {
      if (auto bound = ParseBound(*b)) {
        m.bound = *bound;
      } else {
        r.Error(n["bound"], "unknown bound '" + *b + "'");
      }
    }
    if (auto p = r.String(n, "position")) {
      if (auto pos = ParsePosition(*p)) {
        m.position = *pos;
      } else {
        r.Error(n["position"], "position must be before or after");
      }
    }
    lex->markers.push_back(std::move(m));
  }
  for (const auto& n : rows("number_words")) {
    if (!r.CheckMap(n, {"word", "value"}, {"word", "value"}, "number word")) {
      continue;
    }
    NumberWord w{word_of(n, "number"), r.String(n, "value").value_or("0")};
    if (!Decimal::Parse(w.value)) r.Error(n["value"], "value must be a decimal");
    lex->number_words.push_back(std::move(w));
  }
  for (const auto& n : rows("comparisons")) {
    if (!r.CheckMap(n, {"word", "relation"}, {"word", "relation"},
                    "comparison cue")) {
      continue;
    }
    lex->comparisons.push_back(
        {word_of(n, "comparison"), r.String(n, "relation").value_or("")});
  }
  for (const auto& n : rows("range_separators")) {
    if (!n.IsScalar() || n.Scalar().empty()) {
      r.Error(n, "range separator must be a non-empty string");
      continue;
    }
    lex->range_separators.push_back(n.Scalar());
  }
  for (const auto& n : rows("date_suffixes")) {
    if (!n.IsScalar() || n.Scalar().empty()) {
      r.Error(n, "date suffix must be a non-empty string");
      continue;
    }
    lex->date_suffixes.push_back(n.Scalar());
  }
  lex->files.push_back(path);
  return diags->size() == before;
}

bool LoadLexiconDir(const std::string& dir, Lexicon* lex, Diagnostics* diags) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".yaml") paths.push_back(e.path().string());
  }
  if (ec) {
    diags->push_back({dir, 0, 0, "cannot read lexicon folder: " + ec.message(), ""});
    return false;
  }
  if (paths.empty()) {
    diags->push_back({dir, 0, 0, "no lexicon files (*.yaml) found", ""});
    return false;
  }
  std::sort(paths.begin(), paths.end());
  bool ok = true;
  for (const auto& p : paths) ok = LoadLexiconFile(p, lex, diags) && ok;
  lex->Finalize();
  return ok;
}

}  // namespace claimledger
