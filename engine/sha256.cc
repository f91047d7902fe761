#include "engine/sha256.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace claimledger {

namespace {

// The digest, fetched once (EVP_sha256() looks it up on every digest),
// and one context per thread, reset for each hash: together a third of
// the cost of hashing a 64-byte string with EVP_Digest.
const EVP_MD* Md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

struct ThreadContext {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool busy = false;
  ~ThreadContext() { EVP_MD_CTX_free(ctx); }
};

ThreadContext& Context() {
  thread_local ThreadContext t;
  return t;
}

std::string Hex(const unsigned char* md, unsigned int len) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(len * 2, '\0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[md[i] >> 4];
    out[2 * i + 1] = kHex[md[i] & 15];
  }
  return out;
}

[[noreturn]] void Fail(const char* what) {
  throw std::runtime_error(std::string("SHA-256: ") + what + " failed");
}

}  // namespace

Sha256::Sha256() {
  ThreadContext& t = Context();
  // A second hasher alive on the thread gets a context of its own.
  owned_ = t.busy;
  ctx_ = owned_ ? EVP_MD_CTX_new() : t.ctx;
  if (ctx_ == nullptr || Md() == nullptr) Fail("OpenSSL setup");
  if (EVP_DigestInit_ex2(static_cast<EVP_MD_CTX*>(ctx_), Md(), nullptr) != 1) {
    if (owned_) EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
    Fail("init");
  }
  if (!owned_) t.busy = true;
}

Sha256::~Sha256() {
  if (owned_) {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
  } else {
    Context().busy = false;
  }
}

void Sha256::Update(std::string_view bytes) {
  if (EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), bytes.data(),
                       bytes.size()) != 1) {
    Fail("update");
  }
}

std::string Sha256::HexDigest() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), md, &len) != 1) {
    Fail("final");
  }
  return Hex(md, len);
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 h;
  h.Update(bytes);
  return h.HexDigest();
}

Result<std::string> Sha256File(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": " + std::strerror(errno));
  std::string data((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  return Sha256Hex(data);
}

}  // namespace claimledger
