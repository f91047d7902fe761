// Helpers shared by the evaluators (check_internal.h).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "engine/check_internal.h"

namespace claimledger::check_internal {

using nlohmann::json;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The plain digit runs of a claim's text: "1,234.5" is one run, "1조4000억"
// two, "$5.5 million" one.
std::vector<std::string> DigitRuns(std::string_view t) {
  std::vector<std::string> runs;
  size_t i = 0;
  while (i < t.size()) {
    if (!IsDigit(t[i])) {
      ++i;
      continue;
    }
    std::string run;
    bool dot = false;
    while (i < t.size()) {
      char c = t[i];
      bool digit_follows = i + 1 < t.size() && IsDigit(t[i + 1]);
      if (IsDigit(c)) {
        run.push_back(c);
      } else if (c == ',' && digit_follows && !dot) {
        run.push_back(c);
      } else if (c == '.' && digit_follows && !dot) {
        run.push_back(c);
        dot = true;
      } else {
        break;
      }
      ++i;
    }
    runs.push_back(run);
  }
  return runs;
}

}  // namespace

bool Overlaps(const Interval& a, const Interval& b) {
  return a.lo <= b.hi && b.lo <= a.hi;
}

Interval Widen(const Interval& iv, double relative) {
  return {iv.lo - std::fabs(iv.lo) * relative,
          iv.hi + std::fabs(iv.hi) * relative};
}

json IntervalJson(const Interval& iv) {
  return {std::isfinite(iv.lo) ? json(iv.lo) : json(nullptr),
          std::isfinite(iv.hi) ? json(iv.hi) : json(nullptr)};
}

void WriteInterval(JsonOut& j, const Interval& iv) {
  j.BeginArray().Number(iv.lo).Number(iv.hi).EndArray();
}

const Amount& End(const Claim& c, int end) { return end == 0 ? c.low : c.high; }

std::optional<double> WrittenHalfUnit(const Claim& c, int end) {
  auto runs = DigitRuns(c.text);
  size_t want = c.is_range ? 2 : 1;
  if (runs.size() != want) return std::nullopt;
  const std::string& run = runs[c.is_range ? end : 0];
  auto m = Decimal::Parse(run);
  if (!m || m->IsZero()) return std::nullopt;
  double written = m->ToDouble();
  double v = std::fabs(End(c, end).value.ToDouble());
  if (v == 0) return std::nullopt;
  double scale_exp = std::round(std::log10(v / written));
  if (std::fabs(v / written / std::pow(10.0, scale_exp) - 1) > 1e-9)
    return std::nullopt;
  size_t dot = run.find('.');
  int frac =
      dot == std::string::npos ? 0 : static_cast<int>(run.size() - dot - 1);
  return 0.5 * std::pow(10.0, scale_exp - frac);
}

Interval ClaimInterval(const Claim& c, int end, const Slack& s) {
  const Amount& a = End(c, end);
  Interval iv{a.lo, a.hi};
  if (s.trailing_zeros_significant) {
    if (auto half = WrittenHalfUnit(c, end)) {
      double v = a.value.ToDouble();
      iv = {v - *half, v + *half};
    }
  }
  switch (c.bound) {
    case Bound::kExact:
      break;
    case Bound::kApprox:
      iv = Widen(iv, s.approx_slack);
      break;
    case Bound::kAtLeast:
    case Bound::kMoreThan:
      iv.hi = kInf;
      break;
    case Bound::kAtMost:
    case Bound::kLessThan:
      iv.lo = iv.lo >= 0 ? 0 : -kInf;
      break;
  }
  return iv;
}

