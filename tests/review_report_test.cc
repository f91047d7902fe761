// report --html: the page is self-contained, and in a real browser
// (Debian's headless Chromium) it shows one highlight per claim in its
// verdict's colour, the summary figures of the ledger, and an evidence card
// that is hidden until a highlight is clicked. A screenshot is kept in the
// build folder (report.png). Chromium missing is a failure, not a skip:
// tools/install-deps.sh installs it.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "tests/review_fixture.h"

using namespace claimledger::testing;

namespace {

struct Shell {
  int code;
  std::string out;
};

// Runs a shell command line (paths here are temporary folders without
// quotes or spaces); stdout captured.
Shell Sh(const std::string& cmd) {
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[8192];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string Chromium(const std::string& profile) {
  return "timeout 60 chromium --headless --no-sandbox --disable-gpu "
         "--disable-dev-shm-usage --hide-scrollbars --user-data-dir=" +
         profile + " ";
}

// The attribute NAME of the element with id="visible-counts", unescaped.
std::string Attr(const std::string& dom, const std::string& name) {
  size_t el = dom.find("id=\"visible-counts\"");
  REQUIRE(el != std::string::npos);
  size_t end = dom.find('>', el);
  std::string tag = dom.substr(el, end - el);
  std::smatch m;
  REQUIRE_MESSAGE(
      std::regex_search(tag, m, std::regex(" " + name + "=\"([^\"]*)\"")),
      name);
  std::string v = m[1];
  for (auto [from, to] : {std::pair<std::string, std::string>{"&quot;", "\""},
                          {"&lt;", "<"},
                          {"&gt;", ">"},
                          {"&amp;", "&"}}) {
    for (size_t at; (at = v.find(from)) != std::string::npos;)
      v.replace(at, from.size(), to);
  }
  return v;
}

uint32_t BigEndian(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i)
    v = v << 8 | static_cast<unsigned char>(s[at + i]);
  return v;
}

}  // namespace

TEST_CASE(
    "the HTML report is one file that fetches nothing and marks every claim") {
  ReviewLedger l;
  REQUIRE(l({"report", "--html", l.dir / "r.html"}).code == 0);
  std::string html = ReadFile(l.dir / "r.html");
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  for (const char* fetch :
       {"<link", " src=", "@import", "url(", "fetch(", "XMLHttpRequest"}) {
    CHECK_MESSAGE(!Contains(html, fetch), fetch);
  }
  size_t marks = 0;
  for (size_t at = 0;
       (at = html.find(" class=\"claim st-", at)) != std::string::npos; ++at)
    ++marks;
  CHECK(marks == l.Claims().size());
  CHECK(l({"report", "--html", l.dir / "r.html", "--run", "7"}).code == 2);
  CHECK(l({"report"}).code == 2);
}

TEST_CASE(
    "the HTML report shows its highlights and summary in headless Chromium") {
  ReviewLedger l;
  int64_t claim = l.ClaimId("550만달러", "000_c28843297c64ee9a.md");
  REQUIRE(l({"review", std::to_string(l.VerdictId(claim, "fx.pair")),
             "--decision", "override", "--status", "inconsistent", "--note",
             "wrong week", "--reviewer", "Kim"})
              .code == 0);
  std::string html = l.dir / "report.html";
  REQUIRE(l({"report", "--html", html}).code == 0);

  // What the ledger says the page must show.
  auto claims = l.Claims();
  std::map<std::string, int> by_status;
  for (const auto& c : claims) ++by_status[c["status"].get<std::string>()];
  std::map<std::string, std::map<std::string, int>> summary;
  for (const auto& v : l({"list", "--json"}).json()) {
    std::string st = v["status"];
    ++summary[v["rule"].get<std::string>()][st];
    ++summary["*"][st];
  }

  Shell version = Sh("chromium --version 2>&1");
  INFO("chromium --version: " << version.out);
  REQUIRE_MESSAGE(
      version.code == 0,
      "chromium is not installed (tools/install-deps.sh installs it)");
  auto t0 = std::chrono::steady_clock::now();
  Shell dom = Sh(Chromium(l.dir / "profile-dom") + "--dump-dom file://" + html +
                 " 2>" + l.dir / "chromium-dom.log");
  double dom_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  INFO(ReadFile(l.dir / "chromium-dom.log"));
  REQUIRE(dom.code == 0);
  CHECK(Attr(dom.out, "data-ready") == "1");
  CHECK(std::stoul(Attr(dom.out, "data-highlights")) == claims.size());
  auto seen = nlohmann::json::parse(Attr(dom.out, "data-by-status"));
  for (const auto& [status, n] : by_status)
    CHECK_MESSAGE(seen[status] == n, status);
  CHECK(seen["inconsistent"].get<int>() > 0);
  auto colours = nlohmann::json::parse(Attr(dom.out, "data-colours"));
  std::set<std::string> distinct;
  for (const auto& [status, colour] : colours.items())
    distinct.insert(colour.get<std::string>());
  CHECK(distinct.size() ==
        4);  // inconsistent, unverifiable, consistent, unchecked
  auto table = nlohmann::json::parse(Attr(dom.out, "data-summary"));
  CHECK(table.size() == summary.size());
  for (const auto& [rule, counts] : summary) {
    for (const char* status : {"inconsistent", "unverifiable", "consistent"}) {
      int want = counts.count(status) ? counts.at(status) : 0;
      CHECK_MESSAGE(table[rule][status] == want, rule << " " << status);
    }
  }
  CHECK(table["fx.pair"]["inconsistent"].get<int>() >=
        1);  // the override counts
  CHECK(Attr(dom.out, "data-card-hidden-at-rest") == "1");
  CHECK(Attr(dom.out, "data-card-opens-on-click") == "1");

  std::string png = std::string(CLAIMLEDGER_BUILD_DIR) + "/report.png";
  std::filesystem::remove(png);
  t0 = std::chrono::steady_clock::now();
  Shell shot = Sh(Chromium(l.dir / "profile-shot") + "--screenshot=" + png +
                  " --window-size=1280,2000 file://" + html + " 2>" +
                  l.dir / "chromium-shot.log");
  double shot_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  INFO(ReadFile(l.dir / "chromium-shot.log"));
  CHECK(shot.code == 0);
  REQUIRE(std::filesystem::exists(png));
  std::string bytes = ReadFile(png);
  CHECK(bytes.size() > 50000);  // a page of text and colour, not a blank
  REQUIRE(bytes.size() > 24);
  CHECK(bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n");
  CHECK(BigEndian(bytes, 16) == 1280);
  CHECK(BigEndian(bytes, 20) == 2000);
  MESSAGE("chromium: dump-dom " << dom_seconds << " s, screenshot "
                                << shot_seconds << " s, " << claims.size()
                                << " highlights, " << png);
}
