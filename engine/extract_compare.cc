// Comparisons: a sentence that sets two entities or quantities against each
// other with a cue from the lexicon ("o1보다 앞선", "미국에 비해 작다",
// "R1 is ahead of o1", "Arsenal spent more than Chelsea"). A cue counts
// only where the sentence shows what is compared; the conditions are data
// (preceded_by, requires_before, relation_from, followed_by_name), and
// where numbers stand on both sides of "compared with" their order gives
// the relation.
#include <algorithm>

#include "engine/extract_internal.h"
#include "engine/text.h"

namespace claimledger::extract_internal {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsBreak(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Space-delimited tokens before i and after j, up to the line's edge.
std::string_view TokenBefore(std::string_view s, size_t i) {
  size_t e = i;
  while (e > 0 && s[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && !IsBreak(s[b - 1])) --b;
  return s.substr(b, e - b);
}

std::string_view TokenAfter(std::string_view s, size_t j) {
  while (j < s.size() && s[j] == ' ') ++j;
  size_t e = j;
  while (e < s.size() && !IsBreak(s[e])) ++e;
  return s.substr(j, e - j);
}

// "Chelsea", "o1", "GPT-4": capitalised, or a word with a digit in it;
// not a number ("40").
bool LooksLikeName(std::string_view w) {
  if (w.empty() || !IsAlpha(w[0])) return false;
  if (w[0] >= 'A' && w[0] <= 'Z') return true;
  for (char c : w) {
    if (IsDigit(c)) return true;
  }
  return false;
}

}  // namespace

// The side of a comparison that the sentence talks about. Korean: the
// nearest word before the cue marked as topic or subject (은 는 이 가),
// without its particle ("딥시크 R1은 o1보다 앞선" -> "R1"). English: the
// nearest run of capitalised words or words with digits before the cue
// ("The Kia EV3 rivals" -> "Kia EV3").
// The words after an English cue that name the other side: an article is
// skipped and a run of names kept ("the US Federal Reserve").
std::string Extractor::ObjectAfter(size_t end) const {
  std::string out;
  size_t at = end;
  for (int k = 0; k < 5; ++k) {
    std::string_view w = NextWord(at);
    if (w.empty()) break;
    at = static_cast<size_t>(w.data() - s_.data()) + w.size();
    if (out.empty() && (w == "the" || w == "a" || w == "an")) continue;
    if (!out.empty() && !LooksLikeName(w)) break;
    out += out.empty() ? std::string(w) : " " + std::string(w);
    if (!LooksLikeName(w)) break;
  }
  return out;
}

std::string Extractor::FindSubject(size_t cue, const std::string& object) const {
  static const std::string_view kParticles[] = {"\xEC\x9D\x80", "\xEB\x8A\x94",
                                                "\xEC\x9D\xB4", "\xEA\xB0\x80"};
  std::string english;
  size_t at = cue;
  for (int k = 0; k < 12; ++k) {
    std::string_view w = TokenBefore(s_, at);
    if (w.empty()) break;
    at = static_cast<size_t>(w.data() - s_.data());
    bool stop = w.back() == '.' || w.back() == '!' || w.back() == '?';
    std::string_view core = w;
    while (!core.empty() && (core.back() == ',' || core.back() == '.' || core.back() == '\'' ||
                             core.back() == '"')) {
      core.remove_suffix(1);
    }
    for (auto p : kParticles) {
      if (core.size() > p.size() && core.substr(core.size() - p.size()) == p) {
        std::string subject(core.substr(0, core.size() - p.size()));
        if (subject != object) return subject;
      }
    }
    if (stop) break;
    if (LooksLikeName(core) && core != object) {
      english = english.empty() ? std::string(core) : std::string(core) + " " + english;
    } else if (!english.empty()) {
      break;
    }
  }
  return english;
}

void Extractor::FindComparisons(const std::vector<size_t>& positions) {
  const size_t numeric_claims = claims_.size();
  size_t done = 0;  // cues do not overlap: skip positions inside the last one
  for (size_t i : positions) {
    if (i < done) continue;
    const ComparisonCue* hit = nullptr;
    size_t len = 0;
    for (uint16_t k : lex_.index.comparisons.At(s_, i)) {
      const ComparisonCue& c = lex_.comparisons[k];
      size_t l = numeral::MatchWord(s_, i, c.word, true);
      if (!l) continue;
      bool hangul = static_cast<unsigned char>(c.word[0]) >= 0x80;
      if (hangul && !KoreanWordEndsAt(i + l)) continue;
      hit = &c;
      len = l;
      break;
    }
    // A cue counts at the start of a word, and not inside a stop word.
    if (!hit || PrevIsWordChar(i)) continue;
    bool stopped = false;
    for (uint16_t k : lex_.index.stop_words.At(s_, i)) {
      if (numeral::MatchWord(s_, i, lex_.stop_words[k], true)) stopped = true;
    }
    if (stopped) continue;
    size_t end = i + len;
    std::string_view prev = PrevWord(i);
    bool ok = true;
    std::string object;
    bool preceded = !hit->preceded_by.empty() && WordIn(prev, hit->preceded_by);
    // With followed_by_name, preceded_by is an alternative ("lagged behind
    // the yen"); otherwise it is a requirement.
    if (!hit->preceded_by.empty() && !hit->followed_by_name) ok = preceded;
    if (ok && !hit->not_preceded_by.empty()) ok = !prev.empty() && !WordIn(prev, hit->not_preceded_by);
    if (ok && !hit->requires_before.empty()) {
      ok = false;
      size_t at = i;
      for (int k = 0; k < 3 && !ok; ++k) {
        std::string_view w = TokenBefore(s_, at);
        if (w.empty()) break;
        for (const auto& suffix : hit->requires_before) {
          if (EndsWith(w, suffix) && w.size() > suffix.size()) {
            ok = true;
            object = std::string(w.substr(0, w.size() - suffix.size()));
            break;
          }
        }
        at = static_cast<size_t>(w.data() - s_.data());
      }
    }
    if (ok && (hit->followed_by_name || !hit->followed_by.empty())) {
      std::string_view next = NextWord(end);
      bool listed = WordIn(next, hit->followed_by);
      bool name = false;
      if (hit->followed_by_name) {
        name = LooksLikeName(next);
        if (!name && (next == "the" || next == "that" || next == "those")) {
          std::string_view after = NextWord(static_cast<size_t>(next.data() - s_.data()) + next.size());
          name = LooksLikeName(after) || after == "of";
        }
      }
      ok = listed || name || preceded;
      if (ok) object = ObjectAfter(end);
    }
    std::string relation = hit->relation;
    if (ok && !hit->relation_from.empty()) {
      bool found = false;
      // In English the figures on each side of "compared with" give the
      // direction ("38% of output, compared with 61%"); in Korean the
      // adjective after 비해 states it, and the figure after it is often
      // the difference ("3.7명에 비해 1.1명 적다"), so figures come last.
      bool after_cue = hit->relation_from == "after";
      auto by_figures = [&] {
        // Numeric claims are in text order: find the ones around the cue
        // by binary search, so a long text full of cues stays linear.
        auto first_after = std::lower_bound(
            claims_.begin(), claims_.begin() + static_cast<std::ptrdiff_t>(numeric_claims), end,
            [](const Claim& c, size_t pos) { return c.begin < pos; });
        const Claim* after = nullptr;
        const Claim* before = nullptr;
        if (first_after != claims_.begin() + static_cast<std::ptrdiff_t>(numeric_claims) &&
            first_after->begin - end < 40) {
          after = &*first_after;
        }
        if (first_after != claims_.begin()) {
          const Claim& c = *std::prev(first_after);
          if (c.end <= i && i - c.end < 80) before = &c;
        }
        if (!before || !after || before->kind != after->kind || before->unit != after->unit) {
          return;
        }
        auto signed_value = [&](const Claim& c) {
          double v = c.low.value.ToDouble();
          for (auto w : {TokenBefore(s_, c.begin), TokenAfter(s_, c.end)}) {
            std::string_view lw = w.substr(0, w.find_first_of(",;."));
            for (const auto& d : lex_.decrease_words) {
              if (FoldedEquals(lw, d)) return -v;
            }
          }
          return v;
        };
        double a = signed_value(*before), b = signed_value(*after);
        relation = a > b ? "more" : a < b ? "less" : "similar";
        found = true;
      };
      if (!after_cue) by_figures();
      size_t at = after_cue ? end : i;
      for (int k = 0; k < 3 && !found; ++k) {
        std::string_view w = hit->relation_from == "after" ? TokenAfter(s_, at) : TokenBefore(s_, at);
        if (w.empty()) break;
        for (const auto& cw : lex_.comparison_words) {
          bool hangul = static_cast<unsigned char>(cw.word[0]) >= 0x80;
          bool match = hangul ? w.compare(0, cw.word.size(), cw.word) == 0
                              : FoldedEquals(w.substr(0, w.find_first_of(",;")), cw.word);
          if (match) {
            relation = cw.value;
            found = true;
            break;
          }
        }
        at = hit->relation_from == "after"
                 ? static_cast<size_t>(w.data() - s_.data()) + w.size()
                 : static_cast<size_t>(w.data() - s_.data());
      }
      if (!found && after_cue) by_figures();
      if (!found && hit->needs_relation_word) ok = false;
    }
    if (!ok) continue;
    if (object.empty() && hit->relation_from.empty() && hit->requires_before.empty()) {
      object = ObjectAfter(end);
    }
    std::string subject = FindSubject(i, object);
    Claim c;
    c.kind = Kind::kComparison;
    c.begin = i;
    c.end = end;
    c.text = std::string(s_.substr(i, len));
    c.relation = relation;
    c.object = object;
    c.subject = subject;
    claims_.push_back(std::move(c));
    done = end;
  }
}

}  // namespace claimledger::extract_internal
