// The group transaction (Ledger::GroupCommits): RecordDocuments and
// RecordFailure share one transaction until it holds enough documents or
// is old enough. A savepoint per call would let a failing call keep the
// group's earlier calls, but SQLite then journals the first change to
// every page each call touches (25 MB more writes over 10,000 articles),
// so a failing call rolls back the whole group instead.
//
// The group runs with SQLite's foreign-key enforcement off. Every id its
// rows bind was inserted or looked up in the same transaction (the run is
// checked to be running first), so the lookups of the parent rows, three
// for each verdict, only repeated what the writer knows: they took about
// 3% of a check's CPU time (10,000 articles). `audit` checks every
// reference (PRAGMA foreign_key_check), and every other transaction of the
// connection enforces them as before: the pragma is a no-op inside a
// transaction, so it is switched around the group's BEGIN and its end.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>

#include "ledger/ledger.h"
#include "ledger/ledger_internal.h"

namespace claimledger {

namespace {

// Back to enforcing foreign keys once no transaction is open. It does not
// fail the call it ends, which is committed or rolled back already: should
// the pragma fail, later transactions go without the lookups, and audit
// still checks every reference.
void EnforceForeignKeys(SQLite::Database& db) noexcept {
  try {
    if (sqlite3_get_autocommit(db.getHandle()))
      db.exec("PRAGMA foreign_keys=ON");
  } catch (const std::exception&) {
  }
}

}  // namespace

void Ledger::Impl::CommitGroup() {
  if (!group.open) return;
  try {
    db.exec("COMMIT");
  } catch (const std::exception&) {
    RollBackGroup();
    throw;
  }
  group.open = false;
  group.held = 0;
  EnforceForeignKeys(db);
}

void Ledger::Impl::RollBackGroup() noexcept {
  group.open = false;
  group.held = 0;
  tally = {};
  try {
    if (!sqlite3_get_autocommit(db.getHandle())) db.exec("ROLLBACK");
  } catch (const std::exception&) {
    // Closing the connection rolls it back.
  }
  EnforceForeignKeys(db);
}

void Ledger::GroupCommits(size_t documents,
                          std::chrono::milliseconds interval) {
  impl_->group.documents = documents;
  impl_->group.interval = interval;
}

Status Ledger::CommitGroup() {
  try {
    impl_->CommitGroup();
    return Status::Ok();
  } catch (const std::exception& e) {
    return impl_->Fail("commit to", e);
  }
}

namespace ledger {

WriteScope::WriteScope(Ledger::Impl& impl) : impl_(impl) {
  auto& g = impl.group;
  if (g.documents == 0) {
    tx_.emplace(impl.db, SQLite::TransactionBehavior::IMMEDIATE);
    return;
  }
  if (!g.open) {
    impl.db.exec("PRAGMA foreign_keys=OFF");
    try {
      impl.db.exec("BEGIN IMMEDIATE");
    } catch (const std::exception&) {
      impl.RollBackGroup();  // enforcement back on
      throw;
    }
    g.open = true;
    g.held = 0;
    g.began = std::chrono::steady_clock::now();
  }
  grouped_ = true;
}

WriteScope::~WriteScope() {
  if (grouped_) impl_.RollBackGroup();
}

void WriteScope::Commit(size_t documents) {
  if (tx_) {
    tx_->commit();
    return;
  }
  grouped_ = false;
  auto& g = impl_.group;
  g.held += documents;
  if (g.held >= g.documents ||
      std::chrono::steady_clock::now() - g.began >= g.interval) {
    impl_.CommitGroup();
  }
}

}  // namespace ledger

}  // namespace claimledger
