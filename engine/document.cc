#include "engine/document.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <string_view>
#include <vector>
#include <unistd.h>

#include "engine/sha256.h"
#include "engine/text.h"

namespace claimledger {

std::string PubDate::ToString() const {
  if (!known()) return "";
  if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 &&
      day <= 99) {
    // By hand: every verdict of a dated article writes the date, and
    // every conversion two dates of its rate window (SerialToDate).
    std::string out(day ? 10 : 7, '-');
    out[0] = static_cast<char>('0' + year / 1000);
    out[1] = static_cast<char>('0' + year / 100 % 10);
    out[2] = static_cast<char>('0' + year / 10 % 10);
    out[3] = static_cast<char>('0' + year % 10);
    out[5] = static_cast<char>('0' + month / 10);
    out[6] = static_cast<char>('0' + month % 10);
    if (day) {
      out[8] = static_cast<char>('0' + day / 10);
      out[9] = static_cast<char>('0' + day % 10);
    }
    return out;
  }
  char buf[16];
  if (day) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  }
  return buf;
}

namespace {

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool AllDigits(const std::string& s, size_t from, size_t n) {
  if (from + n > s.size()) return false;
  for (size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<PubDate> PubDate::Parse(const std::string& s) {
  PubDate d;
  if (s.size() != 7 && s.size() != 10) return std::nullopt;
  if (!AllDigits(s, 0, 4) || s[4] != '-' || !AllDigits(s, 5, 2)) {
    return std::nullopt;
  }
  d.year = std::stoi(s.substr(0, 4));
  d.month = std::stoi(s.substr(5, 2));
  if (d.year < 1900 || d.month < 1 || d.month > 12) return std::nullopt;
  if (s.size() == 10) {
    if (s[7] != '-' || !AllDigits(s, 8, 2)) return std::nullopt;
    d.day = std::stoi(s.substr(8, 2));
    if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) return std::nullopt;
  }
  return d;
}

namespace {

bool LooksBinary(const std::string& bytes) {
  size_t n = std::min<size_t>(bytes.size(), 8192);
  return std::memchr(bytes.data(), 0, n) != nullptr;
}

// Finds the front matter block: "---\n" ... "\n---\n" at the very start.
// Sets *yaml_begin/*yaml_end and *body to the offsets; false when absent.
bool FindFrontMatter(const std::string& s, size_t* yaml_begin,
                     size_t* yaml_end, size_t* body) {
  size_t start = 0;
  if (s.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;  // BOM
  if (s.compare(start, 4, "---\n") != 0 && s.compare(start, 5, "---\r\n") != 0) {
    return false;
  }
  size_t first = s.find('\n', start) + 1;
  size_t pos = first;
  while (pos < s.size()) {
    size_t eol = s.find('\n', pos);
    size_t line_end = eol == std::string::npos ? s.size() : eol;
    std::string_view line(s.data() + pos, line_end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == "---" || line == "...") {
      *yaml_begin = first;
      *yaml_end = pos;
      *body = eol == std::string::npos ? s.size() : eol + 1;
      return true;
    }
    if (eol == std::string::npos) break;
    pos = eol + 1;
  }
  *yaml_begin = first;
  *yaml_end = std::string::npos;  // opened, never closed
  *body = 0;
  return true;
}

std::string LineOf(const std::string& path, int line) {
  return path + ":" + std::to_string(line) + ": ";
}

// One key of the front matter: its value when it is a scalar (empty for a
// null), and its 0-based line within the YAML.
struct FrontMatterEntry {
  std::string key;
  std::string value;
  bool scalar = true;
  int line = 0;
};

// Front matter as nearly every article writes it, one `key: plain value`
// per line, read without yaml-cpp (which was a tenth of checking a short
// article). Returns false, to leave the text to yaml-cpp, on anything else:
// indentation, quotes, flow collections, anchors, tags, block scalars,
// nulls spelled out, keys that are not plain words.
bool SimpleFrontMatter(std::string_view yaml, std::vector<FrontMatterEntry>* out) {
  auto is_key_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
  };
  int line_no = 0;
  size_t pos = 0;
  while (pos < yaml.size()) {
    size_t eol = yaml.find('\n', pos);
    if (eol == std::string_view::npos) eol = yaml.size();
    std::string_view line = yaml.substr(pos, eol - pos);
    pos = eol + 1;
    int this_line = line_no++;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_of("\t\r") != std::string_view::npos) return false;
    size_t first = line.find_first_not_of(' ');
    if (first == std::string_view::npos || line[first] == '#') continue;
    if (first != 0) return false;  // indented: a nested value
    size_t k = 0;
    while (k < line.size() && is_key_char(line[k])) ++k;
    if (k == 0 || line[0] == '-' || k >= line.size() || line[k] != ':') return false;
    std::string_view value = line.substr(k + 1);
    if (!value.empty() && value[0] != ' ') return false;  // "a:b" is one scalar
    size_t comment = value.find(" #");
    if (comment != std::string_view::npos) value = value.substr(0, comment);
    size_t b = value.find_first_not_of(' ');
    value = b == std::string_view::npos ? std::string_view() : value.substr(b);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (!value.empty()) {
      if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(value[0]) !=
          std::string_view::npos) {
        return false;
      }
      if (value.find(": ") != std::string_view::npos || value.back() == ':' ||
          value.find_first_of("{}[]") != std::string_view::npos ||
          value == "~" || value == "null" || value == "Null" || value == "NULL") {
        return false;
      }
    }
    out->push_back({std::string(line.substr(0, k)), std::string(value), true, this_line});
  }
  return true;
}

}  // namespace

