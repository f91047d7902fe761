// FxTable: daily exchange rates loaded from a reference file, either the
// ECB's eurofxref-hist.csv as published (units per EUR, one column per
// currency, "N/A" gaps) or a plain `date,currency,units_per_usd` CSV. All
// rates are held as units per USD; ECB cross rates are computed at load
// (X per USD = X per EUR / USD per EUR). The file is read at run time, so a
// newer one needs no rebuild. Immutable after Load; thread-safe to read.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/document.h"
#include "engine/status.h"

namespace claimledger {

// Days since 1970-01-01 of a proleptic Gregorian date.
int DaySerial(int y, int m, int d);
std::string SerialToDate(int serial);
// A rate as the files write it: true for a finite positive number, read
// to the double from_chars gives.
bool ParseRateText(std::string_view text, double* rate);

// The file's own values (text) for the currencies a rate came from: at most
// three (from, to and USD), sorted by currency code. Held in place, as a
// window has a few of them per conversion checked.
class FxCells {
 public:
  using Cell = std::pair<std::string_view, std::string_view>;  // code, value
  void push_back(Cell c) { cells_.at(size_++) = c; }
  size_t size() const { return size_; }
  const Cell& operator[](size_t i) const { return cells_[i]; }
  const Cell* begin() const { return cells_.data(); }
  const Cell* end() const { return cells_.data() + size_; }

 private:
  std::array<Cell, 3> cells_{};
  size_t size_ = 0;
};

// One day's rate between two currencies, with the file's values it came from.
struct FxObservation {
  std::string_view date;  // YYYY-MM-DD as in the file (a view, as raw)
  double rate = 0;   // units of `to` per one unit of `from`
  // Views into the FxTable, valid while it lives.
  FxCells raw;
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
  std::string first_date() const { return std::string(View(dates_.front())); }
  std::string last_date() const { return std::string(View(dates_.back())); }
  size_t size() const { return serials_.size(); }  // days

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
  // A range of *text_; size 0 for none (no value the file gives is empty).
  // Trivial, so that rows of cells copy as bytes; Cell{} is {0, 0}.
  struct Cell {
    uint32_t offset;
    uint32_t size;
  };
  struct Loader;  // fx.cc

  static constexpr size_t kNone = static_cast<size_t>(-1);
  size_t Find(std::string_view code) const;  // index in currencies_, or kNone
  size_t Row(size_t day) const {             // of per_usd_ and raw_
    return reversed_ ? serials_.size() - 1 - day : day;
  }
  // A NaN with a raw value is a rate the file gives (inf/inf); one without
  // is a gap.
  bool Has(size_t day, size_t cur) const {
    const size_t i = Row(day) * currencies_.size() + cur;
    return !std::isnan(per_usd_[i]) || raw_[i].size != 0;
  }
  std::string_view View(Cell c) const {
    return {text_->data() + c.offset, c.size};
  }

  std::string path_;
  std::string sha256_;
  std::string format_;
  // The file's text, shared and never modified, so that the views an
  // FxObservation holds stay put when the table is moved or copied. A line
  // with a '\r' inside it is also kept, cleaned, after the file's bytes.
  std::shared_ptr<const std::string> text_;
  // Currency codes, sorted; a code's index is its column in the rows below.
  // The views in FxObservation::raw point into these strings, which a move
  // of the vector leaves where they are.
  std::vector<std::string> currencies_;
  std::vector<int> serials_;  // one per day, ascending
  std::vector<Cell> dates_;   // the day's date as the file spells it
  // days x currencies, row-major: units per USD, NaN when the day has none
  // (an inf/inf cross rate is NaN too, but has its raw cell, see Has).
  std::vector<double> per_usd_;
  std::vector<Cell> raw_;  // days x currencies: the file's value, if any
  // The rows of per_usd_ and raw_ run newest first (as the ECB file does),
  // the days above oldest first: see Row.
  bool reversed_ = false;
};

}  // namespace claimledger
