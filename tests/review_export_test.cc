// export (jsonl, csv, ClaimReview JSON-LD) checked field by field, and a
// reviewer's decision carried into list, show, every export and the report,
// with the ledger still auditing clean.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "ledger/ledger.h"
#include "tests/process_util.h"
#include "tests/review_fixture.h"

using namespace claimledger::testing;

namespace {

const char kSeed[] = "000_c28843297c64ee9a.md";

std::vector<nlohmann::json> Lines(const std::string& jsonl) {
  std::vector<nlohmann::json> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);)
    out.push_back(nlohmann::json::parse(line));
  return out;
}

size_t CodePoints(const std::string& s) {
  return std::count_if(s.begin(), s.end(),
                       [](char c) { return (c & 0xC0) != 0x80; });
}

std::string Lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// RFC 4180 records (quoted fields may hold commas, quotes and newlines).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace

TEST_CASE("jsonl export follows the contract, one object per claim") {
  ReviewLedger l;
  Proc p = l({"export", "--format", "jsonl"});
  REQUIRE(p.code == 0);
  auto lines = Lines(p.out);
  CHECK(lines.size() == l.Claims().size());
  auto ledger =
      claimledger::Ledger::Open(l.db, claimledger::OpenMode::kExisting);
  REQUIRE(ledger.ok());
  std::map<int64_t, std::string> bodies;
  std::set<int64_t> ids;
  for (const auto& j : lines) ids.insert(j["claim_id"].get<int64_t>());
  int ranges = 0, with_verdicts = 0;
  for (const auto& j : lines) {
    for (const char* key :
         {"document", "claim_id", "kind", "text", "span", "value", "low",
          "high", "unit", "approx", "precision", "pair", "verdicts"}) {
      CHECK_MESSAGE(j.contains(key), key);
    }
    for (const char* key : {"id", "path", "sha256", "published", "lang"}) {
      CHECK(j["document"].contains(key));
    }
    int64_t doc = j["document"]["id"];
    if (!bodies.count(doc)) bodies[doc] = (*(*ledger)->GetDocument(doc))->body;
    size_t a = j["span"][0], b = j["span"][1];
    CHECK(bodies[doc].substr(a, b - a) == j["text"].get<std::string>());
    if (j["low"].is_number()) {
      ++ranges;
      CHECK(j["value"].is_null());
      CHECK(j["high"].is_number());
    }
    if (j["kind"] != "comparison") {
      CHECK((j["value"].is_number() || j["low"].is_number()));
      CHECK(j["precision"]["low"].get<double>() <=
            j["precision"]["high"].get<double>());
    }
    if (!j["pair"].is_null()) CHECK(ids.count(j["pair"].get<int64_t>()) == 1);
    if (!j["verdicts"].empty()) ++with_verdicts;
    for (const auto& v : j["verdicts"]) {
      for (const char* key : {"run", "rule", "rule_version", "status",
                              "expected", "observed", "deviation", "reason"}) {
        CHECK_MESSAGE(v.contains(key), key);
      }
      CHECK(v["run"] == 1);
      CHECK(v["review"].is_null());
    }
    if (j["text"] == "550만달러" && Contains(j["document"]["path"], kSeed)) {
      CHECK(j["value"] == 5500000);
      CHECK(j["unit"] == "USD");
      CHECK(j["approx"] == false);
      CHECK(j["precision"]["low"] == 5450000.0);
      CHECK(j["precision"]["high"] == 5550000.0);
      CHECK(j["document"]["published"] == "2025-01");
    }
  }
  CHECK(ranges > 10);
  CHECK(with_verdicts > 50);
}

