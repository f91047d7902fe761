// Reviews: a person's decision on a verdict, appended and chained. A
// review never changes its verdict; verdict_view shows the latest one.
#include <SQLiteCpp/SQLiteCpp.h>

#include "ledger/chain.h"
#include "ledger/ledger.h"
#include "ledger/ledger_internal.h"

namespace claimledger {

namespace {

bool IsVerdictStatus(const std::string& s) {
  return s == "consistent" || s == "inconsistent" || s == "unverifiable";
}

}  // namespace

Result<int64_t> Ledger::AddReview(const ReviewInput& in) {
  std::string what = "review verdict " + std::to_string(in.verdict_id);
  if (in.decision != "confirm" && in.decision != "override") {
    return Status::Error(what +
                         ": decision must be confirm or override, not '" +
                         in.decision + "'");
  }
  if (!in.status.empty() && !IsVerdictStatus(in.status)) {
    return Status::Error(what +
                         ": status must be consistent, inconsistent or "
                         "unverifiable, not '" +
                         in.status + "'");
  }
  if (in.decision == "override" && in.status.empty()) {
    return Status::Error(what + ": an override needs the status it decides");
  }
  if (in.reviewer.empty())
    return Status::Error(what + ": the reviewer is empty");
  if (in.note.empty()) return Status::Error(what + ": the note is empty");
  try {
    auto& db = impl_->db;
    impl_->CommitGroup();  // a transaction of its own
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement st(db, "SELECT status FROM verdicts WHERE id = ?");
    st.bind(1, in.verdict_id);
    if (!st.executeStep()) {
      return Status::Error(what + " in " + impl_->path + ": no such verdict");
    }
    std::string machine = st.getColumn(0).getString();
    st.reset();
    std::string status = in.status.empty() ? machine : in.status;
    if (in.decision == "confirm" && status != machine) {
      return Status::Error(what + ": confirm keeps the verdict's status (" +
                           machine + "); to decide " + status +
                           " use override");
    }
    ledger::ChainWriter reviews(db, ledger::ReviewsSpec());
    int64_t id = reviews.Append(
        {in.verdict_id, in.reviewer, in.decision, status, in.note,
         in.created_at.empty() ? ledger::UtcNow() : in.created_at});
    tx.commit();
    return id;
  } catch (const std::exception& e) {
    return impl_->Fail(what + " in", e);
  }
}

}  // namespace claimledger
