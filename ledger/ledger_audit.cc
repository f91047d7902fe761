// Audit: recomputes what the ledger can prove about itself, on one
// snapshot, so it runs safely beside writers. What it proves and what it
// cannot (a removed last row of a chain) is in SCHEMA.md.
#include <SQLiteCpp/SQLiteCpp.h>

#include <nlohmann/json.hpp>

#include "ledger/chain.h"
#include "ledger/ledger.h"
#include "ledger/ledger_internal.h"

namespace claimledger {

namespace {

using ledger::ColumnType;

bool HasType(const SQLite::Column& c, const ledger::Column& spec) {
  if (c.isNull()) return spec.nullable;
  switch (spec.type) {
    case ColumnType::kInt:
      return c.isInteger();
    case ColumnType::kReal:
      return c.isFloat();
    case ColumnType::kText:
    case ColumnType::kJson:
      return c.isText();
  }
  return false;
}

// Checks one row of a chain; returns what is wrong with it, or "".
std::string CheckRow(SQLite::Statement& st, const ledger::TableSpec& spec,
                     const std::string& expected_prev, int64_t prev_id) {
  std::vector<ledger::Column> cols = spec.content;
  cols.insert(cols.end(), spec.extra.begin(), spec.extra.end());
  std::vector<ledger::Value> content;
  for (size_t i = 0; i < cols.size(); ++i) {
    SQLite::Column c = st.getColumn(static_cast<int>(i + 1));
    if (!HasType(c, cols[i])) {
      return std::string("column ") + cols[i].name +
             " holds a value of the wrong type";
    }
    ledger::Value v = ledger::ReadColumn(c, cols[i].type);
    if (cols[i].type == ColumnType::kJson) {
      const auto& text = std::get<std::string>(v);
      auto parsed = nlohmann::json::parse(text, nullptr, false);
      if (parsed.is_discarded() || parsed.dump() != text) {
        return std::string("column ") + cols[i].name + " is not canonical JSON";
      }
    }
    if (i < spec.content.size()) content.push_back(std::move(v));
  }
  int n = static_cast<int>(cols.size());
  std::string prev = st.getColumn(n + 1).getString();
  std::string hash = st.getColumn(n + 2).getString();
  if (prev != expected_prev) {
    return prev_id == 0 ? "prev_hash is not the chain's start (64 zeros)"
                        : "prev_hash does not match the row_hash of row " +
                              std::to_string(prev_id) +
                              " (a row was changed, inserted or removed)";
  }
  if (ledger::RowHash(prev, spec, content) != hash) {
    return "row_hash does not match the row's content (the row was changed)";
  }
  if (&spec == &ledger::VerdictsSpec()) {
    auto ids = nlohmann::json::parse(std::get<std::string>(content[8]));
    int64_t lead =
        st.getColumn(static_cast<int>(spec.content.size() + 1)).getInt64();
    if (ids.empty() || ids[0] != lead)
      return "claim_id is not the first of claim_ids";
  }
  return "";
}

void VerifyChain(SQLite::Database& db, const ledger::TableSpec& spec,
                 AuditReport* rep) {
  std::string cols;
  for (const auto& c : spec.content) cols += std::string(c.name) + ", ";
  for (const auto& c : spec.extra) cols += std::string(c.name) + ", ";
  SQLite::Statement st(db, "SELECT id, " + cols + "prev_hash, row_hash FROM " +
                               spec.table + " ORDER BY id");
  int last = static_cast<int>(spec.content.size() + spec.extra.size()) + 2;
  ChainHead head{spec.table, 0, ledger::kZeroHash};
  int64_t prev_id = 0;
  bool broken = false;
  while (st.executeStep()) {
    ++head.rows;
    int64_t id = st.getColumn(0).getInt64();
    if (!broken) {
      std::string problem = CheckRow(st, spec, head.head, prev_id);
      if (!problem.empty()) {
        rep->problems.push_back({spec.table, id, problem});
        broken = true;  // the first bad row is the one worth naming
      }
    }
    head.head = st.getColumn(last).getString();
    prev_id = id;
  }
  rep->chains.push_back(std::move(head));
}

void CheckRuns(SQLite::Database& db, AuditReport* rep) {
  SQLite::Statement st(
      db,
      "SELECT r.id, r.status, r.ended_at, r.counts, e.id, e.status, "
      "e.ended_at, "
      "e.counts, (SELECT event FROM run_events WHERE run_id = r.id ORDER BY id "
      "LIMIT 1) "
      "FROM runs r LEFT JOIN run_events e ON e.id = "
      "(SELECT MAX(id) FROM run_events WHERE run_id = r.id) ORDER BY r.id");
  while (st.executeStep()) {
    int64_t run = st.getColumn(0).getInt64();
    std::string status = st.getColumn(1).getString();
    if (status == "running" || status == "interrupted")
      rep->incomplete_runs.push_back(run);
    if (st.getColumn(4).isNull()) {
      rep->problems.push_back({"runs", run, "has no run event"});
      continue;
    }
    std::string first = st.getColumn(8).getString();
    if (first != "started" && first != "migrated") {
      rep->problems.push_back(
          {"runs", run,
           "its first run event is '" + first + "', not 'started'"});
    }
    auto same = [&](int a, int b) {
      const auto x = st.getColumn(a), y = st.getColumn(b);
      return x.isNull() == y.isNull() &&
             (x.isNull() || x.getString() == y.getString());
    };
    if (!same(1, 5) || !same(2, 6) || !same(3, 7)) {
      rep->problems.push_back(
          {"runs", run,
           "status, ended_at or counts differ from its latest run "
           "event (" +
               std::to_string(st.getColumn(4).getInt64()) + ")"});
    }
  }
}

// A closed run's counts were hashed into its closing event: the verdicts
// and failures it holds must still add up to them.
void CheckClosedCounts(SQLite::Database& db, AuditReport* rep) {
  SQLite::Statement st(db,
                       "SELECT id, counts, (SELECT COUNT(*) FROM failures f "
                       "WHERE f.run_id = r.id) "
                       "FROM runs r WHERE status <> 'running' "
                       "AND counts IS NOT NULL ORDER BY id");
  SQLite::Statement by_status(
      db,
      "SELECT status, COUNT(*) FROM verdicts WHERE run_id = ? GROUP BY status");
  while (st.executeStep()) {
    int64_t run = st.getColumn(0).getInt64();
    auto counts =
        nlohmann::json::parse(st.getColumn(1).getString(), nullptr, false);
    if (counts.is_discarded() || !counts.is_object()) {
      rep->problems.push_back({"runs", run, "counts is not JSON"});
      continue;
    }
    nlohmann::json actual = nlohmann::json::object();
    by_status.tryReset();
    by_status.bind(1, run);
    while (by_status.executeStep()) {
      actual[by_status.getColumn(0).getString()] =
          by_status.getColumn(1).getInt64();
    }
    if (counts.value("verdicts", nlohmann::json::object()) != actual) {
      rep->problems.push_back(
          {"runs", run,
           "holds verdicts " + actual.dump() + " but closed with " +
               counts.value("verdicts", nlohmann::json()).dump()});
    }
    if (counts.value("failures", int64_t{-1}) != st.getColumn(2).getInt64()) {
      rep->problems.push_back(
          {"runs", run,
           "holds " + st.getColumn(2).getString() +
               " failures but closed with " +
               counts.value("failures", nlohmann::json()).dump()});
    }
  }
}

void CheckClaimsAndReferences(SQLite::Database& db, AuditReport* rep) {
  // Claim spans are byte offsets: compare bytes, not characters.
  SQLite::Statement spans(
      db,
      "SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id "
      "WHERE c.span_start < 0 OR c.span_end < c.span_start "
      "OR CAST(substr(CAST(d.body AS BLOB), c.span_start + 1, "
      "c.span_end - c.span_start) AS TEXT) IS NOT c.text ORDER BY c.id LIMIT "
      "1");
  if (spans.executeStep()) {
    rep->problems.push_back(
        {"claims", spans.getColumn(0).getInt64(),
         "text differs from its document's bytes at its span"});
  }
  SQLite::Statement fk(db, "PRAGMA foreign_key_check");
  while (fk.executeStep()) {
    rep->problems.push_back(
        {fk.getColumn(0).getString(), fk.getColumn(1).getInt64(),
         "refers to a missing " + fk.getColumn(2).getString() + " row"});
  }
  for (auto& p : ledger::ClaimSetProblems(db)) rep->problems.push_back(p);
  // The writer stores each distinct text once (schema 4 keeps that without
  // a unique index); by the prefix index, a probe per document.
  SQLite::Statement twice(
      db,
      "SELECT d.id FROM documents d WHERE EXISTS (SELECT 1 FROM documents e "
      "WHERE substr(e.sha256, 1, 16) = substr(d.sha256, 1, 16) AND e.sha256 = "
      "d.sha256 AND e.id < d.id) ORDER BY d.id LIMIT 1");
  if (twice.executeStep()) {
    rep->problems.push_back({"documents", twice.getColumn(0).getInt64(),
                             "has the SHA-256 of an earlier document"});
  }
}

}  // namespace

namespace ledger {

std::vector<AuditProblem> ClaimSetProblems(SQLite::Database& db) {
  std::vector<AuditProblem> out;
  SQLite::Statement stray(
      db,
      "SELECT c.id, s.document_id IS NULL FROM claims c LEFT JOIN claim_sets "
      "s ON s.document_id = c.document_id AND s.extractor_version = "
      "c.extractor_version WHERE s.document_id IS NULL OR s.claim_count = 0 "
      "OR c.id < s.first_claim_id OR c.id >= s.first_claim_id + "
      "s.claim_count OR c.ordinal IS NOT c.id - s.first_claim_id "
      "ORDER BY c.id LIMIT 1");
  if (stray.executeStep()) {
    out.push_back({"claims", stray.getColumn(0).getInt64(),
                   stray.getColumn(1).getInt()
                       ? "belongs to no claim set (claim_sets)"
                       : "lies outside its claim set's ids, or not at its "
                         "ordinal there"});
  }
  // The range's rows, by rowid: each set costs its own claims only.
  SQLite::Statement holes(
      db,
      "SELECT s.document_id FROM claim_sets s WHERE s.claim_count <> (SELECT "
      "COUNT(*) FROM claims c WHERE c.id >= s.first_claim_id AND c.id < "
      "s.first_claim_id + s.claim_count AND c.document_id = s.document_id "
      "AND c.extractor_version = s.extractor_version) "
      "ORDER BY s.document_id LIMIT 1");
  if (holes.executeStep()) {
    out.push_back({"claim_sets", holes.getColumn(0).getInt64(),
                   "the set's claim ids are not all its document's claims "
                   "(row: the document id)"});
  }
  return out;
}

}  // namespace ledger

Result<AuditReport> Ledger::Audit() const {
  AuditReport rep;
  try {
    auto& db = impl_->db;
    impl_->CommitGroup();  // a transaction of its own
    SQLite::Transaction tx(db);  // deferred: the first read fixes the snapshot
    rep.schema_version = db.execAndGet("PRAGMA user_version").getInt();
    {
      SQLite::Statement ic(db, "PRAGMA integrity_check");
      while (ic.executeStep())
        rep.integrity.push_back(ic.getColumn(0).getString());
    }
    for (const auto* spec : ledger::ChainedTables())
      VerifyChain(db, *spec, &rep);
    CheckRuns(db, &rep);
    CheckClosedCounts(db, &rep);
    CheckClaimsAndReferences(db, &rep);
    return rep;
  } catch (const std::exception& e) {
    return impl_->Fail("audit", e);
  }
}

}  // namespace claimledger
