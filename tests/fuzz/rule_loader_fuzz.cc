// libFuzzer target over the rule loader: the input is written as a rule
// pack file, with small reference files beside it (rates.csv, facts.yaml,
// a facts/ folder, bad_facts.yaml) for packs to name, and loaded through
// LoadRulebook. Whatever the bytes, loading must not crash and must keep
// its promises: diagnostics with a file and a sane position; a clean
// rulebook's rules valid; and a clean rulebook checks a fixed article into
// verdicts that point at real claims, carry parseable evidence and a
// one-line reason, and come out the same twice. A broken promise aborts.
// Build with -DCLAIMLEDGER_FUZZ=ON and clang; run, e.g.:
//   build-fuzz/tests/rule_loader_fuzz -max_total_time=300 -max_len=4096 \
//       build-fuzz/corpus/rule_loader fixtures/fuzz/rules
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/check.h"
#include "engine/extract.h"
#include "engine/lexicon.h"
#include "engine/rulebook.h"

using namespace claimledger;
namespace fs = std::filesystem;

namespace {

void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "broken promise: %s\n", what);
    std::abort();
  }
}

void Write(const fs::path& p, std::string_view data) {
  std::ofstream out(p, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

// A scratch folder per process with the reference files packs may name.
const fs::path& Dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() /
                 ("claimledger-rule-fuzz-" + std::to_string(getpid()));
    fs::create_directories(d / "facts");
    Write(d / "rates.csv",
          "date,currency,units_per_usd\n2025-01-24,KRW,1433.92\n2025-01-24,GBP,"
          "0.80\n"
          "2025-01-27,KRW,1432.07\n");
    const char* fact =
        "facts:\n  - id: f.cost\n    subject: DeepSeek-V3\n    attribute: "
        "training cost\n"
        "    value: 5576000\n    unit: USD\n    as_of: 2024-12-27\n"
        "    source: https://arxiv.org/abs/2412.19437\n"
        "    match: {subject: [V3], attribute: [훈련 비용], units: [USD]}\n";
    Write(d / "facts.yaml", fact);
    Write(d / "facts/a.yaml", fact);
    Write(d / "facts/b.yaml",
          "facts:\n  - id: f.gpus\n    subject: Llama\n    attribute: GPUs\n"
          "    interval: [16000, 16384]\n    unit: GPUs\n    as_of: 2024-07\n"
          "    source: https://arxiv.org/abs/2407.21783\n"
          "    match: {subject: [메타], attribute: [GPU], units: [개]}\n");
    Write(d / "bad_facts.yaml", "facts:\n  - id: x\n    value: ten\n");
    return d;
  }();
  return dir;
}

struct Article {
  Document doc;
  std::vector<Claim> claims;
};

// One article with a claim for every kind of rule to look at.
const Article& Fixed() {
  static const Article a = [] {
    Lexicon lex;
    Diagnostics d;
    if (!LoadLexiconDir(std::string(CLAIMLEDGER_SOURCE_DIR) + "/rules/lexicon",
                        &lex, &d)) {
      std::abort();
    }
    Article art;
    art.doc.raw =
        "V3 훈련 비용 550만달러(약 79억원), 100만달러(약 14억4000만원), "
        "200만달러(약 22억원). "
        "비용은 1억~10억달러(약 1400억~1조4000억원)이고 10억~1억달러, "
        "1억원~10억달러도 있다. "
        "매출은 100억원에서 130억원으로 30% 늘었다. 점유율은 A사 45%, B사 40%, "
        "C사 25%다. "
        "전체 1,000명 중 남성 600명, 여성 400명이다. 딥시크는 GPU 2,048개를 "
        "썼고 메타는 "
        "1만6384개를 써 8분의 1 수준이다. It weighs 3.5 kg (7.7 lb). 30°C "
        "(86°F). "
        "84㎡(25평). Revenue rose from $100 million to $130 million, up 30%.";
    art.doc.published = *PubDate::Parse("2025-01-24");
    art.claims = Extract(art.doc.body(), lex);
    return art;
  }();
  return a;
}

void CheckVerdicts(const std::vector<Verdict>& verdicts, const Article& a) {
  for (const auto& v : verdicts) {
    Require(v.rule != nullptr, "a verdict names its rule");
    Require(!v.claims.empty(), "a verdict has a claim");
    for (int k : v.claims) {
      Require(k >= 0 && static_cast<size_t>(k) < a.claims.size(),
              "claims in range");
    }
    Require(!v.reason.empty() && v.reason.find('\n') == std::string::npos,
            "a one-line reason");
    Require(nlohmann::json::accept(v.evidence_json), "evidence is JSON");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path pack = Dir() / "pack.yaml";
  Write(pack, std::string_view(reinterpret_cast<const char*>(data), size));
  Diagnostics diags;
  Rulebook book = LoadRulebook({pack.string()}, &diags);
  for (const auto& d : diags) {
    Require(!d.file.empty(), "a diagnostic names its file");
    Require(d.line >= 0 && d.col >= 0 && (d.line == 0 || d.col >= 1),
            "1-based positions");
    Require(d.ToString().find(": error: ") != std::string::npos,
            "file:line:col: error:");
    // The loader turns a stray yaml-cpp exception into this diagnostic
    // rather than crash; for the fuzzer it is still a bug to report.
    Require(d.message.rfind("unexpected YAML error", 0) != 0,
            "no unchecked node access");
  }
  if (!diags.empty()) return 0;
  for (const Rule* r : book.AllRules()) {
    Require(!r->id.empty() && r->version >= 1, "id and version");
    Require(!r->applies_to.empty(), "applies_to filled");
    Require(r->slack.tolerance >= 0 && r->slack.tolerance < 1,
            "tolerance in [0, 1)");
    Require(r->slack.approx_slack >= 0 && r->slack.approx_slack < 1,
            "approx_slack in [0, 1)");
  }
  const Article& a = Fixed();
  auto first = CheckDocument(a.doc, a.claims, book);
  CheckVerdicts(first, a);
  auto second = CheckDocument(a.doc, a.claims, book);
  Require(first.size() == second.size(), "same verdicts twice");
  for (size_t i = 0; i < first.size(); ++i) {
    Require(first[i].evidence_json == second[i].evidence_json,
            "byte-identical evidence");
  }
  return 0;
}
