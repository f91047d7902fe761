#include "tools/app/corpus_gen.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/fx.h"
#include "tools/app/corpus_templates.h"

namespace fs = std::filesystem;

namespace claimledger {

namespace {

// m * 10^e with m holding the written significant digits.
struct Num {
  uint64_t m = 0;
  int e = 0;
  uint64_t Value() const {
    uint64_t v = m;
    for (int i = 0; i < e; ++i) v *= 10;
    return v;
  }
};

class Rng {
 public:
  explicit Rng(uint64_t seed) : g_(seed) {}
  uint64_t Below(uint64_t n) { return g_() % n; }
  bool Chance(double p) {
    return static_cast<double>(g_() >> 11) * 0x1.0p-53 < p;
  }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }

 private:
  std::mt19937_64 g_;
};

// Two significant digits when the leading two are 50 or more, else three:
// the rounding then stays within 1% of the exact value.
Num RoundSignificant(double x) {
  int digits = static_cast<int>(std::floor(std::log10(x))) + 1;
  double lead = x / std::pow(10.0, digits - 2);
  int sig = lead >= 50 ? 2 : 3;
  Num n{static_cast<uint64_t>(std::llround(x / std::pow(10.0, digits - sig))),
        digits - sig};
  if (n.m >= static_cast<uint64_t>(std::pow(10, sig))) {
    n.m /= 10;
    ++n.e;
  }
  return n;
}

// "1조4300억", "550만", "79억": groups of four digits, as Korean news
// writes amounts.
std::string KoreanNumber(uint64_t v) {
  static const std::pair<uint64_t, const char*> kGroups[] = {
      {1000000000000ull, "조"}, {100000000ull, "억"}, {10000ull, "만"}};
  std::string out;
  for (const auto& [unit, word] : kGroups) {
    if (v >= unit) {
      out += std::to_string(v / unit) + word;
      v %= unit;
    }
  }
  if (v) out += std::to_string(v);
  return out;
}

// "5.5 million", "342 million", "1.43 trillion"; short "5.5m", "1.2bn".
std::string EnglishNumber(const Num& n, bool short_scale) {
  std::string full = std::to_string(n.m) + std::string(n.e, '0');
  int d = static_cast<int>(full.size());
  int scale = d > 12 ? 12 : d > 9 ? 9 : 6;
  std::string whole = full.substr(0, d - scale);
  std::string frac = full.substr(d - scale);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  std::string num = frac.empty() ? whole : whole + "." + frac;
  if (short_scale)
    return num + (scale == 6 ? "m" : scale == 9 ? "bn" : " trillion");
  return num + (scale == 6   ? " million"
                : scale == 9 ? " billion"
                             : " trillion");
}

struct Currency {
  const char* code;
  const char* ko_word;  // after the number
  const char* en_symbol;
  int min_digits, max_digits;  // of the amount converted
};

const Currency kFrom[] = {
    {"USD", "달러", "$", 7, 10},
    {"EUR", "유로", "€", 7, 10},
    {"GBP", "파운드", "£", 7, 9},
    {"JPY", "엔", "¥", 9, 12},
};

struct Conversion {
  std::string from_text, to_text, pair_text;
  std::string planted;  // "", "x10", "+20%", "-20%"
  double rate = 0;
};

// The article's publication window, as fx.pair reads it, and its rates.
struct Window {
  PubDate date;
  std::string text;
};

Window PickDate(Rng& rng) {
  static const int kFirst = DaySerial(2010, 1, 1);
  static const int kLast = DaySerial(2025, 12, 31);
  std::string day = SerialToDate(
      kFirst +
      static_cast<int>(rng.Below(static_cast<uint64_t>(kLast - kFirst + 1))));
  if (rng.Chance(0.1)) day = day.substr(0, 7);  // only the month known
  return {*PubDate::Parse(day), day};
}

// One conversion from a random currency to `to` at the window's midpoint
// rate; planted ones are off by the factor named. Retries amounts until
// both sides end in a non-zero digit, so that each is read to the digit
// that was rounded ("1 billion" would stand for 0.5 to 1.5 billion).
std::optional<Conversion> MakeConversion(Rng& rng, const FxTable& fx,
                                         const PubDate& date, bool korean,
                                         bool plant) {
  const Currency& c = kFrom[rng.Below(std::size(kFrom))];
  // English articles convert yen into dollars, the rest into won.
  bool to_usd = !korean && std::string_view(c.code) == "JPY" && rng.Chance(0.5);
  const char* to = to_usd ? "USD" : "KRW";
  auto w = fx.Window(c.code, to, date, 7);
  if (!w.ok() || w->rows.empty()) return std::nullopt;
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  for (const auto& r : w->rows) {
    lo = std::min(lo, r.rate);
    hi = std::max(hi, r.rate);
  }
  Conversion out;
  out.rate = (lo + hi) / 2;
  double factor = 1;
  if (plant) {
    static const std::pair<double, const char*> kErrors[] = {
        {10, "x10"}, {1.2, "+20%"}, {0.8, "-20%"}};
    const auto& e = kErrors[rng.Below(3)];
    factor = e.first;
    out.planted = e.second;
  }
  for (int attempt = 0; attempt < 100; ++attempt) {
    int sig = 2 + static_cast<int>(rng.Below(2));
    int digits = c.min_digits +
                 static_cast<int>(rng.Below(
                     static_cast<uint64_t>(c.max_digits - c.min_digits + 1)));
    uint64_t low = sig == 2 ? 11 : 101;
    Num from{low + rng.Below((sig == 2 ? 99 : 999) - low + 1), digits - sig};
    if (from.m % 10 == 0) continue;
    Num conv =
        RoundSignificant(static_cast<double>(from.Value()) * out.rate * factor);
    if (conv.m % 10 == 0) continue;
    if (korean) {
      out.from_text = KoreanNumber(from.Value()) + c.ko_word;
      out.to_text = "약 " + KoreanNumber(conv.Value()) + "원";
      out.pair_text = out.from_text + "(" + out.to_text + ")";
    } else {
      bool short_scale = std::string_view(c.code) != "JPY" && rng.Chance(0.3);
      out.from_text = c.en_symbol + EnglishNumber(from, short_scale);
      out.to_text = to_usd ? "$" + EnglishNumber(conv, false)
                           : EnglishNumber(conv, false) + " won";
      out.pair_text = out.from_text + " (about " + out.to_text + ")";
    }
    return out;
  }
  return std::nullopt;
}

void Replace(std::string* s, std::string_view slot, const std::string& value) {
  for (size_t at = s->find(slot); at != std::string::npos;
       at = s->find(slot, at + value.size())) {
    s->replace(at, slot.size(), value);
  }
}

std::string Percent(Rng& rng) {
  uint64_t tenths = 5 + rng.Below(400);
  return std::to_string(tenths / 10) +
         (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + "%";
}

std::string Fill(std::string_view tpl, Rng& rng, const corpus::Templates& t,
                 const std::string& co, const std::string& co2,
                 const std::string& pair) {
  static const char* kOrdinals[] = {"first", "second", "third", "fourth"};
  std::string s(tpl);
  uint64_t q = rng.Below(4);
  Replace(&s, "{co2}", co2);
  Replace(&s, "{co}", co);
  Replace(&s, "{place}", std::string(rng.Pick(t.places)));
  Replace(&s, "{person}", std::string(rng.Pick(t.people)));
  Replace(&s, "{pct2}", std::to_string(60 + rng.Below(36)) + "%");
  Replace(&s, "{pct}", Percent(rng));
  Replace(&s, "{n}", std::to_string(20 + rng.Below(480)));
  Replace(&s, "{qth}", kOrdinals[q]);
  Replace(&s, "{q}", std::to_string(q + 1));
  uint64_t rank = rng.Below(3);
  Replace(&s, "{rank_ord}", kOrdinals[rank + 1]);
  Replace(&s, "{rank}", std::to_string(rank + 2));
  Replace(&s, "{mult}", std::to_string(2 + rng.Below(6)));
  Replace(&s, "{pair}", pair);
  return s;
}

struct Article {
  std::string text;
  std::string date;
  std::vector<Conversion> conversions;
};

Article MakeArticle(size_t index, uint64_t seed, double error_share,
                    const FxTable& fx) {
  Rng rng(seed * 0x9E3779B97F4A7C15ull + index);
  bool korean = rng.Chance(0.5);
  const corpus::Templates& t =
      korean ? corpus::KoreanTemplates() : corpus::EnglishTemplates();
  Article a;
  Window w;
  size_t want = 1 + rng.Below(3);
  for (int tries = 0; a.conversions.size() < want && tries < 50; ++tries) {
    if (a.conversions.empty()) w = PickDate(rng);
    auto c = MakeConversion(rng, fx, w.date, korean, rng.Chance(error_share));
    if (c) a.conversions.push_back(std::move(*c));
  }
  a.date = w.text;
  std::string co(rng.Pick(t.companies)), co2;
  do co2 = rng.Pick(t.companies);
  while (co2 == co);
  // Sentences: fillers with the conversions placed among them, no two
  // conversions in one sentence.
  // Distinct filler sentences, in a shuffled order (Fisher-Yates on our
  // own generator, so the order does not depend on the standard library).
  auto shuffled = [&](std::vector<std::string_view> v) {
    for (size_t i = v.size() - 1; i > 0; --i)
      std::swap(v[i], v[rng.Below(i + 1)]);
    return v;
  };
  // Eight to twelve sentences with numbers, five to nine without: about
  // the seed article's density of claims.
  std::vector<std::string_view> numeric = shuffled(t.fillers);
  std::vector<std::string_view> plain = shuffled(t.background);
  numeric.resize(8 + rng.Below(5));
  plain.resize(5 + rng.Below(5));
  std::vector<std::string_view> order = numeric;
  order.insert(order.end(), plain.begin(), plain.end());
  order = shuffled(order);
  std::vector<std::string> sentences;
  for (auto tpl : order) sentences.push_back(Fill(tpl, rng, t, co, co2, ""));
  for (const auto& c : a.conversions) {
    size_t at = 1 + rng.Below(sentences.size());
    sentences.insert(sentences.begin() + static_cast<long>(at),
                     Fill(rng.Pick(t.pairs), rng, t, co, co2, c.pair_text));
  }
  std::string& s = a.text;
  s = "---\nsource: https://news.example/" + std::string(korean ? "ko" : "en") +
      "/" + std::to_string(index) + "\npublished: " + a.date +
      "\nlang: " + (korean ? "ko" : "en") + "\n---\n\n";
  s += Fill(rng.Pick(t.headlines), rng, t, co, co2, "") + "\n\n";
  for (size_t i = 0; i < sentences.size(); ++i) {
    s += sentences[i];
    bool paragraph_end = i + 1 == sentences.size() || rng.Chance(0.25);
    s += paragraph_end ? "\n\n" : " ";
  }
  return a;
}

}  // namespace

Result<CorpusStats> GenerateCorpus(const CorpusOptions& o) {
  std::shared_ptr<const FxTable> fx = o.fx;
  if (!fx) {
    auto loaded = FxTable::Load(o.fx_path);
    if (!loaded.ok()) return loaded.status();
    fx = std::make_shared<const FxTable>(std::move(loaded).value());
  }
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) return Status::Error(o.out_dir + ": " + ec.message());
  std::ofstream manifest(fs::path(o.out_dir) / kCorpusManifest,
                         std::ios::binary);
  if (!manifest)
    return Status::Error(o.out_dir + ": cannot write the manifest");
  CorpusStats stats;
  for (size_t i = 0; i < o.count; ++i) {
    char rel[64];
    std::snprintf(rel, sizeof rel, "%03zu/%06zu.md", i / 1000, i);
    fs::path path = fs::path(o.out_dir) / rel;
    if (i % 1000 == 0) fs::create_directories(path.parent_path(), ec);
    Article a = MakeArticle(i, o.seed, o.error_share, *fx);
    std::ofstream out(path, std::ios::binary);
    out << a.text;
    if (!out) return Status::Error(path.string() + ": cannot write");
    stats.bytes += a.text.size();
    ++stats.articles;
    for (const auto& c : a.conversions) {
      ++stats.conversions;
      stats.planted += c.planted.empty() ? 0 : 1;
      nlohmann::json j = {
          {"file", rel},
          {"published", a.date},
          {"text", c.pair_text},
          {"from", c.from_text},
          {"to", c.to_text},
          {"rate", c.rate},
          {"planted", c.planted},
          {"expected", c.planted.empty() ? "consistent" : "inconsistent"}};
      manifest << j.dump() << "\n";
    }
  }
  if (!manifest.flush())
    return Status::Error(o.out_dir + ": cannot write the manifest");
  return stats;
}

}  // namespace claimledger
