// extract_bench: throughput of claim extraction alone, on one core, over a
// generated multi-megabyte corpus of Korean and English news text.
//
// The corpus is built deterministically (fixed seed) from the bodies of the
// hand-checked articles in fixtures/eval and the seed article, with every
// digit run re-drawn so that no two copies are the same text. Prints MB/s
// and claims/s for the best of several passes.
//
// With --digest, also prints a SHA-256 over every claim of the corpus (span, kind, values,
// unit, bound, pair, sentence, comparison sides): a change meant only to
// make extraction faster must leave it as it was.
//
// Usage: extract_bench [MEGABYTES] [PASSES] [--digest]   (defaults 32 and 5)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/document.h"
#include "engine/extract.h"
#include "engine/lexicon.h"
#include "engine/sha256.h"

namespace fs = std::filesystem;
using namespace claimledger;

namespace {

std::vector<std::string> LoadBodies(const std::string& root) {
  std::vector<std::string> paths;
  for (const auto& e : fs::recursive_directory_iterator(root + "/fixtures")) {
    std::string p = e.path().string();
    if (e.path().extension() == ".md" &&
        (p.find("/eval/") != std::string::npos || p.find("/articles/") != std::string::npos)) {
      paths.push_back(p);
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> bodies;
  for (const auto& p : paths) {
    auto doc = LoadDocument(p, {});
    if (doc.ok()) bodies.emplace_back(doc->body());
  }
  return bodies;
}

// Re-draws each digit so copies differ while keeping the text's shape.
std::string Vary(const std::string& body, std::mt19937_64& rng) {
  std::string out = body;
  for (char& c : out) {
    if (c >= '1' && c <= '9') c = static_cast<char>('1' + rng() % 9);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  size_t megabytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 32;
  int passes = argc > 2 ? std::atoi(argv[2]) : 5;
  std::string root = CLAIMLEDGER_SOURCE_DIR;
  Lexicon lex;
  Diagnostics diags;
  if (!LoadLexiconDir(root + "/rules/lexicon", &lex, &diags)) {
    for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.ToString().c_str());
    return 2;
  }
  auto bodies = LoadBodies(root);
  if (bodies.empty()) {
    std::fprintf(stderr, "no fixture articles under %s/fixtures\n", root.c_str());
    return 2;
  }
  std::mt19937_64 rng(20250127);
  std::vector<std::string> docs;
  size_t total = 0;
  while (total < megabytes << 20) {
    docs.push_back(Vary(bodies[rng() % bodies.size()], rng));
    total += docs.back().size();
  }
  std::printf("corpus: %zu documents, %.1f MB (%zu source articles, seed 20250127)\n",
              docs.size(), total / 1048576.0, bodies.size());
  double best = 1e30;
  size_t claims = 0;
  for (int p = 0; p < passes; ++p) {
    size_t n = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (const auto& d : docs) n += Extract(d, lex).size();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
    claims = n;
  }
  std::string all;
  bool digest = argc > 3 && std::string(argv[3]) == "--digest";
  for (const auto& d : digest ? docs : std::vector<std::string>{}) {
    for (const Claim& c : Extract(d, lex)) {
      all += std::to_string(c.begin) + ' ' + std::to_string(c.end) + ' ' + std::string(KindName(c.kind)) +
             ' ' + c.low.value.ToString() + ' ' + c.high.value.ToString() + ' ' +
             std::to_string(c.low.lo) + ' ' + std::to_string(c.high.hi) + ' ' + c.unit + ' ' +
             std::to_string(static_cast<int>(c.bound)) + ' ' + std::to_string(c.pair) + ' ' +
             std::to_string(c.sentence_begin) + ' ' + std::to_string(c.sentence_end) + ' ' +
             c.subject + '|' + c.relation + '|' + c.object + '\n';
    }
  }
  if (digest) std::printf("claims digest: %s\n", Sha256Hex(all).c_str());
  std::printf("extract: %.1f MB/s, %.0f claims/s, %zu claims, best of %d passes %.3f s\n",
              total / 1048576.0 / best, claims / best, claims, passes, best);
  return 0;
}
