// The ledger's checkpoints during a check: the writer's own, after its
// commits, with the log and the file written back as they go
// (WriteBackAfterCommits), and the last one before the ledger closes.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#if defined(__linux__)
#include <fcntl.h>
#include <unistd.h>
#endif

#include <atomic>
#include <chrono>
#include <thread>

#include "ledger/ledger_internal.h"

namespace claimledger {

namespace {

// A checkpoint of db's log into the ledger file at db_path, while a
// helper thread starts the file's new pages on their way to the disk every
// 2 ms (sync_file_range, which does not wait): the checkpoint's closing
// sync then finds them written, instead of waiting for up to 32 MB. The
// helper only issues that call; the copying stays on this thread. Throws
// nothing (it runs inside SQLite's commit hook and in a destructor):
// without a descriptor or a thread, the checkpoint runs plain.
void CheckpointWritingBack(sqlite3* db, const std::string& db_path) noexcept {
#if defined(__linux__)
  int fd = ::open(db_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    std::atomic<bool> done{false};
    std::thread helper;
    try {
      helper = std::thread([&done, fd] {
        while (!done.load()) {
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
          ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        }
      });
    } catch (const std::exception&) {
      // No thread to spare: the sync at the end waits for it all.
    }
    sqlite3_wal_checkpoint(db, nullptr);
    done = true;
    if (helper.joinable()) helper.join();
    ::close(fd);
    return;
  }
#endif
  (void)db_path;
  sqlite3_wal_checkpoint(db, nullptr);
}

}  // namespace

CommitHook::CommitHook(std::string db_path, int inline_pages)
    : db_path_(std::move(db_path)),
      wal_path_(db_path_ + "-wal"),
      inline_pages_(inline_pages) {}

CommitHook::~CommitHook() {
#if defined(__linux__)
  if (fd_ >= 0) ::close(fd_);
#endif
}

void CommitHook::Committed(sqlite3* db, int pages) {
#if defined(__linux__)
  // The log exists once the first transaction commits. A descriptor of
  // our own: SQLite's are its own. Writing back needs no write access.
  if (fd_ < 0) fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
  // Starts writing the log's dirty pages; does not wait for the disk.
  if (fd_ >= 0) ::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
  if (pages >= inline_pages_) {
    // What SQLite's automatic checkpoint does, which this hook replaces.
    CheckpointWritingBack(db, db_path_);
  }
}

namespace {
int AfterCommit(void* arg, sqlite3* db, const char*, int pages) {
  try {
    static_cast<CommitHook*>(arg)->Committed(db, pages);
  } catch (const std::exception&) {
    // Nothing may unwind through SQLite; a checkpoint missed here is made
    // up by the next commit's, or the close's.
  }
  return SQLITE_OK;
}
}  // namespace

Ledger::Impl::~Impl() {
  try {
    CommitGroup();
  } catch (const std::exception&) {
    // Nothing to report to: those documents are not in the ledger, and
    // `check --resume` does them again.
  }
  if (!hook) return;
  sqlite3_wal_hook(db.getHandle(), nullptr, nullptr);
  // Closing copies what is left of the log and syncs the file: done here
  // first, written back as it goes, so that closing finds nothing to do.
  CheckpointWritingBack(db.getHandle(), path);
}

void Ledger::Impl::Hook(int inline_pages) {
  if (hook) sqlite3_wal_hook(db.getHandle(), nullptr, nullptr);
  hook = std::make_unique<CommitHook>(path, inline_pages);
  sqlite3_wal_hook(db.getHandle(), AfterCommit, hook.get());
}

void Ledger::WriteBackAfterCommits(int checkpoint_pages) {
  if (impl_->path == ":memory:") return;
  impl_->Hook(checkpoint_pages);
}

}  // namespace claimledger
