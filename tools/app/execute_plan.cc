// ExecutePlan: reads, extracts and checks a plan's inputs and records them
// through the one Ledger connection, on the calling thread, in input
// order. `jobs` is the number of threads in all: with jobs > 1, jobs - 1
// workers check while the calling thread writes, and checks too whenever
// the next result to write is not ready yet. So `jobs` threads keep as many
// cores busy, and the writer, which alone can hold the run up, never waits
// for a core behind as many workers as there are cores. Recording in input order makes the
// ledger the same for any number of jobs (row ids included), and lets an
// interrupted run keep exactly a prefix of its inputs.
//
// Memory stays bounded whatever the number of inputs: workers take an input
// only while fewer than kWindow results wait for the writer and their
// footprints (text, and a few KB per claim) stay under kWindowBytes; the
// writer's batch holds at most kBatchDocuments documents or kBatchBytes. A
// document holds at most plan.max_claims claims. Only paths are held for
// the whole corpus.
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "engine/check.h"
#include "engine/extract.h"
#include "tools/app/run_check_internal.h"

namespace claimledger {

namespace {

// Enough for the workers to go on while the writer commits a group and
// copies the log into the ledger file (tens of ms): with 512, --jobs 2 was
// 6% slower at 10,000 articles.
constexpr size_t kWindow = 1024;
// In footprint bytes: 1,024 ordinary articles (2 KB and nine claims each)
// count about 40 MB, so these cut only windows and batches of long or
// dense ones.
constexpr size_t kWindowBytes = 64u << 20;
constexpr size_t kBatchBytes = 32u << 20;

// One input, read and checked, or why it could not be.
struct Checked {
  bool skipped = false;  // a resumed run already holds it
  std::optional<Document> doc;
  size_t claims = 0;
  // The ledger rows (claims and verdicts), built here so that the writer
  // only inserts. The claims themselves are freed once their rows are
  // built (a claim takes about 1.3 KB, its row 0.5 KB, a verdict's rows
  // 6 KB).
  std::shared_ptr<PreparedDocument> prepared;
  std::string error;
  size_t bytes() const { return doc ? doc->raw.size() : 0; }  // of text
  // What it holds in memory, roughly: its text, and for each claim its
  // row and its share of the verdicts' rows (a few KB). The window and
  // the writer's batch are bounded by this, so that articles dense with
  // amounts do not pile up.
  size_t footprint() const { return bytes() + claims * 4096; }
};

Checked CheckOneUnguarded(const CheckPlan& plan, const std::string& base,
                          int64_t run, const std::string& path,
                          const Lexicon& lex, const Rulebook& book) {
  Checked c;
  auto doc = LoadDocument(CheckPlan::ReadPath(base, path), plan.defaults,
                          plan.max_bytes);
  if (!doc.ok()) {
    c.error = doc.status().message();
    return c;
  }
  c.doc = std::move(doc).value();
  c.doc->path = path;
  std::vector<Claim> claims = Extract(c.doc->body(), lex, plan.max_claims);
  if (claims.size() > plan.max_claims) {
    // Extract stopped reading one claim past the limit.
    c.error = path + ": more than " + std::to_string(plan.max_claims) +
              " claims, over the limit (--max-claims)";
    c.doc.reset();
    return c;
  }
  c.claims = claims.size();
  c.prepared = PrepareDocument(run, *c.doc, claims,
                               CheckDocument(*c.doc, claims, book),
                               std::string(kExtractorVersion));
  // Its JSON is in the prepared rows.
  c.doc->metadata.clear();
  return c;
}

// One input that makes the engine throw (out of memory, a bug) becomes its
// failure row; the batch goes on, and a worker thread never ends the
// process.
Checked CheckOne(const CheckPlan& plan, const std::string& base, int64_t run,
                 const std::string& path, const Lexicon& lex,
                 const Rulebook& book) {
  try {
    return CheckOneUnguarded(plan, base, run, path, lex, book);
  } catch (const std::exception& e) {
    Checked c;
    c.error = path + ": internal error while checking: " + e.what();
    return c;
  }
}

// The single writer: takes checked inputs in order, writes failures at
// once and documents in batches.
class Writer {
 public:
  Writer(int64_t run, const CheckPlan& plan, Ledger& ledger, Reporter& reporter,
         CheckSummary* summary)
      : run_(run),
        plan_(plan),
        ledger_(ledger),
        reporter_(reporter),
        summary_(summary),
        last_write_(std::chrono::steady_clock::now()) {}

