#include "engine/facts.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>

#include "engine/sha256.h"
#include "engine/yaml_strict.h"

namespace fs = std::filesystem;

namespace claimledger {
namespace {

// Reads a list of non-empty strings; reports and returns false otherwise.
bool WordList(const YAML::Node& map, const std::string& key,
              yaml_strict::Reader* r, std::vector<std::string>* out) {
  YAML::Node n = map[key];
  if (!n) return true;
  if (!n.IsSequence() || n.size() == 0) {
    r->Error(n, "'" + key + "' must be a non-empty list of words");
    return false;
  }
  bool ok = true;
  for (const auto& w : n) {
    if (!w.IsScalar() || w.Scalar().empty()) {
      r->Error(w, "'" + key + "' must list non-empty words");
      ok = false;
    } else {
      out->push_back(w.Scalar());
    }
  }
  return ok;
}

// A finite number written plainly (no hex, inf or nan).
bool Num(const YAML::Node& n, double* v) {
  if (!n.IsScalar()) return false;
  const std::string& s = n.Scalar();
  char* end = nullptr;
  *v = std::strtod(s.c_str(), &end);
  return !s.empty() && *end == '\0' &&
         s.find_first_of("xXnN") == std::string::npos;
}

class FactLoader {
 public:
  explicit FactLoader(Diagnostics* diags) : diags_(diags) {}

  void LoadFile(const std::string& path, std::vector<Fact>* facts,
                std::vector<FactFile>* files) {
    auto root = yaml_strict::LoadFile(path, diags_);
    if (!root) return;
    auto sha = Sha256File(path);
    files->push_back({path, sha.ok() ? *sha : ""});
    yaml_strict::Reader r(path, diags_);
    if (!r.CheckMap(*root, {"facts"}, {"facts"}, "facts file")) return;
    YAML::Node list = (*root)["facts"];
    if (!list.IsSequence()) {
      r.Error(list, "'facts' must be a list");
      return;
    }
    for (const auto& n : list) {
      Fact f;
      if (LoadFact(n, path, &r, &f)) facts->push_back(std::move(f));
    }
  }

 private:
  bool LoadFact(const YAML::Node& n, const std::string& path,
                yaml_strict::Reader* r, Fact* f) {
    static const std::regex kIdPattern("^[a-z0-9][a-z0-9._-]*$");
    size_t before = diags_->size();
    if (!r->CheckMap(n,
                     {"id", "subject", "attribute", "value", "interval", "unit",
                      "as_of", "source", "note", "match"},
                     {"id", "subject", "attribute", "unit", "as_of", "source"},
                     "fact")) {
      return false;
    }
    f->file = path;
    f->line = n.Mark().line + 1;
    auto given_id = r->String(n, "id");
    f->id = given_id.value_or("");
    if (given_id && f->id.empty()) {
      r->Error(n["id"], "fact id must not be empty");
    } else if (!f->id.empty()) {
      if (!std::regex_match(f->id, kIdPattern)) {
        r->Error(n["id"],
                 "fact id '" + f->id + "' must match ^[a-z0-9][a-z0-9._-]*$");
      }
      auto [it, fresh] = ids_.emplace(f->id, std::pair(path, f->line));
      if (!fresh) {
        const auto& [file, line] = it->second;
        r->Error(n["id"], "duplicate fact id '" + f->id +
                              "' (first defined on " +
                              (file == path ? "line " : file + ":") +
                              std::to_string(line) + ")");
      }
    }
    f->subject = r->String(n, "subject").value_or("");
    f->attribute = r->String(n, "attribute").value_or("");
    f->unit = r->String(n, "unit").value_or("");
    f->note = r->String(n, "note").value_or("");
    YAML::Node value = n["value"], interval = n["interval"];
    if (value && interval) {
      r->Error(interval, "a fact has either 'value' or 'interval', not both");
    } else if (!value && !interval) {
      r->Error(n, "fact is missing 'value' or 'interval'");
    } else if (value) {
      if (double v = 0; Num(value, &v)) {
        f->lo = f->hi = v;
        f->value_text = value.Scalar();
      } else {
        r->Error(value, "'value' must be a number");
      }
    } else {
      double lo = 0, hi = 0;
      bool numbers = interval.IsSequence() && interval.size() == 2 &&
                     Num(interval[0], &lo) && Num(interval[1], &hi);
      if (!numbers) {
        r->Error(interval,
                 "'interval' must be a list of two numbers [low, high]");
      } else if (lo > hi) {
        r->Error(interval, "'interval' low end is above its high end");
      } else {
        f->lo = lo;
        f->hi = hi;
        f->is_interval = true;
        f->value_text =
            "[" + interval[0].Scalar() + ", " + interval[1].Scalar() + "]";
      }
    }
    if (auto s = r->String(n, "as_of")) {
      auto d = PubDate::Parse(*s);
      if (!d) {
        r->Error(
            n["as_of"],
            "'as_of' must be a date YYYY-MM-DD or YYYY-MM, not '" + *s + "'");
      } else {
        f->as_of = *d;
      }
    }
    if (auto s = r->String(n, "source")) {
      if (s->rfind("https://", 0) != 0 && s->rfind("http://", 0) != 0) {
        r->Error(n["source"], "'source' must be an http(s) URL");
      }
      f->source = *s;
    }
    YAML::Node match = n["match"];
    if (match &&
        r->CheckMap(match, {"subject", "attribute", "units"}, {}, "match")) {
      WordList(match, "subject", r, &f->subject_words);
      WordList(match, "attribute", r, &f->attribute_words);
      WordList(match, "units", r, &f->units);
    }
    if (f->subject_words.empty() && !f->subject.empty())
      f->subject_words = {f->subject};
    if (f->attribute_words.empty() && !f->attribute.empty()) {
      f->attribute_words = {f->attribute};
    }
    if (f->units.empty() && !f->unit.empty()) f->units = {f->unit};
    return diags_->size() == before;
  }

  Diagnostics* diags_;
  std::map<std::string, std::pair<std::string, int>> ids_;
};

}  // namespace

std::shared_ptr<const FactTable> FactTable::Load(const std::string& path,
                                                 Diagnostics* diags) {
  std::vector<std::string> paths;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (e.is_regular_file() && e.path().extension() == ".yaml") {
        paths.push_back(e.path().string());
      }
    }
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) {
      diags->push_back(
          {path, 0, 0, "no facts files (*.yaml) in this folder", ""});
      return nullptr;
    }
  } else {
    paths.push_back(path);
  }
  size_t before = diags->size();
  auto table = std::make_shared<FactTable>();
  FactLoader loader(diags);
  for (const auto& p : paths) {
    try {
      loader.LoadFile(p, &table->facts_, &table->files_);
    } catch (const YAML::Exception& e) {  // as in rulebook.cc: never a crash
      diags->push_back(
          {p, 0, 0, "unexpected YAML error while reading: " + e.msg, ""});
    }
  }
  if (diags->size() != before) return nullptr;
  return table;
}

const FactFile* FactTable::FileOf(const Fact& f) const {
  for (const auto& file : files_) {
    if (file.path == f.file) return &file;
  }
  return nullptr;
}

}  // namespace claimledger
