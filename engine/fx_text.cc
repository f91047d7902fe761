// Dates and rates as the rate files and the evidence write them
// (declared in fx.h): day serials (days since 1970-01-01) and the dates
// they stand for, and rate values.
#include <cstdio>
#include <string>

#include "engine/fx.h"
#include "engine/fx_parse.h"

namespace claimledger {

int DaySerial(int y, int m, int d) {
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
  if (y < 1 || y > 9999) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
  }
  return PubDate{y, static_cast<int>(m), static_cast<int>(d)}.ToString();
}

bool ParseRateText(std::string_view text, double* rate) {
  return fx_internal::ParseRate(text, rate);
}

}  // namespace claimledger