  Status Take(size_t index, Checked c) {
    const std::string& path = plan_.files[index];
    size_t seen = index + 1, total = plan_.files.size();
    if (c.skipped) {
      ++summary_->skipped;
      reporter_.Document(path, seen, total, 0);
      return Status::Ok();
    }
    if (!c.doc) {
      reporter_.Failure(path, c.error);
      if (auto s = ledger_.RecordFailure(run_, path, c.error); !s.ok())
        return s;
      reporter_.Document(path, seen, total, 0);
      return Status::Ok();
    }
    int n = static_cast<int>(c.claims);
    size_t bytes = c.bytes();
    summary_->bytes += bytes;
    batch_bytes_ += c.footprint();
    batch_.push_back(std::move(c));
    reporter_.Bytes(bytes);
    reporter_.Document(path, seen, total, n);
    if (batch_.size() >= kBatchDocuments || batch_bytes_ >= kBatchBytes ||
        std::chrono::steady_clock::now() - last_write_ >= kBatchInterval) {
      return Flush();
    }
    return Status::Ok();
  }

  // Where written batches go to be freed (default: here). The pool hands
  // them back to the workers, whose threads allocated them: memory freed
  // on the thread that took it stays in that thread's malloc arena.
  void SetDispose(std::function<void(std::vector<Checked>&&)> dispose) {
    dispose_ = std::move(dispose);
  }

  Status Flush() {
    if (batch_.empty()) return Status::Ok();
    std::vector<DocumentRecord> records;
    records.reserve(batch_.size());
    for (const auto& p : batch_)
      records.push_back({&*p.doc, nullptr, nullptr, p.prepared.get()});
    auto stored =
        ledger_.RecordDocuments(run_, records, std::string(kExtractorVersion));
    if (!stored.ok()) return stored.status();
    for (const auto& s : *stored)
      summary_->reused_documents += s.reused ? 1 : 0;
    if (dispose_) {
      dispose_(std::move(batch_));
      batch_ = {};
    }
    batch_.clear();
    batch_bytes_ = 0;
    last_write_ = std::chrono::steady_clock::now();
    return Status::Ok();
  }

 private:
  int64_t run_;
  const CheckPlan& plan_;
  Ledger& ledger_;
  Reporter& reporter_;
  CheckSummary* summary_;
  std::vector<Checked> batch_;
  std::function<void(std::vector<Checked>&&)> dispose_;
  size_t batch_bytes_ = 0;
  std::chrono::steady_clock::time_point last_write_;
};

bool Stopped(const std::atomic<bool>* stop) { return stop && stop->load(); }

// Checks the inputs on this thread, one after another.
Status RunSequential(const CheckPlan& plan, const std::string& base,
                     int64_t run,
                     const std::set<std::string>& done,
                     const Lexicon& lex, const Rulebook& book,
                     const std::atomic<bool>* stop, Writer& writer,
                     CheckSummary* summary) {
  for (size_t i = 0; i < plan.files.size(); ++i) {
    if (Stopped(stop)) {
      summary->interrupted = true;
      break;
    }
    Checked c;
    if (done.count(plan.files[i])) {
      c.skipped = true;
    } else {
      c = CheckOne(plan, base, run, plan.files[i], lex, book);
    }
    if (auto s = writer.Take(i, std::move(c)); !s.ok()) return s;
  }
  return Status::Ok();
}

// Workers take inputs in order and leave their results in a ring of
// kWindow slots; this thread takes them out in order and writes them.
class Pool {
 public:
  Pool(const CheckPlan& plan, const std::string& base, int64_t run,
       const std::set<std::string>& done, const Lexicon& lex,
       const Rulebook& book)
      : plan_(plan),
        base_(base),
        run_(run),
        done_(done),
        lex_(lex),
        book_(book),
        slots_(kWindow) {}

