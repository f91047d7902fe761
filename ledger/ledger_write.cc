// Writing a run's content: documents with their claims and verdicts, and
// failures. Every method is one IMMEDIATE transaction, or with
// GroupCommits part of the group's (group_commit.cc).
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>

#include <cstring>
#include <optional>

#include "engine/json_out.h"
#include "ledger/chain.h"
#include "ledger/ledger.h"
#include "ledger/ledger_internal.h"
#include "ledger/prepared.h"
#include "ledger/schema.h"

namespace claimledger {

namespace {

// Throws unless the run exists with status running: nothing is added to a
// run once it is closed.
void RequireRunning(ledger::Reused& reused, int64_t run) {
  SQLite::Statement& st = reused.Get("SELECT status FROM runs WHERE id = ?");
  st.bind(1, run);
  if (!st.executeStep()) {
    throw std::runtime_error("run " + std::to_string(run) + " does not exist");
  }
  std::string status = st.getColumn(0).getString();
  st.tryReset();  // holds no snapshot while the transaction goes on
  if (status != "running") {
    throw std::runtime_error("run " + std::to_string(run) + " is " + status +
                             ", not running");
  }
}

constexpr const char* kInsertClaim =
    "INSERT INTO claims (document_id, extractor_version, ordinal, "
    "span_start, span_end, text, kind, is_range, value, value_num, low, "
    "low_num, high, high_num, unit, bound, prec_low, prec_high, "
    "pair_ordinal, sentence_start, sentence_end, subject, relation, object) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

void BindOpt(SQLite::Statement& st, int i, const std::optional<std::string>& v) {
  if (v) {
    st.bindNoCopy(i, *v);
  } else {
    st.bind(i);
  }
}
template <typename T>
void BindOpt(SQLite::Statement& st, int i, const std::optional<T>& v) {
  if (v) {
    st.bind(i, *v);
  } else {
    st.bind(i);
  }
}

void InsertClaim(SQLite::Statement& ins, int64_t document_id,
                 const std::string& extractor_version, const ClaimRow& r) {
  ins.tryReset();
  // clang-format off: one column a line, in kInsertClaim's order
  ins.bind(1, document_id);
  ins.bindNoCopy(2, extractor_version);
  ins.bind(3, r.ordinal);
  ins.bind(4, r.span_start);
  ins.bind(5, r.span_end);
  ins.bindNoCopy(6, r.text);
  ins.bindNoCopy(7, r.kind);
  ins.bind(8, r.is_range);
  BindOpt(ins, 9, r.value);
  BindOpt(ins, 10, r.value_num);
  BindOpt(ins, 11, r.low);
  BindOpt(ins, 12, r.low_num);
  BindOpt(ins, 13, r.high);
  BindOpt(ins, 14, r.high_num);
  ins.bindNoCopy(15, r.unit);
  ins.bindNoCopy(16, r.bound);
  BindOpt(ins, 17, r.prec_low);
  BindOpt(ins, 18, r.prec_high);
  BindOpt(ins, 19, r.pair);
  ins.bind(20, r.sentence_start);
  ins.bind(21, r.sentence_end);
  BindOpt(ins, 22, r.subject);
  BindOpt(ins, 23, r.relation);
  BindOpt(ins, 24, r.object);
  // clang-format on
  ins.exec();
}

void AppendVerdict(ledger::ChainWriter& chain, int64_t document_id,
                   const std::vector<int64_t>& claim_ids,
                   PreparedDocument::VerdictRow& row) {
  std::string ids = "[";
  for (int k : row.claims) {
    if (ids.size() > 1) ids += ',';
    AppendJsonInt(&ids, claim_ids.at(k));
  }
  ids += ']';
  row.content[ledger::VerdictDocument()] = document_id;
  row.content[ledger::VerdictClaimIds()] = std::move(ids);
  chain.AppendPrepared(row.canonical, row.content,
                       {claim_ids.at(row.claims.at(0))});
}

// The tally of RUN before this transaction's rows: the connection's own,
// or counted from the ledger when this connection has not written to the
// run yet.
Ledger::Impl::Tally TallyOf(SQLite::Database& db, const Ledger::Impl& impl,
                            int64_t run) {
  if (impl.tally.run == run) return impl.tally;
  Ledger::Impl::Tally t{run, ledger::CountRun(db, run)};
  t.counts.failures.clear();
  return t;
}

}  // namespace

Result<std::vector<StoredClaims>> Ledger::RecordDocuments(
    int64_t run, const std::vector<DocumentRecord>& docs,
    const std::string& extractor_version) {
  std::vector<StoredClaims> out;
  out.reserve(docs.size());
  std::string current = "documents";
  try {
    auto& db = impl_->db;
    ledger::WriteScope tx(*impl_);
    // Declared after tx: its statements are reset before tx ends.
    ledger::Reused reused(*impl_);
    RequireRunning(reused, run);
    Impl::Tally tally = TallyOf(db, *impl_, run);
    SQLite::Statement& find_doc = reused.Get(ledger::kFindDocumentSql);
    SQLite::Statement& insert_doc = reused.Get(
        "INSERT INTO documents (sha256, path, source, published, lang, "
        "metadata, body_offset, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& find_set = reused.Get(
        "SELECT first_claim_id, claim_count FROM claim_sets WHERE "
        "document_id = ? AND extractor_version = ?");
    SQLite::Statement& find_claims = reused.Get(
        "SELECT id, kind FROM claims WHERE id >= ?1 AND id < ?1 + ?2 "
        "ORDER BY id");
    SQLite::Statement& insert_claim = reused.Get(kInsertClaim);
    SQLite::Statement& insert_set = reused.Get(
        "INSERT INTO claim_sets (document_id, extractor_version, "
        "first_claim_id, claim_count) VALUES (?, ?, ?, ?)");
    SQLite::Statement& link = reused.Get(
        "INSERT OR IGNORE INTO run_documents (run_id, document_id, path) "
        "VALUES (?, ?, ?)");
    // Reads the chain's last hash once, when the batch has a verdict.
    std::optional<ledger::ChainWriter> verdicts;
    for (const DocumentRecord& rec : docs) {
      const Document& doc = *rec.doc;
      current = doc.path;
      static const std::vector<Verdict> kNone;
      std::shared_ptr<PreparedDocument> own;
      PreparedDocument* prepared = rec.prepared;
      if (!prepared) {
        if (!rec.claims) {
          return Status::Error("record " + doc.path + " in " + impl_->path +
                               ": neither its claims nor its prepared rows "
                               "were given");
        }
        own = PrepareDocument(run, doc, *rec.claims,
                              rec.verdicts ? *rec.verdicts : kNone,
                              extractor_version);
        prepared = own.get();
      }
      // From here on the claims are the prepared rows'.
      const size_t claim_count = prepared->claims.size();
      if (prepared->run != run ||
          prepared->extractor_version != extractor_version ||
          (rec.claims && claim_count != rec.claims->size()) ||
          (rec.verdicts &&
           prepared->verdicts.size() != rec.verdicts->size())) {
        return Status::Error("record " + doc.path + " in " + impl_->path +
                             ": its prepared rows were built for another "
                             "run or another check");
      }
      StoredClaims stored;
      find_doc.tryReset();
      find_doc.bind(1, doc.sha256);
      if (find_doc.executeStep()) {
        stored.document_id = find_doc.getColumn(0).getInt64();
        stored.reused = true;
      }
      find_doc.tryReset();
      bool set_found = false;  // the claims of this extraction are stored
      if (!stored.reused) {
        insert_doc.tryReset();
        SQLite::bind(insert_doc, doc.sha256, doc.path, doc.source,
                     doc.published.ToString(), doc.lang);
        insert_doc.bindNoCopy(6, prepared->metadata_json);
        insert_doc.bind(7, static_cast<int64_t>(doc.body_offset));
        // As text, not a blob. The body runs to the end of raw, whose
        // c_str() ends it with a NUL: bound in place, where bind() would
        // copy it twice. A NUL inside (never from LoadDocument, which
        // refuses binary files) would cut it short, so such a body is
        // copied with its length.
        std::string_view body = doc.body();
        if (std::memchr(body.data(), '\0', body.size()) == nullptr) {
          insert_doc.bindNoCopy(8, doc.raw.c_str() + doc.body_offset);
        } else {
          insert_doc.bind(8, std::string(body));
        }
        insert_doc.exec();
        stored.document_id = db.getLastInsertRowid();
      } else {
        find_set.tryReset();
        SQLite::bind(find_set, stored.document_id, extractor_version);
        int64_t first = 0, count = 0;
        if (find_set.executeStep()) {
          set_found = true;
          if (!find_set.getColumn(0).isNull())
            first = find_set.getColumn(0).getInt64();
          count = find_set.getColumn(1).getInt64();
        }
        find_set.tryReset();
        find_claims.tryReset();
        SQLite::bind(find_claims, first, count);
        // The stored claims are this extraction's (same extractor version,
        // same bytes): their kinds must agree, or verdicts and the run's
        // counts would describe other claims.
        size_t k = 0;
        std::string differs;
        while (find_claims.executeStep()) {
          stored.claim_ids.push_back(find_claims.getColumn(0).getInt64());
          std::string_view kind = find_claims.getColumn(1).getText();
          if (differs.empty() && k < claim_count &&
              kind != prepared->claims[k].kind) {
            differs = "claim " + std::to_string(k) + " is " +
                      std::string(kind) + " in the ledger, " +
                      prepared->claims[k].kind +
                      " in this extraction";
          }
          ++k;
        }
        find_claims.tryReset();
        if (!differs.empty()) {
          return Status::Error("record " + doc.path + " in " + impl_->path +
                               ": the ledger's claims for this document and "
                               "extractor version differ: " + differs);
        }
      }
      if (!set_found) {
        for (const auto& row : prepared->claims) {
          InsertClaim(insert_claim, stored.document_id,
                      prepared->extractor_version, row);
          stored.claim_ids.push_back(db.getLastInsertRowid());
        }
        // One writer in one transaction is given consecutive ids; a set
        // is only ever written when they are.
        if (!stored.claim_ids.empty() &&
            stored.claim_ids.back() - stored.claim_ids.front() + 1 !=
                static_cast<int64_t>(stored.claim_ids.size())) {
          return Status::Error("record " + doc.path + " in " + impl_->path +
                               ": its claims were not given consecutive ids");
        }
        insert_set.tryReset();
        insert_set.bind(1, stored.document_id);
        insert_set.bind(2, extractor_version);
        if (stored.claim_ids.empty()) {
          insert_set.bind(3);
        } else {
          insert_set.bind(3, stored.claim_ids.front());
        }
        insert_set.bind(4, static_cast<int64_t>(stored.claim_ids.size()));
        insert_set.exec();
      } else if (stored.claim_ids.size() != claim_count) {
        return Status::Error("record " + doc.path + " in " + impl_->path +
                             ": the ledger holds " +
                             std::to_string(stored.claim_ids.size()) +
                             " claims for this document and extractor version, "
                             "extraction gave " +
                             std::to_string(claim_count));
      }
      link.tryReset();
      SQLite::bind(link, run, stored.document_id, doc.path);
      stored.already_in_run = link.exec() == 0;
      if (!stored.already_in_run) {
        RunCounts& c = tally.counts;
        ++c.documents;
        c.claims += static_cast<int>(claim_count);
        for (const auto& [kind, n] : prepared->kinds) {
          c.claims_by_kind[std::string(kind)] += n;
        }
      }
      if (!stored.already_in_run && !prepared->verdicts.empty()) {
        if (!verdicts) {
          static const std::string insert =
              ledger::InsertSql(ledger::VerdictsSpec());
          static const std::string last =
              ledger::LastHashSql(ledger::VerdictsSpec());
          verdicts.emplace(db, ledger::VerdictsSpec(), reused.Get(insert),
                           reused.Get(last));
        }
        for (auto& row : prepared->verdicts) {
          AppendVerdict(*verdicts, stored.document_id, stored.claim_ids, row);
          ++tally.counts.verdicts_by_status[std::string(row.status)];
        }
      }
      out.push_back(std::move(stored));
    }
    tx.Commit(docs.size());
    impl_->tally = std::move(tally);
    return out;
  } catch (const std::exception& e) {
    return impl_->Fail("record " + current + " in", e);
  }
}

Result<StoredClaims> Ledger::RecordDocument(
    int64_t run, const Document& doc, const std::vector<Claim>& claims,
    const std::string& extractor_version,
    const std::vector<Verdict>& verdicts) {
  auto r =
      RecordDocuments(run, {{&doc, &claims, &verdicts}}, extractor_version);
  if (!r.ok()) return r.status();
  return std::move(r->front());
}

Status Ledger::RecordFailure(int64_t run, const std::string& input,
                             const std::string& error) {
  try {
    auto& db = impl_->db;
    ledger::WriteScope tx(*impl_);
    {
      ledger::Reused reused(*impl_);
      RequireRunning(reused, run);
    }
    SQLite::Statement st(
        db,
        "INSERT INTO failures (run_id, input, error) SELECT ?1, ?2, ?3 "
        "WHERE NOT EXISTS (SELECT 1 FROM failures WHERE run_id = ?1 AND input "
        "= ?2)");
    SQLite::bind(st, run, input, error);
    st.exec();
    tx.Commit(0);
    return Status::Ok();
  } catch (const std::exception& e) {
    return impl_->Fail("record failure in", e);
  }
}

}  // namespace claimledger
