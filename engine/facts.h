// FactTable: known figures loaded from YAML reference files
// (rules/reference/facts/*.yaml), for the reference and ratio rules. A fact
// is a subject, an attribute, a value or an interval in a unit, the date it
// was reported (as_of) and the URL of its source, plus the words that
// find it in an article (match:). Files are read strictly like rule packs:
// every problem becomes a Diagnostic naming the facts file. Immutable after
// loading; safe to share between threads. See rules/SCHEMA.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/document.h"

namespace claimledger {

struct Fact {
  std::string id;
  std::string subject;
  std::string attribute;
  double lo = 0;  // value, or the interval's ends
  double hi = 0;
  bool is_interval = false;
  std::string value_text;  // as written in the file ("5576000", "[1, 2]")
  std::string unit;
  PubDate as_of;
  std::string source;  // URL
  std::string note;
  // What finds the fact in a sentence: one subject word and one attribute
  // word must both appear; the claim's unit must be one of `units`.
  std::vector<std::string> subject_words;
  std::vector<std::string> attribute_words;
  std::vector<std::string> units;
  std::string file;  // the facts file it came from
  int line = 0;
};

struct FactFile {
  std::string path;
  std::string sha256;
};

class FactTable {
 public:
  // Loads a facts file, or every *.yaml of a folder (sorted, not
  // recursing). Problems are appended to *diags with the facts file's
  // position; returns nullptr when there were any (or nothing to load).
  static std::shared_ptr<const FactTable> Load(const std::string& path,
                                               Diagnostics* diags);

  const std::vector<Fact>& facts() const { return facts_; }
  const std::vector<FactFile>& files() const { return files_; }
  const FactFile* FileOf(const Fact& f) const;

 private:
  std::vector<Fact> facts_;
  std::vector<FactFile> files_;
};

}  // namespace claimledger
