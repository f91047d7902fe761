// JsonOut: canonical JSON written straight into a string, for the
// evidence of verdicts and the ledger's hashed row content. "Canonical"
// is what nlohmann::json::dump() writes for the same value with
// error_handler_t::replace: object keys in byte order, no whitespace,
// UTF-8 kept as is, control characters escaped, numbers in nlohmann's
// shortest round-trip form ("0.02", "1.0", null for NaN and infinities).
// Writing the bytes directly avoids building a tree of maps first, which
// cost more than everything else a verdict does.
//
// The caller writes an object's keys in sorted order; debug builds assert
// it, and the tests compare the output with nlohmann's for every writer
// of evidence. Not thread-safe; one JsonOut per string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace claimledger {

// What AppendJsonString does with bytes that are not UTF-8: replace them
// by U+FFFD as nlohmann's replace handler does, or keep them as they are
// (the ledger's hash chains, which have always hashed stored bytes as is).
enum class InvalidUtf8 { kReplace, kKeep };
// Appends s as a JSON string (quoted, escaped).
void AppendJsonString(std::string* out, std::string_view s,
                      InvalidUtf8 invalid = InvalidUtf8::kReplace);
// Appends v as nlohmann::json(v).dump() writes it.
void AppendJsonNumber(std::string* out, double v);
void AppendJsonInt(std::string* out, int64_t v);

class JsonOut {
 public:
  explicit JsonOut(std::string* out) : out_(out) {}

  JsonOut& BeginObject();
  JsonOut& EndObject();
  JsonOut& BeginArray();
  JsonOut& EndArray();
  // Within an object: the next key. Keys must come in byte order.
  JsonOut& Key(std::string_view key);

  JsonOut& String(std::string_view s);
  JsonOut& Number(double v);  // null when not finite
  JsonOut& Int(int64_t v);
  JsonOut& Bool(bool b);
  JsonOut& Null();
  // A value already written as canonical JSON.
  JsonOut& Raw(std::string_view json);

  // Key(k) followed by a value.
  JsonOut& Field(std::string_view k, std::string_view s) {
    return Key(k).String(s);
  }
  JsonOut& Field(std::string_view k, const char* s) {
    return Key(k).String(s);
  }
  JsonOut& Field(std::string_view k, const std::string& s) {
    return Key(k).String(s);
  }
  JsonOut& Field(std::string_view k, double v) { return Key(k).Number(v); }
  JsonOut& Field(std::string_view k, int v) { return Key(k).Int(v); }
  JsonOut& Field(std::string_view k, int64_t v) { return Key(k).Int(v); }
  JsonOut& Field(std::string_view k, bool b) { return Key(k).Bool(b); }

  // True when every container opened has been closed.
  bool done() const { return depth_ == 0; }

 private:
  void BeforeValue();

  static constexpr int kMaxDepth = 32;
  std::string* out_;
  int depth_ = 0;
  bool first_[kMaxDepth] = {};
  bool after_key_ = false;
#ifndef NDEBUG
  std::string last_key_[kMaxDepth];
#endif
};

}  // namespace claimledger
