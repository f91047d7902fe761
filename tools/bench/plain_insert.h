// PlainInsert: the floor the ledger's writes are measured against. Writes
// a run's rows (per document: the document, its claims, its link to the
// run, its verdicts) into a file with the ledger's schema using prepared
// INSERTs in one transaction: no lookups, no hashing, no provenance
// checks. Used by ledger_bench and batch_bench. One thread.
//
// With Claims::kPacked a document's claims go into one row (a JSON array
// in a packed_claims table the benchmark adds) instead of a row each: what
// that storage change could save, measured before anyone builds it.
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
  enum class Claims { kRows, kPacked };
  // Creates PATH with the ledger's schema (WAL, synchronous=NORMAL), adds
  // run 1 and begins the transaction.
  explicit PlainInsert(const std::string& path, Claims claims = Claims::kRows);
  void Add(const Document& d, const std::vector<Claim>& claims,
           const std::vector<Verdict>& verdicts);
  void Commit();

 private:
  SQLite::Database db_;
  Claims mode_;
  std::unique_ptr<SQLite::Transaction> tx_;
  SQLite::Statement doc_, claim_, set_, link_, verdict_;
  std::unique_ptr<SQLite::Statement> claim_set_;
  int64_t next_claim_id_ = 1;
};

}  // namespace claimledger::bench
