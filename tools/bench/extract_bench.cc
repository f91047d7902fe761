// extract_bench: throughput of claim extraction alone, on one core, over a
// generated multi-megabyte corpus of Korean and English news text.
//
// Two corpora, both deterministic (fixed seeds), Korean and English mixed:
//  - news: articles written by the corpus generator (tools/app/corpus_gen.h),
//    about as dense in claims as the seed article (one per 220-280 bytes);
//  - dense: the hand-checked evaluation articles and the seed, with every
//    digit re-drawn so that no two copies are the same text; written to
//    exercise the extractor, they hold about three times as many claims
//    per byte as news text.
// Prints MB/s and claims/s for the best of several passes over each.
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

#include <unistd.h>

#include "engine/document.h"
#include "engine/extract.h"
#include "engine/lexicon.h"
#include "engine/sha256.h"
#include "tools/app/corpus_gen.h"

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

struct Measure {
  double mb_per_s = 0;
  double claims_per_s = 0;
  size_t claims = 0;
  double best = 0;
};

Measure Time(const std::vector<std::string>& docs, size_t bytes, const Lexicon& lex,
             int passes) {
  Measure m;
  m.best = 1e30;
  for (int p = 0; p < passes; ++p) {
    size_t n = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (const auto& d : docs) n += Extract(d, lex).size();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    m.best = std::min(m.best, s);
    m.claims = n;
  }
  m.mb_per_s = bytes / 1048576.0 / m.best;
  m.claims_per_s = m.claims / m.best;
  return m;
}

std::string Digest(const std::vector<std::string>& docs, const Lexicon& lex) {
  std::string all;
  for (const auto& d : docs) {
    for (const Claim& c : Extract(d, lex)) {
      all += std::to_string(c.begin) + ' ' + std::to_string(c.end) + ' ' +
             std::string(KindName(c.kind)) + ' ' + c.low.value.ToString() + ' ' +
             c.high.value.ToString() + ' ' + std::to_string(c.low.lo) + ' ' +
             std::to_string(c.high.hi) + ' ' + c.unit + ' ' +
             std::to_string(static_cast<int>(c.bound)) + ' ' + std::to_string(c.pair) + ' ' +
             std::to_string(c.sentence_begin) + ' ' + std::to_string(c.sentence_end) + ' ' +
             c.subject + '|' + c.relation + '|' + c.object + '\n';
    }
  }
  return Sha256Hex(all);
}

// Generated news articles of about `megabytes` in a scratch folder, read
// back as bodies; the folder is removed.
std::vector<std::string> NewsCorpus(const std::string& root, size_t megabytes, size_t* bytes) {
  fs::path dir = fs::temp_directory_path() /
                 ("claimledger-extract-bench-" + std::to_string(::getpid()));
  CorpusOptions co;
  co.out_dir = dir.string();
  co.count = megabytes * 1048576 / 1900 + 1;  // articles average about 1.9 KB
  co.seed = 20250127;
  co.fx_path = root + "/rules/reference/fx/ecb/eurofxref-hist.csv";
  auto stats = GenerateCorpus(co);
  std::vector<std::string> docs;
  *bytes = 0;
  if (!stats.ok()) {
    std::fprintf(stderr, "news corpus: %s\n", stats.status().message().c_str());
  } else {
    std::vector<std::string> paths;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.path().extension() == ".md") paths.push_back(e.path().string());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      auto doc = LoadDocument(p, {});
      if (!doc.ok()) continue;
      docs.emplace_back(doc->body());
      *bytes += docs.back().size();
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return docs;
}

}  // namespace

int main(int argc, char** argv) {
  size_t megabytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 32;
  int passes = argc > 2 ? std::atoi(argv[2]) : 5;
  bool digest = argc > 3 && std::string(argv[3]) == "--digest";
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
  size_t news_bytes = 0;
  auto news = NewsCorpus(root, megabytes, &news_bytes);
  if (news.empty()) return 2;
  std::mt19937_64 rng(20250127);
  std::vector<std::string> dense;
  size_t dense_bytes = 0;
  while (dense_bytes < megabytes << 20) {
    dense.push_back(Vary(bodies[rng() % bodies.size()], rng));
    dense_bytes += dense.back().size();
  }
  struct Corpus {
    const char* name;
    const std::vector<std::string>* docs;
    size_t bytes;
  };
  for (const Corpus& c : {Corpus{"news", &news, news_bytes}, Corpus{"dense", &dense, dense_bytes}}) {
    Measure m = Time(*c.docs, c.bytes, lex, passes);
    std::printf("%-5s  %6zu documents, %5.1f MB: %6.1f MB/s, %8.0f claims/s, %zu claims "
                "(one per %.0f bytes), best of %d passes %.3f s\n",
                c.name, c.docs->size(), c.bytes / 1048576.0, m.mb_per_s, m.claims_per_s,
                m.claims, static_cast<double>(c.bytes) / static_cast<double>(m.claims),
                passes, m.best);
    if (digest) std::printf("%-5s  claims digest %s\n", c.name, Digest(*c.docs, lex).c_str());
  }
  return 0;
}
