// libFuzzer target over the claim extractor. Any valid UTF-8 input is
// extracted with the bundled lexicon and the result must keep the
// extractor's promises: spans inside the text and on the bytes they name,
// claims in order, pairs that point at each other, a sentence around each
// claim, ranges with both ends. A broken promise aborts, so the fuzzer
// reports it like a crash. Build with -DCLAIMLEDGER_FUZZ=ON and clang
// (tools/fuzz.sh).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "engine/extract.h"
#include "engine/lexicon.h"
#include "engine/text.h"

using namespace claimledger;

namespace {

const Lexicon& Bundled() {
  static const Lexicon lex = [] {
    Lexicon l;
    Diagnostics d;
    if (!LoadLexiconDir(std::string(CLAIMLEDGER_SOURCE_DIR) + "/rules/lexicon", &l, &d)) {
      for (const auto& x : d) std::fprintf(stderr, "%s\n", x.ToString().c_str());
      std::abort();
    }
    return l;
  }();
  return lex;
}

void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "broken promise: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text::FindInvalidUtf8(text)) return 0;  // refused before extraction
  auto claims = Extract(text, Bundled());
  size_t last_begin = 0;
  for (size_t k = 0; k < claims.size(); ++k) {
    const Claim& c = claims[k];
    Require(c.begin < c.end && c.end <= text.size(), "span inside the text");
    Require(text.substr(c.begin, c.end - c.begin) == c.text, "text is the span's bytes");
    Require(c.begin >= last_begin, "claims in order");
    last_begin = c.begin;
    Require(c.sentence_begin <= c.begin && c.end <= c.sentence_end &&
                c.sentence_end <= text.size(),
            "the sentence holds the claim");
    if (c.pair >= 0) {
      Require(static_cast<size_t>(c.pair) < claims.size(), "pair index");
      Require(claims[c.pair].pair == static_cast<int>(k), "pairs point at each other");
    }
    if (c.kind != Kind::kComparison) {
      Require(!c.low.value.ToString().empty() && !c.high.value.ToString().empty(),
              "numeric claims have values");
      Require(c.low.lo <= c.low.hi && c.high.lo <= c.high.hi, "precision intervals");
    }
  }
  return 0;
}