  Status Run(int jobs, const std::atomic<bool>* stop, Writer& writer,
             CheckSummary* summary) {
    writer.SetDispose([this](std::vector<Checked>&& done) {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& c : done) written_batches_.push_back(std::move(c));
    });
    std::vector<std::thread> workers;
    for (int j = 0; j < jobs; ++j) workers.emplace_back([this] { Work(); });
    Status result = Status::Ok();
    for (size_t i = 0; i < plan_.files.size(); ++i) {
      std::optional<Checked> c;
      bool wake = false;
      {
        std::unique_lock<std::mutex> lock(mu_);
        // Poll the stop flag: a signal handler cannot notify.
        while (!slots_[i % kWindow] && !Stopped(stop)) {
          // Rather than wait, check the next input no worker has taken:
          // the writer is a worker whenever it has nothing to write.
          if (HasWork()) {
            size_t j = next_++;
            lock.unlock();
            Checked mine = Process(j);
            lock.lock();
            waiting_bytes_ += mine.footprint();
            slots_[j % kWindow] = std::move(mine);
            continue;
          }
          writer_waits_ = i;
          // Idle workers are woken by the batch below; one that went idle
          // on the byte limit may need waking before a batch is taken.
          if (idle_workers_ > 0) room_.notify_all();
          ready_.wait_for(lock, std::chrono::milliseconds(50));
        }
        writer_waits_ = kNone;
        if (Stopped(stop)) {
          summary->interrupted = true;
          break;
        }
        c = std::move(slots_[i % kWindow]);
        slots_[i % kWindow].reset();
        waiting_bytes_ -= c->footprint();
        written_ = i + 1;
        // Wake idle workers only once a batch's worth of room is free, not
        // for every document taken.
        wake = idle_workers_ > 0 && (written_ % kBatchDocuments == 0 ||
                                     written_ == plan_.files.size());
      }
      if (wake) room_.notify_all();
      if (auto s = writer.Take(i, std::move(*c)); !s.ok()) {
        result = s;
        break;
      }
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      quit_ = true;
    }
    room_.notify_all();
    for (auto& t : workers) t.join();
    writer.SetDispose(nullptr);
    return result;
  }

 private:
  void Work() {
    for (;;) {
      size_t i;
      std::vector<Checked> to_free;
      {
        std::unique_lock<std::mutex> lock(mu_);
        to_free.swap(written_batches_);
        ++idle_workers_;
        room_.wait(lock, [&] {
          return quit_ || next_ >= plan_.files.size() || HasWork();
        });
        --idle_workers_;
        if (quit_ || next_ >= plan_.files.size()) return;
        i = next_++;
      }
      to_free.clear();
      Checked c = Process(i);
      bool wake = false;
      {
        std::lock_guard<std::mutex> lock(mu_);
        waiting_bytes_ += c.footprint();
        slots_[i % kWindow] = std::move(c);
        wake = writer_waits_ == i;
      }
      if (wake) ready_.notify_one();
    }
  }

  // An input is left to take and there is room for its result. Under mu_.
  bool HasWork() const {
    return next_ < plan_.files.size() && next_ < written_ + kWindow &&
           waiting_bytes_ < kWindowBytes;
  }

  Checked Process(size_t i) const {
    Checked c;
    if (done_.count(plan_.files[i])) {
      c.skipped = true;
    } else {
      c = CheckOne(plan_, base_, run_, plan_.files[i], lex_, book_);
    }
    return c;
  }

