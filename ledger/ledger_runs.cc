// The life of a run: beginning and closing it, finding and resuming an
// unfinished run, and counting what a run holds. Every change of a run's
// status is a chained run_events row; the runs row only mirrors the latest.
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/VariadicBind.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "ledger/chain.h"
#include "ledger/ledger.h"
#include "ledger/ledger_internal.h"

namespace claimledger {

namespace ledger {

std::string UtcNow() {
  std::time_t t =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string ProcessJson() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return nlohmann::json(
             {{"host", host}, {"pid", static_cast<int64_t>(getpid())}})
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AppendRunEvent(SQLite::Database& db, int64_t run, const std::string& event,
                    const std::string& status, const std::string* ended_at,
                    const std::string* counts, const std::string& at,
                    const std::string& detail_json, JsonInput json) {
  auto opt = [](const std::string* s) {
    return s ? Value(*s) : Value(std::monostate{});
  };
  ChainWriter events(db, RunEventsSpec());
  events.Append(
      {run, event, status, opt(ended_at), opt(counts), at, detail_json}, {},
      json);
  SQLite::Statement st(
      db,
      "UPDATE runs SET status = ?2, ended_at = ?3, counts = ?4 WHERE id = ?1 "
      "AND (status IS NOT ?2 OR ended_at IS NOT ?3 OR counts IS NOT ?4)");
  st.bind(1, run);
  st.bind(2, status);
  Bind(st, 3, opt(ended_at));
  Bind(st, 4, opt(counts));
  st.exec();
}

RunCounts CountRun(SQLite::Database& db, int64_t run) {
  RunCounts c;
  {
    SQLite::Statement st(db,
                         "SELECT COUNT(*) FROM run_documents WHERE run_id = ?");
    st.bind(1, run);
    st.executeStep();
    c.documents = st.getColumn(0).getInt();
  }
  {
    SQLite::Statement st(db,
                         "SELECT c.kind, COUNT(*) FROM run_documents rd "
                         "JOIN runs r ON r.id = rd.run_id "
                         "JOIN claim_sets s ON s.document_id = rd.document_id "
                         "AND s.extractor_version = r.extractor_version "
                         "JOIN claims c ON c.id >= s.first_claim_id "
                         "AND c.id < s.first_claim_id + s.claim_count "
                         "WHERE rd.run_id = ? GROUP BY c.kind");
    st.bind(1, run);
    while (st.executeStep()) {
      int n = st.getColumn(1).getInt();
      c.claims_by_kind[st.getColumn(0).getString()] = n;
      c.claims += n;
    }
  }
  {
    SQLite::Statement st(db,
                         "SELECT status, COUNT(*) FROM verdicts WHERE run_id = "
                         "? GROUP BY status");
    st.bind(1, run);
    while (st.executeStep()) {
      c.verdicts_by_status[st.getColumn(0).getString()] =
          st.getColumn(1).getInt();
    }
  }
  c.failures = RunFailures(db, run);
  return c;
}

std::vector<std::pair<std::string, std::string>> RunFailures(
    SQLite::Database& db, int64_t run) {
  std::vector<std::pair<std::string, std::string>> out;
  SQLite::Statement st(
      db, "SELECT input, error FROM failures WHERE run_id = ? ORDER BY id");
  st.bind(1, run);
  while (st.executeStep()) {
    out.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString());
  }
  return out;
}

}  // namespace ledger

namespace {

int64_t CountRows(SQLite::Database& db, const char* sql, int64_t run) {
  SQLite::Statement st(db, sql);
  st.bind(1, run);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

// The run's counts from what this connection wrote, when the ledger's
// row counts for the run agree with it (nothing else wrote to the run);
// otherwise counted from the ledger. The failures always come from the
// ledger: they are few and written one at a time.
RunCounts CountForClose(SQLite::Database& db, const Ledger::Impl& impl,
                        int64_t run) {
  const auto& t = impl.tally;
  if (t.run != run ||
      CountRows(db, "SELECT COUNT(*) FROM run_documents WHERE run_id = ?",
                run) != t.counts.documents ||
      CountRows(db, "SELECT COUNT(*) FROM verdicts WHERE run_id = ?", run) !=
          t.verdicts()) {
    return ledger::CountRun(db, run);
  }
  RunCounts c = t.counts;
  c.failures = ledger::RunFailures(db, run);
  return c;
}

}  // namespace

std::string RunCounts::ToJson() const {
  return nlohmann::json({{"documents", documents},
                         {"claims", claims},
                         {"failures", failures.size()},
                         {"verdicts", verdicts_by_status}})
      .dump();
}

Result<int64_t> Ledger::BeginRun(const RunInfo& info) {
  try {
    impl_->CommitGroup();
    auto& db = impl_->db;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    int64_t id =
        db.execAndGet("SELECT COALESCE(MAX(id), 0) + 1 FROM runs").getInt64();
    ledger::ChainWriter runs(db, ledger::RunsSpec());
    runs.Append(
        {id, info.engine_version, info.extractor_version, info.arguments_json,
         info.rules_json, info.reference_json, info.started_at},
        {std::string("running")});
    // {"host":..,"pid":..,"plan":..}, canonical as it is built: the plan
    // (every input's path, so large) comes canonical (RunInfo), and
    // parsing and dumping it again took 3-4 ms of a run's start for
    // 10,000 inputs, on one core.
    std::string detail = ledger::ProcessJson();
    detail.pop_back();  // its closing brace; "plan" sorts after "pid"
    detail += ",\"plan\":";
    detail += info.plan_json.empty() ? "{}" : info.plan_json;
    detail += '}';
    ledger::AppendRunEvent(db, id, "started", "running", nullptr, nullptr,
                           info.started_at, detail,
                           ledger::JsonInput::kCanonical);
    tx.commit();
    return id;
  } catch (const std::exception& e) {
    return impl_->Fail("begin run in", e);
  }
}

Result<RunCounts> Ledger::FinishRun(int64_t run, const std::string& status) {
  if (status != "complete" && status != "interrupted" && status != "failed") {
    return Status::Error("finish run " + std::to_string(run) + ": '" + status +
                         "' is not complete, interrupted or failed");
  }
  try {
    auto& db = impl_->db;
    impl_->CommitGroup();  // a transaction of its own
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement st(db, "SELECT status FROM runs WHERE id = ?");
    st.bind(1, run);
    if (!st.executeStep()) {
      return Status::Error("finish run " + std::to_string(run) + " in " +
                           impl_->path + ": no such run");
    }
    if (std::string now = st.getColumn(0).getString(); now != "running") {
      return Status::Error("finish run " + std::to_string(run) + " in " +
                           impl_->path + ": it is " + now + ", not running");
    }
    st.reset();
    RunCounts counts = CountForClose(db, *impl_, run);
    std::string json = counts.ToJson();
    std::string at = ledger::UtcNow();
    ledger::AppendRunEvent(db, run, status, status, &at, &json, at, "{}");
    tx.commit();
    return counts;
  } catch (const std::exception& e) {
    return impl_->Fail("finish run " + std::to_string(run) + " in", e);
  }
}

Result<std::optional<ResumableRun>> Ledger::FindResumableRun() const {
  try {
    auto& db = impl_->db;
    impl_->CommitGroup();  // a transaction of its own
    SQLite::Transaction tx(db);  // one snapshot for both reads
    SQLite::Statement st(db,
                         "SELECT id, status, engine_version, "
                         "extractor_version, rules, reference "
                         "FROM runs WHERE status IN ('running', 'interrupted') "
                         "ORDER BY id DESC LIMIT 1");
    if (!st.executeStep()) return std::optional<ResumableRun>();
    ResumableRun r;
    r.run = st.getColumn(0).getInt64();
    r.status = st.getColumn(1).getString();
    r.engine_version = st.getColumn(2).getString();
    r.extractor_version = st.getColumn(3).getString();
    r.rules_json = st.getColumn(4).getString();
    r.reference_json = st.getColumn(5).getString();
    SQLite::Statement ev(db,
                         "SELECT id, event, detail FROM run_events WHERE "
                         "run_id = ? ORDER BY id");
    ev.bind(1, r.run);
    while (ev.executeStep()) {
      r.last_event = ev.getColumn(0).getInt64();
      std::string event = ev.getColumn(1).getString();
      if (event != "started" && event != "resumed") continue;
      auto detail = nlohmann::json::parse(ev.getColumn(2).getString());
      r.host = detail.value("host", "");
      r.pid = detail.value("pid", int64_t{0});
      if (event == "started" && detail.contains("plan") &&
          !detail["plan"].empty()) {
        r.plan_json = detail["plan"].dump();
      }
    }
    return std::optional<ResumableRun>(std::move(r));
  } catch (const std::exception& e) {
    return impl_->Fail("find an unfinished run in", e);
  }
}

Status Ledger::ResumeRun(int64_t run, int64_t expected_last_event) {
  try {
    auto& db = impl_->db;
    impl_->CommitGroup();  // a transaction of its own
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement st(
        db,
        "SELECT r.status, (SELECT MAX(id) FROM run_events WHERE run_id = r.id) "
        "FROM runs r WHERE r.id = ?");
    st.bind(1, run);
    if (!st.executeStep()) {
      return Status::Error("resume run " + std::to_string(run) +
                           ": no such run");
    }
    std::string status = st.getColumn(0).getString();
    int64_t last = st.getColumn(1).isNull() ? 0 : st.getColumn(1).getInt64();
    if (status != "running" && status != "interrupted") {
      return Status::Error("resume run " + std::to_string(run) + ": it is " +
                           status);
    }
    if (last != expected_last_event) {
      return Status::Error("resume run " + std::to_string(run) +
                           ": another process resumed or closed it meanwhile");
    }
    st.reset();
    ledger::AppendRunEvent(db, run, "resumed", "running", nullptr, nullptr,
                           ledger::UtcNow(), ledger::ProcessJson());
    tx.commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return impl_->Fail("resume run " + std::to_string(run) + " in", e);
  }
}

Result<std::set<std::string>> Ledger::DoneInputs(int64_t run) const {
  std::set<std::string> done;
  try {
    SQLite::Statement st(impl_->db,
                         "SELECT path FROM run_documents WHERE run_id = ?1 "
                         "UNION SELECT input FROM failures WHERE run_id = ?1");
    st.bind(1, run);
    while (st.executeStep()) done.insert(st.getColumn(0).getString());
    return done;
  } catch (const std::exception& e) {
    return impl_->Fail("read run " + std::to_string(run) + " of", e);
  }
}

Result<RunCounts> Ledger::CountRun(int64_t run) const {
  try {
    impl_->CommitGroup();  // a transaction of its own
    SQLite::Transaction tx(impl_->db);
    return ledger::CountRun(impl_->db, run);
  } catch (const std::exception& e) {
    return impl_->Fail("count run " + std::to_string(run) + " of", e);
  }
}

}  // namespace claimledger
