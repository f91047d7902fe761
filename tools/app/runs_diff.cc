// diff RUN_A RUN_B: which verdicts changed outcome between two runs, and
// why. Verdicts are matched by document (SHA-256), rule id and the byte
// span of their leading claim, so a re-extraction with new claim ids still
// matches; several verdicts with one key pair up in id order. The status
// compared is the rule's own (machine_status): a diff answers "what did a
// rule or a rate file change", reviews aside.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "tools/app/review_commands.h"
#include "tools/app/review_util.h"

namespace claimledger {

namespace {

struct Side {
  const RunContent* run = nullptr;
  std::map<int64_t, const ClaimInfo*> claims;
  std::map<int64_t, const DocumentInfo*> docs;
  // key -> verdicts with that key, in id order
  std::map<std::string, std::vector<const VerdictInfo*>> by_key;
};

std::string Key(const Side& s, const VerdictInfo& v) {
  std::string key;
  auto d = s.docs.find(v.document_id);
  key += d == s.docs.end() ? std::to_string(v.document_id) : d->second->sha256;
  key += "\n" + v.rule_id + "\n";
  auto c = s.claims.find(v.claim_id);
  if (c == s.claims.end()) return key + "claim " + std::to_string(v.claim_id);
  return key + std::to_string(c->second->span_start) + ":" +
         std::to_string(c->second->span_end);
}

Side Index(const RunContent& run) {
  Side s;
  s.run = &run;
  for (const auto& c : run.claims) s.claims[c.id] = &c;
  for (const auto& d : run.documents) s.docs[d.id] = &d;
  for (const auto& v : run.verdicts) s.by_key[Key(s, v)].push_back(&v);
  return s;
}

// file -> SHA-256 of the reference data a verdict's evidence names.
void ReferenceFiles(const nlohmann::json& j,
                    std::map<std::string, std::string>* out) {
  if (j.is_array()) {
    for (const auto& x : j) ReferenceFiles(x, out);
  } else if (j.is_object()) {
    if (j.contains("file") && j["file"].is_string() && j.contains("sha256") &&
        j["sha256"].is_string()) {
      (*out)[j["file"].get<std::string>()] = j["sha256"].get<std::string>();
      return;
    }
    for (const auto& [k, x] : j.items()) {
      if (k != "rule") ReferenceFiles(x, out);
    }
  }
}

std::string Short(const std::string& sha) { return sha.substr(0, 12); }

std::vector<std::string> Causes(const VerdictInfo& a, const VerdictInfo& b,
                                const RunDetail& ra, const RunDetail& rb) {
  std::vector<std::string> why;
  if (a.rule_version != b.rule_version) {
    why.push_back("rule " + a.rule_id + " version " +
                  std::to_string(a.rule_version) + " -> " +
                  std::to_string(b.rule_version));
  }
  if (a.rule_file_sha256 != b.rule_file_sha256) {
    why.push_back("rule file " + b.rule_file + " changed (sha256 " +
                  Short(a.rule_file_sha256) + " -> " +
                  Short(b.rule_file_sha256) + ")");
  }
  std::map<std::string, std::string> fa, fb;
  ReferenceFiles(nlohmann::json::parse(a.evidence_json, nullptr, false), &fa);
  ReferenceFiles(nlohmann::json::parse(b.evidence_json, nullptr, false), &fb);
  for (const auto& [file, sha] : fb) {
    auto it = fa.find(file);
    if (it == fa.end()) {
      why.push_back("reference " + file + " used only in run " +
                    std::to_string(b.run_id));
    } else if (it->second != sha) {
      why.push_back("reference " + file + " changed (sha256 " +
                    Short(it->second) + " -> " + Short(sha) + ")");
    }
  }
  for (const auto& [file, sha] : fa) {
    if (!fb.count(file)) {
      why.push_back("reference " + file + " used only in run " +
                    std::to_string(a.run_id));
    }
  }
  if (ra.extractor_version != rb.extractor_version) {
    why.push_back("extractor " + ra.extractor_version + " -> " +
                  rb.extractor_version);
  }
  if (why.empty()) {
    why.push_back(
        "no change of rule, reference data or extractor recorded; "
        "the claims the rule read differ");
  }
  return why;
}

nlohmann::json Brief(const Side& s, const VerdictInfo& v) {
  auto c = s.claims.find(v.claim_id);
  auto d = s.docs.find(v.document_id);
  return {{"verdict_id", v.id},
          {"rule", v.rule_id},
          {"status", v.machine_status},
          {"text", c == s.claims.end() ? "" : c->second->text},
          {"document", d == s.docs.end() ? "" : d->second->path},
          {"reason", v.reason}};
}

}  // namespace

int DiffCommand(Ledger& ledger, int64_t run_a, int64_t run_b,
                const OutputOptions& o, std::ostream& out, std::ostream& err) {
  int64_t ignored = 0;
  for (int64_t r : {run_a, run_b}) {
    if (int code = ResolveRun(ledger, r, &ignored, err)) return code;
  }
  auto ca = ledger.LoadRun(run_a);
  auto cb = ledger.LoadRun(run_b);
  if (!ca.ok() || !cb.ok()) {
    err << "error: " << (!ca.ok() ? ca : cb).status().message() << "\n";
    return kExitUnreadable;
  }
  Side a = Index(*ca), b = Index(*cb);
  nlohmann::json changed = nlohmann::json::array();
  nlohmann::json only_a = nlohmann::json::array();
  nlohmann::json only_b = nlohmann::json::array();
  int unchanged = 0;
  for (const auto& [key, va] : a.by_key) {
    auto it = b.by_key.find(key);
    size_t nb = it == b.by_key.end() ? 0 : it->second.size();
    for (size_t i = 0; i < va.size(); ++i) {
      if (i >= nb) {
        only_a.push_back(Brief(a, *va[i]));
        continue;
      }
      const VerdictInfo& x = *va[i];
      const VerdictInfo& y = *it->second[i];
      if (x.machine_status == y.machine_status) {
        ++unchanged;
        continue;
      }
      nlohmann::json j;
      const ClaimInfo* claim =
          b.claims.count(y.claim_id) ? b.claims.at(y.claim_id) : nullptr;
      const DocumentInfo* doc =
          b.docs.count(y.document_id) ? b.docs.at(y.document_id) : nullptr;
      j["rule"] = y.rule_id;
      j["text"] = claim ? claim->text : "";
      j["document"] = doc ? DocumentJson(*doc) : nlohmann::json(nullptr);
      j["a"] = {{"run", run_a},
                {"verdict_id", x.id},
                {"claim_id", x.claim_id},
                {"status", x.machine_status},
                {"reason", x.reason}};
      j["b"] = {{"run", run_b},
                {"verdict_id", y.id},
                {"claim_id", y.claim_id},
                {"status", y.machine_status},
                {"reason", y.reason}};
      j["why"] = Causes(x, y, ca->run, cb->run);
      changed.push_back(std::move(j));
    }
  }
  for (const auto& [key, vb] : b.by_key) {
    auto it = a.by_key.find(key);
    size_t na = it == a.by_key.end() ? 0 : it->second.size();
    for (size_t i = na; i < vb.size(); ++i) only_b.push_back(Brief(b, *vb[i]));
  }
  if (o.json) {
    out << JsonDump(nlohmann::json{{"run_a", run_a},      {"run_b", run_b},
                          {"changed", changed},  {"unchanged", unchanged},
                          {"only_in_a", only_a}, {"only_in_b", only_b}}, 2)
        << "\n";
    return kExitOk;
  }
  out << "run " << run_a << " -> run " << run_b << ": " << changed.size()
      << " verdict" << (changed.size() == 1 ? "" : "s") << " changed status, "
      << unchanged << " unchanged, " << only_a.size() << " only in run "
      << run_a << ", " << only_b.size() << " only in run " << run_b << "\n";
  auto paint = [&](const std::string& s) {
    return o.color ? std::string("\x1b[") + StatusAnsi(s) + "m" + s + "\x1b[0m"
                   : s;
  };
  for (const auto& j : changed) {
    std::string path = j["document"].is_object()
                           ? j["document"]["path"].get<std::string>()
                           : "";
    out << "\n"
        << j["rule"].get<std::string>() << "  " << j["text"].get<std::string>()
        << "  " << std::filesystem::path(path).filename().string() << "  "
        << paint(j["a"]["status"]) << " -> " << paint(j["b"]["status"])
        << "  (verdicts " << j["a"]["verdict_id"] << " -> "
        << j["b"]["verdict_id"] << ")\n";
    for (const auto& w : j["why"])
      out << "  why: " << w.get<std::string>() << "\n";
    out << "  run " << run_a << ": " << j["a"]["reason"].get<std::string>()
        << "\n";
    out << "  run " << run_b << ": " << j["b"]["reason"].get<std::string>()
        << "\n";
  }
  for (const auto* list : {&only_a, &only_b}) {
    int64_t r = list == &only_a ? run_a : run_b;
    for (const auto& j : *list) {
      out << "\nonly in run " << r << ": verdict " << j["verdict_id"] << " "
          << j["rule"].get<std::string>() << "  "
          << j["text"].get<std::string>() << "  "
          << j["status"].get<std::string>() << "\n";
    }
  }
  return kExitOk;
}

}  // namespace claimledger
