#include "tools/app/review_util.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

#include "engine/format.h"
#include "engine/text.h"
#include "tools/app/commands.h"
#include "tools/app/run_check.h"

namespace claimledger {

int StatusRank(const std::string& status) {
  if (status == "inconsistent") return 0;
  if (status == "unverifiable") return 1;
  if (status == "consistent") return 2;
  return 3;
}

std::string CombinedStatus(const std::vector<const VerdictInfo*>& verdicts) {
  bool consistent = false, unverifiable = false;
  for (const auto* v : verdicts) {
    if (v->status == "inconsistent") return "inconsistent";
    consistent |= v->status == "consistent";
    unverifiable |= v->status == "unverifiable";
  }
  // A rule that could not verify a claim says nothing against another
  // rule that did.
  if (consistent) return "consistent";
  return unverifiable ? "unverifiable" : "unchecked";
}

std::map<int64_t, std::vector<const VerdictInfo*>> VerdictsByClaim(
    const RunContent& run) {
  std::map<int64_t, std::vector<const VerdictInfo*>> out;
  for (const auto& v : run.verdicts) {
    for (int64_t id : v.claim_ids) {
      auto& list = out[id];
      if (list.empty() || list.back() != &v) list.push_back(&v);
    }
  }
  return out;
}

nlohmann::json DecimalJson(const std::string& dec, std::optional<double> num) {
  if (!dec.empty()) {
    auto j = nlohmann::json::parse(dec, nullptr, false);
    if (j.is_number()) return j;
  }
  return OptionalNumber(num);
}

nlohmann::json OptionalNumber(std::optional<double> v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json DocumentJson(const DocumentInfo& d) {
  auto opt = [](const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
  };
  return {{"id", d.id},         {"path", d.path},
          {"sha256", d.sha256}, {"published", opt(d.published)},
          {"lang", d.lang},     {"source", opt(d.source)}};
}

nlohmann::json ClaimJson(const ClaimInfo& c) {
  nlohmann::json j;
  j["claim_id"] = c.id;
  j["kind"] = c.kind;
  j["text"] = c.text;
  j["span"] = {c.span_start, c.span_end};
  j["value"] =
      c.is_range ? nlohmann::json(nullptr) : DecimalJson(c.value, c.value_num);
  j["low"] = c.is_range ? DecimalJson(c.low, c.low_num) : nullptr;
  j["high"] = c.is_range ? DecimalJson(c.high, c.high_num) : nullptr;
  j["unit"] = c.unit;
  j["approx"] = c.bound == "approx";
  j["bound"] = c.bound;
  if (c.prec_low && c.prec_high) {
    j["precision"] = {{"low", *c.prec_low}, {"high", *c.prec_high}};
  } else {
    j["precision"] = nullptr;
  }
  j["pair"] = c.pair_claim_id ? nlohmann::json(*c.pair_claim_id)
                              : nlohmann::json(nullptr);
  j["sentence"] = {c.sentence_start, c.sentence_end};
  if (c.kind == "comparison") {
    j["subject"] = c.subject;
    j["relation"] = c.relation;
    j["object"] = c.object;
  }
  return j;
}

nlohmann::json ReviewJson(const ReviewInfo& r) {
  return {{"review_id", r.id},         {"verdict_id", r.verdict_id},
          {"reviewer", r.reviewer},    {"decision", r.decision},
          {"status", r.status},        {"note", r.note},
          {"created_at", r.created_at}};
}

nlohmann::json VerdictJson(const VerdictInfo& v, bool with_evidence) {
  nlohmann::json j;
  j["verdict_id"] = v.id;
  j["run"] = v.run_id;
  j["rule"] = v.rule_id;
  j["rule_version"] = v.rule_version;
  j["rule_kind"] = v.rule_kind;
  j["severity"] = v.severity;
  j["status"] = v.status;
  j["machine_status"] = v.machine_status;
  j["expected"] = OptionalNumber(v.expected);
  j["observed"] = OptionalNumber(v.observed);
  j["deviation"] = OptionalNumber(v.deviation);
  j["tolerance"] = OptionalNumber(v.tolerance);
  j["reason"] = v.reason;
  j["claim_ids"] = v.claim_ids;
  j["rule_file"] = v.rule_file;
  j["rule_file_sha256"] = v.rule_file_sha256;
  const ReviewInfo* r = v.latest_review();
  j["review"] = r ? ReviewJson(*r) : nlohmann::json(nullptr);
  if (with_evidence) {
    auto ev = nlohmann::json::parse(v.evidence_json, nullptr, false);
    j["evidence"] = ev.is_discarded() ? nlohmann::json(v.evidence_json) : ev;
    nlohmann::json all = nlohmann::json::array();
    for (const auto& x : v.reviews) all.push_back(ReviewJson(x));
    j["reviews"] = all;
  }
  return j;
}

namespace {

std::string JsonText(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number()) return Compact(j.get<double>());
  return JsonDump(j);
}

// Walks the evidence for objects naming a file with its SHA-256: the
// reference data the verdict used (the rule's own file is skipped).
void ReferenceLines(const nlohmann::json& j, std::vector<std::string>* out) {
  if (j.is_array()) {
    for (const auto& x : j) ReferenceLines(x, out);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("sha256") && j["sha256"].is_string() && j.contains("file")) {
    std::string line = "reference " + JsonText(j["file"]) + " sha256 " +
                       j["sha256"].get<std::string>();
    if (j.contains("window") && j["window"].is_array() &&
        j["window"].size() == 2) {
      line += ", window " + JsonText(j["window"][0]) + ".." +
              JsonText(j["window"][1]);
    }
    if (j.contains("rows") && j["rows"].is_array() && !j["rows"].empty()) {
      const auto& rows = j["rows"];
      line += ", " + std::to_string(rows.size()) + " rows";
      // A row is [date, value...] (older ledgers: {"date": ...}).
      auto date = [](const nlohmann::json& row) -> const nlohmann::json* {
        if (row.is_array() && !row.empty()) return &row[0];
        if (row.is_object() && row.contains("date")) return &row["date"];
        return nullptr;
      };
      if (date(rows.front()) && date(rows.back())) {
        line += " " + JsonText(*date(rows.front())) + ".." +
                JsonText(*date(rows.back()));
      }
    }
    if (j.contains("min") && j.contains("max")) {
      line += ", rate " + JsonText(j["min"]) + "-" + JsonText(j["max"]);
    }
    if (j.contains("id")) line += ", fact " + JsonText(j["id"]);
    if (j.contains("value")) {
      line += " = " + JsonText(j["value"]);
      if (j.contains("unit")) line += " " + JsonText(j["unit"]);
    }
    if (j.contains("as_of")) line += " as of " + JsonText(j["as_of"]);
    if (j.contains("source")) line += ", source " + JsonText(j["source"]);
    out->push_back(line);
    return;
  }
  for (const auto& [key, value] : j.items()) {
    if (key != "rule") ReferenceLines(value, out);
  }
}

}  // namespace

std::vector<std::string> ProvenanceLines(const VerdictInfo& v) {
  std::vector<std::string> out;
  out.push_back("rule " + v.rule_id + " v" + std::to_string(v.rule_version) +
                " (" + v.rule_kind + ", " + v.severity + ") from " +
                v.rule_file + " sha256 " + v.rule_file_sha256);
  auto ev = nlohmann::json::parse(v.evidence_json, nullptr, false);
  if (!ev.is_discarded()) ReferenceLines(ev, &out);
  return out;
}

std::string FileUrl(const std::string& path, const std::string& base) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = path;
  if (p.is_relative() && !base.empty()) p = fs::path(base) / p;
  std::string abs = fs::absolute(p, ec).lexically_normal();
  if (ec) abs = path;
  std::string out = "file://";
  for (unsigned char c : abs) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string DocumentUrl(const DocumentInfo& d, const RunDetail& run) {
  if (d.source.rfind("https://", 0) == 0 || d.source.rfind("http://", 0) == 0) {
    return d.source;
  }
  auto plan = nlohmann::json::parse(run.plan_json, nullptr, false);
  std::string cwd;
  if (plan.is_object() && plan.contains("cwd") && plan["cwd"].is_string()) {
    cwd = plan["cwd"].get<std::string>();
  }
  return FileUrl(d.path, cwd);
}

std::string Compact(double v) {
  std::string s = FormatNumber(v, 6);
  size_t dot = s.find('.');
  if (dot == std::string::npos || s.find_first_of("eE") != std::string::npos) {
    return s;
  }
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string Num(const std::optional<double>& v) {
  return v ? Compact(*v) : "-";
}

std::string Pct(const std::optional<double>& v) {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.2f%%", *v * 100);
  return buf;
}

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

int ResolveRun(Ledger& ledger, std::optional<int64_t> wanted, int64_t* run,
               std::ostream& err) {
  if (wanted) {
    auto r = ledger.GetRun(*wanted);
    if (!r.ok()) {
      err << "error: " << r.status().message() << "\n";
      return kExitUnreadable;
    }
    if (!*r) {
      err << "error: no run " << *wanted << " in " << ledger.path() << "\n";
      return kExitUsage;
    }
    *run = *wanted;
    return kExitOk;
  }
  auto latest = ledger.LatestRun();
  if (!latest.ok()) {
    err << "error: " << latest.status().message() << "\n";
    return kExitUnreadable;
  }
  if (!*latest) {
    err << "error: " << ledger.path() << " holds no runs yet\n";
    return kExitUsage;
  }
  *run = **latest;
  return kExitOk;
}

int LoadRunContent(Ledger& ledger, std::optional<int64_t> wanted, RunContent* content,
                   std::ostream& err) {
  int64_t run = 0;
  if (int code = ResolveRun(ledger, wanted, &run, err)) return code;
  auto loaded = ledger.LoadRun(run);
  if (!loaded.ok()) {
    err << "error: " << loaded.status().message() << "\n";
    return kExitUnreadable;
  }
  *content = std::move(loaded).value();
  return kExitOk;
}

int ResolveDocument(Ledger& ledger, const std::string& key, int64_t* doc,
                    std::ostream& err) {
  auto found = ledger.FindDocuments(key);
  if (!found.ok()) {
    err << "error: " << found.status().message() << "\n";
    return kExitUnreadable;
  }
  if (found->empty()) {
    err << "error: --doc '" << key << "' names no document in " << ledger.path()
        << " (give a document id, a SHA-256 prefix, a path or a file "
           "name)\n";
    return kExitUsage;
  }
  if (found->size() > 1) {
    err << "error: --doc '" << key << "' names " << found->size()
        << " documents (ids";
    for (int64_t id : *found) err << " " << id;
    err << "); give one of the ids\n";
    return kExitUsage;
  }
  *doc = found->front();
  return kExitOk;
}

bool Utf8Flag(const char* flag, const std::string& value, std::ostream& err) {
  auto bad = text::FindInvalidUtf8(value);
  if (!bad) return true;
  err << "error: " << flag << " is not valid UTF-8 (byte " << *bad
      << "); check the terminal's encoding\n";
  return false;
}

const char* StatusAnsi(const std::string& s) {
  if (s == "inconsistent") return "31";
  if (s == "unverifiable") return "33";
  if (s == "consistent") return "32";
  return "";
}

}  // namespace claimledger
