#include "engine/lexicon.h"

#include <algorithm>
#include <filesystem>
#include <type_traits>

#include "engine/decimal.h"
#include "engine/yaml_strict.h"

namespace claimledger {

namespace {

template <typename T>
void SortLongestFirst(std::vector<T>* v) {
  std::stable_sort(v->begin(), v->end(), [](const T& a, const T& b) {
    return a.word.size() > b.word.size();
  });
}

void SortStrings(std::vector<std::string>* v) {
  std::stable_sort(v->begin(), v->end(), [](const std::string& a, const std::string& b) {
    return a.size() > b.size();
  });
}

// Reads the rows of one top-level list with the keys each row may have.
class Rows {
 public:
  Rows(const YAML::Node& root, yaml_strict::Reader* r) : root_(root), r_(r) {}

  template <typename F>
  void Each(const char* key, const std::set<std::string>& allowed,
            const std::set<std::string>& required, const char* what, F f) {
    YAML::Node list = root_[key];
    if (!list) return;
    if (!list.IsSequence()) {
      r_->Error(list, std::string("'") + key + "' must be a list");
      return;
    }
    for (const auto& n : list) {
      if (!r_->CheckMap(n, allowed, required, what)) continue;
      if (auto w = r_->String(n, "word"); w && w->empty()) {
        r_->Error(n, std::string(what) + " word is empty");
      }
      f(n);
    }
  }

  void Strings(const char* key, std::vector<std::string>* out) {
    YAML::Node list = root_[key];
    if (!list) return;
    if (!list.IsSequence()) {
      r_->Error(list, std::string("'") + key + "' must be a list of strings");
      return;
    }
    for (const auto& n : list) {
      if (!n.IsScalar() || n.Scalar().empty()) {
        r_->Error(n, std::string("'") + key + "' entries must be non-empty strings");
      } else {
        out->push_back(n.Scalar());
      }
    }
  }

  std::vector<std::string> List(const YAML::Node& n, const char* key) {
    std::vector<std::string> out;
    YAML::Node list = n[key];
    if (!list) return out;
    if (!list.IsSequence()) {
      r_->Error(list, std::string("'") + key + "' must be a list of strings");
      return out;
    }
    for (const auto& x : list) {
      if (x.IsScalar()) out.push_back(x.Scalar());
      else r_->Error(x, std::string("'") + key + "' entries must be strings");
    }
    return out;
  }