json ClaimJson(const std::vector<Claim>& claims, int index, const Slack& s) {
  const Claim& c = claims[index];
  json j;
  j["index"] = index;
  j["text"] = c.text;
  j["kind"] = std::string(KindName(c.kind));
  j["unit"] = c.unit;
  j["bound"] = std::string(BoundName(c.bound));
  j["span"] = {c.begin, c.end};
  if (c.is_range) {
    j["low"] = c.low.value.ToString();
    j["high"] = c.high.value.ToString();
    j["interval"] = {IntervalJson(ClaimInterval(c, 0, s)),
                     IntervalJson(ClaimInterval(c, 1, s))};
  } else {
    j["value"] = c.low.value.ToString();
    j["interval"] = IntervalJson(ClaimInterval(c, 0, s));
  }
  return j;
}

std::string_view Sentence(const Document& doc, const Claim& c) {
  std::string_view body = doc.body();
  size_t b = std::min(c.sentence_begin, body.size());
  size_t e = std::min(std::max(c.sentence_end, b), body.size());
  return body.substr(b, e - b);
}

namespace {

// FindWord's matching on a text and a word both lower-cased already (ASCII
// case is all that differs; the boundary test does not depend on it).
// string_view::find looks for candidates with memchr and memcmp, which is
// what keeps word lists over every claim's sentence cheap.
std::optional<size_t> FindLowered(std::string_view text, std::string_view word,
                                  bool prefix, size_t from) {
  if (word.empty() || word.size() > text.size()) return std::nullopt;
  bool left_alpha = IsAsciiAlnum(word.front());
  bool right_alpha = !prefix && IsAsciiAlnum(word.back());
  for (size_t i = text.find(word, from); i != std::string_view::npos;
       i = text.find(word, i + 1)) {
    if (left_alpha && i > 0 && IsAsciiAlnum(text[i - 1])) continue;
    size_t after = i + word.size();
    if (right_alpha && after < text.size() && IsAsciiAlnum(text[after]))
      continue;
    return i;
  }
  return std::nullopt;
}

}  // namespace

std::optional<size_t> FindWord(std::string_view text, std::string_view word,
                               size_t from) {
  bool prefix = !word.empty() && word.back() == '*';
  if (prefix) word.remove_suffix(1);
  if (word.empty() || word.size() > text.size() || from >= text.size()) {
    return std::nullopt;
  }
  // Lower-case from one byte before `from` (the left boundary), not the
  // whole text: WordBefore searches the end of a long body.
  size_t base = from > 0 ? from - 1 : 0;
  std::string lowered = LowerAscii(text.substr(base));
  auto at = FindLowered(lowered, LowerAscii(word), prefix, from - base);
  if (!at) return std::nullopt;
  return base + *at;
}

