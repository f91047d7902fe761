// CheckPlan: everything a check run reads and the settings it reads them
// with. RunCheck records it in the run's 'started' event so that
// `check --resume` finishes the run exactly as it began, even when the
// paths came on stdin or the resume runs from another directory.
// A plain value type.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/document.h"
#include "engine/rulebook.h"
#include "engine/status.h"

namespace claimledger {

struct CheckPlan {
  std::string cwd;                 // the directory relative paths are from
  std::vector<std::string> files;  // in the order they are checked
  std::vector<std::pair<std::string, std::string>> unreadable;  // input, why
  std::vector<std::string> rule_paths;                          // absolute
  std::string lexicon_dir;                                      // absolute
  DocumentDefaults defaults;
  // Larger inputs are refused unread; absent from plans recorded before
  // --max-bytes, which read up to 64 MB.
  size_t max_bytes = 64u << 20;
  // Documents with more claims are refused; absent from plans recorded
  // before --max-claims, which had no limit.
  size_t max_claims = static_cast<size_t>(-1);

  std::string ToJson() const;
  // Fails naming what is missing or malformed.
  static Result<CheckPlan> FromJson(const std::string& json);
  // The folder relative input paths are read from now: empty when the
  // process runs in cwd (or cwd is unknown), else cwd. Asks the system,
  // so take it once per run, not per file.
  std::string ReadBase() const;
  // Where to read FILE from: itself, or resolved against BASE (ReadBase)
  // when it is relative.
  static std::string ReadPath(const std::string& base, const std::string& file);
};

// The runs.rules and runs.reference columns for a loaded rulebook.
std::string RulesJson(const Rulebook& book);
std::string ReferenceJson(const Rulebook& book);

// Whether the process that last ran a run may still be running: true when
// it is on another host (nobody can tell) or alive on this one.
bool MayStillRun(const std::string& host, long long pid);

}  // namespace claimledger
