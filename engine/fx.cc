#include "engine/fx.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "engine/fx_parse.h"
#include "engine/sha256.h"

namespace claimledger {

namespace {

using fx_internal::IsRate;
using fx_internal::ParseRate;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The fields of a line (already free of '\r'), split at every comma. The
// storage stays from one line to the next.
class Fields {
 public:
  void Split(std::string_view line) {
    line_ = line;
    if (at_.size() < line.size() + 2) at_.resize(line.size() + 2);
    uint32_t* at = at_.data();  // field i is [at[i], at[i + 1] - 1)
    size_t k = 0, i = 0;
    at[k++] = 0;
#if defined(__SSE2__)
    const __m128i commas = _mm_set1_epi8(',');
    for (; line.size() - i >= 16; i += 16) {  // sixteen bytes at a time
      const __m128i bytes =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + i));
      for (unsigned m = static_cast<unsigned>(
               _mm_movemask_epi8(_mm_cmpeq_epi8(bytes, commas)));
           m != 0; m &= m - 1) {
        at[k++] = static_cast<uint32_t>(i + std::countr_zero(m) + 1);
      }
    }
#endif
    for (; i < line.size(); ++i) {
      if (line[i] == ',') at[k++] = static_cast<uint32_t>(i + 1);
    }
    at[k] = static_cast<uint32_t>(line.size() + 1);
    size_ = k;
  }
  size_t size() const { return size_; }
  std::string_view operator[](size_t i) const {
    return std::string_view(line_.data() + at_[i], at_[i + 1] - 1 - at_[i]);
  }

 private:
  std::string_view line_;
  std::vector<uint32_t> at_;
  size_t size_ = 0;
};

// PubDate::Parse with a day, as DaySerial, without its string copies:
// YYYY-MM-DD, the year 1900 or later, a day the month has.
std::optional<int> ParseDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int n[8], k = 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    n[k++] = s[i] - '0';
  }
  const int y = n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3];
  const int m = n[4] * 10 + n[5], d = n[6] * 10 + n[7];
  if (y < 1900 || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap)) return std::nullopt;
  return DaySerial(y, m, d);
}