TEST_CASE("ClaimReview export checked field by field") {
  ReviewLedger l;
  Proc p = l({"export", "--format", "claimreview", "-o", l.dir / "cr.json"});
  REQUIRE(p.code == 0);
  CHECK(p.out.empty());
  auto reviews = nlohmann::json::parse(ReadFile(l.dir / "cr.json"));
  REQUIRE(reviews.is_array());
  // One per claim that leads a verdict.
  std::set<int64_t> leading;
  for (const auto& v : l({"list", "--json"}).json())
    leading.insert(v["claim_id"].get<int64_t>());
  CHECK(reviews.size() == leading.size());
  std::string run_date = l({"runs", "--json"})
                             .json()[0]["started_at"]
                             .get<std::string>()
                             .substr(0, 10);
  std::map<std::string, int> ratings;
  bool seed_seen = false, sourced_seen = false, rating_word_seen = false,
       cut_seen = false;
  for (const auto& r : reviews) {
    INFO(r.dump());
    CHECK(r["@context"] == "https://schema.org");
    CHECK(r["@type"] == "ClaimReview");
    std::string summary = r["claimReviewed"];
    CHECK(!summary.empty());
    CHECK(CodePoints(summary) <= 75);
    CHECK(!Contains(Lower(summary), "consistent"));  // inconsistent as well
    CHECK(!Contains(Lower(summary), "unverifiable"));
    const auto& rating = r["reviewRating"];
    CHECK(rating["@type"] == "Rating");
    std::string name = rating["alternateName"];
    ++ratings[name];
    int value = name == "Inconsistent"   ? 1
                : name == "Unverifiable" ? 2
                : name == "Consistent"   ? 3
                                         : 0;
    CHECK(value != 0);
    CHECK(rating["ratingValue"] == value);
    CHECK(rating["bestRating"] == 3);
    CHECK(rating["worstRating"] == 1);
    CHECK(!rating["ratingExplanation"].get<std::string>().empty());
    std::string url = r["url"];
    CHECK((url.rfind("https://", 0) == 0 || url.rfind("file:///", 0) == 0));
    CHECK(r["author"]["@type"] == "Organization");
    CHECK(r["author"]["name"] == "claimledger");
    CHECK(r["datePublished"] == run_date);
    const auto& item = r["itemReviewed"];
    CHECK(item["@type"] == "Claim");
    CHECK(item["appearance"]["@type"] == "CreativeWork");
    CHECK(item["appearance"]["url"] == url);
    if (summary ==
        "딥시크에 따르면 V3 개발에 훈련 비용 550만달러(약 79억원)를 "
        "투입했다.") {
      if (url.rfind("https://", 0) == 0) {
        sourced_seen = true;
        CHECK(url == "https://example.com/news/deepseek-cost");
        CHECK(item["datePublished"] == "2025-01-28");
      } else {
        seed_seen = true;
        CHECK(Contains(url, "/fixtures/articles/000_c28843297c64ee9a.md"));
        CHECK(item["datePublished"] == "2025-01");
      }
      CHECK(name == "Consistent");
    }
    if (Contains(url, "rating_word.md")) {
      rating_word_seen = true;
      CHECK(summary == "€12 million");  // the sentence says "inconsistent"
    }
    if (summary.rfind("\u2026", 0) == 0) cut_seen = true;
  }
  CHECK(seed_seen);
  CHECK(sourced_seen);
  CHECK(rating_word_seen);
  CHECK(cut_seen);  // a long sentence is cut around the claim
  CHECK(ratings["Inconsistent"] > 0);
  CHECK(ratings["Unverifiable"] > 0);
  CHECK(ratings["Consistent"] > 0);
  Proc desk =
      l({"export", "--format", "claimreview", "--author", "Example Desk"});
  REQUIRE(desk.code == 0);
  CHECK(desk.json()[0]["author"]["name"] == "Example Desk");
  CHECK(l({"export", "--format", "claimreview", "--run", "9"}).code == 2);
  CHECK(l({"export", "--format", "xml"}).code == 2);
  Proc latin1 =
      l({"export", "--format", "claimreview", "--author", "Caf\xe9 Desk"});
  CHECK(latin1.code == 2);
  CHECK(Contains(latin1.err, "--author is not valid UTF-8 (byte 3)"));
  CHECK(l({"export", "--format", "jsonl", "-o", l.dir / "no/such/dir/x.jsonl"})
            .code == 2);
}

TEST_CASE("csv export has one row per verdict and one per unchecked claim") {
  ReviewLedger l;
  Proc p = l({"export", "--format", "csv"});
  REQUIRE(p.code == 0);
  auto rows = ParseCsv(p.out);
  REQUIRE(rows.size() > 1);
  const auto& header = rows[0];
  for (const auto& row : rows) REQUIRE(row.size() == header.size());
  auto col = [&](const std::string& name) {
    return std::find(header.begin(), header.end(), name) - header.begin();
  };
  size_t status = col("status"), verdict = col("verdict_id"),
         text = col("text");
  REQUIRE(status < header.size());
  std::set<std::string> verdicts;
  int unchecked = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i][verdict].empty()) {
      ++unchecked;
      CHECK(rows[i][status] == "unchecked");
    } else {
      verdicts.insert(rows[i][verdict]);
    }
    CHECK(!rows[i][text].empty());
  }
  CHECK(verdicts.size() == l({"list", "--json"}).json().size());
  CHECK(verdicts.size() + unchecked == rows.size() - 1);
  CHECK(unchecked > 100);
  // A reason with commas survives the quoting.
  bool comma = false;
  for (size_t i = 1; i < rows.size(); ++i)
    comma |= Contains(rows[i][col("reason")], ", ");
  CHECK(comma);
}

