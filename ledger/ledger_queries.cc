// Read queries for the review tools: runs, documents, claims and verdicts
// with their reviews. Every value from a caller is bound, and each method
// reads one snapshot (a deferred transaction that is rolled back).
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "ledger/ledger.h"
#include "ledger/ledger_internal.h"

namespace claimledger {

namespace {

std::string Str(const SQLite::Column& c) {
  return c.isNull() ? std::string() : c.getString();
}

std::optional<double> OptNum(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getDouble();
}

constexpr const char* kRunCols =
    "r.id, r.status, r.started_at, COALESCE(r.ended_at, ''), "
    "r.engine_version, r.extractor_version, r.arguments, r.rules, "
    "r.reference, COALESCE(r.counts, '{}'), (SELECT COUNT(*) FROM reviews "
    "x JOIN verdicts v ON v.id = x.verdict_id WHERE v.run_id = r.id), "
    "(SELECT json_extract(e.detail, '$.plan') FROM run_events e WHERE "
    "e.run_id = r.id AND e.event = 'started' ORDER BY e.id LIMIT 1)";

RunDetail ReadRun(SQLite::Statement& st) {
  RunDetail r;
  r.id = st.getColumn(0).getInt64();
  r.status = Str(st.getColumn(1));
  r.started_at = Str(st.getColumn(2));
  r.ended_at = Str(st.getColumn(3));
  r.engine_version = Str(st.getColumn(4));
  r.extractor_version = Str(st.getColumn(5));
  r.arguments_json = Str(st.getColumn(6));
  r.rules_json = Str(st.getColumn(7));
  r.reference_json = Str(st.getColumn(8));
  r.counts_json = Str(st.getColumn(9));
  r.reviews = st.getColumn(10).getInt64();
  r.plan_json = Str(st.getColumn(11));
  return r;
}

// The path column comes last so that a query may take it from
// run_documents instead of documents.
constexpr const char* kDocumentCols =
    "d.id, d.sha256, COALESCE(d.source, ''), COALESCE(d.published, ''), "
    "d.lang, d.metadata, d.body";

DocumentInfo ReadDocument(SQLite::Statement& st) {
  DocumentInfo d;
  d.id = st.getColumn(0).getInt64();
  d.sha256 = Str(st.getColumn(1));
  d.source = Str(st.getColumn(2));
  d.published = Str(st.getColumn(3));
  d.lang = Str(st.getColumn(4));
  d.metadata_json = Str(st.getColumn(5));
  d.body = Str(st.getColumn(6));
  d.path = Str(st.getColumn(7));
  return d;
}

constexpr const char* kClaimCols =
    "c.id, c.document_id, c.extractor_version, c.ordinal, c.span_start, "
    "c.span_end, c.text, c.kind, c.is_range, c.value, c.value_num, c.low, "
    "c.low_num, c.high, c.high_num, c.prec_low, c.prec_high, c.unit, "
    "c.bound, (SELECT s.first_claim_id + c.pair_ordinal FROM claim_sets s "
    "WHERE s.document_id = c.document_id AND s.extractor_version = "
    "c.extractor_version AND c.pair_ordinal >= 0 AND c.pair_ordinal < "
    "s.claim_count), c.sentence_start, c.sentence_end, "
    "c.subject, c.relation, c.object, d.path";

ClaimInfo ReadClaim(SQLite::Statement& st) {
  ClaimInfo c;
  c.id = st.getColumn(0).getInt64();
  c.document_id = st.getColumn(1).getInt64();
  c.extractor_version = Str(st.getColumn(2));
  c.ordinal = st.getColumn(3).getInt64();
  c.span_start = st.getColumn(4).getInt64();
  c.span_end = st.getColumn(5).getInt64();
  c.text = Str(st.getColumn(6));
  c.kind = Str(st.getColumn(7));
  c.is_range = st.getColumn(8).getInt() != 0;
  c.value = Str(st.getColumn(9));
  c.value_num = OptNum(st.getColumn(10));
  c.low = Str(st.getColumn(11));
  c.low_num = OptNum(st.getColumn(12));
  c.high = Str(st.getColumn(13));
  c.high_num = OptNum(st.getColumn(14));
  c.prec_low = OptNum(st.getColumn(15));
  c.prec_high = OptNum(st.getColumn(16));
  c.unit = Str(st.getColumn(17));
  c.bound = Str(st.getColumn(18));
  if (!st.getColumn(19).isNull()) c.pair_claim_id = st.getColumn(19).getInt64();
  c.sentence_start = st.getColumn(20).getInt64();
  c.sentence_end = st.getColumn(21).getInt64();
  c.subject = Str(st.getColumn(22));
  c.relation = Str(st.getColumn(23));
  c.object = Str(st.getColumn(24));
  c.path = Str(st.getColumn(25));
  return c;
}

constexpr const char* kVerdictCols =
    "v.id, v.run_id, v.document_id, v.claim_id, v.claim_ids, v.rule_id, "
    "v.rule_version, v.rule_kind, v.severity, v.rule_file, "
    "v.rule_file_sha256, v.status, v.expected, v.observed, v.deviation, "
    "v.tolerance, v.evidence, v.reason";

VerdictInfo ReadVerdict(SQLite::Statement& st) {
  VerdictInfo v;
  v.id = st.getColumn(0).getInt64();
  v.run_id = st.getColumn(1).getInt64();
  v.document_id = st.getColumn(2).getInt64();
  v.claim_id = st.getColumn(3).getInt64();
  auto ids = nlohmann::json::parse(Str(st.getColumn(4)), nullptr, false);
  if (ids.is_array()) {
    for (const auto& id : ids) {
      if (id.is_number_integer()) v.claim_ids.push_back(id.get<int64_t>());
    }
  }
  v.rule_id = Str(st.getColumn(5));
  v.rule_version = st.getColumn(6).getInt();
  v.rule_kind = Str(st.getColumn(7));
  v.severity = Str(st.getColumn(8));
  v.rule_file = Str(st.getColumn(9));
  v.rule_file_sha256 = Str(st.getColumn(10));
  v.machine_status = Str(st.getColumn(11));
  v.status = v.machine_status;
  v.expected = OptNum(st.getColumn(12));
  v.observed = OptNum(st.getColumn(13));
  v.deviation = OptNum(st.getColumn(14));
  v.tolerance = OptNum(st.getColumn(15));
  v.evidence_json = Str(st.getColumn(16));
  v.reason = Str(st.getColumn(17));
  return v;
}

// Runs a verdict query (already bound) and attaches each verdict's
// reviews; the latest review's status becomes the verdict's status.
std::vector<VerdictInfo> ReadVerdicts(SQLite::Database& db,
                                      SQLite::Statement& st) {
  std::vector<VerdictInfo> out;
  while (st.executeStep()) out.push_back(ReadVerdict(st));
  SQLite::Statement rv(db,
                       "SELECT id, verdict_id, reviewer, decision, status, "
                       "note, created_at FROM reviews WHERE verdict_id = ? "
                       "ORDER BY id");
  for (auto& v : out) {
    rv.reset();
    rv.bind(1, v.id);
    while (rv.executeStep()) {
      ReviewInfo r;
      r.id = rv.getColumn(0).getInt64();
      r.verdict_id = rv.getColumn(1).getInt64();
      r.reviewer = Str(rv.getColumn(2));
      r.decision = Str(rv.getColumn(3));
      r.status = Str(rv.getColumn(4));
      r.note = Str(rv.getColumn(5));
      r.created_at = Str(rv.getColumn(6));
      v.reviews.push_back(std::move(r));
    }
    if (!v.reviews.empty()) v.status = v.reviews.back().status;
  }
  return out;
}

std::optional<RunDetail> QueryRun(SQLite::Database& db, int64_t run) {
  SQLite::Statement st(
      db, std::string("SELECT ") + kRunCols + " FROM runs r WHERE r.id = ?");
  st.bind(1, run);
  if (!st.executeStep()) return std::nullopt;
  return ReadRun(st);
}

bool IsHex(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](unsigned char c) { return std::isxdigit(c) != 0; });
}

}  // namespace

