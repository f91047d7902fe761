// WordIndex: finds which words of a lexicon list can start at a byte
// offset by looking at the character there (its code point, for the Basic
// Multilingual Plane; all others share one bucket), so the extractor
// compares only a handful of candidates instead of the whole list. Candidates come back in
// list order (longest first). The first characters are kept in a small
// open-addressing table (a few kilobytes, so that the extractor's many
// lookups stay in the first-level cache). Built once; immutable;
// thread-safe to read.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

class WordIndex {
 public:
  static constexpr size_t kKeys = 1 << 16;

  // REQUIRES: i < s.size() and s is valid UTF-8 from i on.
  static uint32_t Key(std::string_view s, size_t i) {
    auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return b0;
    if (b0 >= 0xF0 || i + 2 >= s.size() + (b0 < 0xE0)) return 0xFFFF;
    auto b1 = static_cast<unsigned char>(s[i + 1]) & 0x3F;
    if (b0 < 0xE0) return ((b0 & 0x1F) << 6) | b1;
    auto b2 = static_cast<unsigned char>(s[i + 2]) & 0x3F;
    return ((b0 & 0x0F) << 12) | (b1 << 6) | b2;
  }

  // words[k] is entry k. With fold_case an ASCII word is also found under
  // its capitalised first letter.
  void Build(const std::vector<std::string_view>& words, bool fold_case);

  std::span<const uint16_t> At(std::string_view s, size_t i) const {
    if (i >= s.size()) return {};
    const Slot* slot = Find(Key(s, i));
    if (!slot) return {};
    return {items_.data() + slot->begin, items_.data() + slot->begin + slot->count};
  }

  // False when no word can begin at s[i]: none is filed under the
  // character there; none of two characters or more under the first two;
  // none of three or more under the first three. The sets are hashed bits,
  // so true may be a false alarm: callers still compare the words. Most
  // candidate positions of an article fail here for a few instructions.
  bool MayStart(std::string_view s, size_t i) const {
    if (i >= s.size()) return false;
    uint32_t k1 = Key(s, i);
    const Slot* slot = Find(k1);
    if (!slot) return false;
    if (slot->single) return true;
    size_t at = i + CharLength(s[i]);
    if (at >= s.size()) return false;
    uint32_t h = PairHash(k1, Key(s, at));
    if (!Test(pairs_, h)) return false;
    if (Test(pair_ends_, h)) return true;
    at += CharLength(s[at]);
    if (at >= s.size()) return false;
    return Test(triples_, PairHash(h, Key(s, at)));
  }

  // ORs `flag` into (*keys)[key] for every key this index answers for
  // (keys has kKeys entries).
  void MarkKeys(std::vector<uint8_t>* keys, uint8_t flag) const;

 private:
  static constexpr int kPrefixBits = 14;  // 2 KB per prefix set
  static size_t CharLength(char c) {
    auto b = static_cast<unsigned char>(c);
    return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  }
  static uint32_t PairHash(uint32_t k1, uint32_t k2) {
    return ((k1 * 0x9E3779B1u) ^ (k2 * 0x85EBCA6Bu)) >> (32 - kPrefixBits);
  }
  static bool Test(const std::vector<uint64_t>& bits, uint32_t h) {
    return (bits[h >> 6] >> (h & 63)) & 1;
  }
  static void Set(std::vector<uint64_t>* bits, uint32_t h) {
    (*bits)[h >> 6] |= uint64_t{1} << (h & 63);
  }
  // Returns whether w is one character long (or one not keyed precisely).
  bool AddPrefixes(std::string_view w, uint32_t k1);

  struct Slot {
    uint32_t key = kNoKey;
    uint32_t begin = 0;  // into items_
    uint16_t count = 0;
    uint8_t single = 0;  // a one-character word is filed here
  };
  static constexpr uint32_t kNoKey = 0xFFFFFFFF;
  const Slot* Find(uint32_t key) const {
    if (slots_.empty()) return nullptr;
    for (uint32_t h = (key * 0x9E3779B1u) >> shift_;; h = (h + 1) & mask_) {
      const Slot& slot = slots_[h];
      if (slot.key == key) return &slot;
      if (slot.key == kNoKey) return nullptr;
    }
  }

  std::vector<Slot> slots_;  // at most half full
  uint32_t mask_ = 0;
  int shift_ = 32;
  std::vector<uint16_t> items_;
  // 2^kPrefixBits bits each: the first two keys of words of two characters or
  // more; of words of exactly two; the first three keys of longer words.
  std::vector<uint64_t> pairs_, pair_ends_, triples_;
};

}  // namespace claimledger