TEST_CASE(
    "a review decision shows in list, show, every export and the report") {
  ReviewLedger l;
  int64_t claim = l.ClaimId("550만달러", kSeed);
  int64_t verdict = l.VerdictId(claim, "fx.pair");
  Proc review = l({"review", std::to_string(verdict), "--decision", "override",
                   "--status", "inconsistent", "--note",
                   "the article used the rate of the week before", "--reviewer",
                   "Kim Desk", "--json"});
  REQUIRE(review.code == 0);
  CHECK(review.json()["status"] == "inconsistent");
  CHECK(review.json()["machine_status"] == "consistent");
  int64_t other = l.VerdictId(claim, "facts.reference");
  REQUIRE(l({"review", std::to_string(other), "--decision", "confirm", "--note",
             "matches the paper", "--reviewer", "Lee"})
              .code == 0);

  for (const auto& v : l({"list", "--json", "--doc", kSeed}).json()) {
    if (v["verdict_id"] == verdict) {
      CHECK(v["status"] == "inconsistent");
      CHECK(v["machine_status"] == "consistent");
    }
  }
  CHECK(l({"list", "--json", "--status", "inconsistent", "--doc", kSeed})
            .json()
            .size() == 1);
  Proc table = l({"list", "--doc", kSeed});
  CHECK(Contains(table.out, "inconsistent (reviewed)"));

  auto shown = l({"show", std::to_string(claim), "--json"}).json();
  bool in_show = false;
  for (const auto& v : shown["verdicts"]) {
    if (v["verdict_id"] != verdict) continue;
    in_show = true;
    CHECK(v["status"] == "inconsistent");
    REQUIRE(v["reviews"].size() == 1);
    CHECK(v["reviews"][0]["reviewer"] == "Kim Desk");
    CHECK(v["reviews"][0]["note"] ==
          "the article used the rate of the week before");
  }
  CHECK(in_show);
  CHECK(Contains(l({"show", std::to_string(claim)}).out,
                 "Kim Desk: override -> inconsistent"));

  bool in_jsonl = false;
  for (const auto& j : Lines(l({"export", "--format", "jsonl"}).out)) {
    if (j["claim_id"] != claim) continue;
    for (const auto& v : j["verdicts"]) {
      if (v["verdict_id"] != verdict) continue;
      in_jsonl = true;
      CHECK(v["status"] == "inconsistent");
      CHECK(v["machine_status"] == "consistent");
      CHECK(v["review"]["reviewer"] == "Kim Desk");
      CHECK(v["review"]["decision"] == "override");
    }
  }
  CHECK(in_jsonl);

  auto rows = ParseCsv(l({"export", "--format", "csv"}).out);
  auto col = [&](const std::string& name) {
    return std::find(rows[0].begin(), rows[0].end(), name) - rows[0].begin();
  };
  bool in_csv = false;
  for (const auto& row : rows) {
    if (row[col("verdict_id")] != std::to_string(verdict)) continue;
    in_csv = true;
    CHECK(row[col("status")] == "inconsistent");
    CHECK(row[col("machine_status")] == "consistent");
    CHECK(row[col("reviewer")] == "Kim Desk");
    CHECK(row[col("decision")] == "override");
  }
  CHECK(in_csv);

  bool in_claimreview = false;
  for (const auto& r : l({"export", "--format", "claimreview"}).json()) {
    if (!Contains(r["url"], kSeed) ||
        !Contains(r["claimReviewed"], "550만달러"))
      continue;
    in_claimreview = true;
    CHECK(r["reviewRating"]["alternateName"] == "Inconsistent");
    CHECK(r["reviewRating"]["ratingValue"] == 1);
    CHECK(Contains(r["reviewRating"]["ratingExplanation"],
                   "Reviewed by Kim Desk"));
  }
  CHECK(in_claimreview);

  REQUIRE(l({"report", "--html", l.dir / "r.html"}).code == 0);
  std::string html = ReadFile(l.dir / "r.html");
  CHECK(Contains(html, "data-claim=\"" + std::to_string(claim) +
                           "\" data-status=\"inconsistent\""));
  CHECK(Contains(html, "Kim Desk override &rarr; inconsistent"));

  Proc audit = l({"audit"});
  CHECK(audit.code == 0);
  CHECK(Contains(audit.out, "reviews           2 rows"));
  CHECK(l({"runs", "--json"}).json()[0]["reviews"] == 2);
}

TEST_CASE(
    "ClaimReview url of a document checked by a relative path is absolute") {
  TempDir dir;
  WriteFile(dir / "in/seed.md",
            ReadFile(SourcePath("fixtures/articles/000_c28843297c64ee9a.md")));
  REQUIRE(RunBinary({"check", "in", "--ledger", "l.db"}, "/dev/null",
                    dir.str()) == 0);
  Proc p =
      Cli({"export", "--format", "claimreview", "--ledger", dir / "l.db"}, dir);
  REQUIRE(p.code == 0);
  auto reviews = p.json();
  REQUIRE(!reviews.empty());
  for (const auto& r : reviews) {
    CHECK(r["url"] == "file://" + dir / "in/seed.md");
    CHECK(r["itemReviewed"]["appearance"]["url"] == r["url"]);
  }
}
