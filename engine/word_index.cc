#include "engine/word_index.h"

#include <cassert>
#include <map>
#include <set>

namespace claimledger {

bool WordIndex::AddPrefixes(std::string_view w, uint32_t k1) {
  size_t at = CharLength(w[0]);
  if (at >= w.size() || k1 == 0xFFFF) return true;
  uint32_t h = PairHash(k1, Key(w, at));
  Set(&pairs_, h);
  at += CharLength(w[at]);
  if (at >= w.size()) {
    Set(&pair_ends_, h);
    return false;
  }
  Set(&triples_, PairHash(h, Key(w, at)));
  return false;
}

void WordIndex::Build(const std::vector<std::string_view>& words, bool fold_case) {
  assert(words.size() < 65536);
  std::map<uint32_t, std::vector<uint16_t>> buckets;
  std::set<uint32_t> single;
  pairs_.assign((size_t{1} << kPrefixBits) / 64, 0);
  pair_ends_.assign((size_t{1} << kPrefixBits) / 64, 0);
  triples_.assign((size_t{1} << kPrefixBits) / 64, 0);
  for (size_t k = 0; k < words.size(); ++k) {
    std::string_view w = words[k];
    if (w.empty()) continue;
    uint32_t key = Key(w, 0);
    buckets[key].push_back(static_cast<uint16_t>(k));
    if (AddPrefixes(w, key)) single.insert(key);
    if (fold_case && w[0] >= 'a' && w[0] <= 'z') {
      std::string up(w);
      up[0] = static_cast<char>(up[0] - 32);
      uint32_t upper = Key(up, 0);
      buckets[upper].push_back(static_cast<uint16_t>(k));
      if (AddPrefixes(up, upper)) single.insert(upper);
    }
  }
  size_t capacity = 8;
  int bits = 3;
  while (capacity < 2 * buckets.size()) {
    capacity *= 2;
    ++bits;
  }
  slots_.assign(capacity, Slot{});
  mask_ = static_cast<uint32_t>(capacity - 1);
  shift_ = 32 - bits;
  items_.clear();
  for (const auto& [key, list] : buckets) {
    uint32_t h = (key * 0x9E3779B1u) >> shift_;
    while (slots_[h].key != kNoKey) h = (h + 1) & mask_;
    Slot& slot = slots_[h];
    slot.key = key;
    slot.begin = static_cast<uint32_t>(items_.size());
    slot.count = static_cast<uint16_t>(list.size());
    slot.single = single.count(key) ? 1 : 0;
    items_.insert(items_.end(), list.begin(), list.end());
  }
}

void WordIndex::MarkKeys(std::vector<uint8_t>* keys, uint8_t flag) const {
  for (const Slot& slot : slots_) {
    if (slot.key != kNoKey && slot.count > 0) (*keys)[slot.key] |= flag;
  }
}

}  // namespace claimledger
