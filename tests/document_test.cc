#include <doctest/doctest.h>

#include "engine/document.h"
#include "tests/test_util.h"

using namespace claimledger;

TEST_CASE("front matter sets metadata and the body starts after it") {
  auto doc = ParseDocument("a.md",
                           "---\nlang: ko\npublished: 2025-01\nsource: x\n---\n본문 550만달러\n",
                           {});
  REQUIRE(doc.ok());
  CHECK(doc->lang == "ko");
  CHECK(doc->published.ToString() == "2025-01");
  CHECK(doc->source == "x");
  CHECK(doc->body() == "본문 550만달러\n");
  CHECK(doc->sha256.size() == 64);
}

TEST_CASE("defaults serve files without front matter, front matter wins") {
  DocumentDefaults def;
  def.published = PubDate::Parse("2024-06-03");
  def.lang = "en";
  auto plain = ParseDocument("p.txt", "Just text.", def);
  REQUIRE(plain.ok());
  CHECK(plain->published.ToString() == "2024-06-03");
  CHECK(plain->lang == "en");
  auto fm = ParseDocument("f.md", "---\npublished: 2025-01-31\n---\nx", def);
  REQUIRE(fm.ok());
  CHECK(fm->published.ToString() == "2025-01-31");
}

TEST_CASE("bad inputs are refused with the file and the place named") {
  auto empty = ParseDocument("e.txt", "", {});
  CHECK(empty.status().message() == "e.txt: empty file");
  auto bin = ParseDocument("b.bin", std::string("ab\0cd", 5), {});
  CHECK(bin.status().message().find("binary") != std::string::npos);
  auto utf = ParseDocument("u.txt", "okay \xC3\x28 tail", {});
  CHECK(utf.status().message() == "u.txt: invalid UTF-8 at byte 5");
  auto date = ParseDocument("d.md", "---\nlang: ko\npublished: 2025-13\n---\nx", {});
  CHECK(date.status().message().rfind("d.md:3: published:", 0) == 0);
  auto open = ParseDocument("o.md", "---\nlang: ko\nbody without end", {});
  CHECK(open.status().message().find("never closed") != std::string::npos);
  auto yaml = ParseDocument("y.md", "---\nlang: [ko\n---\nx", {});
  CHECK(yaml.status().message().rfind("y.md:", 0) == 0);
  auto lang = ParseDocument("l.md", "---\nlang: fr\n---\nx", {});
  CHECK(lang.status().message() == "l.md:2: lang: 'fr' is not ko, en or auto");
}

TEST_CASE("publication dates of a day or a month, and impossible ones") {
  CHECK(PubDate::Parse("2025-01")->day == 0);
  CHECK(PubDate::Parse("2024-02-29"));
  CHECK_FALSE(PubDate::Parse("2025-02-29"));
  CHECK_FALSE(PubDate::Parse("2025-1-5"));
  CHECK_FALSE(PubDate::Parse("January 2025"));
}

TEST_CASE("a publication date prints as it was written") {
  for (const char* s : {"2025-01-31", "2025-01", "1999-12", "1900-01-01",
                        "2024-02-29", "9999-12-31", "2000-10"}) {
    INFO(s);
    auto d = PubDate::Parse(s);
    REQUIRE(d.has_value());
    CHECK(d->ToString() == s);
  }
  CHECK(PubDate{}.ToString().empty());
}
