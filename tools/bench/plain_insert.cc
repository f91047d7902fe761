#include "tools/bench/plain_insert.h"

#include <nlohmann/json.hpp>

#include "engine/extract.h"
#include "engine/json_out.h"
#include "ledger/ledger.h"
#include "tools/app/run_check.h"

namespace claimledger::bench {

namespace {

std::string MakeSchema(const std::string& path) {
  auto ledger = Ledger::Open(path);  // the same tables, indexes, triggers
  return path;
}

void BindOpt(SQLite::Statement& st, int i, bool has, double v) {
  if (has) {
    st.bind(i, v);
  } else {
    st.bind(i);
  }
}

}  // namespace

PlainInsert::PlainInsert(const std::string& path, Claims claims)
    : db_(MakeSchema(path), SQLite::OPEN_READWRITE),
      mode_(claims),
      doc_(db_,
           "INSERT INTO documents (sha256, path, source, published, lang, "
           "metadata, "
           "body_offset, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
      claim_(db_,
             "INSERT INTO claims (document_id, extractor_version, ordinal, "
             "span_start, "
             "span_end, text, kind, is_range, value, value_num, low, low_num, "
             "high, "
             "high_num, unit, bound, prec_low, prec_high, pair_ordinal, "
             "sentence_start, "
             "sentence_end, subject, relation, object) "
             "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
      set_(db_,
           "INSERT INTO claim_sets (document_id, extractor_version, "
           "first_claim_id, claim_count) VALUES (?, ?, ?, ?)"),
      link_(db_,
            "INSERT INTO run_documents (run_id, document_id, path) VALUES (1, "
            "?, ?)"),
      verdict_(
          db_,
          "INSERT INTO verdicts (run_id, document_id, rule_id, rule_version, "
          "rule_kind, severity, rule_file, rule_file_sha256, claim_id, "
          "claim_ids, "
          "status, expected, observed, deviation, tolerance, evidence, reason, "
          "prev_hash, row_hash) VALUES "
          "(1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'','')") {
  db_.exec("PRAGMA journal_mode=WAL");
  db_.exec("PRAGMA synchronous=NORMAL");
  if (mode_ == Claims::kPacked) {
    db_.exec(
        "CREATE TABLE packed_claims (id INTEGER PRIMARY KEY, document_id "
        "INTEGER NOT NULL REFERENCES documents(id), extractor_version TEXT "
        "NOT NULL, first_claim_id INTEGER NOT NULL, claims TEXT NOT NULL, "
        "UNIQUE (document_id, extractor_version))");
    claim_set_ = std::make_unique<SQLite::Statement>(
        db_,
        "INSERT INTO packed_claims (document_id, extractor_version, "
        "first_claim_id, claims) VALUES (?, ?, ?, ?)");
  }
  tx_ = std::make_unique<SQLite::Transaction>(db_);
  SQLite::Statement run(
      db_,
      "INSERT INTO runs (id, engine_version, extractor_version, arguments, "
      "rules, "
      "reference, started_at, status, prev_hash, row_hash) "
      "VALUES (1, ?, ?, '[]', '[]', '[]', ?, 'running', '', '')");
  run.bind(1, CLAIMLEDGER_VERSION);
  run.bind(2, std::string(kExtractorVersion));
  run.bind(3, NowUtc());
  run.exec();
}

void PlainInsert::Add(const Document& d, const std::vector<Claim>& claims,
                      const std::vector<Verdict>& verdicts) {
  const std::string ex(kExtractorVersion);
  doc_.reset();
  doc_.bind(1, d.sha256);
  doc_.bind(2, d.path);
  doc_.bind(3, d.source);
  doc_.bind(4, d.published.ToString());
  doc_.bind(5, d.lang);
  doc_.bind(6, nlohmann::json(d.metadata).dump());
  doc_.bind(7, static_cast<int64_t>(d.body_offset));
  doc_.bind(8, std::string(d.body()));
  doc_.exec();
  int64_t doc_id = db_.getLastInsertRowid();
  std::vector<int64_t> ids;
  if (mode_ == Claims::kPacked) {
    // The same fields as a claims row, as one JSON array.
    std::string packed;
    JsonOut j(&packed);
    j.BeginArray();
    for (const Claim& c : claims) {
      j.BeginObject()
          .Field("bound", BoundName(c.bound))
          .Field("kind", KindName(c.kind))
          .Field("span", static_cast<int64_t>(c.begin))
          .Field("span_end", static_cast<int64_t>(c.end))
          .Field("text", c.text)
          .Field("unit", c.unit);
      if (c.has_value()) {
        j.Field("low", c.low.value.ToString())
            .Field("high", c.high.value.ToString())
            .Field("prec_low", c.low.lo)
            .Field("prec_high", c.high.hi);
      }
      if (c.pair >= 0) j.Field("pair", static_cast<int64_t>(c.pair));
      j.Field("sentence", static_cast<int64_t>(c.sentence_begin))
          .Field("sentence_end", static_cast<int64_t>(c.sentence_end));
      if (!c.subject.empty()) j.Field("subject", c.subject);
      if (!c.relation.empty()) j.Field("relation", c.relation);
      if (!c.object.empty()) j.Field("object", c.object);
      j.EndObject();
      ids.push_back(next_claim_id_++);
    }
    j.EndArray();
    claim_set_->reset();
    claim_set_->bind(1, doc_id);
    claim_set_->bind(2, ex);
    claim_set_->bind(3, ids.empty() ? next_claim_id_ : ids.front());
    claim_set_->bind(4, packed);
    claim_set_->exec();
  }
  for (size_t i = 0; mode_ == Claims::kRows && i < claims.size(); ++i) {
    const Claim& c = claims[i];
    bool num = c.has_value();
    claim_.reset();
    claim_.clearBindings();
    claim_.bind(1, doc_id);
    claim_.bind(2, ex);
    claim_.bind(3, static_cast<int64_t>(i));
    claim_.bind(4, static_cast<int64_t>(c.begin));
    claim_.bind(5, static_cast<int64_t>(c.end));
    claim_.bind(6, c.text);
    claim_.bind(7, std::string(KindName(c.kind)));
    claim_.bind(8, c.is_range ? 1 : 0);
    if (num && !c.is_range) {
      claim_.bind(9, c.low.value.ToString());
      claim_.bind(10, c.low.value.ToDouble());
    } else if (num) {
      claim_.bind(11, c.low.value.ToString());
      claim_.bind(12, c.low.value.ToDouble());
      claim_.bind(13, c.high.value.ToString());
      claim_.bind(14, c.high.value.ToDouble());
    }
    claim_.bind(15, c.unit);
    claim_.bind(16, std::string(BoundName(c.bound)));
    BindOpt(claim_, 17, num, c.low.lo);
    BindOpt(claim_, 18, num, c.high.hi);
    if (c.pair >= 0) claim_.bind(19, c.pair);
    claim_.bind(20, static_cast<int64_t>(c.sentence_begin));
    claim_.bind(21, static_cast<int64_t>(c.sentence_end));
    if (!c.subject.empty()) claim_.bind(22, c.subject);
    if (!c.relation.empty()) claim_.bind(23, c.relation);
    if (!c.object.empty()) claim_.bind(24, c.object);
    claim_.exec();
    ids.push_back(db_.getLastInsertRowid());
  }
  if (mode_ == Claims::kRows) {  // the set the ledger writes with them
    set_.reset();
    set_.bind(1, doc_id);
    set_.bind(2, ex);
    if (ids.empty()) {
      set_.bind(3);
    } else {
      set_.bind(3, ids.front());
    }
    set_.bind(4, static_cast<int64_t>(ids.size()));
    set_.exec();
  }
  link_.reset();
  link_.bind(1, doc_id);
  link_.bind(2, d.path);
  link_.exec();
  for (const Verdict& v : verdicts) {
    nlohmann::json claim_ids = nlohmann::json::array();
    for (int k : v.claims) claim_ids.push_back(ids.at(k));
    verdict_.reset();
    verdict_.bind(1, doc_id);
    verdict_.bind(2, v.rule->id);
    verdict_.bind(3, v.rule->version);
    verdict_.bind(4, std::string(RuleKindName(v.rule->kind)));
    verdict_.bind(5, std::string(SeverityName(v.rule->severity)));
    verdict_.bind(6, v.rule->file);
    verdict_.bind(7, v.rule->file_sha256);
    verdict_.bind(8, ids.at(v.claims.at(0)));
    verdict_.bind(9, claim_ids.dump());
    verdict_.bind(10, std::string(VerdictStatusName(v.status)));
    BindOpt(verdict_, 11, v.has_numbers, v.expected);
    BindOpt(verdict_, 12, v.has_numbers, v.observed);
    BindOpt(verdict_, 13, v.has_numbers, v.deviation);
    verdict_.bind(14, v.tolerance);
    verdict_.bind(15, v.evidence_json);
    verdict_.bind(16, v.reason);
    verdict_.exec();
  }
}

void PlainInsert::Commit() { tx_->commit(); }

}  // namespace claimledger::bench
