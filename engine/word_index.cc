#include "engine/word_index.h"

#include <cassert>

namespace claimledger {

void WordIndex::AddPrefixes(std::string_view w, uint32_t k1) {
  size_t at = CharLength(w[0]);
  if (at >= w.size() || k1 == 0xFFFF) {
    single_[k1] = 1;  // one character (or one we do not key precisely)
    return;
  }
  uint32_t h = PairHash(k1, Key(w, at));
  Set(&pairs_, h);
  at += CharLength(w[at]);
  if (at >= w.size()) {
    Set(&pair_ends_, h);
    return;
  }
  Set(&triples_, PairHash(h, Key(w, at)));
}

void WordIndex::Build(const std::vector<std::string_view>& words, bool fold_case) {
  assert(words.size() < 65536);
  std::vector<std::vector<uint16_t>> buckets(kKeys);
  single_.assign(kKeys, 0);
  pairs_.assign(kKeys / 64, 0);
  pair_ends_.assign(kKeys / 64, 0);
  triples_.assign(kKeys / 64, 0);
  for (size_t k = 0; k < words.size(); ++k) {
    std::string_view w = words[k];
    if (w.empty()) continue;
    uint32_t key = Key(w, 0);
    buckets[key].push_back(static_cast<uint16_t>(k));
    AddPrefixes(w, key);
    if (fold_case && w[0] >= 'a' && w[0] <= 'z') {
      std::string up(w);
      up[0] = static_cast<char>(up[0] - 32);
      uint32_t upper = Key(up, 0);
      buckets[upper].push_back(static_cast<uint16_t>(k));
      AddPrefixes(up, upper);
    }
  }
  offsets_.assign(kKeys + 1, 0);
  items_.clear();
  for (size_t key = 0; key < kKeys; ++key) {
    offsets_[key] = static_cast<uint32_t>(items_.size());
    items_.insert(items_.end(), buckets[key].begin(), buckets[key].end());
  }
  offsets_[kKeys] = static_cast<uint32_t>(items_.size());
}

void WordIndex::MarkKeys(std::vector<uint8_t>* keys, uint8_t flag) const {
  for (size_t key = 0; key < kKeys && !offsets_.empty(); ++key) {
    if (offsets_[key + 1] > offsets_[key]) (*keys)[key] |= flag;
  }
}

}  // namespace claimledger
