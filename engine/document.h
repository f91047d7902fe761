// Document: one article as claimledger reads it. Holds the file's bytes,
// their SHA-256 (the document's identity), the front matter metadata and
// the body that follows it. Claim spans are byte offsets into body().
// A Document owns its strings; views into it live as long as it does.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "engine/status.h"

namespace claimledger {

// A publication date of varying precision: a day, a month, or unknown.
struct PubDate {
  int year = 0;
  int month = 0;  // 0 when unknown
  int day = 0;    // 0 when only the month is known
  bool known() const { return year != 0; }
  // "2025-01-31", "2025-01" or "" when unknown.
  std::string ToString() const;
  // Parses YYYY-MM-DD or YYYY-MM; nullopt for anything else or a date
  // that does not exist (2025-02-30).
  static std::optional<PubDate> Parse(const std::string& s);
};

struct Document {
  std::string path;
  std::string sha256;  // of the file's bytes, front matter included
  std::string raw;     // the file's bytes
  size_t body_offset = 0;
  std::string source;
  PubDate published;
  std::string lang = "auto";
  // Every front matter key as written (scalars only), for the ledger.
  std::map<std::string, std::string> metadata;

  std::string_view body() const {
    return std::string_view(raw).substr(body_offset);
  }
};

struct DocumentDefaults {
  std::optional<PubDate> published;  // --published: used when absent
  std::string lang = "auto";
};

// Builds a Document from bytes: validates UTF-8 (error names the byte
// offset), rejects empty and binary input, parses front matter
// (errors name path:line). Values from the front matter win over defaults.
Result<Document> ParseDocument(std::string path, std::string bytes,
                               const DocumentDefaults& defaults);

// Reads PATH and calls ParseDocument. Files over max_bytes are refused.
Result<Document> LoadDocument(const std::string& path,
                              const DocumentDefaults& defaults,
                              size_t max_bytes = 64u << 20);

}  // namespace claimledger