  const CheckPlan& plan_;
  const std::string& base_;
  int64_t run_;
  const std::set<std::string>& done_;
  const Lexicon& lex_;
  const Rulebook& book_;
  std::mutex mu_;
  std::condition_variable ready_;  // a slot was filled
  std::condition_variable room_;   // the writer took one, or quit
  std::vector<std::optional<Checked>> slots_;
  size_t next_ = 0;     // the next input a worker takes
  size_t written_ = 0;  // inputs the writer has taken
  size_t waiting_bytes_ = 0;
  std::vector<Checked> written_batches_;  // written, for a worker to free
  static constexpr size_t kNone = static_cast<size_t>(-1);
  size_t writer_waits_ = kNone;  // the slot the writer sleeps on, if any
  int idle_workers_ = 0;         // workers waiting for room
  bool quit_ = false;
};

void FillFromCounts(const RunCounts& c, CheckSummary* s) {
  s->documents = c.documents;
  s->claims = c.claims;
  s->claims_by_kind = c.claims_by_kind;
  s->verdicts_by_status = c.verdicts_by_status;
  s->failures = c.failures;
  if (s->interrupted) {
    s->exit_code = kExitInterrupted;
  } else if (!s->failures.empty()) {
    s->exit_code = kExitUnreadable;
  } else if (s->verdicts_by_status.count("inconsistent")) {
    s->exit_code = kExitInconsistent;
  } else {
    s->exit_code = kExitOk;
  }
}

}  // namespace

Status ExecutePlan(const CheckPlan& plan, int64_t run,
                   const std::set<std::string>& done, const Lexicon& lex,
                   const Rulebook& book, const std::atomic<bool>* stop,
                   int jobs, size_t commit_documents, Ledger& ledger,
                   Reporter& reporter, CheckSummary* summary) {
  auto left_running = [&](const Status& s) {
    return Status::Error(
        s.message() + "; run " + std::to_string(run) +
        " is left unfinished: claimledger check --resume finishes it");
  };
  summary->jobs = jobs;
  for (const auto& [in, why] : plan.unreadable) {
    if (done.count(in)) continue;
    reporter.Failure(in, in + ": " + why);
    if (auto s = ledger.RecordFailure(run, in, in + ": " + why); !s.ok()) {
      return left_running(s);
    }
  }
  reporter.Started(plan.files.size());
  Writer writer(run, plan, ledger, reporter, summary);
  ledger.GroupCommits(commit_documents, kCommitInterval);
  const std::string base = plan.ReadBase();
  // The writer copies the log into the ledger file itself, after a commit
  // (a checkpoint from kCheckpointPages), whatever the number of jobs. With a
  // thread of its own for that, the log grew: it restarts only when a
  // transaction begins with all of it copied, and the thread's pass ran
  // past the writer's next BEGIN, so the log was written into fresh pages,
  // which cost more than the copy (10,000 articles, --jobs 2: CPU -4.4%,
  // wall -3.9% without the thread; 100,000: wall -5.2%). A last pass on
  // that thread once every input was taken did not help either: with
  // batches of 64 the writer is done at once, and closing waited for the
  // pass before its own (1,000 articles, --jobs 2: wall -2.9% without).
  ledger.WriteBackAfterCommits(kCheckpointPages);
  Status s = Status::Ok();
  if (jobs <= 1) {
    s = RunSequential(plan, base, run, done, lex, book, stop, writer, summary);
  } else {
    Pool pool(plan, base, run, done, lex, book);
    s = pool.Run(jobs - 1, stop, writer, summary);
  }
  if (s.ok()) s = writer.Flush();
  if (s.ok()) s = ledger.CommitGroup();
  if (!s.ok()) return left_running(s);
  auto counts =
      ledger.FinishRun(run, summary->interrupted ? "interrupted" : "complete");
  if (!counts.ok()) return left_running(counts.status());
  FillFromCounts(*counts, summary);
  return Status::Ok();
}

}  // namespace claimledger