 private:
  YAML::Node root_;
  yaml_strict::Reader* r_;
};

std::optional<Position> ParsePosition(const std::string& s) {
  if (s == "before") return Position::kBefore;
  if (s == "after") return Position::kAfter;
  return std::nullopt;
}

}  // namespace

void Lexicon::Finalize() {
  SortLongestFirst(&scales);
  // Units with a followed_by condition are tried before the plain unit of
  // the same length (대 as a rank before 대 as a counter).
  std::stable_sort(units.begin(), units.end(), [](const UnitWord& a, const UnitWord& b) {
    if (a.word.size() != b.word.size()) return a.word.size() > b.word.size();
    return !a.followed_by.empty() && b.followed_by.empty();
  });
  SortLongestFirst(&markers);
  SortLongestFirst(&number_words);
  SortLongestFirst(&word_claims);
  SortLongestFirst(&fraction_numerators);
  SortLongestFirst(&fraction_denominators);
  SortLongestFirst(&comparisons);
  SortLongestFirst(&comparison_words);
  std::stable_sort(range_forms.begin(), range_forms.end(),
                   [](const RangeForm& a, const RangeForm& b) {
                     return a.separator.size() > b.separator.size();
                   });
  for (auto* v : {&range_separators, &date_suffixes, &particles, &stop_words,
                  &ordinal_prefixes, &count_nouns, &not_count_nouns}) {
    SortStrings(v);
  }
  auto words = [](const auto& list) {
    std::vector<std::string_view> out;
    for (const auto& e : list) {
      if constexpr (std::is_same_v<std::decay_t<decltype(e)>, std::string>) {
        out.push_back(e);
      } else {
        out.push_back(e.word);
      }
    }
    return out;
  };
  index.scales.Build(words(scales), false);
  index.units.Build(words(units), false);
  index.markers.Build(words(markers), true);
  index.number_words.Build(words(number_words), true);
  index.sino_digits.Build(words(sino_digits), false);
  index.word_claims.Build(words(word_claims), true);
  index.fraction_numerators.Build(words(fraction_numerators), true);
  index.fraction_denominators.Build(words(fraction_denominators), false);
  index.comparisons.Build(words(comparisons), true);
  index.particles.Build(words(particles), false);
  index.stop_words.Build(words(stop_words), true);
  std::vector<uint8_t> starts(WordIndex::kKeys, 0);  // packed into start_bits below
  for (const WordIndex* w : {&index.scales, &index.number_words, &index.sino_digits,
                             &index.word_claims,
                             &index.fraction_numerators, &index.stop_words}) {
    w->MarkKeys(&starts, kClaimStart);
  }
  std::vector<std::string_view> prefixes;
  for (const auto& u : units) {
    if (u.position == Position::kBefore) prefixes.push_back(u.word);
  }
  WordIndex prefix_index;
  prefix_index.Build(prefixes, true);
  prefix_index.MarkKeys(&starts, kClaimStart);
  index.claim_word_list.clear();
  for (auto list : {words(scales), words(number_words), words(sino_digits), words(word_claims),
                    words(fraction_numerators), words(stop_words), prefixes}) {
    for (auto w : list) index.claim_word_list.emplace_back(w);
  }
  index.claim_word_list.emplace_back("\xEC\x88\x98");  // 수, vague amounts
  std::vector<std::string_view> all(index.claim_word_list.begin(), index.claim_word_list.end());
  index.claim_words.Build(all, true);
  index.piece_word_list.clear();
  for (auto w : prefixes) index.piece_word_list.emplace_back(w);
  for (const auto& w : number_words) index.piece_word_list.push_back(w.word);
  std::vector<std::string> heads;
  for (const auto& d : sino_digits) heads.push_back(d.word);
  heads.emplace_back("\xEC\x88\x98");  // 수
  for (const auto& sc : scales) {
    if (sc.word.empty() || static_cast<unsigned char>(sc.word[0]) < 0x80) continue;
    index.piece_word_list.push_back(sc.word);
    for (const auto& h : heads) index.piece_word_list.push_back(h + sc.word);
  }
  std::vector<std::string_view> piece(index.piece_word_list.begin(), index.piece_word_list.end());
  index.piece_words.Build(piece, true);
  for (char c = '0'; c <= '9'; ++c) starts[static_cast<unsigned char>(c)] |= kClaimStart;
  starts['-'] |= kClaimStart;
  for (std::string_view w : {"\xE2\x88\x92", "\xEC\x88\x98"}) {  // − (minus), 수
    starts[WordIndex::Key(w, 0)] |= kClaimStart;
  }
  index.comparisons.MarkKeys(&starts, kComparisonStart);
  index.start_bits.assign(WordIndex::kKeys / 32, 0);
  for (size_t key = 0; key < WordIndex::kKeys; ++key) {
    index.start_bits[key >> 5] |= static_cast<uint64_t>(starts[key] & 3) << ((key & 31) * 2);
  }
  index.range_heads.assign(65536 / 64, 0);
  auto add_head = [&](const std::string& sep) {
    if (sep.empty()) return;
    unsigned b0 = static_cast<unsigned char>(sep[0]);
    for (unsigned b1 = 0; b1 < 256; ++b1) {
      if (sep.size() > 1 && b1 != static_cast<unsigned char>(sep[1])) continue;
      unsigned bit = b0 << 8 | b1;
      index.range_heads[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
  };
  for (const auto& sep : range_separators) add_head(sep);
  for (const auto& f : range_forms) add_head(f.separator);
  index.date_prefix_last_bytes.assign(256, 0);
  for (const auto& w : date_prefixes) {
    if (w.empty()) continue;
    unsigned char last = static_cast<unsigned char>(w.back());
    index.date_prefix_last_bytes[last] = 1;
    if (last >= 'a' && last <= 'z') index.date_prefix_last_bytes[last - 32] = 1;
  }
  index.markers_by_last_byte.assign(256, {});
  for (size_t k = 0; k < markers.size(); ++k) {
    if (markers[k].word.empty()) continue;
    index.markers_by_last_byte[static_cast<unsigned char>(markers[k].word.back())].push_back(
        static_cast<uint16_t>(k));
  }
}

bool LoadLexiconFile(const std::string& path, Lexicon* lex, Diagnostics* diags) {
  size_t before = diags->size();
  auto root = yaml_strict::LoadFile(path, diags);
  if (!root) return false;
  yaml_strict::Reader r(path, diags);
  if (!r.CheckMap(*root,
                  {"lang", "scales", "units", "markers", "range_separators",
                   "range_forms", "number_words", "sino_digits", "word_claims",
                   "fraction_numerators", "fraction_denominators", "count_nouns",
                   "not_count_nouns", "comparisons", "comparison_words",
                   "particles", "stop_words", "ordinal_prefixes", "date_suffixes",
                   "date_prefixes", "decrease_words"},
                  {"lang"}, "lexicon")) {
    return false;
  }
  Rows rows(*root, &r);
  auto kind_of = [&](const YAML::Node& n, Kind* out) {
    if (auto k = r.String(n, "kind")) {
      auto kind = ParseKind(*k);
      if (!kind || *kind == Kind::kComparison) {
        r.Error(n["kind"], "unknown claim kind '" + *k + "'");
      } else {
        *out = *kind;
      }
    }
  };
  auto position_of = [&](const YAML::Node& n, Position* out) {
    if (auto p = r.String(n, "position")) {
      if (auto pos = ParsePosition(*p)) *out = *pos;
      else r.Error(n["position"], "position must be before or after");
    }
  };
  auto decimal_of = [&](const YAML::Node& n) {
    std::string v = r.String(n, "value").value_or("0");
    if (!Decimal::Parse(v)) r.Error(n["value"], "value must be a plain decimal");
    return v;
  };
  rows.Each("scales", {"word", "exp", "needs_context"}, {"word", "exp"}, "scale",
            [&](const YAML::Node& n) {
              lex->scales.push_back({r.String(n, "word").value_or(""),
                                     static_cast<int>(r.Int(n, "exp").value_or(0)),
                                     r.Bool(n, "needs_context").value_or(false)});
            });
  rows.Each("units", {"word", "kind", "unit", "position", "followed_by", "attached"},
            {"word", "kind"}, "unit", [&](const YAML::Node& n) {
              UnitWord u;
              u.word = r.String(n, "word").value_or("");
              kind_of(n, &u.kind);
              u.unit = r.String(n, "unit").value_or("");
              position_of(n, &u.position);
              u.followed_by = rows.List(n, "followed_by");
              u.attached = r.Bool(n, "attached").value_or(false);
              lex->units.push_back(std::move(u));
            });
  rows.Each("markers", {"word", "bound", "position"}, {"word", "bound"}, "marker",
            [&](const YAML::Node& n) {
              MarkerWord m;
              m.word = r.String(n, "word").value_or("");
              if (auto b = r.String(n, "bound")) {
                if (auto bound = ParseBound(*b)) m.bound = *bound;
                else r.Error(n["bound"], "unknown bound '" + *b + "'");
              }
              position_of(n, &m.position);
              lex->markers.push_back(std::move(m));
            });
  auto values = [&](const char* key, const char* what, std::vector<ValueWord>* out) {
    rows.Each(key, {"word", "value"}, {"word", "value"}, what, [&](const YAML::Node& n) {
      out->push_back({r.String(n, "word").value_or(""), decimal_of(n)});
    });
  };
  values("number_words", "number word", &lex->number_words);
  values("sino_digits", "Sino-Korean digit", &lex->sino_digits);
  values("fraction_numerators", "fraction numerator", &lex->fraction_numerators);
  values("fraction_denominators", "fraction denominator", &lex->fraction_denominators);
  rows.Each("word_claims", {"word", "kind", "value", "unit", "preceded_by", "followed_by"},
            {"word", "kind", "value"}, "word claim", [&](const YAML::Node& n) {
              WordClaim w;
              w.word = r.String(n, "word").value_or("");
              kind_of(n, &w.kind);
              w.value = decimal_of(n);
              w.unit = r.String(n, "unit").value_or("");
              w.preceded_by = rows.List(n, "preceded_by");
              w.followed_by = rows.List(n, "followed_by");
              lex->word_claims.push_back(std::move(w));
            });
  rows.Each("comparisons",
            {"word", "relation", "preceded_by", "not_preceded_by", "followed_by",
             "requires_before", "relation_from", "needs_relation_word",
             "followed_by_name"},
            {"word", "relation"}, "comparison cue", [&](const YAML::Node& n) {
              ComparisonCue c;
              c.word = r.String(n, "word").value_or("");
              c.relation = r.String(n, "relation").value_or("");
              c.preceded_by = rows.List(n, "preceded_by");
              c.not_preceded_by = rows.List(n, "not_preceded_by");
              c.followed_by = rows.List(n, "followed_by");
              c.requires_before = rows.List(n, "requires_before");
              c.relation_from = r.String(n, "relation_from").value_or("");
              if (!c.relation_from.empty() && c.relation_from != "before" &&
                  c.relation_from != "after") {
                r.Error(n["relation_from"], "relation_from must be before or after");
              }
              c.needs_relation_word = r.Bool(n, "needs_relation_word").value_or(false);
              c.followed_by_name = r.Bool(n, "followed_by_name").value_or(false);
              lex->comparisons.push_back(std::move(c));
            });
  rows.Each("comparison_words", {"word", "relation"}, {"word", "relation"},
            "comparison word", [&](const YAML::Node& n) {
              lex->comparison_words.push_back(
                  {r.String(n, "word").value_or(""), r.String(n, "relation").value_or("")});
            });
  rows.Each("range_forms", {"before", "separator", "after"}, {"separator"},
            "range form", [&](const YAML::Node& n) {
              lex->range_forms.push_back({r.String(n, "before").value_or(""),
                                          r.String(n, "separator").value_or(""),
                                          r.String(n, "after").value_or("")});
            });
  rows.Strings("range_separators", &lex->range_separators);
  rows.Strings("count_nouns", &lex->count_nouns);
  rows.Strings("not_count_nouns", &lex->not_count_nouns);
  rows.Strings("particles", &lex->particles);
  rows.Strings("stop_words", &lex->stop_words);
  rows.Strings("ordinal_prefixes", &lex->ordinal_prefixes);
  rows.Strings("date_suffixes", &lex->date_suffixes);
  rows.Strings("date_prefixes", &lex->date_prefixes);
  rows.Strings("decrease_words", &lex->decrease_words);
  lex->files.push_back(path);
  return diags->size() == before;
}

bool LoadLexiconDir(const std::string& dir, Lexicon* lex, Diagnostics* diags) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".yaml") paths.push_back(e.path().string());
  }
  if (ec) {
    diags->push_back({dir, 0, 0, "cannot read lexicon folder: " + ec.message(), ""});
    return false;
  }
  if (paths.empty()) {
    diags->push_back({dir, 0, 0, "no lexicon files (*.yaml) found", ""});
    return false;
  }
  std::sort(paths.begin(), paths.end());
  bool ok = true;
  for (const auto& p : paths) ok = LoadLexiconFile(p, lex, diags) && ok;
  lex->Finalize();
  return ok;
}

}  // namespace claimledger
