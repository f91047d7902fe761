// SHA-256 of byte strings and files, as lowercase hex. Wraps OpenSSL's
// libcrypto so no OpenSSL type appears outside sha256.cc. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "engine/status.h"

namespace claimledger {

std::string Sha256Hex(std::string_view bytes);

// The SHA-256 of several pieces, as if they were one string, without
// joining them first. Each thread reuses one OpenSSL context, so a hasher
// is cheap to make (a second one alive at once on a thread makes its own).
class Sha256 {
 public:
  Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  ~Sha256();
  void Update(std::string_view bytes);
  std::string HexDigest();  // once, at the end

 private:
  void* ctx_;
  bool owned_;
};

// Reads the whole file; fails with "PATH: <reason>" when it cannot.
Result<std::string> Sha256File(const std::string& path);

}  // namespace claimledger
