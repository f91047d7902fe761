#include "engine/fx.h"

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/sha256.h"

namespace claimledger {

int DaySerial(int y, int m, int d) {
  // Howard Hinnant's days_from_civil algorithm.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

std::string SerialToDate(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

namespace {

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

bool ParseRate(const std::string& s, double* v) {
  if (s.empty()) return false;
  // from_chars first: the ECB file has some 300,000 rates and strtod was a
  // quarter of loading it. strtod still decides anything from_chars does
  // not take whole (a leading '+' or space).
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  if (ec == std::errc() && ptr == s.data() + s.size()) return *v > 0;
  char* end = nullptr;
  errno = 0;
  *v = std::strtod(s.c_str(), &end);
  return *end == '\0' && errno == 0 && *v > 0;
}

std::optional<int> ParseDay(const std::string& s) {
  auto d = PubDate::Parse(s);
  if (!d || d->day == 0) return std::nullopt;
  return DaySerial(d->year, d->month, d->day);
}

}  // namespace

Result<FxTable> FxTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": " + std::strerror(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();
  FxTable t;
  t.path_ = path;
  t.sha256_ = Sha256Hex(data);
  std::istringstream lines(data);
  std::string line;
  if (!std::getline(lines, line)) return Status::Error(path + ": empty file");
  auto header = SplitCsv(line);
  auto err = [&](int n, const std::string& m) {
    return Status::Error(path + ":" + std::to_string(n) + ": " + m);
  };
  std::map<int, FxDay> by_day;
  int n = 1;
  if (!header.empty() && header[0] == "Date" && header.size() > 1 &&
      std::find(header.begin(), header.end(), "USD") != header.end()) {
    t.format_ = "ecb";
    size_t usd_col =
        std::find(header.begin(), header.end(), "USD") - header.begin();
    std::vector<size_t> sorted;  // the rate columns by currency code
    for (size_t c = 1; c < header.size(); ++c) {
      if (c != usd_col && !header[c].empty()) sorted.push_back(c);
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](size_t a, size_t b) { return header[a] < header[b]; });
    while (std::getline(lines, line)) {
      ++n;
      if (line.empty() || line == "\r") continue;
      auto f = SplitCsv(line);
      auto serial = ParseDay(f[0]);
      if (!serial) return err(n, "bad date '" + f[0] + "'");
      if (f.size() > header.size())
        return err(n, "more fields than the header");
      double usd;
      if (usd_col >= f.size() || !ParseRate(f[usd_col], &usd)) continue;
      FxDay day;
      day.serial = *serial;
      day.date = f[0];
      day.per_usd["USD"] = 1.0;
      day.per_usd["EUR"] = 1.0 / usd;
      day.raw["USD"] = f[usd_col];
      for (size_t c : sorted) {
        if (c >= f.size()) continue;
        double v;
        if (f[c] == "N/A" || f[c].empty()) continue;
        if (!ParseRate(f[c], &v)) {
          return err(n, "bad rate '" + f[c] + "' for " + header[c]);
        }
        // Columns come in sorted order (`sorted` below): each insert
        // lands at the end, with the hint.
        day.per_usd.insert_or_assign(day.per_usd.end(), header[c], v / usd);
        day.raw.insert_or_assign(day.raw.end(), header[c], f[c]);
      }
      if (by_day.count(*serial))
        return err(n, "date " + f[0] + " appears twice");
      by_day[*serial] = std::move(day);
    }
  } else if (header.size() == 3 && header[0] == "date" &&
             header[1] == "currency" && header[2] == "units_per_usd") {
    t.format_ = "usd-daily";
    while (std::getline(lines, line)) {
      ++n;
      if (line.empty() || line == "\r") continue;
      auto f = SplitCsv(line);
      if (f.size() != 3) return err(n, "expected 3 fields");
      auto serial = ParseDay(f[0]);
      if (!serial) return err(n, "bad date '" + f[0] + "'");
      double v;
      if (!ParseRate(f[2], &v)) return err(n, "bad rate '" + f[2] + "'");
      FxDay& day = by_day[*serial];
      day.serial = *serial;
      day.date = f[0];
      day.per_usd["USD"] = 1.0;
      day.per_usd[f[1]] = v;
      day.raw[f[1]] = f[2];
    }
  } else {
    return err(1,
               "unknown rate file format: expected the ECB header "
               "'Date,USD,...' or 'date,currency,units_per_usd'");
  }
  if (by_day.empty()) return Status::Error(path + ": no rates");
  for (auto& [s, d] : by_day) t.days_.push_back(std::move(d));
  return t;
}

std::string FxTable::first_date() const { return days_.front().date; }
std::string FxTable::last_date() const { return days_.back().date; }

Result<FxWindow> FxTable::Window(const std::string& from, const std::string& to,
                                 const PubDate& published, int lag_days) const {
  if (!published.known()) {
    return Status::Error("the publication date is unknown");
  }
  // The file's name, not its path: a verdict's reason is the same wherever
  // the rules are checked out (the evidence carries the file's SHA-256).
  const std::string name = std::filesystem::path(path_).filename().string();
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
  if (w.last > days_.back().serial) {
    bool weekend_only = true;
    for (int d = days_.back().serial + 1; d <= w.last && weekend_only; ++d) {
      int weekday = ((d % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday (4)
      weekend_only = weekday == 0 || weekday == 6;
    }
    if (!weekend_only && w.first > days_.back().serial) {
      return Status::Error("the rate file " + name + " ends on " + last_date() +
                           ", before " + published.ToString());
    }
    if (!weekend_only) {
      return Status::Error("the rate file " + name + " ends on " + last_date() +
                           ", inside the window " + SerialToDate(w.first) +
                           ".." + SerialToDate(w.last) + " of " +
                           published.ToString());
    }
  }
  if (w.last < days_.front().serial) {
    return Status::Error("the rate file " + name + " starts on " +
                         first_date() + ", after " + published.ToString());
  }
  auto lo =
      std::lower_bound(days_.begin(), days_.end(), w.first,
                       [](const FxDay& d, int s) { return d.serial < s; });
  auto hi =
      std::upper_bound(days_.begin(), days_.end(), w.last,
                       [](int s, const FxDay& d) { return s < d.serial; });
  std::vector<const FxDay*> picked;
  for (auto it = lo; it != hi; ++it) picked.push_back(&*it);
  if (picked.empty()) {
    if (lo == days_.begin() || w.first - std::prev(lo)->serial > 7) {
      return Status::Error("no published rate within 7 days before " +
                           SerialToDate(w.first));
    }
    picked.push_back(&*std::prev(lo));
    w.fell_back = true;
  }
  for (const FxDay* d : picked) {
    auto f = d->per_usd.find(from);
    auto t = d->per_usd.find(to);
    if (f == d->per_usd.end() || t == d->per_usd.end()) continue;
    FxObservation o;
    o.date = d->date;
    o.rate = t->second / f->second;
    for (const auto& cur : {from, to, std::string("USD")}) {
      auto r = d->raw.find(cur);
      if (r != d->raw.end()) o.raw[cur] = r->second;
    }
    w.rows.push_back(std::move(o));
  }
  if (w.rows.empty()) {
    return Status::Error("the rate file " + name + " has no " + from + "/" +
                         to + " rate between " + SerialToDate(w.first) +
                         " and " + SerialToDate(w.last));
  }
  return w;
}

}  // namespace claimledger
