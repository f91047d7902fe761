// Corpus tests in the Duckling manner: every form in
// fixtures/corpus/<dimension>/<lang>.yaml must give a claim with its text,
// kind, value (or low and high), unit and bound; every negative must give
// no claim at all. One loop; CHECK, not REQUIRE, with the file and line of
// each form, so every failing line is reported.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "engine/extract.h"
#include "tests/test_util.h"

using namespace claimledger;
using claimledger::testing::BundledLexicon;
using claimledger::testing::SourcePath;

namespace {

std::string Field(const YAML::Node& n, const char* key) {
  YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : "";
}

std::string Describe(const Claim& c) {
  std::string s = std::string(KindName(c.kind)) + " '" + c.text + "'";
  if (c.kind == Kind::kComparison) return s + " " + c.relation;
  s += c.is_range ? " " + c.low.value.ToString() + ".." + c.high.value.ToString()
                  : " " + c.low.value.ToString();
  return s + " " + c.unit + " " + std::string(BoundName(c.bound));
}

std::vector<std::filesystem::path> CorpusFiles() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(
           SourcePath("fixtures/corpus"))) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("corpus: every form gives its claim, every negative gives none") {
  int forms = 0, negatives = 0, form_failures = 0, negative_failures = 0;
  for (const auto& path : CorpusFiles()) {
    YAML::Node root = YAML::LoadFile(path.string());
    std::string dimension = Field(root, "dimension");
    std::string rel = path.parent_path().filename().string() + "/" +
                      path.filename().string();
    for (const auto& f : root["forms"]) {
      ++forms;
      std::string input = Field(f, "input");
      std::string where = rel + ":" + std::to_string(f.Mark().line + 1);
      INFO(where << ": " << input);
      std::string kind = Field(f, "kind");
      if (kind.empty()) kind = dimension;
      auto claims = Extract(input, BundledLexicon());
      std::string got;
      for (const auto& c : claims) got += "\n  got " + Describe(c);
      INFO("extracted:" << got);
      const Claim* hit = nullptr;
      for (const auto& c : claims) {
        if (c.text == Field(f, "text") && KindName(c.kind) == kind) hit = &c;
      }
      bool ok = hit != nullptr;
      CHECK_MESSAGE(ok, "no " << kind << " claim with text '" << Field(f, "text") << "'");
      if (!hit) {
        ++form_failures;
        continue;
      }
      if (hit->kind == Kind::kComparison) {
        bool rel_ok = hit->relation == Field(f, "relation");
        CHECK(hit->relation == Field(f, "relation"));
        if (!rel_ok) ++form_failures;
        continue;
      }
      bool values_ok;
      if (!Field(f, "value").empty()) {
        values_ok = !hit->is_range && hit->low.value.ToString() == Field(f, "value");
        CHECK(hit->low.value.ToString() == Field(f, "value"));
        CHECK_FALSE(hit->is_range);
      } else {
        values_ok = hit->is_range && hit->low.value.ToString() == Field(f, "low") &&
                    hit->high.value.ToString() == Field(f, "high");
        CHECK(hit->is_range);
        CHECK(hit->low.value.ToString() == Field(f, "low"));
        CHECK(hit->high.value.ToString() == Field(f, "high"));
      }
      CHECK(hit->unit == Field(f, "unit"));
      std::string bound = Field(f, "bound");
      if (bound.empty()) bound = "exact";
      CHECK(BoundName(hit->bound) == bound);
      if (!values_ok || hit->unit != Field(f, "unit") || BoundName(hit->bound) != bound) {
        ++form_failures;
      }
    }
    for (const auto& n : root["negative"]) {
      ++negatives;
      std::string input = n.Scalar();
      INFO(rel << ":" << n.Mark().line + 1 << ": negative: " << input);
      auto claims = Extract(input, BundledLexicon());
      std::string got;
      for (const auto& c : claims) got += "\n  got " + Describe(c);
      INFO("extracted:" << got);
      CHECK(claims.empty());
      if (!claims.empty()) ++negative_failures;
    }
  }
  MESSAGE("corpus: " << forms - form_failures << "/" << forms << " forms, "
                     << negatives - negative_failures << "/" << negatives
                     << " negatives");
  CHECK(forms > 700);
  CHECK(negatives > 250);
}