template <typename V>
void SortUnique(V& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace


// Parses the file into a table. Lines are split at '\n' and every '\r' in
// a line is dropped, except that a line that is "" or "\r" is skipped.
struct FxTable::Loader {
  explicit Loader(const std::string& p) : path(p) {}
  const std::string& path;
  std::string text;  // the file, then the cleaned copies of lines (Next)
  size_t end = 0;    // the file's own bytes are text[0, end)
  size_t pos = 0;
  int n = 0;  // the current line's number, from 1
  bool has_cr = false;
  FxTable t;

  Status Err(int line, const std::string& m) const {
    return Status::Error(path + ":" + std::to_string(line) + ": " + m);
  }
  Cell CellOf(std::string_view s) const {
    return {static_cast<uint32_t>(s.data() - text.data()),
            static_cast<uint32_t>(s.size())};
  }
  std::string_view Text(Cell c) const { return {&text[c.offset], c.size}; }

  // The next line without its '\r's; false at the end. *blank: it was "" or
  // "\r". A line with a '\r' before its end is copied, cleaned, to the end
  // of `text`, so views from earlier calls may no longer hold.
  bool Next(std::string_view* line, bool* blank) {
    if (pos >= end) return false;
    ++n;
    size_t b = pos, e = std::min(text.find('\n', pos), end);
    pos = e + 1;
    *blank = e == b || (e - b == 1 && text[b] == '\r');
    if (has_cr && e > b && text[e - 1] == '\r') --e;
    if (has_cr && std::memchr(&text[b], '\r', e - b) != nullptr) {
      std::string clean = text.substr(b, e - b);
      std::erase(clean, '\r');
      b = text.size();
      text += clean;
      e = text.size();
    }
    *line = std::string_view(text.data() + b, e - b);
    return true;
  }

  Status Ecb(const std::vector<std::string>& header);
  Status SortDays(const std::vector<int>& line_of, Status pending);
  Status UsdDaily();
};

// Each day: its USD column (units per EUR; no day without one) sets USD to
// 1.0 and EUR to 1/that, then each column with a rate sets its currency to
// rate/USD in currency order: a column named like an earlier one (USD and
// EUR too) overwrites it, and the first bad rate in that order is reported.
Status FxTable::Loader::Ecb(const std::vector<std::string>& header) {
  t.format_ = "ecb";
  const size_t usd_col =
      std::find(header.begin(), header.end(), "USD") - header.begin();
  struct Column {
    uint32_t col, cur;
  };
  std::vector<Column> columns;  // the rate columns, by currency code
  t.currencies_ = {"EUR", "USD"};
  for (uint32_t c = 1; c < header.size(); ++c) {
    if (c == usd_col || header[c].empty()) continue;
    columns.push_back({c, 0});
    t.currencies_.push_back(header[c]);
  }
  std::stable_sort(columns.begin(), columns.end(), [&](Column a, Column b) {
    return header[a.col] < header[b.col];
  });
  SortUnique(t.currencies_);
  for (Column& c : columns) c.cur = t.Find(header[c.col]);
  const size_t nc = t.currencies_.size();
  const size_t usd = t.Find("USD"), eur = t.Find("EUR");
  size_t most_days = 1;  // a day per line left, at most
  for (size_t p = pos; (p = text.find('\n', p)) < end; ++p) ++most_days;
  std::vector<int> line_of;  // each day's line, for "appears twice"
  line_of.reserve(most_days);
  t.serials_.reserve(most_days);
  t.dates_.reserve(most_days);
  t.per_usd_.reserve(most_days * nc);
  t.raw_.reserve(most_days * nc);
  const std::vector<double> no_rates(nc, kNaN);
  const std::vector<Cell> no_cells(nc);
  Fields f;
  std::string_view line;
  bool blank;
  Status pending;  // the first error of a line by itself
  while (pending.ok() && Next(&line, &blank)) {
    if (blank) continue;
    f.Split(line);
    auto serial = ParseDay(f[0]);
    if (!serial) {
      pending = Err(n, "bad date '" + std::string(f[0]) + "'");
      break;
    }
    if (f.size() > header.size()) {
      pending = Err(n, "more fields than the header");
      break;
    }
    double per_eur;
    if (usd_col >= f.size() || !ParseRate(f[usd_col], &per_eur)) continue;
    t.per_usd_.insert(t.per_usd_.end(), no_rates.begin(), no_rates.end());
    t.raw_.insert(t.raw_.end(), no_cells.begin(), no_cells.end());
    double* v = &t.per_usd_[t.serials_.size() * nc];
    Cell* raw = &t.raw_[t.serials_.size() * nc];
    v[usd] = 1.0;
    v[eur] = 1.0 / per_eur;
    raw[usd] = CellOf(f[usd_col]);
    for (const Column& c : columns) {
      if (c.col >= f.size()) continue;
      const std::string_view s = f[c.col];
      if (s == "N/A" || s.empty()) continue;
      double x;
      if (!ParseRate(s, &x)) {
        pending =
            Err(n, "bad rate '" + std::string(s) + "' for " + header[c.col]);
        break;
      }
      v[c.cur] = x / per_eur;
      raw[c.cur] = CellOf(s);
    }
    if (!pending.ok()) break;  // the day's row stays, unused
    t.serials_.push_back(*serial);
    t.dates_.push_back(CellOf(f[0]));
    line_of.push_back(n);
  }
  return SortDays(line_of, std::move(pending));
}

// Puts the days in date order. A date seen twice is an error on its second
// line, unless `pending` (an error on an earlier line) stopped the reading
// first: the file is judged line by line, as it was read.
Status FxTable::Loader::SortDays(const std::vector<int>& line_of,
                                 Status pending) {
  std::vector<int>& s = t.serials_;
  if (std::adjacent_find(s.begin(), s.end(), std::greater_equal<int>()) ==
      s.end()) {
    return pending;  // ascending already
  }
  if (std::adjacent_find(s.begin(), s.end(), std::less_equal<int>()) ==
      s.end()) {
    // Newest first, as the ECB publishes it: the days turn, the rows stay.
    std::reverse(s.begin(), s.end());
    std::reverse(t.dates_.begin(), t.dates_.end());
    t.reversed_ = true;
    return pending;
  }
  std::vector<uint32_t> order(s.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return s[a] < s[b]; });
  size_t dup = s.size();  // the first line repeating an earlier one's date
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[order[i]] == s[order[i - 1]]) dup = std::min<size_t>(dup, order[i]);
  }
  if (dup != s.size()) {
    return Err(line_of[dup],
               "date " + std::string(Text(t.dates_[dup])) + " appears twice");
  }
  if (!pending.ok()) return pending;
  auto gather = [&](auto& rows, size_t width) {
    auto old = std::move(rows);
    rows.clear();
    rows.reserve(old.size());
    for (uint32_t from : order) {
      rows.insert(rows.end(), old.begin() + from * width,
                  old.begin() + (from + 1) * width);
    }
  };

  gather(t.per_usd_, t.currencies_.size());
  gather(t.raw_, t.currencies_.size());
  gather(t.dates_, 1);
  gather(s, 1);
  return Status::Ok();
}

