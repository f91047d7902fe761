// Compatibility normalisation of the characters numbers are written with,
// before extraction: full-width ASCII forms (１２３，４５６％ -> 123,456%), the
// ideographic space, and the unit symbols of the CJK Compatibility block
// (㎡ ㎞ ㎏ ℃ -> m² km kg °C). This is the part of NFKC that changes how a
// number or unit reads; other text is left byte for byte. Every byte of
// the normalised text maps back to the original, so claim spans always
// point at what the article wrote. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

struct NormalizedText {
  std::string text;
  // origin[k]: the offset in the original of the character that produced
  // text[k]; origin[text.size()] is the original's size.
  std::vector<uint32_t> origin;

  // Maps a span [b, e) of text back to the original's bytes.
  size_t OriginalBegin(size_t b) const { return origin[b]; }
  size_t OriginalEnd(size_t e) const;
};

// True when s holds any character Normalize would change.
bool NeedsNormalization(std::string_view s);

// REQUIRES: s is valid UTF-8.
NormalizedText Normalize(std::string_view s);

}  // namespace claimledger
