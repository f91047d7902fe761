// The ledger's SQL schema, one migration per version. Version N is reached
// by applying migrations 1..N in order to an empty database; PRAGMA
// user_version records the version. A migration may also have a step in
// C++ that runs after its SQL (ledger/migrate.cc). ledger/SCHEMA.md
// documents every table; fixtures/ledger/ keeps each released version's
// SQL, and a migration, once released, is never edited.
#pragma once

#include <string_view>
#include <vector>

namespace claimledger::ledger {

// kMigrations[i] takes the schema from version i to i + 1.
const std::vector<std::string_view>& Migrations();
inline int SchemaVersion() { return static_cast<int>(Migrations().size()); }

// The writer's lookup of a document by its SHA-256 (?1), through the
// index on the first 16 digits (schema 4). The unary plus keeps SQLite
// from putting ?1 in place of sha256 in the indexed expression (constant
// propagation), which would lose the index and scan every document.
inline constexpr const char* kFindDocumentSql =
    "SELECT id FROM documents WHERE substr(sha256, 1, 16) = substr(?1, 1, "
    "16) AND +sha256 = ?1";

}  // namespace claimledger::ledger
