// The hash chains of the ledger (internal to ledger/). Each chained table
// has one TableSpec naming its content columns; a row's canonical content
// is the JSON object of those columns (sorted keys, no whitespace) and
//   row_hash = SHA-256(prev_hash + "\n" + canonical content)
// with prev_hash the row_hash of the previous row (by id) of the same
// table, 64 zeros for the first. Writers and Audit both build the content
// from the same spec and the same typed values, so what is hashed is
// exactly what is stored. The canonical content is also the leaf input a
// later RFC 6962 Merkle tree over a table's rows would hash (SCHEMA.md).
// Not thread-safe beyond the connection it is given.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace claimledger::ledger {

inline const std::string kZeroHash(64, '0');

enum class ColumnType {
  kInt,
  kReal,
  kText,
  kJson,  // stored as text; hashed as the JSON value it holds
};

struct Column {
  const char* name;
  ColumnType type;
  bool nullable = false;
};

struct TableSpec {
  const char* table;
  std::vector<Column> content;         // what row_hash covers
  std::vector<Column> extra;           // stored alongside, not hashed
  std::vector<size_t> key_order = {};  // content indexes by column name
};

// The chained tables, content columns as schema 1 (runs, verdicts) and
// schema 2 (run_events, reviews) defined them.
const TableSpec& RunsSpec();
const TableSpec& RunEventsSpec();
const TableSpec& VerdictsSpec();
const TableSpec& ReviewsSpec();
const std::vector<const TableSpec*>& ChainedTables();

using Value = std::variant<std::monostate, int64_t, double, std::string>;

// How kJson values come in: text to be brought to canonical form (parsed
// and dumped), or text the caller guarantees is canonical already (the
// engine's evidence, tested so), hashed as it is. Audit always parses, so
// text that was not canonical shows up there as a mismatch.
enum class JsonInput { kParse, kCanonical };

// The index of content column NAME in spec.content; throws when absent.
size_t ContentIndex(const TableSpec& spec, std::string_view name);

// The canonical JSON of content values given in spec.content's order.
std::string CanonicalContent(const TableSpec& spec,
                             const std::vector<Value>& values);
std::string ChainHash(const std::string& prev, const std::string& content);
// ChainHash(prev, CanonicalContent(spec, values)) in one buffer.
std::string RowHash(const std::string& prev, const TableSpec& spec,
                    const std::vector<Value>& values,
                    JsonInput json = JsonInput::kParse);

// A row's canonical content built ahead, on any thread, but for the
// columns only the writer knows (ids assigned by the ledger): piece(k) is
// the text before late[k]'s value, piece(late.size()) the text after the
// last. The pieces are kept one after another in one string.
// RowHashPrepared(prev, spec, PrepareContent(spec, v, late, j), v) equals
// RowHash(prev, spec, v, j) once v's late columns are filled; late values
// must be integers or canonical JSON.
struct PreparedContent {
  std::string text;         // the pieces, one after another
  std::vector<size_t> cuts;  // where each piece but the last ends in text
  std::vector<size_t> late;  // content indexes, in key order
  size_t pieces() const { return cuts.size() + 1; }
  std::string_view piece(size_t k) const {
    size_t from = k == 0 ? 0 : cuts[k - 1];
    size_t to = k < cuts.size() ? cuts[k] : text.size();
    return std::string_view(text).substr(from, to - from);
  }
};
PreparedContent PrepareContent(const TableSpec& spec,
                               const std::vector<Value>& values,
                               std::vector<size_t> late,
                               JsonInput json = JsonInput::kParse);
std::string RowHashPrepared(const std::string& prev, const TableSpec& spec,
                            const PreparedContent& prepared,
                            const std::vector<Value>& values);

// Appends rows to one chained table inside the caller's write transaction
// (which must be IMMEDIATE so that nobody appends between reading the last
// hash and inserting). Prepares its statement once.
class ChainWriter {
 public:
  ChainWriter(SQLite::Database& db, const TableSpec& spec);
  // The same with statements the caller keeps prepared: INSERT (InsertSql)
  // and LAST (LastHashSql) of spec, both on db and reset.
  ChainWriter(SQLite::Database& db, const TableSpec& spec,
              SQLite::Statement& insert, SQLite::Statement& last);
  // REQUIRES: content and extra match spec.content and spec.extra.
  // Returns the new row's id.
  int64_t Append(const std::vector<Value>& content,
                 const std::vector<Value>& extra = {},
                 JsonInput json = JsonInput::kParse);
  // The same with the content prepared ahead (PrepareContent); content
  // holds every value, late columns filled.
  int64_t AppendPrepared(const PreparedContent& prepared,
                         const std::vector<Value>& content,
                         const std::vector<Value>& extra = {});

 private:
  int64_t Insert(std::string hash, const std::vector<Value>& content,
                 const std::vector<Value>& extra);

  SQLite::Database& db_;
  const TableSpec& spec_;
  std::optional<SQLite::Statement> own_insert_;
  SQLite::Statement& insert_;  // own_insert_ or the caller's
  std::string prev_;
};

// The SQL of a ChainWriter's statements for SPEC: its INSERT, and the
// query of the table's last row_hash.
std::string InsertSql(const TableSpec& spec);
std::string LastHashSql(const TableSpec& spec);

void Bind(SQLite::Statement& st, int index, const Value& v);
// Bind without copying strings: V must live until the statement runs.
void BindNoCopy(SQLite::Statement& st, int index, const Value& v);
Value ReadColumn(const SQLite::Column& c, ColumnType type);

}  // namespace claimledger::ledger
