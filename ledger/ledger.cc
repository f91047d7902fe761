#include "ledger/ledger.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "ledger/ledger_internal.h"

namespace claimledger {

namespace {

// Generous: a writer holds the lock for one batch (a quarter second), but
// several processes may queue behind each other.
constexpr std::chrono::milliseconds kBusyTimeout{30000};

// SQLite keeps memory statistics by default, taking a global mutex on
// every allocation; the ledger never reads them. Set once, before SQLite
// initializes (sqlite3_config fails harmlessly when it already has).
void ConfigureSqliteOnce() {
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)done;
}

}  // namespace

Ledger::Ledger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Ledger::~Ledger() = default;

namespace ledger {

SQLite::Statement& Reused::Get(const std::string& sql) {
  auto& slot = impl_.reused[sql];
  if (!slot) slot = std::make_unique<SQLite::Statement>(impl_.db, sql);
  lent_.push_back(slot.get());
  return *slot;
}

Reused::~Reused() {
  for (SQLite::Statement* st : lent_) {
    st->tryReset();
    st->clearBindings();
  }
}

}  // namespace ledger

Result<std::unique_ptr<Ledger>> Ledger::Open(const std::string& path,
                                             OpenMode mode) {
  ConfigureSqliteOnce();
  if (mode == OpenMode::kExisting && path != ":memory:") {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return Status::Error("open ledger " + path + ": no such file");
    }
  }
  // One connection per Ledger, used by one thread at a time (ledger.h):
  // no per-call locking inside SQLite.
  int flags = SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX;
  if (mode == OpenMode::kCreate) flags |= SQLite::OPEN_CREATE;
  // SQLite does not wait on its busy handler while another connection
  // switches a new file to WAL or recovers a WAL, so processes opening one
  // ledger at the same moment may be told "locked": try again, within the
  // same limit as any other wait.
  auto deadline = std::chrono::steady_clock::now() + kBusyTimeout;
  for (;;) {
    try {
      auto impl = std::make_unique<Impl>(path, flags);
      auto& db = impl->db;
      db.setBusyTimeout(static_cast<int>(kBusyTimeout.count()));
      // Takes effect on a new, empty file only (SCHEMA.md).
      db.exec("PRAGMA page_size=32768");
      if (db.execAndGet("PRAGMA journal_mode=WAL").getString() != "wal" &&
          path != ":memory:") {
        throw SQLite::Exception("could not switch to WAL", SQLITE_BUSY);
      }
      // In WAL mode NORMAL loses no committed transaction when the process
      // dies (only on power loss) and never corrupts the file.
      db.exec("PRAGMA synchronous=NORMAL");
      db.exec("PRAGMA foreign_keys=ON");
      // A 16 MB page cache (SQLite's default is 2 MB): a check over a large
      // archive keeps the hot index pages of documents and verdicts
      // instead of reading them back from the OS on every batch. The cache
      // only grows as far as it is used. Since schema 4 the hot pages are
      // fewer: 32 MB made no check faster (10,000 and 100,000 articles,
      // alternating runs) and took 22 MB more RSS at 100,000.
      db.exec("PRAGMA cache_size=-16384");
      SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
      ledger::MigrateForward(db);
      tx.commit();
      return std::unique_ptr<Ledger>(new Ledger(std::move(impl)));
    } catch (const SQLite::Exception& e) {
      bool busy =
          e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
      if (!busy || std::chrono::steady_clock::now() >= deadline) {
        return Status::Error("open ledger " + path + ": " + e.what());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } catch (const std::exception& e) {
      return Status::Error("open ledger " + path + ": " + e.what());
    }
  }
}

int Ledger::schema_version() const {
  try {
    return impl_->db.execAndGet("PRAGMA user_version").getInt();
  } catch (const std::exception&) {
    return -1;
  }
}

const std::string& Ledger::path() const { return impl_->path; }

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
    SQLite::Statement st(
        impl_->db,
        "SELECT id, engine_version, started_at, COALESCE(ended_at, ''), "
        "status, "
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

Result<std::vector<VerdictRow>> Ledger::ListVerdicts(
    const ListFilter& f) const {
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
    SQLite::Statement st(
        impl_->db,
        "SELECT verdict_id, run_id, claim_id, path, text, kind, unit, rule_id, "
        "rule_version, severity, machine_status, status, expected, observed, "
        "deviation, reason FROM verdict_view "
        "WHERE run_id = ?1 AND (?2 = '' OR status = ?2) AND (?3 = '' OR "
        "rule_id = ?3) "
        "AND (?4 = '' OR kind = ?4) "
        "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM claim_sets s WHERE "
        "s.document_id = ?5 AND claim_id >= s.first_claim_id AND claim_id < "
        "s.first_claim_id + s.claim_count)) "
        "ORDER BY CASE status WHEN 'inconsistent' THEN 0 WHEN 'unverifiable' "
        "THEN 1 "
        "ELSE 2 END, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 "
        "ELSE 2 END, "
        "verdict_id");
    SQLite::bind(st, *run, f.status, f.rule, f.kind);
    if (f.document) st.bind(5, *f.document);  // else NULL: any document
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