Result<std::optional<RunDetail>> Ledger::GetRun(int64_t run) const {
  try {
    return QueryRun(impl_->db, run);
  } catch (const std::exception& e) {
    return impl_->Fail("read run " + std::to_string(run) + " of", e);
  }
}

Result<RunContent> Ledger::LoadRun(int64_t run) const {
  std::string what = "read run " + std::to_string(run) + " of";
  try {
    auto& db = impl_->db;
    impl_->CommitGroup();  // a transaction of its own
    SQLite::Transaction tx(db);  // one snapshot for every read below
    auto detail = QueryRun(db, run);
    if (!detail) {
      return Status::Error(what + " " + impl_->path + ": no such run");
    }
    RunContent out;
    out.run = std::move(*detail);
    SQLite::Statement docs(
        db, std::string("SELECT ") + kDocumentCols +
                ", rd.path FROM run_documents rd JOIN documents d ON d.id = "
                "rd.document_id WHERE rd.run_id = ? ORDER BY rd.path, d.id");
    docs.bind(1, run);
    while (docs.executeStep()) out.documents.push_back(ReadDocument(docs));
    SQLite::Statement claims(
        db, std::string("SELECT ") + kClaimCols +
                " FROM run_documents rd JOIN claim_sets s ON s.document_id = "
                "rd.document_id AND s.extractor_version = ?2 JOIN claims c ON "
                "c.id >= s.first_claim_id AND c.id < s.first_claim_id + "
                "s.claim_count JOIN documents d ON d.id = c.document_id "
                "WHERE rd.run_id = ?1 ORDER BY rd.path, c.document_id, "
                "c.ordinal");
    claims.bind(1, run);
    claims.bind(2, out.run.extractor_version);
    while (claims.executeStep()) out.claims.push_back(ReadClaim(claims));
    SQLite::Statement verdicts(db, std::string("SELECT ") + kVerdictCols +
                                       " FROM verdicts v WHERE v.run_id = ? "
                                       "ORDER BY v.id");
    verdicts.bind(1, run);
    out.verdicts = ReadVerdicts(db, verdicts);
    return out;
  } catch (const std::exception& e) {
    return impl_->Fail(what, e);
  }
}

