// export --format claimreview: schema.org ClaimReview JSON-LD, one review
// per claim that leads at least one verdict of the run. Its rating
// combines those verdicts with reviewers' decisions first
// (CombinedStatus); claimReviewed is the claim's sentence, cut around the
// claim to at most 75 characters and never carrying a rating word, so
// that the summary states the claim and the rating judges it.
#include <algorithm>
#include <cctype>
#include <map>

#include "tools/app/review_commands.h"
#include "tools/app/review_util.h"

namespace claimledger {

namespace {

constexpr size_t kMaxSummary = 75;  // code points
const char kEllipsis[] = "\xE2\x80\xA6";

bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Whitespace runs (newlines included) become one space.
std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool HasRatingWord(const std::string& s) {
  std::string lower;
  for (char c : s)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("consistent") != std::string::npos ||
         lower.find("unverifiable") != std::string::npos;
}

// The claim's sentence around [k0, k1), widened one code point at a time
// on each side while it fits, with "…" where it was cut.
std::string Around(const std::string& body, size_t s0, size_t s1, size_t k0,
                   size_t k1) {
  size_t used = CodePoints(body.substr(k0, k1 - k0)) + 2;  // two ellipses
  bool grew = true;
  while (grew && used < kMaxSummary) {
    grew = false;
    if (k0 > s0) {
      do --k0;
      while (k0 > s0 && IsContinuation(body[k0]));
      ++used;
      grew = true;
    }
    if (k1 < s1 && used < kMaxSummary) {
      do ++k1;
      while (k1 < s1 && IsContinuation(body[k1]));
      ++used;
      grew = true;
    }
  }
  std::string out = body.substr(k0, k1 - k0);
  return (k0 > s0 ? kEllipsis : "") + out + (k1 < s1 ? kEllipsis : "");
}

std::string Summary(const ClaimInfo& c, const DocumentInfo& d,
                    const std::vector<const VerdictInfo*>& led,
                    const std::map<int64_t, const ClaimInfo*>& claims) {
  const std::string& body = d.body;
  size_t n = body.size();
  auto at = [n](int64_t x) {
    return static_cast<size_t>(
        std::clamp<int64_t>(x, 0, static_cast<int64_t>(n)));
  };
  size_t s0 = at(c.sentence_start), s1 = at(c.sentence_end);
  size_t k0 = at(c.span_start), k1 = at(c.span_end);
  if (k0 < s0 || k1 > s1 || k0 > k1) s0 = k0, s1 = k1;
  std::string sentence = Squeeze(body.substr(s0, s1 - s0));
  std::string out;
  if (CodePoints(sentence) <= kMaxSummary) {
    out = sentence;
  } else {
    // Keep the claims the verdicts read together ("550만달러(약 79억원)")
    // when they share the sentence and fit.
    size_t u0 = k0, u1 = k1;
    for (const auto* v : led) {
      for (int64_t id : v->claim_ids) {
        auto it = claims.find(id);
        if (it == claims.end()) continue;
        size_t a = at(it->second->span_start), b = at(it->second->span_end);
        if (a >= s0 && b <= s1) u0 = std::min(u0, a), u1 = std::max(u1, b);
      }
    }
    if (CodePoints(body.substr(u0, u1 - u0)) + 2 > kMaxSummary)
      u0 = k0, u1 = k1;
    out = Squeeze(Around(body, s0, s1, u0, u1));
    if (CodePoints(out) > kMaxSummary) out = Squeeze(c.text);
  }
  if (HasRatingWord(out)) out = Squeeze(c.text);
  // A claim text longer than the limit (never seen) is cut, not dropped.
  while (CodePoints(out) > kMaxSummary) {
    do out.pop_back();
    while (!out.empty() && IsContinuation(out.back()));
  }
  return out;
}

struct Rating {
  const char* name;
  int value;
};

// worstRating 1, bestRating 3; a claim that could not be verified sits
// between a refuted and a supported one.
Rating RatingOf(const std::string& status) {
  if (status == "inconsistent") return {"Inconsistent", 1};
  if (status == "consistent") return {"Consistent", 3};
  return {"Unverifiable", 2};
}

}  // namespace

nlohmann::json ClaimReviews(const RunContent& run, const std::string& author) {
  std::map<int64_t, std::vector<const VerdictInfo*>> led;
  for (const auto& v : run.verdicts) led[v.claim_id].push_back(&v);
  std::map<int64_t, const DocumentInfo*> docs;
  for (const auto& d : run.documents) docs[d.id] = &d;
  std::map<int64_t, const ClaimInfo*> claims;
  for (const auto& c : run.claims) claims[c.id] = &c;
  std::string date = run.run.started_at.substr(0, 10);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : run.claims) {
    auto it = led.find(c.id);
    if (it == led.end()) continue;
    const DocumentInfo& d = *docs.at(c.document_id);
    std::string status = CombinedStatus(it->second);
    Rating rating = RatingOf(status);
    std::string explanation;
    for (const auto* v : it->second) {
      if (!explanation.empty()) explanation += " ";
      explanation += v->rule_id + ": " + v->reason + ".";
      if (const ReviewInfo* r = v->latest_review()) {
        explanation += " Reviewed by " + r->reviewer + " (" + r->decision +
                       ", " + r->status + "): " + r->note + ".";
      }
    }
    std::string url = DocumentUrl(d, run.run);
    nlohmann::json item = {
        {"@type", "Claim"},
        {"appearance", {{"@type", "CreativeWork"}, {"url", url}}}};
    if (!d.published.empty()) {
      item["datePublished"] = d.published;
      item["appearance"]["datePublished"] = d.published;
    }
    out.push_back(
        {{"@context", "https://schema.org"},
         {"@type", "ClaimReview"},
         {"identifier", "claimledger:run:" + std::to_string(run.run.id) +
                            ":claim:" + std::to_string(c.id)},
         {"url", url},
         {"claimReviewed", Summary(c, d, it->second, claims)},
         {"datePublished", date},
         {"author", {{"@type", "Organization"}, {"name", author}}},
         {"reviewRating",
          {{"@type", "Rating"},
           {"alternateName", rating.name},
           {"ratingValue", rating.value},
           {"bestRating", 3},
           {"worstRating", 1},
           {"ratingExplanation", explanation}}},
         {"itemReviewed", item}});
  }
  return out;
}

}  // namespace claimledger
