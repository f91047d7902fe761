// Sha256Hex and the piecewise Sha256: the standard test vectors, pieces
// hashed as their concatenation, and hashers alive at once on one thread
// and on several threads.
#include "engine/sha256.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

using namespace claimledger;

namespace {
const char kEmpty[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const char kAbc[] =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
}  // namespace

TEST_CASE("SHA-256 of the standard test vectors") {
  CHECK(Sha256Hex("") == kEmpty);
  CHECK(Sha256Hex("abc") == kAbc);
  Sha256 h;
  CHECK(h.HexDigest() == kEmpty);
}

TEST_CASE("pieces hash as their concatenation") {
  std::string whole;
  for (int i = 0; i < 3000; ++i) whole += static_cast<char>('a' + i % 23);
  const std::string expected = Sha256Hex(whole);
  for (size_t cut : {size_t{0}, size_t{1}, size_t{63}, size_t{64},
                     size_t{65}, size_t{2047}, whole.size()}) {
    Sha256 h;
    h.Update(std::string_view(whole).substr(0, cut));
    h.Update("");
    h.Update(std::string_view(whole).substr(cut));
    CHECK(h.HexDigest() == expected);
  }
}

TEST_CASE("hashers alive at once do not share state") {
  Sha256 outer;
  outer.Update("a");
  {
    Sha256 inner;  // a context of its own
    inner.Update("abc");
    CHECK(Sha256Hex("abc") == kAbc);  // a third, while both are alive
    CHECK(inner.HexDigest() == kAbc);
  }
  outer.Update("bc");
  CHECK(outer.HexDigest() == kAbc);
  CHECK(Sha256Hex("") == kEmpty);  // the thread's context is free again
}

TEST_CASE("threads hash independently") {
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&ok, t] {
      for (int i = 0; i < 500; ++i) {
        Sha256 h;
        h.Update("a");
        h.Update("bc");
        if (h.HexDigest() == kAbc && Sha256Hex("") == kEmpty) ++ok[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) CHECK(ok[t] == 500);
}
