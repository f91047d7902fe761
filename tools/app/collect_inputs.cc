// CollectInputs: expands the paths given to `check` into the list of files
// it reads. Folders are walked by hand rather than with
// recursive_directory_iterator so that folder symlinks are followed while
// a symlink leading back to a folder above it is caught (a failure row,
// "symlink loop"), and so that a folder that cannot be listed is reported
// instead of skipped in silence.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include "tools/app/run_check.h"

namespace fs = std::filesystem;

namespace claimledger {

namespace {

using Unreadable = std::vector<std::pair<std::string, std::string>>;

bool IsArticle(const fs::path& p) {
  auto ext = p.extension().string();
  return ext == ".txt" || ext == ".md";
}

// Why stat() failed on PATH, in words a user acts on.
std::string StatError(const std::string& path, int err) {
  struct stat lst;
  if (err == ELOOP) return "symlink loop (too many levels of symbolic links)";
  if (err == ENOENT && ::lstat(path.c_str(), &lst) == 0 &&
      S_ISLNK(lst.st_mode)) {
    return "broken symlink (its target does not exist)";
  }
  if (err == ENOENT) return "no such file or folder";
  return std::strerror(err);
}

struct FolderId {
  dev_t dev;
  ino_t ino;
  bool operator==(const FolderId& o) const {
    return dev == o.dev && ino == o.ino;
  }
};

class Walker {
 public:
  Walker(std::set<std::string>* files, Unreadable* unreadable)
      : files_(files), unreadable_(unreadable) {}

  // A path given on the command line or on stdin.
  void Add(const std::string& in) {
    struct stat st;
    if (::stat(in.c_str(), &st) != 0) {
      unreadable_->push_back({in, StatError(in, errno)});
      return;
    }
    if (!S_ISDIR(st.st_mode)) {
      files_->insert(in);  // named explicitly: read whatever its extension
      return;
    }
    Walk(in, {st.st_dev, st.st_ino});
  }

 private:
  void Walk(const std::string& dir, FolderId id) {
    ancestors_.push_back(id);
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      unreadable_->push_back({dir, "cannot list the folder: " + ec.message()});
      ancestors_.pop_back();
      return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        unreadable_->push_back(
            {dir, "cannot list the folder: " + ec.message()});
        break;
      }
      Entry(it->path());
    }
    ancestors_.pop_back();
  }

  void Entry(const fs::path& p) {
    const std::string path = p.string();
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      int err = errno;
      // A loop is reported whatever its name; a broken link or an
      // unreadable entry only when it is named like an article.
      if (err == ELOOP || IsArticle(p)) {
        unreadable_->push_back({path, StatError(path, err)});
      }
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      FolderId id{st.st_dev, st.st_ino};
      if (std::find(ancestors_.begin(), ancestors_.end(), id) !=
          ancestors_.end()) {
        unreadable_->push_back(
            {path,
             "symlink loop: it leads back to a folder being read above it"});
        return;
      }
      Walk(path, id);
      return;
    }
    if (!IsArticle(p)) return;
    if (S_ISREG(st.st_mode)) {
      files_->insert(path);
    } else {
      unreadable_->push_back({path, "not a regular file"});
    }
  }

  std::set<std::string>* files_;
  Unreadable* unreadable_;
  std::vector<FolderId> ancestors_;
};

}  // namespace

std::vector<std::string> CollectInputs(const std::vector<std::string>& inputs,
                                       std::istream* stdin_paths,
                                       Unreadable* unreadable) {
  std::set<std::string> files;
  Unreadable found;
  Walker walker(&files, &found);
  for (const auto& in : inputs) {
    if (in == "-" && stdin_paths) {
      std::string line;
      while (std::getline(*stdin_paths, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) walker.Add(line);
      }
    } else {
      walker.Add(in);
    }
  }
  // Directory order is the file system's: sort so that the run's plan
  // and its failure rows do not depend on it.
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  unreadable->insert(unreadable->end(), found.begin(), found.end());
  return {files.begin(), files.end()};
}

}  // namespace claimledger
