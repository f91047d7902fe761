// Table: fitted plain-text tables for terminal output. Widths count display
// columns (Hangul and CJK take two), so Korean text lines up. Colour is the
// caller's choice (UseColor); cells are never coloured inside the padding.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

size_t DisplayWidth(std::string_view s);

// True when `out_is_tty` and NO_COLOR is unset or empty.
bool UseColor(bool out_is_tty);

class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  // Each row has as many cells as the header. `color` is an ANSI SGR code
  // ("31") for the whole row's first cell, or empty.
  void Add(std::vector<std::string> row, std::string color = "");
  // Cells wider than max_width are cut with "…" (except the last column).
  void Print(std::ostream& out, bool color, size_t max_width = 40) const;
  size_t rows() const { return rows_.size(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::string> colors_;
};

}  // namespace claimledger
