// Lexicon: the language-specific words the extractor knows, loaded from
// rules/lexicon/<lang>.yaml. The grammar that combines them lives in
// extract.cc; adding a scale word, currency, unit or marker is one row of
// data. Several language files merge into one Lexicon (Korean text writes
// "$" and English text writes "won"). Immutable after loading; safe to
// share between threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/claim.h"
#include "engine/diagnostic.h"

namespace claimledger {

enum class Position { kBefore, kAfter };

struct ScaleWord {
  std::string word;
  int exp = 0;  // multiplies by 10^exp
};

struct UnitWord {
  std::string word;
  Kind kind = Kind::kCount;
  std::string unit;  // ISO 4217 for money, "%", "pp", "x", counter, symbol
  Position position = Position::kAfter;
};

struct MarkerWord {
  std::string word;
  Bound bound = Bound::kApprox;
  Position position = Position::kBefore;
};

struct NumberWord {  // 두 -> 2, three -> 3, 절반 -> 0.5 (kind ratio)
  std::string word;
  std::string value;
};

struct ComparisonCue {
  std::string word;
  std::string relation;  // ahead, behind, more, less, similar, exceeds, gap
};

struct Lexicon {
  std::vector<ScaleWord> scales;
  std::vector<UnitWord> units;
  std::vector<MarkerWord> markers;
  std::vector<std::string> range_separators;
  std::vector<NumberWord> number_words;
  std::vector<ComparisonCue> comparisons;
  // Words that, written right after a number, make it a date or a time
  // rather than a claim (년 월 일 시 분 초). Kept as context.
  std::vector<std::string> date_suffixes;
  std::vector<std::string> files;  // what was loaded, for provenance

  // Sorts every list longest word first so that matching is greedy.
  void Finalize();
};

// Loads one lexicon file into *lex. Problems are appended to *diags
// (file:line:col); returns false when there were any.
bool LoadLexiconFile(const std::string& path, Lexicon* lex, Diagnostics* diags);

// Loads every *.yaml under dir (sorted by name) and finalizes.
bool LoadLexiconDir(const std::string& dir, Lexicon* lex, Diagnostics* diags);

}  // namespace claimledger
