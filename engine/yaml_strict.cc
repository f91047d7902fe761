#include "engine/yaml_strict.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/text.h"

namespace claimledger {

std::string Diagnostic::ToString() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(col);
  s += ": error: " + message;
  if (!rule_id.empty()) s += " [" + rule_id + "]";
  return s;
}

namespace yaml_strict {

void Reader::Error(const YAML::Mark& at, const std::string& message,
                   const std::string& rule_id) {
  Diagnostic d;
  d.file = file_;
  if (!at.is_null()) {
    d.line = at.line + 1;
    d.col = at.column + 1;
  }
  d.message = message;
  d.rule_id = rule_id;
  out_->push_back(std::move(d));
}

void Reader::Error(const YAML::Node& at, const std::string& message,
                   const std::string& rule_id) {
  // An absent node (a missing key) has no mark; asking throws.
  Error(at ? at.Mark() : YAML::Mark::null_mark(), message, rule_id);
}

namespace {

std::string TypeName(const YAML::Node& n) {
  if (!n) return "absent";
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "empty";
    default:
      return "a scalar";
  }
}

}  // namespace

bool Reader::CheckMap(const YAML::Node& node,
                      const std::set<std::string>& allowed,
                      const std::set<std::string>& required,
                      const std::string& what, const std::string& rule_id) {
  if (!node.IsMap()) {
    Error(node, what + " must be a mapping, not " + TypeName(node), rule_id);
    return false;
  }
  std::map<std::string, int> seen;
  for (const auto& kv : node) {
    const std::string& key = kv.first.Scalar();
    if (++seen[key] > 1) {
      Error(kv.first, "duplicate key '" + key + "' in " + what, rule_id);
    } else if (!allowed.count(key) && key != "metadata") {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      Error(
          kv.first,
          "unknown key '" + key + "' in " + what + " (expected: " + list + ")",
          rule_id);
    }
  }
  for (const auto& r : required) {
    if (!seen.count(r)) Error(node, what + " is missing '" + r + "'", rule_id);
  }
  return true;
}

std::optional<std::string> Reader::String(const YAML::Node& map,
                                          const std::string& key,
                                          const std::string& rule_id) {
  YAML::Node v = map[key];
  if (!v) return std::nullopt;
  if (!v.IsScalar()) {
    Error(v, "'" + key + "' must be a string, not " + TypeName(v), rule_id);
    return std::nullopt;
  }
  return v.Scalar();
}

std::optional<long> Reader::Int(const YAML::Node& map, const std::string& key,
                                const std::string& rule_id) {
  YAML::Node v = map[key];
  if (!v) return std::nullopt;
  if (v.IsScalar()) {
    const std::string& s = v.Scalar();
    char* end = nullptr;
    errno = 0;
    long x = std::strtol(s.c_str(), &end, 10);
    if (!s.empty() && *end == '\0' && errno == 0) return x;
  }
  Error(v, "'" + key + "' must be an integer", rule_id);
  return std::nullopt;
}

std::optional<double> Reader::Number(const YAML::Node& map,
                                     const std::string& key,
                                     const std::string& rule_id) {
  YAML::Node v = map[key];
  if (!v) return std::nullopt;
  if (v.IsScalar()) {
    const std::string& s = v.Scalar();
    char* end = nullptr;
    double x = std::strtod(s.c_str(), &end);
    if (!s.empty() && *end == '\0' &&
        s.find_first_of("xXnN") == std::string::npos) {
      return x;
    }
  }
  Error(v, "'" + key + "' must be a number", rule_id);
  return std::nullopt;
}

std::optional<bool> Reader::Bool(const YAML::Node& map, const std::string& key,
                                 const std::string& rule_id) {
  YAML::Node v = map[key];
  if (!v) return std::nullopt;
  if (v.IsScalar()) {
    if (v.Scalar() == "true") return true;
    if (v.Scalar() == "false") return false;
  }
  Error(v, "'" + key + "' must be true or false", rule_id);
  return std::nullopt;
}

std::optional<YAML::Node> LoadFile(const std::string& path, Diagnostics* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out->push_back(
        {path, 0, 0, std::string("cannot read: ") + std::strerror(errno), ""});
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  // Words from a rule file end up in verdict evidence (JSON) and reasons:
  // refuse bytes that are not text, with the line and column of the first.
  if (auto bad = text::FindInvalidUtf8(data)) {
    Diagnostic d{path, 1, 1,
                 "not valid UTF-8 (byte " + std::to_string(*bad) + ")", ""};
    for (size_t i = 0; i < *bad; ++i) {
      if (data[i] == '\n') {
        ++d.line;
        d.col = 1;
      } else if ((static_cast<unsigned char>(data[i]) & 0xC0) != 0x80) {
        ++d.col;  // count characters, not continuation bytes
      }
    }
    out->push_back(std::move(d));
    return std::nullopt;
  }
  try {
    return YAML::Load(data);
  } catch (const YAML::Exception& e) {
    Diagnostic d{path, 0, 0, "YAML syntax: " + e.msg, ""};
    if (!e.mark.is_null()) {
      d.line = e.mark.line + 1;
      d.col = e.mark.column + 1;
    }
    out->push_back(std::move(d));
    return std::nullopt;
  }
}

}  // namespace yaml_strict
}  // namespace claimledger
