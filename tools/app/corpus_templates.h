// The sentence templates of the generated corpus (corpus_gen.h), one set
// per language. Slots in braces are filled by corpus_gen.cc: {co} and
// {co2} companies, {place}, {person}, {pct} and {pct2} percentages, {n} a
// count, {q} a quarter (1-4) and {qth} its English ordinal, {rank} and
// {rank_ord} a rank, {mult} a multiple, {pair} a money conversion.
// Plain constant data; safe to read from any thread.
#pragma once

#include <string_view>
#include <vector>

namespace claimledger::corpus {

struct Templates {
  std::vector<std::string_view> headlines;
  std::vector<std::string_view> fillers;  // sentences without a conversion
  std::vector<std::string_view> pairs;    // sentences with {pair}
  // Background sentences with no number at all, so that the corpus has
  // about the density of claims of a real article (the seed article has
  // one claim per 280 bytes).
  std::vector<std::string_view> background;
  std::vector<std::string_view> companies;
  std::vector<std::string_view> places;
  std::vector<std::string_view> people;
};

const Templates& KoreanTemplates();
const Templates& EnglishTemplates();

}  // namespace claimledger::corpus