// Each line sets its day's USD to 1.0 and then its own currency (a USD
// line too, until the day's next line), later lines overwriting earlier.
Status FxTable::Loader::UsdDaily() {
  t.format_ = "usd-daily";
  struct Line {
    int serial;
    Cell date, code, value;
    double per_usd;
  };
  std::vector<Line> lines;
  Fields f;
  std::string_view line;
  bool blank;
  while (Next(&line, &blank)) {
    if (blank) continue;
    f.Split(line);
    if (f.size() != 3) return Err(n, "expected 3 fields");
    auto serial = ParseDay(f[0]);
    if (!serial) return Err(n, "bad date '" + std::string(f[0]) + "'");
    double v;
    if (!ParseRate(f[2], &v))
      return Err(n, "bad rate '" + std::string(f[2]) + "'");
    lines.push_back({*serial, CellOf(f[0]), CellOf(f[1]), CellOf(f[2]), v});
    t.serials_.push_back(*serial);
  }
  std::vector<std::string_view> codes = {"USD"};  // `text` is final now
  for (const Line& l : lines) codes.push_back(Text(l.code));
  SortUnique(codes);
  t.currencies_.assign(codes.begin(), codes.end());
  SortUnique(t.serials_);
  const std::vector<int>& days = t.serials_;
  const size_t nc = t.currencies_.size(), usd = t.Find("USD");
  t.dates_.resize(days.size());
  t.per_usd_.assign(days.size() * nc, kNaN);
  t.raw_.resize(days.size() * nc);
  for (const Line& l : lines) {
    const size_t day =
        std::lower_bound(days.begin(), days.end(), l.serial) - days.begin();
    const size_t cur = t.Find(Text(l.code));
    t.dates_[day] = l.date;
    t.per_usd_[day * nc + usd] = 1.0;
    t.per_usd_[day * nc + cur] = l.per_usd;
    t.raw_[day * nc + cur] = l.value;
  }
  return Status::Ok();
}

Result<FxTable> FxTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": " + std::strerror(errno));
  // Cells are 32-bit; Loader::Next's cleaned copies at most double the text.
  constexpr size_t kMaxSize = std::numeric_limits<uint32_t>::max() / 2;
  Loader l(path);
  std::error_code size_error;
  const auto size = std::filesystem::file_size(path, size_error);
  if (!size_error && size <= kMaxSize) l.text.reserve(size);
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    l.text.append(buf, static_cast<size_t>(in.gcount()));
  }
  if (l.text.size() > kMaxSize) {
    return Status::Error(path + ": too large for a rate file (over 2 GiB)");
  }
  l.end = l.text.size();
  l.has_cr = std::memchr(l.text.data(), '\r', l.end) != nullptr;
  l.t.path_ = path;
  l.t.sha256_ = Sha256Hex(l.text);
  std::string_view line;
  bool blank;
  if (!l.Next(&line, &blank)) return Status::Error(path + ": empty file");
  Fields f;
  f.Split(line);
  std::vector<std::string> header;
  for (size_t i = 0; i < f.size(); ++i) header.emplace_back(f[i]);
  Status s;
  if (!header.empty() && header[0] == "Date" && header.size() > 1 &&
      std::find(header.begin(), header.end(), "USD") != header.end()) {
    s = l.Ecb(header);
  } else if (header.size() == 3 && header[0] == "date" &&
             header[1] == "currency" && header[2] == "units_per_usd") {
    s = l.UsdDaily();
  } else {
    return l.Err(1,
                 "unknown rate file format: expected the ECB header "
                 "'Date,USD,...' or 'date,currency,units_per_usd'");
  }
  if (!s.ok()) return s;
  if (l.t.serials_.empty()) return Status::Error(path + ": no rates");
  l.t.text_ = std::make_shared<const std::string>(std::move(l.text));
  return std::move(l.t);
}

