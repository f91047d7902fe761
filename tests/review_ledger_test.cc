// The ledger's read queries behind the review commands, called through the
// library on a ledger checked from the fixtures.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

#include "ledger/ledger.h"
#include "tests/review_fixture.h"

using namespace claimledger;
using namespace claimledger::testing;

namespace {

std::string Upper(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST_CASE(
    "FindDocuments takes an id, a SHA-256 prefix, a path or a file name, all "
    "bound") {
  ReviewLedger l;
  auto opened = Ledger::Open(l.db, OpenMode::kExisting);
  REQUIRE(opened.ok());
  Ledger& ledger = **opened;
  auto doc = ledger.GetDocument(1);
  REQUIRE(doc.ok());
  REQUIRE(*doc);
  const DocumentInfo& d = **doc;
  std::string name = d.path.substr(d.path.rfind('/') + 1);
  for (const std::string& key :
       {std::string("1"), d.sha256, d.sha256.substr(0, 8),
        Upper(d.sha256.substr(0, 8)), d.path, name}) {
    auto found = ledger.FindDocuments(key);
    REQUIRE(found.ok());
    INFO(key);
    CHECK(*found == std::vector<int64_t>{1});
  }
  for (const std::string& key :
       {std::string(""), std::string("' OR 1=1 --"), std::string("%"),
        std::string("abc"), std::string("99999"), std::string("/")}) {
    auto found = ledger.FindDocuments(key);
    REQUIRE(found.ok());
    INFO(key);
    CHECK(found->empty());
  }
}

TEST_CASE(
    "LoadRun holds the run's documents, their claims and verdicts with "
    "reviews") {
  ReviewLedger l;
  auto opened = Ledger::Open(l.db, OpenMode::kExisting);
  REQUIRE(opened.ok());
  Ledger& ledger = **opened;
  auto run = ledger.LoadRun(1);
  REQUIRE(run.ok());
  CHECK(run->run.status == "complete");
  auto counts = nlohmann::json::parse(run->run.counts_json);
  CHECK(run->documents.size() == counts["documents"].get<size_t>());
  CHECK(run->claims.size() == counts["claims"].get<size_t>());
  CHECK(!run->claims.empty());
  CHECK(!run->verdicts.empty());
  for (const auto& c : run->claims) {
    const DocumentInfo* doc = nullptr;
    for (const auto& d : run->documents) {
      if (d.id == c.document_id) doc = &d;
    }
    REQUIRE(doc != nullptr);
    CHECK(doc->body.substr(c.span_start, c.span_end - c.span_start) == c.text);
    CHECK(c.sentence_start <= c.span_start);
    CHECK(c.span_end <= c.sentence_end);
  }
  const VerdictInfo& v = run->verdicts.front();
  CHECK(v.claim_ids.front() == v.claim_id);
  CHECK(v.status == v.machine_status);
  ReviewInput in;
  in.verdict_id = v.id;
  in.decision = "override";
  in.status =
      v.machine_status == "inconsistent" ? "consistent" : "inconsistent";
  in.note = "checked by hand";
  in.reviewer = "Park";
  REQUIRE(ledger.AddReview(in).ok());
  auto again = ledger.GetVerdict(v.id);
  REQUIRE(again.ok());
  REQUIRE(*again);
  CHECK((*again)->status == in.status);
  CHECK((*again)->machine_status == v.machine_status);
  REQUIRE((*again)->reviews.size() == 1);
  CHECK((*again)->reviews[0].reviewer == "Park");
  CHECK(!ledger.LoadRun(2).ok());
  auto none = ledger.GetRun(2);
  REQUIRE(none.ok());
  CHECK(!*none);
  auto missing = ledger.GetClaim(1 << 30);
  REQUIRE(missing.ok());
  CHECK(!*missing);
  auto of_claim = ledger.VerdictsOfClaim(v.claim_id);
  REQUIRE(of_claim.ok());
  CHECK(!of_claim->empty());
  for (const auto& x : *of_claim) {
    CHECK(std::find(x.claim_ids.begin(), x.claim_ids.end(), v.claim_id) !=
          x.claim_ids.end());
  }
}