Result<std::optional<ClaimInfo>> Ledger::GetClaim(int64_t claim) const {
  try {
    SQLite::Statement st(impl_->db,
                         std::string("SELECT ") + kClaimCols +
                             " FROM claims c JOIN documents d ON d.id = "
                             "c.document_id WHERE c.id = ?");
    st.bind(1, claim);
    if (!st.executeStep()) return std::optional<ClaimInfo>();
    return std::optional<ClaimInfo>(ReadClaim(st));
  } catch (const std::exception& e) {
    return impl_->Fail("read claim " + std::to_string(claim) + " of", e);
  }
}

Result<std::optional<DocumentInfo>> Ledger::GetDocument(
    int64_t document) const {
  try {
    SQLite::Statement st(impl_->db, std::string("SELECT ") + kDocumentCols +
                                        ", d.path FROM documents d WHERE "
                                        "d.id = ?");
    st.bind(1, document);
    if (!st.executeStep()) return std::optional<DocumentInfo>();
    return std::optional<DocumentInfo>(ReadDocument(st));
  } catch (const std::exception& e) {
    return impl_->Fail("read document " + std::to_string(document) + " of", e);
  }
}

Result<std::optional<VerdictInfo>> Ledger::GetVerdict(int64_t verdict) const {
  try {
    auto& db = impl_->db;
    impl_->CommitGroup();  // a transaction of its own
    SQLite::Transaction tx(db);
    SQLite::Statement st(db, std::string("SELECT ") + kVerdictCols +
                                 " FROM verdicts v WHERE v.id = ?");
    st.bind(1, verdict);
    auto rows = ReadVerdicts(db, st);
    if (rows.empty()) return std::optional<VerdictInfo>();
    return std::optional<VerdictInfo>(std::move(rows[0]));
  } catch (const std::exception& e) {
    return impl_->Fail("read verdict " + std::to_string(verdict) + " of", e);
  }
}

Result<std::vector<VerdictInfo>> Ledger::VerdictsOfClaim(int64_t claim) const {
  try {
    auto& db = impl_->db;
    impl_->CommitGroup();  // a transaction of its own
    SQLite::Transaction tx(db);
    // The document index narrows the search before claim_ids is read.
    SQLite::Statement st(
        db, std::string("SELECT ") + kVerdictCols +
                " FROM verdicts v WHERE v.document_id = (SELECT document_id "
                "FROM claims WHERE id = ?1) AND EXISTS (SELECT 1 FROM "
                "json_each(v.claim_ids) j WHERE j.value = ?1) ORDER BY v.id");
    st.bind(1, claim);
    return ReadVerdicts(db, st);
  } catch (const std::exception& e) {
    return impl_->Fail(
        "read verdicts of claim " + std::to_string(claim) + " in", e);
  }
}

Result<std::vector<int64_t>> Ledger::FindDocuments(
    const std::string& key) const {
  std::set<int64_t> found;
  if (key.empty()) return std::vector<int64_t>();
  try {
    auto& db = impl_->db;
    if (std::all_of(key.begin(), key.end(),
                    [](unsigned char c) { return std::isdigit(c) != 0; }) &&
        key.size() < 18) {
      SQLite::Statement st(db, "SELECT id FROM documents WHERE id = ?");
      st.bind(1, static_cast<int64_t>(std::stoll(key)));
      while (st.executeStep()) found.insert(st.getColumn(0).getInt64());
    }
    if (key.size() >= 6 && key.size() <= 64 && IsHex(key)) {
      std::string lower = key;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(ch));
      SQLite::Statement st(
          db,
          "SELECT id FROM documents WHERE substr(sha256, 1, length(?1)) "
          "= ?1");
      st.bind(1, lower);
      while (st.executeStep()) found.insert(st.getColumn(0).getInt64());
    }
    // A path as recorded by any run, or the file name at its end.
    SQLite::Statement st(
        db,
        "SELECT id FROM documents WHERE path = ?1 OR substr(path, "
        "-length(?1) - 1) = '/' || ?1 UNION SELECT document_id FROM "
        "run_documents WHERE path = ?1 OR substr(path, -length(?1) - 1) = "
        "'/' || ?1");
    st.bind(1, key);
    while (st.executeStep()) found.insert(st.getColumn(0).getInt64());
    return std::vector<int64_t>(found.begin(), found.end());
  } catch (const std::exception& e) {
    return impl_->Fail("find document '" + key + "' in", e);
  }
}

Result<std::optional<int64_t>> Ledger::LatestRunWith(int64_t document) const {
  try {
    SQLite::Statement st(impl_->db,
                         "SELECT MAX(run_id) FROM run_documents WHERE "
                         "document_id = ?");
    st.bind(1, document);
    st.executeStep();
    if (st.getColumn(0).isNull()) return std::optional<int64_t>();
    return std::optional<int64_t>(st.getColumn(0).getInt64());
  } catch (const std::exception& e) {
    return impl_->Fail("read runs of", e);
  }
}

}  // namespace claimledger
