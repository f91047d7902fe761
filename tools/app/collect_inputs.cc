// CollectInputs: expands the paths given to `check` into the list of files
// it reads. Folders are walked by hand (opendir) rather than with
// recursive_directory_iterator so that folder symlinks are followed while
// a symlink leading back to a folder above it is caught (a failure row,
// "symlink loop"), and so that a folder that cannot be listed is reported
// instead of skipped in silence.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <string_view>
#include <utility>

#include "engine/text.h"
#include "tools/app/run_check.h"

namespace claimledger {

namespace {

using Unreadable = std::vector<std::pair<std::string, std::string>>;

// Named .txt or .md (the extension of the last path component).
bool IsArticle(std::string_view name) {
  size_t slash = name.rfind('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string_view ext = name.substr(dot);
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

// PATH as the ledger and its JSON can hold it: UTF-8 text. Bytes that are
// not UTF-8 are written as \xHH, so the name still says which file it was.
std::string ShownPath(std::string_view path) {
  std::string out;
  while (auto bad = text::FindInvalidUtf8(path)) {
    out.append(path.substr(0, *bad));
    static const char kHex[] = "0123456789abcdef";
    auto b = static_cast<unsigned char>(path[*bad]);
    out += "\\x";
    out += kHex[b >> 4];
    out += kHex[b & 15];
    path.remove_prefix(*bad + 1);
  }
  out.append(path);
  return out;
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
      Refuse(in, StatError(in, errno));
      return;
    }
    if (!S_ISDIR(st.st_mode)) {
      Insert(in);  // named explicitly: read whatever its extension
      return;
    }
    Walk(in, {st.st_dev, st.st_ino});
  }

 private:
  void Walk(const std::string& dir, FolderId id) {
    ancestors_.push_back(id);
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
      Refuse(dir, std::string("cannot list the folder: ") +
                      std::strerror(errno));
      ancestors_.pop_back();
      return;
    }
    std::string prefix = dir;
    if (prefix.back() != '/') prefix += '/';
    for (;;) {
      errno = 0;
      dirent* e = ::readdir(d);
      if (!e) {
        if (errno != 0) {
          Refuse(dir, std::string("cannot list the folder: ") +
                          std::strerror(errno));
        }
        break;
      }
      std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      std::string path = prefix;
      path += name;
      // A plain file the listing names as such needs no stat(): a
      // symlink, a folder or an entry of unknown type does.
      if (e->d_type == DT_REG) {
        if (IsArticle(name)) Insert(std::move(path));
        continue;
      }
      Entry(path);
    }
    ::closedir(d);
    ancestors_.pop_back();
  }

  void Entry(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      int err = errno;
      // A loop is reported whatever its name; a broken link or an
      // unreadable entry only when it is named like an article.
      if (err == ELOOP || IsArticle(path)) {
        Refuse(path, StatError(path, err));
      }
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      FolderId id{st.st_dev, st.st_ino};
      if (std::find(ancestors_.begin(), ancestors_.end(), id) !=
          ancestors_.end()) {
        Refuse(path,
               "symlink loop: it leads back to a folder being read above it");
        return;
      }
      Walk(path, id);
      return;
    }
    if (!IsArticle(path)) return;
    if (S_ISREG(st.st_mode)) {
      Insert(path);
    } else {
      Refuse(path, "not a regular file");
    }
  }

  // A file to read, unless its name is not UTF-8: the ledger, its JSON and
  // a resumed run's plan keep names as text, so such a file is refused
  // with its name shown byte by byte.
  void Insert(std::string path) {
    if (auto bad = text::FindInvalidUtf8(path)) {
      Refuse(path, "the path is not valid UTF-8 (byte " +
                       std::to_string(*bad) + "); rename it to check the file");
      return;
    }
    files_->insert(std::move(path));
  }

  // An input that is not read: its failure row gives the name as shown.
  void Refuse(const std::string& path, const std::string& why) {
    unreadable_->push_back({ShownPath(path), why});
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
