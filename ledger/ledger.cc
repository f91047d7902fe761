#include "ledger/ledger.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>

#include <nlohmann/json.hpp>

#include "engine/sha256.h"
#include "ledger/schema.h"

namespace claimledger {

namespace {

const std::string kZeroHash(64, '0');

// The content a chained row's hash covers: canonical JSON (sorted keys,
// no whitespace) of every column but the hashes themselves.
std::string ChainHash(const std::string& prev, const nlohmann::json& content) {
  return Sha256Hex(prev + "\n" + content.dump());
}

template <typename T>
void BindOptional(SQLite::Statement& st, int idx, const std::optional<T>& v) {
  if (v) {
    st.bind(idx, *v);
  } else {
    st.bind(idx);
  }
}

}  // namespace

struct Ledger::Impl {
  explicit Impl(const std::string& path)
      : path(path),
        db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {}
  std::string path;
  SQLite::Database db;

  std::string LastHash(const char* table) {
    SQLite::Statement st(db, std::string("SELECT row_hash FROM ") + table +
                                 " ORDER BY id DESC LIMIT 1");
    return st.executeStep() ? st.getColumn(0).getString() : kZeroHash;
  }

  Status Fail(const std::string& what, const std::exception& e) const {
    return Status::Error(what + " " + path + ": " + e.what());
  }
};

Ledger::Ledger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ledger::~Ledger() = default;

Result<std::unique_ptr<Ledger>> Ledger::Open(const std::string& path) {
  std::unique_ptr<Impl> impl;
  try {
    impl = std::make_unique<Impl>(path);
    auto& db = impl->db;
    db.setBusyTimeout(10000);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=NORMAL");
    db.exec("PRAGMA foreign_keys=ON");
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    int version = db.execAndGet("PRAGMA user_version").getInt();
    const auto& migrations = ledger::Migrations();
    if (version > static_cast<int>(migrations.size())) {
      return Status::Error("open ledger " + path + ": schema version " +
                           std::to_string(version) +
                           " is newer than this claimledger knows (" +
                           std::to_string(migrations.size()) + ")");
    }
    for (size_t v = version; v < migrations.size(); ++v) {
      db.exec(std::string(migrations[v]));
      db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    }
    tx.commit();
  } catch (const std::exception& e) {
    return Status::Error("open ledger " + path + ": " + e.what());
  }
  return std::unique_ptr<Ledger>(new Ledger(std::move(impl)));
}

int Ledger::schema_version() const {
  try {
    return impl_->db.execAndGet("PRAGMA user_version").getInt();
  } catch (const std::exception&) {
    return -1;
  }
}

Result<int64_t> Ledger::BeginRun(const RunInfo& info) {
  try {
    auto& db = impl_->db;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    std::string prev = impl_->LastHash("runs");
    int64_t id = db.execAndGet("SELECT COALESCE(MAX(id), 0) + 1 FROM runs").getInt64();
    nlohmann::json content = {
        {"id", id},
        {"engine_version", info.engine_version},
        {"extractor_version", info.extractor_version},
        {"arguments", info.arguments_json},
        {"rules", info.rules_json},
        {"reference", info.reference_json},
        {"started_at", info.started_at}};
    SQLite::Statement st(db,
        "INSERT INTO runs (id, engine_version, extractor_version, arguments, "
        "rules, reference, started_at, status, prev_hash, row_hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)");
    SQLite::bind(st, id, info.engine_version, info.extractor_version,
                 info.arguments_json, info.rules_json, info.reference_json,
                 info.started_at, prev, ChainHash(prev, content));
    st.exec();
    tx.commit();
    return id;
  } catch (const std::exception& e) {
    return impl_->Fail("begin run in", e);
  }
}

Status Ledger::FinishRun(int64_t run, const std::string& status,
                         const std::string& ended_at,
                         const std::string& counts_json) {
  try {
    SQLite::Statement st(impl_->db,
        "UPDATE runs SET status = ?, ended_at = ?, counts = ? WHERE id = ?");
    SQLite::bind(st, status, ended_at, counts_json, run);
    if (st.exec() != 1) {
      return Status::Error("finish run " + std::to_string(run) + ": no such run");
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return impl_->Fail("finish run in", e);
  }
}

Result<StoredClaims> Ledger::RecordDocument(int64_t run, const Document& doc,
                                            const std::vector<Claim>& claims,
                                            const std::string& extractor_version,
                                            const std::vector<Verdict>& verdicts) {
  StoredClaims stored;
  try {
    auto& db = impl_->db;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    {
      SQLite::Statement find(db, "SELECT id FROM documents WHERE sha256 = ?");
      find.bind(1, doc.sha256);
      if (find.executeStep()) {
        stored.document_id = find.getColumn(0).getInt64();
        stored.reused = true;
      }
    }
    if (!stored.reused) {
      nlohmann::json meta(doc.metadata);
      SQLite::Statement ins(db,
          "INSERT INTO documents (sha256, path, source, published, lang, "
          "metadata, body_offset, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      SQLite::bind(ins, doc.sha256, doc.path, doc.source,
                   doc.published.ToString(), doc.lang, meta.dump(),
                   static_cast<int64_t>(doc.body_offset), std::string(doc.body()));
      ins.exec();
      stored.document_id = db.getLastInsertRowid();
    }
    {
      SQLite::Statement find(db,
          "SELECT id FROM claims WHERE document_id = ? AND extractor_version = ? "
          "ORDER BY ordinal");
      SQLite::bind(find, stored.document_id, extractor_version);
      while (find.executeStep()) stored.claim_ids.push_back(find.getColumn(0).getInt64());
    }
    if (stored.claim_ids.empty() && !claims.empty()) {
      SQLite::Statement ins(db,
          "INSERT INTO claims (document_id, extractor_version, ordinal, "
          "span_start, span_end, text, kind, is_range, value, value_num, low, "
          "low_num, high, high_num, unit, bound, prec_low, prec_high, "
          "pair_ordinal, sentence_start, sentence_end, subject, relation, object) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      for (size_t i = 0; i < claims.size(); ++i) {
        const Claim& c = claims[i];
        bool numeric = c.has_value();
        std::optional<std::string> value, low, high;
        std::optional<double> value_num, low_num, high_num, plo, phi;
        if (numeric && !c.is_range) {
          value = c.low.value.ToString();
          value_num = c.low.value.ToDouble();
        } else if (numeric) {
          low = c.low.value.ToString();
          low_num = c.low.value.ToDouble();
          high = c.high.value.ToString();
          high_num = c.high.value.ToDouble();
        }
        if (numeric) {
          plo = c.low.lo;
          phi = c.high.hi;
        }
        ins.bind(1, stored.document_id);
        ins.bind(2, extractor_version);
        ins.bind(3, static_cast<int64_t>(i));
        ins.bind(4, static_cast<int64_t>(c.begin));
        ins.bind(5, static_cast<int64_t>(c.end));
        ins.bind(6, c.text);
        ins.bind(7, std::string(KindName(c.kind)));
        ins.bind(8, c.is_range ? 1 : 0);
        BindOptional(ins, 9, value);
        BindOptional(ins, 10, value_num);
        BindOptional(ins, 11, low);
        BindOptional(ins, 12, low_num);
        BindOptional(ins, 13, high);
        BindOptional(ins, 14, high_num);
        ins.bind(15, c.unit);
        ins.bind(16, std::string(BoundName(c.bound)));
        BindOptional(ins, 17, plo);
        BindOptional(ins, 18, phi);
        BindOptional(ins, 19, c.pair >= 0 ? std::optional<int64_t>(c.pair) : std::nullopt);
        ins.bind(20, static_cast<int64_t>(c.sentence_begin));
        ins.bind(21, static_cast<int64_t>(c.sentence_end));
        BindOptional(ins, 22, c.subject.empty() ? std::nullopt : std::optional(c.subject));
        BindOptional(ins, 23, c.relation.empty() ? std::nullopt : std::optional(c.relation));
        BindOptional(ins, 24, c.object.empty() ? std::nullopt : std::optional(c.object));
        ins.exec();
        ins.reset();
        stored.claim_ids.push_back(db.getLastInsertRowid());
      }
    } else if (stored.claim_ids.size() != claims.size()) {
      return Status::Error("record " + doc.path + " in " + impl_->path +
                           ": the ledger holds " +
                           std::to_string(stored.claim_ids.size()) +
                           " claims for this document and extractor version, "
                           "extraction gave " + std::to_string(claims.size()));
    }
    {
      SQLite::Statement link(db,
          "INSERT OR IGNORE INTO run_documents (run_id, document_id, path) "
          "VALUES (?, ?, ?)");
      SQLite::bind(link, run, stored.document_id, doc.path);
      link.exec();
    }
    if (!verdicts.empty()) {
      std::string prev = impl_->LastHash("verdicts");
      SQLite::Statement ins(db,
          "INSERT INTO verdicts (run_id, document_id, rule_id, rule_version, "
          "rule_kind, severity, rule_file, rule_file_sha256, claim_id, "
          "claim_ids, status, expected, observed, deviation, tolerance, "
          "evidence, reason, prev_hash, row_hash) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      for (const Verdict& v : verdicts) {
        nlohmann::json ids = nlohmann::json::array();
        for (int k : v.claims) ids.push_back(stored.claim_ids.at(k));
        std::optional<double> e, o, d;
        if (v.has_numbers) {
          e = v.expected;
          o = v.observed;
          d = v.deviation;
        }
        nlohmann::json content = {
            {"run_id", run},
            {"document_id", stored.document_id},
            {"rule_id", v.rule->id},
            {"rule_version", v.rule->version},
            {"rule_kind", RuleKindName(v.rule->kind)},
            {"severity", SeverityName(v.rule->severity)},
            {"rule_file", v.rule->file},
            {"rule_file_sha256", v.rule->file_sha256},
            {"claim_ids", ids},
            {"status", VerdictStatusName(v.status)},
            {"expected", e ? nlohmann::json(*e) : nlohmann::json(nullptr)},
            {"observed", o ? nlohmann::json(*o) : nlohmann::json(nullptr)},
            {"deviation", d ? nlohmann::json(*d) : nlohmann::json(nullptr)},
            {"tolerance", v.tolerance},
            {"evidence", v.evidence_json},
            {"reason", v.reason}};
        std::string hash = ChainHash(prev, content);
        ins.bind(1, run);
        ins.bind(2, stored.document_id);
        ins.bind(3, v.rule->id);
        ins.bind(4, v.rule->version);
        ins.bind(5, std::string(RuleKindName(v.rule->kind)));
        ins.bind(6, std::string(SeverityName(v.rule->severity)));
        ins.bind(7, v.rule->file);
        ins.bind(8, v.rule->file_sha256);
        ins.bind(9, stored.claim_ids.at(v.claims.at(0)));
        ins.bind(10, ids.dump());
        ins.bind(11, std::string(VerdictStatusName(v.status)));
        BindOptional(ins, 12, e);
        BindOptional(ins, 13, o);
        BindOptional(ins, 14, d);
        ins.bind(15, v.tolerance);
        ins.bind(16, v.evidence_json);
        ins.bind(17, v.reason);
        ins.bind(18, prev);
        ins.bind(19, hash);
        ins.exec();
        ins.reset();
        prev = hash;
      }
    }
    tx.commit();
    return stored;
  } catch (const std::exception& e) {
    return impl_->Fail("record " + doc.path + " in", e);
  }
}

Status Ledger::RecordFailure(int64_t run, const std::string& input,
                             const std::string& error) {
  try {
    SQLite::Statement st(impl_->db,
        "INSERT INTO failures (run_id, input, error) VALUES (?, ?, ?)");
    SQLite::bind(st, run, input, error);
    st.exec();
    return Status::Ok();
  } catch (const std::exception& e) {
    return impl_->Fail("record failure in", e);
  }
}

Result<std::optional<int64_t>> Ledger::LatestRun() const {
  try {
    SQLite::Statement st(impl_->db, "SELECT MAX(id) FROM runs");
    st.executeStep();
    if (st.getColumn(0).isNull()) return std::optional<int64_t>();
    return std::optional<int64_t>(st.getColumn(0).getInt64());
  } catch (const std::exception& e) {
    return impl_->Fail("read runs of", e);
  }
}

Result<std::vector<RunRow>> Ledger::Runs() const {
  std::vector<RunRow> out;
  try {
    SQLite::Statement st(impl_->db,
        "SELECT id, engine_version, started_at, COALESCE(ended_at, ''), status, "
        "COALESCE(counts, '{}'), arguments FROM runs ORDER BY id");
    while (st.executeStep()) {
      RunRow r;
      r.id = st.getColumn(0).getInt64();
      r.engine_version = st.getColumn(1).getString();
      r.started_at = st.getColumn(2).getString();
      r.ended_at = st.getColumn(3).getString();
      r.status = st.getColumn(4).getString();
      r.counts_json = st.getColumn(5).getString();
      r.arguments_json = st.getColumn(6).getString();
      out.push_back(std::move(r));
    }
    return out;
  } catch (const std::exception& e) {
    return impl_->Fail("read runs of", e);
  }
}

Result<std::vector<VerdictRow>> Ledger::ListVerdicts(const ListFilter& f) const {
  std::vector<VerdictRow> out;
  try {
    std::optional<int64_t> run = f.run;
    if (!run) {
      auto latest = LatestRun();
      if (!latest.ok()) return latest.status();
      if (!*latest) return out;
      run = **latest;
    }
    // Every filter is a bound parameter; an empty string means "any".
    SQLite::Statement st(impl_->db,
        "SELECT verdict_id, run_id, claim_id, path, text, kind, unit, rule_id, "
        "rule_version, severity, machine_status, status, expected, observed, "
        "deviation, reason FROM verdict_view "
        "WHERE run_id = ?1 AND (?2 = '' OR status = ?2) AND (?3 = '' OR rule_id = ?3) "
        "AND (?4 = '' OR kind = ?4) "
        "ORDER BY CASE status WHEN 'inconsistent' THEN 0 WHEN 'unverifiable' THEN 1 "
        "ELSE 2 END, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, "
        "verdict_id");
    SQLite::bind(st, *run, f.status, f.rule, f.kind);
    while (st.executeStep()) {
      VerdictRow r;
      r.verdict_id = st.getColumn(0).getInt64();
      r.run_id = st.getColumn(1).getInt64();
      r.claim_id = st.getColumn(2).getInt64();
      r.path = st.getColumn(3).getString();
      r.claim_text = st.getColumn(4).getString();
      r.kind = st.getColumn(5).getString();
      r.unit = st.getColumn(6).getString();
      r.rule_id = st.getColumn(7).getString();
      r.rule_version = st.getColumn(8).getInt();
      r.severity = st.getColumn(9).getString();
      r.machine_status = st.getColumn(10).getString();
      r.status = st.getColumn(11).getString();
      for (int c = 12; c <= 14; ++c) {
        std::optional<double> v;
        if (!st.getColumn(c).isNull()) v = st.getColumn(c).getDouble();
        (c == 12 ? r.expected : c == 13 ? r.observed : r.deviation) = v;
      }
      r.reason = st.getColumn(15).getString();
      out.push_back(std::move(r));
    }
    return out;
  } catch (const std::exception& e) {
    return impl_->Fail("list verdicts of", e);
  }
}

}  // namespace claimledger
