// SHA-256 of byte strings and files, as lowercase hex. Wraps OpenSSL's
// libcrypto so no OpenSSL type appears outside sha256.cc. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "engine/status.h"

namespace claimledger {

std::string Sha256Hex(std::string_view bytes);

// Reads the whole file; fails with "PATH: <reason>" when it cannot.
Result<std::string> Sha256File(const std::string& path);

}  // namespace claimledger
