// PlainInsert: the floor the ledger's writes are measured against. Writes
// a run's rows (per document: the document, its claims, its link to the
// run, its verdicts) into a file with the ledger's schema using prepared
// INSERTs in one transaction: no lookups, no hashing, no provenance
// checks. Used by ledger_bench and batch_bench. One thread.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/check.h"
#include "engine/claim.h"
#include "engine/document.h"

namespace claimledger::bench {

class PlainInsert {
 public:
  // Creates PATH with the ledger's schema (WAL, synchronous=NORMAL), adds
  // run 1 and begins the transaction.
  explicit PlainInsert(const std::string& path);
  void Add(const Document& d, const std::vector<Claim>& claims,
           const std::vector<Verdict>& verdicts);
  void Commit();

 private:
  SQLite::Database db_;
  std::unique_ptr<SQLite::Transaction> tx_;
  SQLite::Statement doc_, claim_, link_, verdict_;
};

}  // namespace claimledger::bench
