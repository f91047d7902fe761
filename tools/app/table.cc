#include "tools/app/table.h"

#include <algorithm>
#include <cstdlib>

#include "engine/text.h"

namespace claimledger {

namespace {

bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6);
}

// Cuts s to at most `width` display columns, ending with "…" when cut.
std::string Fit(const std::string& s, size_t width) {
  if (DisplayWidth(s) <= width) return s;
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    char32_t c = text::DecodeAt(s, i, &len);
    size_t cw = IsWide(c) ? 2 : 1;
    if (w + cw + 1 > width) break;
    out.append(s, i, len);
    w += cw;
    i += len;
  }
  return out + "\xE2\x80\xA6";
}

}  // namespace

size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    char32_t c = text::DecodeAt(s, i, &len);
    w += IsWide(c) ? 2 : 1;
    i += len;
  }
  return w;
}

bool UseColor(bool out_is_tty) {
  const char* no = std::getenv("NO_COLOR");
  return out_is_tty && (no == nullptr || *no == '\0');
}

void Table::Add(std::vector<std::string> row, std::string color) {
  row.resize(header_.size());
  rows_.push_back(std::move(row));
  colors_.push_back(std::move(color));
}

void Table::Print(std::ostream& out, bool color, size_t max_width) const {
  size_t n = header_.size();
  std::vector<std::vector<std::string>> cells;
  cells.push_back(header_);
  for (const auto& r : rows_) {
    std::vector<std::string> fitted;
    for (size_t c = 0; c < n; ++c) {
      fitted.push_back(c + 1 == n ? r[c] : Fit(r[c], max_width));
    }
    cells.push_back(std::move(fitted));
  }
  std::vector<size_t> width(n, 0);
  for (const auto& r : cells) {
    for (size_t c = 0; c < n; ++c) width[c] = std::max(width[c], DisplayWidth(r[c]));
  }
  for (size_t k = 0; k < cells.size(); ++k) {
    std::string line;
    for (size_t c = 0; c < n; ++c) {
      const std::string& cell = cells[k][c];
      bool paint = color && k > 0 && c == 0 && !colors_[k - 1].empty();
      if (paint) line += "\x1b[" + colors_[k - 1] + "m";
      line += cell;
      if (paint) line += "\x1b[0m";
      if (c + 1 < n) line += std::string(width[c] - DisplayWidth(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

}  // namespace claimledger