std::optional<WordHit> FindAny(std::string_view text,
                               const std::vector<std::string>& words) {
  return FindAnyLowered(LowerAscii(text), words);
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

size_t SentenceWords::Pair(char a, char b) {
  size_t x = static_cast<unsigned char>(a), y = static_cast<unsigned char>(b);
  return (x * 0x9E5 + y * 0x3B) % kPairBits;
}

SentenceWords::SentenceWords(std::string_view sentence)
    : lowered_(LowerAscii(sentence)) {
  for (size_t i = 0; i + 1 < lowered_.size(); ++i) {
    size_t p = Pair(lowered_[i], lowered_[i + 1]);
    pairs_[p >> 6] |= uint64_t{1} << (p & 63);
  }
}

const SentenceWords& DocumentSentences::Words(const Claim& c) {
  auto& slot = by_begin_[c.sentence_begin];
  if (!slot) slot = std::make_unique<SentenceWords>(Sentence(doc_, c));
  return *slot;
}

bool SentenceWords::MayHold(std::string_view word) const {
  for (size_t i = 0; i + 1 < word.size(); ++i) {
    size_t p = Pair(Lower(word[i]), Lower(word[i + 1]));
    if (!(pairs_[p >> 6] >> (p & 63) & 1)) return false;
  }
  return true;
}

std::optional<WordHit> SentenceWords::FindAny(
    const std::vector<std::string>& words) const {
  return FindAnyLowered(lowered_, words, this);
}

std::optional<WordHit> FindAnyLowered(std::string_view lowered,
                                      const std::vector<std::string>& words,
                                      const SentenceWords* filter) {
  std::optional<WordHit> best;
  std::string word_lowered;
  for (const auto& w : words) {
    std::string_view word = w;
    bool prefix = !word.empty() && word.back() == '*';
    if (prefix) word.remove_suffix(1);
    if (filter && !filter->MayHold(word)) continue;  // a pair it lacks
    // Most words (all the Korean ones) have no capital to fold.
    if (std::any_of(word.begin(), word.end(),
                    [](char c) { return c >= 'A' && c <= 'Z'; })) {
      word_lowered = LowerAscii(word);
      word = word_lowered;
    }
    auto at = FindLowered(lowered, word, prefix, 0);
    if (!at) continue;
    if (!best || *at < best->pos) best = WordHit{*at, word.size(), w};
  }
  return best;
}

bool WordBefore(std::string_view body, size_t pos, size_t limit_begin,
                const std::vector<std::string>& words) {
  size_t end = std::min(pos, body.size());
  while (end > limit_begin && body[end - 1] == ' ') --end;
  for (const auto& w : words) {
    std::string_view word = w;
    if (!word.empty() && word.back() == '*') word.remove_suffix(1);
    if (word.empty() || end < limit_begin + word.size()) continue;
    size_t at = end - word.size();
    if (FindWord(body.substr(0, end), word, at) == at) return true;
  }
  return false;
}

bool WordAfter(std::string_view body, size_t pos, size_t limit_end,
               const std::vector<std::string>& words) {
  limit_end = std::min(limit_end, body.size());
  size_t begin = std::min(pos, limit_end);
  while (begin < limit_end && body[begin] == ' ') ++begin;
  for (const auto& w : words) {
    // Korean particles attach to the amount ("100억원에서"), so only the
    // right side of an ASCII word needs a boundary here. Only the word's
    // own bytes and the one after it are looked at: a sentence holding
    // thousands of amounts stays linear.
    size_t len = w.size() - (!w.empty() && w.back() == '*' ? 1 : 0);
    std::string_view rest = body.substr(0, std::min(limit_end, begin + len + 1));
    auto at = FindWord(rest, w, begin);
    if (at == begin) return true;
  }
  return false;
}

bool IsPairSecond(const std::vector<Claim>& claims, size_t i) {
  int p = claims[i].pair;
  return p >= 0 && static_cast<size_t>(p) < i;
}

std::string Compact(double v) {
  if (std::fabs(v) >= 1e4) return FormatNumber(v);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string Percent(double relative) {
  // What printf("%+.1f%%") writes: to_chars with a precision rounds as
  // printf does; the sign of a positive value (and of +0.0) is added.
  double v = relative * 100;
  char buf[400];  // the largest double has 309 integer digits
  char* p = buf;
  if (!std::signbit(v)) *p++ = '+';
  auto r = std::to_chars(p, buf + sizeof buf - 1, v, std::chars_format::fixed, 1);
  *r.ptr++ = '%';
  return std::string(buf, static_cast<size_t>(r.ptr - buf));
}

void AppendAll(std::string* out,
               std::initializer_list<std::string_view> pieces) {
  size_t n = out->size();
  for (auto p : pieces) n += p.size();
  out->reserve(n);
  for (auto p : pieces) out->append(p);
}

std::string TolerancePercent(double tolerance) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g%%", tolerance * 100);
  return buf;
}

std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Verdict NewVerdict(const Rule& rule, std::vector<int> claims) {
  Verdict v;
  v.rule = &rule;
  v.claims = std::move(claims);
  v.tolerance = rule.slack.tolerance;
  v.status = VerdictStatus::kUnverifiable;
  return v;
}

}  // namespace claimledger::check_internal
