// claims, list --doc and runs: what the ledger holds, as tables on a
// terminal or JSON for scripts.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/check.h"
#include "engine/claim.h"
#include "tools/app/review_commands.h"
#include "tools/app/review_util.h"
#include "tools/app/table.h"

namespace claimledger {

namespace {

std::string FileName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string ValueText(const ClaimInfo& c) {
  if (c.kind == "comparison")
    return c.subject + " " + c.relation + " " + c.object;
  auto num = [](const std::optional<double>& v) {
    return v ? Compact(*v) : std::string("?");
  };
  std::string s =
      c.is_range ? num(c.low_num) + " to " + num(c.high_num) : num(c.value_num);
  if (!c.unit.empty()) s += " " + c.unit;
  return s;
}

std::string PrecisionText(const ClaimInfo& c) {
  if (!c.prec_low || !c.prec_high) return "";
  return "[" + Compact(*c.prec_low) + ", " + Compact(*c.prec_high) + "]";
}

// Without --run: the latest run, or with --doc the latest run holding it.
int PickRun(Ledger& ledger, std::optional<int64_t> wanted,
            std::optional<int64_t> doc, int64_t* run, std::ostream& err) {
  if (wanted || !doc) return ResolveRun(ledger, wanted, run, err);
  auto r = ledger.LatestRunWith(*doc);
  if (!r.ok()) {
    err << "error: " << r.status().message() << "\n";
    return kExitUnreadable;
  }
  if (!*r) {
    err << "error: no run holds document " << *doc << "\n";
    return kExitUsage;
  }
  *run = **r;
  return kExitOk;
}

}  // namespace

int ClaimsCommand(Ledger& ledger, const ClaimsOptions& opt,
                  const OutputOptions& o, std::ostream& out,
                  std::ostream& err) {
  if (!opt.kind.empty() && !ParseKind(opt.kind)) {
    err << "error: --kind '" << opt.kind
        << "' is not a claim kind (money, quantity, percent, ratio, "
           "multiple, rank, count, comparison)\n";
    return kExitUsage;
  }
  std::optional<int64_t> doc;
  if (!opt.document.empty()) {
    int64_t id = 0;
    if (int code = ResolveDocument(ledger, opt.document, &id, err)) return code;
    doc = id;
  }
  int64_t run = 0;
  if (int code = PickRun(ledger, opt.run, doc, &run, err)) return code;
  auto content = ledger.LoadRun(run);
  if (!content.ok()) {
    err << "error: " << content.status().message() << "\n";
    return kExitUnreadable;
  }
  auto by_claim = VerdictsByClaim(*content);
  std::map<int64_t, const DocumentInfo*> docs;
  for (const auto& d : content->documents) docs[d.id] = &d;
  std::vector<const ClaimInfo*> shown;
  for (const auto& c : content->claims) {
    if (doc && c.document_id != *doc) continue;
    if (!opt.kind.empty() && c.kind != opt.kind) continue;
    shown.push_back(&c);
  }
  auto status_of = [&](const ClaimInfo& c) {
    auto it = by_claim.find(c.id);
    return it == by_claim.end() ? std::string("unchecked")
                                : CombinedStatus(it->second);
  };
  if (o.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto* c : shown) {
      nlohmann::json j = ClaimJson(*c);
      j["run"] = run;
      j["document"] = DocumentJson(*docs.at(c->document_id));
      j["status"] = status_of(*c);
      nlohmann::json ids = nlohmann::json::array();
      if (auto it = by_claim.find(c->id); it != by_claim.end()) {
        for (const auto* v : it->second) ids.push_back(v->id);
      }
      j["verdict_ids"] = ids;
      arr.push_back(std::move(j));
    }
    out << JsonDump(arr, 2) << "\n";
    return kExitOk;
  }
  if (shown.empty()) {
    out << "no claims in run " << run << "\n";
    return kExitOk;
  }
  Table t({"ID", "KIND", "TEXT", "VALUE", "PRECISION", "BOUND", "STATUS",
           "DOCUMENT"});
  for (const auto* c : shown) {
    std::string st = status_of(*c);
    t.Add({std::to_string(c->id), c->kind, c->text, ValueText(*c),
           PrecisionText(*c), c->bound, st,
           FileName(docs.at(c->document_id)->path)},
          StatusAnsi(st));
  }
  t.Print(out, o.color);
  return kExitOk;
}