size_t FxTable::Find(std::string_view code) const {
  auto it = std::lower_bound(currencies_.begin(), currencies_.end(), code,
                             std::less<>());
  if (it == currencies_.end() || *it != code) return kNone;
  return static_cast<size_t>(it - currencies_.begin());
}

Result<FxWindow> FxTable::Window(const std::string& from, const std::string& to,
                                 const PubDate& published, int lag_days) const {
  if (!published.known())
    return Status::Error("the publication date is unknown");
  // The file's name, not its path: a verdict's reason is the same wherever
  // the rules are checked out (the evidence carries the file's SHA-256).
  // Built only for an error.
  auto file = [this] {
    return "the rate file " + std::filesystem::path(path_).filename().string();
  };
  FxWindow w;
  if (published.day) {
    w.last = DaySerial(published.year, published.month, published.day);
  } else {
    int ny = published.month == 12 ? published.year + 1 : published.year;
    int nm = published.month == 12 ? 1 : published.month + 1;
    w.last = DaySerial(ny, nm, 1) - 1;
  }
  int start =
      published.day ? w.last : DaySerial(published.year, published.month, 1);
  w.first = start - lag_days;
  // A window running past the file's last day is judged on data the file
  // does not have: unverifiable, unless the missing days are only a
  // weekend (a Saturday after the file's last Friday uses that Friday).
  if (w.last > serials_.back()) {
    bool weekend_only = true;
    for (int d = serials_.back() + 1; d <= w.last && weekend_only; ++d) {
      int weekday = ((d % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday (4)
      weekend_only = weekday == 0 || weekday == 6;
    }
    if (!weekend_only && w.first > serials_.back()) {
      return Status::Error(file() + " ends on " + last_date() + ", before " +
                           published.ToString());
    }
    if (!weekend_only) {
      return Status::Error(file() + " ends on " + last_date() +
                           ", inside the window " + SerialToDate(w.first) +
                           ".." + SerialToDate(w.last) + " of " +
                           published.ToString());
    }
  }
  if (w.last < serials_.front()) {
    return Status::Error(file() + " starts on " + first_date() + ", after " +
                         published.ToString());
  }
  size_t lo = std::lower_bound(serials_.begin(), serials_.end(), w.first) -
              serials_.begin();
  size_t hi = std::upper_bound(serials_.begin(), serials_.end(), w.last) -
              serials_.begin();
  if (lo == hi) {
    if (lo == 0 || w.first - serials_[lo - 1] > 7) {
      return Status::Error("no published rate within 7 days before " +
                           SerialToDate(w.first));
    }
    hi = lo--;
    w.fell_back = true;
  }
  const size_t f = Find(from), t = Find(to), nc = currencies_.size();
  // The raw values shown: those of from, to and USD, once each, in code
  // order, which is index order (kNone, the largest, goes last).
  std::array<size_t, 3> shown = {f, t, Find("USD")};
  std::sort(shown.begin(), shown.end());
  if (f != kNone && t != kNone) w.rows.reserve(hi - lo);
  for (size_t d = lo; d < hi && f != kNone && t != kNone; ++d) {
    if (!Has(d, f) || !Has(d, t)) continue;
    FxObservation o;
    o.date = View(dates_[d]);
    const size_t row = Row(d) * nc;
    o.rate = per_usd_[row + t] / per_usd_[row + f];
    for (size_t k = 0; k < 3 && shown[k] != kNone; ++k) {
      const Cell c = raw_[row + shown[k]];
      if (c.size == 0 || (k > 0 && shown[k] == shown[k - 1])) continue;
      o.raw.push_back({currencies_[shown[k]], View(c)});
    }
    w.rows.push_back(std::move(o));
  }
  if (w.rows.empty()) {
    return Status::Error(file() + " has no " + from + "/" + to +
                         " rate between " + SerialToDate(w.first) + " and " +
                         SerialToDate(w.last));
  }
  return w;
}

}  // namespace claimledger
