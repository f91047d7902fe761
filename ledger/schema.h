// The ledger's SQL schema, one migration per version. Version N is reached
// by applying migrations 1..N in order to an empty database; PRAGMA
// user_version records the version. ledger/SCHEMA.md documents every table.
#pragma once

#include <string_view>
#include <vector>

namespace claimledger::ledger {

// kMigrations[i] takes the schema from version i to i + 1.
const std::vector<std::string_view>& Migrations();
inline int SchemaVersion() { return static_cast<int>(Migrations().size()); }

}  // namespace claimledger::ledger