Result<Document> ParseDocument(std::string path, std::string bytes,
                               const DocumentDefaults& defaults) {
  if (bytes.empty()) return Status::Error(path + ": empty file");
  if (LooksBinary(bytes)) {
    return Status::Error(path + ": binary file (NUL byte), not text");
  }
  if (auto bad = text::FindInvalidUtf8(bytes)) {
    return Status::Error(path + ": invalid UTF-8 at byte " +
                         std::to_string(*bad));
  }
  Document doc;
  doc.path = std::move(path);
  doc.sha256 = Sha256Hex(bytes);
  doc.lang = defaults.lang;
  if (defaults.published) doc.published = *defaults.published;
  size_t yb, ye, body;
  if (FindFrontMatter(bytes, &yb, &ye, &body)) {
    if (ye == std::string::npos) {
      return Status::Error(doc.path +
                           ":1: front matter opened with --- is never closed");
    }
    int first_line = 2;  // the YAML starts on the line after ---
    std::vector<FrontMatterEntry> entries;
    std::string_view yaml(bytes.data() + yb, ye - yb);
    if (!SimpleFrontMatter(yaml, &entries)) {
      entries.clear();
      YAML::Node node;
      try {
        node = YAML::Load(std::string(yaml));
      } catch (const YAML::Exception& e) {
        return Status::Error(LineOf(doc.path, first_line + e.mark.line) +
                             "malformed front matter: " + e.msg);
      }
      if (node && !node.IsNull()) {
        if (!node.IsMap()) {
          return Status::Error(LineOf(doc.path, first_line) +
                               "front matter must be a mapping of key: value");
        }
        for (const auto& kv : node) {
          FrontMatterEntry e;
          e.key = kv.first.Scalar();
          e.line = kv.first.Mark().line;
          e.scalar = kv.second.IsScalar() || kv.second.IsNull();
          if (kv.second.IsScalar()) e.value = kv.second.Scalar();
          entries.push_back(std::move(e));
        }
      }
    }
    for (const auto& kv : entries) {
      const std::string& key = kv.key;
      int line = first_line + kv.line;
      if (!kv.scalar) {
        if (key == "published" || key == "lang" || key == "source") {
          return Status::Error(LineOf(doc.path, line) + key +
                               " must be a single value");
        }
        continue;  // lists (tags:) are kept out of the metadata
      }
      const std::string& value = kv.value;
      doc.metadata[key] = value;
      if (key == "published") {
        auto d = PubDate::Parse(value);
        if (!d) {
          return Status::Error(LineOf(doc.path, line) + "published: '" +
                               value + "' is not YYYY-MM-DD or YYYY-MM");
        }
        doc.published = *d;
      } else if (key == "lang") {
        if (value != "ko" && value != "en" && value != "auto") {
          return Status::Error(LineOf(doc.path, line) + "lang: '" + value +
                               "' is not ko, en or auto");
        }
        doc.lang = value;
      } else if (key == "source") {
        doc.source = value;
      }
    }
    doc.body_offset = body;
  }
  doc.raw = std::move(bytes);
  return doc;
}

Result<Document> LoadDocument(const std::string& path,
                              const DocumentDefaults& defaults,
                              size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat on the
  // open file then refuses it, and sizes the one read of a regular file.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Status::Error(path + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) return Status::Error(path + ": " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return Status::Error(path + ": is a folder, not a file");
  if (!S_ISREG(st.st_mode)) return Status::Error(path + ": not a regular file");
  if (static_cast<size_t>(st.st_size) > max_bytes) {
    return Status::Error(path + ": " + std::to_string(st.st_size) +
                         " bytes is over the limit of " +
                         std::to_string(max_bytes));
  }
  std::string bytes(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::Error(path + ": read error: " + std::strerror(errno));
    if (n == 0) break;  // the file shrank meanwhile: take what is there
    got += static_cast<size_t>(n);
  }
  bytes.resize(got);
  // A file that grew meanwhile is read to the size it had: still bounded.
  return ParseDocument(path, std::move(bytes), defaults);
}

}  // namespace claimledger
