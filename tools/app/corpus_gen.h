// GenerateCorpus: writes N news articles, Korean and English, with known
// answers, for scale tests and benchmarks (tools/gen_corpus.cc,
// tools/bench/batch_bench.cc, tests/batch_test.cc).
//
// Each article is made from the sentence templates in corpus_templates.cc
// and carries one to three money conversions ("550만달러(약 79억원)",
// "$5.5 million (about 7.9 billion won)"). A correct conversion uses the
// midpoint of the ECB rates of the article's publication window (the day
// or month, with the seven days before, as fx.pair reads it), rounded to
// the digits written; a planted error multiplies the converted amount by
// 10, 1.2 or 0.8 before rounding. DIR/manifest.jsonl lists every
// conversion with the fx.pair status it must get.
//
// Article I depends only on (seed, I): a corpus of 1,000 is the first
// 1,000 articles of one of 100,000 with the same seed. Files go to
// DIR/NNN/NNNNNN.md, a thousand per folder. Not thread-safe (one call
// writes one folder).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/fx.h"
#include "engine/status.h"

namespace claimledger {

struct CorpusOptions {
  std::string out_dir;
  size_t count = 1000;
  uint64_t seed = 1;
  std::string fx_path;  // the ECB eurofxref-hist.csv the rule reads
  // The same file loaded already (fx_path is then not read): callers that
  // write several corpora load it once.
  std::shared_ptr<const FxTable> fx;
  // Share of conversions written wrong on purpose.
  double error_share = 0.2;
};

struct CorpusStats {
  size_t articles = 0;
  size_t bytes = 0;
  size_t conversions = 0;
  size_t planted = 0;  // conversions written wrong on purpose
};

// Fails when the rate file does not load or a file cannot be written.
Result<CorpusStats> GenerateCorpus(const CorpusOptions& options);

// The manifest's name inside the output folder.
inline constexpr const char* kCorpusManifest = "manifest.jsonl";

}  // namespace claimledger
