#include "engine/word_index.h"

#include <cassert>

namespace claimledger {

void WordIndex::Build(const std::vector<std::string_view>& words, bool fold_case) {
  assert(words.size() < 65536);
  std::vector<std::vector<uint16_t>> buckets(kKeys);
  for (size_t k = 0; k < words.size(); ++k) {
    std::string_view w = words[k];
    if (w.empty()) continue;
    buckets[Key(w, 0)].push_back(static_cast<uint16_t>(k));
    if (fold_case && w[0] >= 'a' && w[0] <= 'z') {
      std::string up(w);
      up[0] = static_cast<char>(up[0] - 32);
      buckets[Key(up, 0)].push_back(static_cast<uint16_t>(k));
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
