// Strict reading of yaml-cpp nodes for user-edited files (rule packs,
// lexicons, facts): duplicate and unknown keys, wrong types and missing
// keys become Diagnostics with 1-based positions. yaml-cpp marks are
// 0-based; this is the one place that converts them. Internal to engine.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>

#include "engine/diagnostic.h"

namespace claimledger::yaml_strict {

class Reader {
 public:
  Reader(std::string file, Diagnostics* out) : file_(std::move(file)), out_(out) {}

  void Error(const YAML::Node& at, const std::string& message,
             const std::string& rule_id = "");
  void Error(const YAML::Mark& at, const std::string& message,
             const std::string& rule_id = "");

  // Reports duplicate keys and keys outside `allowed` (a key named
  // `metadata` is always allowed), and missing `required` keys. Returns
  // false when node is not a map (after reporting it).
  bool CheckMap(const YAML::Node& node, const std::set<std::string>& allowed,
                const std::set<std::string>& required,
                const std::string& what, const std::string& rule_id = "");

  // Typed getters: report a diagnostic naming the key and return nullopt
  // when the value has the wrong type. Absent keys return nullopt silently.
  std::optional<std::string> String(const YAML::Node& map,
                                    const std::string& key,
                                    const std::string& rule_id = "");
  std::optional<long> Int(const YAML::Node& map, const std::string& key,
                          const std::string& rule_id = "");
  std::optional<double> Number(const YAML::Node& map, const std::string& key,
                               const std::string& rule_id = "");
  std::optional<bool> Bool(const YAML::Node& map, const std::string& key,
                           const std::string& rule_id = "");

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  Diagnostics* out_;
};

// Loads a YAML file; a syntax error becomes a diagnostic and nullopt.
std::optional<YAML::Node> LoadFile(const std::string& path, Diagnostics* out);

}  // namespace claimledger::yaml_strict