int ListCommand(Ledger& ledger, ListFilter filter, const std::string& doc_key,
                const OutputOptions& o, std::ostream& out, std::ostream& err) {
  if (!filter.kind.empty() && !ParseKind(filter.kind)) {
    err << "error: --kind '" << filter.kind << "' is not a claim kind\n";
    return kExitUsage;
  }
  if (filter.run) {
    int64_t run = 0;
    if (int code = ResolveRun(ledger, filter.run, &run, err)) return code;
  }
  if (!doc_key.empty()) {
    int64_t doc = 0;
    if (int code = ResolveDocument(ledger, doc_key, &doc, err)) return code;
    filter.document = doc;
    int64_t run = 0;
    if (int code = PickRun(ledger, filter.run, doc, &run, err)) return code;
    filter.run = run;
  }
  return ListCommand(ledger, filter, o, out, err);
}

int RunsCommand(Ledger& ledger, const OutputOptions& o, std::ostream& out,
                std::ostream& err) {
  auto runs = ledger.Runs();
  if (!runs.ok()) {
    err << "error: " << runs.status().message() << "\n";
    return kExitUnreadable;
  }
  std::vector<RunDetail> details;
  for (const auto& r : *runs) {
    auto d = ledger.GetRun(r.id);
    if (!d.ok() || !*d) {
      err << "error: " << (d.ok() ? "run vanished" : d.status().message())
          << "\n";
      return kExitUnreadable;
    }
    details.push_back(**d);
  }
  auto parse = [](const std::string& s) {
    auto j = nlohmann::json::parse(s, nullptr, false);
    return j.is_discarded() ? nlohmann::json(s) : j;
  };
  if (o.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : details) {
      arr.push_back(
          {{"run", r.id},
           {"status", r.status},
           {"started_at", r.started_at},
           {"ended_at", r.ended_at.empty() ? nlohmann::json(nullptr)
                                           : nlohmann::json(r.ended_at)},
           {"engine_version", r.engine_version},
           {"extractor_version", r.extractor_version},
           {"counts", parse(r.counts_json)},
           {"reviews", r.reviews},
           {"arguments", parse(r.arguments_json)},
           {"rules", parse(r.rules_json)},
           {"reference", parse(r.reference_json)}});
    }
    out << JsonDump(arr, 2) << "\n";
    return kExitOk;
  }
  if (details.empty()) {
    out << "no runs in " << ledger.path() << "\n";
    return kExitOk;
  }
  Table t({"RUN", "STATUS", "STARTED", "ENDED", "DOCS", "CLAIMS",
           "INCONSISTENT", "UNVERIFIABLE", "CONSISTENT", "FAILURES", "REVIEWS",
           "ENGINE"});
  for (const auto& r : details) {
    auto c = parse(r.counts_json);
    auto count = [&](const nlohmann::json& j, const char* key) {
      return j.is_object() && j.contains(key) && j[key].is_number()
                 ? std::to_string(j[key].get<int64_t>())
                 : std::string("-");
    };
    nlohmann::json v = c.is_object() && c.contains("verdicts")
                           ? c["verdicts"]
                           : nlohmann::json::object();
    std::string color =
        r.status == "complete" ? "" : (r.status == "failed" ? "31" : "33");
    t.Add({std::to_string(r.id), r.status, r.started_at, r.ended_at,
           count(c, "documents"), count(c, "claims"),
           v.contains("inconsistent") ? count(v, "inconsistent") : "0",
           v.contains("unverifiable") ? count(v, "unverifiable") : "0",
           v.contains("consistent") ? count(v, "consistent") : "0",
           count(c, "failures"), std::to_string(r.reviews),
           r.engine_version + " " + r.extractor_version},
          color);
  }
  t.Print(out, o.color);
  return kExitOk;
}

}  // namespace claimledger
