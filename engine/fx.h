// FxTable: daily exchange rates loaded from a reference file, either the
// ECB's eurofxref-hist.csv as published (units per EUR, one column per
// currency, "N/A" gaps) or a plain `date,currency,units_per_usd` CSV. All
// rates are held as units per USD; ECB cross rates are computed at load
// (X per USD = X per EUR / USD per EUR). The file is read at run time, so a
// newer one needs no rebuild. Immutable after Load; thread-safe to read.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/document.h"
#include "engine/status.h"

namespace claimledger {

// Days since 1970-01-01 of a proleptic Gregorian date.
int DaySerial(int y, int m, int d);
std::string SerialToDate(int serial);

struct FxDay {
  int serial = 0;
  std::string date;                        // YYYY-MM-DD as in the file
  std::map<std::string, double> per_usd;   // currency -> units per USD
  std::map<std::string, std::string> raw;  // the file's own values, as text
};

// One day's rate between two currencies, with the rows it came from.
struct FxObservation {
  std::string date;
  double rate = 0;  // units of `to` per one unit of `from`
  std::map<std::string, std::string> raw;
};

struct FxWindow {
  int first = 0;  // serials, inclusive
  int last = 0;
  bool fell_back = false;  // no row inside: the previous published day used
  std::vector<FxObservation> rows;
};

class FxTable {
 public:
  // Fails with "PATH:LINE: message" on a malformed file.
  static Result<FxTable> Load(const std::string& path);

  const std::string& path() const { return path_; }
  const std::string& sha256() const { return sha256_; }
  const std::string& format() const { return format_; }  // "ecb" | "usd-daily"
  std::string first_date() const;
  std::string last_date() const;
  size_t size() const { return days_.size(); }

  // Rates from `from` to `to` over the window a publication date gives:
  // the day, or the whole month when only the month is known, widened
  // lag_days backwards. A window with no published day falls back to the
  // latest earlier day (weekends, holidays) if it is within 7 days. An
  // unknown currency, an unknown date, or a window outside the file's
  // coverage or running past its last day (other than over a weekend) is
  // an error whose message says why: never a guess.
  Result<FxWindow> Window(const std::string& from, const std::string& to,
                          const PubDate& published, int lag_days) const;

 private:
  std::string path_;
  std::string sha256_;
  std::string format_;
  std::vector<FxDay> days_;  // ascending by date
};

}  // namespace claimledger
