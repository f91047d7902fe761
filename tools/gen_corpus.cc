// gen_corpus: writes a corpus of generated Korean and English articles with
// known conversions (tools/app/corpus_gen.h) for scale tests and benchmarks.
//
// Usage: gen_corpus --out DIR --count N [--seed S] [--errors SHARE] [--fx FILE]
#include <CLI/CLI.hpp>
#include <cstdio>

#include "tools/app/commands.h"
#include "tools/app/corpus_gen.h"

using namespace claimledger;

int main(int argc, char** argv) {
  CLI::App app{"gen_corpus: writes generated articles with known verdicts"};
  CorpusOptions o;
  app.add_option("--out", o.out_dir, "folder to write into")->required();
  app.add_option("--count", o.count, "number of articles")->required();
  app.add_option("--seed", o.seed,
                 "seed (the same seed writes the same corpus)");
  app.add_option("--errors", o.error_share,
                 "share of conversions written wrong")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--fx", o.fx_path, "ECB rate file (default: the bundled one)");
  CLI11_PARSE(app, argc, argv);
  if (o.fx_path.empty())
    o.fx_path = FindRulesDir() + "/reference/fx/ecb/eurofxref-hist.csv";
  auto stats = GenerateCorpus(o);
  if (!stats.ok()) {
    std::fprintf(stderr, "gen_corpus: %s\n", stats.status().message().c_str());
    return 1;
  }
  std::printf(
      "%zu articles, %.1f MB, %zu conversions (%zu planted errors), "
      "seed %llu; manifest %s/%s\n",
      stats->articles, static_cast<double>(stats->bytes) / 1048576.0,
      stats->conversions, stats->planted,
      static_cast<unsigned long long>(o.seed), o.out_dir.c_str(),
      kCorpusManifest);
  return 0;
}
