#include "ledger/chain.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "engine/json_out.h"
#include "engine/sha256.h"

namespace claimledger::ledger {

std::string InsertSql(const TableSpec& spec) {
  // Column names come from the specs above, never from a user.
  std::string cols, marks;
  auto add = [&](const char* name) {
    cols += name;
    cols += ", ";
    marks += "?, ";
  };
  for (const auto& c : spec.content) add(c.name);
  for (const auto& c : spec.extra) add(c.name);
  return std::string("INSERT INTO ") + spec.table + " (" + cols +
         "prev_hash, row_hash) VALUES (" + marks + "?, ?)";
}

namespace {

using T = ColumnType;

TableSpec Sorted(TableSpec spec) {
  spec.key_order.resize(spec.content.size());
  for (size_t i = 0; i < spec.key_order.size(); ++i) spec.key_order[i] = i;
  std::sort(spec.key_order.begin(), spec.key_order.end(),
            [&](size_t a, size_t b) {
              return std::string_view(spec.content[a].name) <
                     std::string_view(spec.content[b].name);
            });
  return spec;
}

}  // namespace

// Schema 1 hashed runs with their id and verdicts without; both stay so,
// or every ledger written before would fail its audit.
const TableSpec& RunsSpec() {
  static const TableSpec kSpec = Sorted(
      {"runs",
       {{"id", T::kInt},
        {"engine_version", T::kText},
        {"extractor_version", T::kText},
        {"arguments", T::kText},
        {"rules", T::kText},
        {"reference", T::kText},
        {"started_at", T::kText}},
       // A cache of the run's latest run event, as are ended_at and counts.
       {{"status", T::kText}}});
  return kSpec;
}

const TableSpec& RunEventsSpec() {
  static const TableSpec kSpec = Sorted({"run_events",
                                         {{"run_id", T::kInt},
                                          {"event", T::kText},
                                          {"status", T::kText},
                                          {"ended_at", T::kText, true},
                                          {"counts", T::kText, true},
                                          {"at", T::kText},
                                          {"detail", T::kJson}},
                                         {}});
  return kSpec;
}

const TableSpec& VerdictsSpec() {
  static const TableSpec kSpec =
      Sorted({"verdicts",
              {{"run_id", T::kInt},
               {"document_id", T::kInt},
               {"rule_id", T::kText},
               {"rule_version", T::kInt},
               {"rule_kind", T::kText},
               {"severity", T::kText},
               {"rule_file", T::kText},
               {"rule_file_sha256", T::kText},
               {"claim_ids", T::kJson},
               {"status", T::kText},
               {"expected", T::kReal, true},
               {"observed", T::kReal, true},
               {"deviation", T::kReal, true},
               {"tolerance", T::kReal},
               {"evidence", T::kText},
               {"reason", T::kText}},
              // The leading claim, claim_ids[0]; Audit checks that it is.
              {{"claim_id", T::kInt}}});
  return kSpec;
}

const TableSpec& ReviewsSpec() {
  static const TableSpec kSpec = Sorted({"reviews",
                                         {{"verdict_id", T::kInt},
                                          {"reviewer", T::kText},
                                          {"decision", T::kText},
                                          {"status", T::kText},
                                          {"note", T::kText},
                                          {"created_at", T::kText}},
                                         {}});
  return kSpec;
}

const std::vector<const TableSpec*>& ChainedTables() {
  static const std::vector<const TableSpec*> kAll = {
      &RunsSpec(), &RunEventsSpec(), &VerdictsSpec(), &ReviewsSpec()};
  return kAll;
}

namespace {

// Strings are escaped as nlohmann::json::dump() escapes them (UTF-8 kept
// as is), numbers in its shortest round-trip form ("0.02", "1.0", null for
// NaN), so that ledgers hashed by schema 1, which built the content with
// nlohmann::json, still verify.
void AppendValue(std::string* out, const Column& c, const Value& v,
                 JsonInput json) {
  if (std::holds_alternative<int64_t>(v)) {
    AppendJsonInt(out, std::get<int64_t>(v));
  } else if (std::holds_alternative<double>(v)) {
    AppendJsonNumber(out, std::get<double>(v));
  } else if (std::holds_alternative<std::string>(v)) {
    const auto& s = std::get<std::string>(v);
    if (c.type == T::kJson && json == JsonInput::kCanonical) {
      out->append(s);
    } else if (c.type == T::kJson) {
      out->append(nlohmann::json::parse(s).dump());
    } else {
      AppendJsonString(out, s, InvalidUtf8::kKeep);
    }
  } else {
    out->append("null");
  }
}

// The canonical content appended to *out: keys sorted, no whitespace.
// With CUTS, the content is cut after the key of every column in LATE:
// cuts receives where, and their values are not written.
void AppendCanonical(std::string* out, const TableSpec& spec,
                     const std::vector<Value>& values,
                     JsonInput json = JsonInput::kParse,
                     const std::vector<size_t>* late = nullptr,
                     std::vector<size_t>* cuts = nullptr) {
  assert(values.size() == spec.content.size());
  out->push_back('{');
  bool first = true;
  for (size_t i : spec.key_order) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(out, spec.content[i].name);
    out->push_back(':');
    if (late && std::find(late->begin(), late->end(), i) != late->end()) {
      cuts->push_back(out->size());
      continue;
    }
    AppendValue(out, spec.content[i], values[i], json);
  }
  out->push_back('}');
}

// Room for a row's canonical content: its keys and numbers, its strings
// and their escapes.
size_t ContentSizeHint(const std::vector<Value>& values) {
  size_t size = 32 * values.size();
  for (const auto& v : values) {
    if (std::holds_alternative<std::string>(v))
      size += std::get<std::string>(v).size();
  }
  return size + size / 8;
}

}  // namespace

size_t ContentIndex(const TableSpec& spec, std::string_view name) {
  for (size_t i = 0; i < spec.content.size(); ++i) {
    if (name == spec.content[i].name) return i;
  }
  throw std::logic_error(std::string(spec.table) + " has no content column " +
                         std::string(name));
}

std::string CanonicalContent(const TableSpec& spec,
                             const std::vector<Value>& values) {
  std::string out;
  AppendCanonical(&out, spec, values);
  return out;
}

std::string ChainHash(const std::string& prev, const std::string& content) {
  // Hashed piece by piece: the content is not copied behind prev_hash.
  Sha256 h;
  h.Update(prev);
  h.Update("\n");
  h.Update(content);
  return h.HexDigest();
}

std::string RowHash(const std::string& prev, const TableSpec& spec,
                    const std::vector<Value>& values, JsonInput json) {
  std::string content;
  content.reserve(ContentSizeHint(values));
  AppendCanonical(&content, spec, values, json);
  return ChainHash(prev, content);
}

PreparedContent PrepareContent(const TableSpec& spec,
                               const std::vector<Value>& values,
                               std::vector<size_t> late, JsonInput json) {
  PreparedContent p;
  // The late columns in the order their keys come.
  std::vector<size_t> ordered;
  for (size_t i : spec.key_order) {
    if (std::find(late.begin(), late.end(), i) != late.end()) {
      ordered.push_back(i);
    }
  }
  assert(ordered.size() == late.size());
  p.text.reserve(ContentSizeHint(values));
  AppendCanonical(&p.text, spec, values, json, &ordered, &p.cuts);
  p.late = std::move(ordered);
  return p;
}

std::string RowHashPrepared(const std::string& prev, const TableSpec& spec,
                            const PreparedContent& p,
                            const std::vector<Value>& values) {
  assert(p.pieces() == p.late.size() + 1);
  // Hashed piece by piece: the content (evidence and all) is not copied
  // again behind prev_hash.
  Sha256 h;
  h.Update(prev);
  h.Update("\n");
  std::string late;
  for (size_t k = 0; k < p.late.size(); ++k) {
    h.Update(p.piece(k));
    // Late values are the writer's ids: hashed as given (kParse would
    // parse a JSON value; ids are written canonical by the caller).
    late.clear();
    AppendValue(&late, spec.content[p.late[k]], values[p.late[k]],
                JsonInput::kCanonical);
    h.Update(late);
  }
  h.Update(p.piece(p.late.size()));
  return h.HexDigest();
}

void Bind(SQLite::Statement& st, int index, const Value& v) {
  if (std::holds_alternative<int64_t>(v)) {
    st.bind(index, std::get<int64_t>(v));
  } else if (std::holds_alternative<double>(v)) {
    st.bind(index, std::get<double>(v));
  } else if (std::holds_alternative<std::string>(v)) {
    st.bind(index, std::get<std::string>(v));
  } else {
    st.bind(index);
  }
}

void BindNoCopy(SQLite::Statement& st, int index, const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    st.bindNoCopy(index, *s);
  } else {
    Bind(st, index, v);
  }
}

Value ReadColumn(const SQLite::Column& c, ColumnType type) {
  if (c.isNull()) return std::monostate{};
  switch (type) {
    case T::kInt:
      return static_cast<int64_t>(c.getInt64());
    case T::kReal:
      return c.getDouble();
    case T::kText:
    case T::kJson:
      return c.getString();
  }
  return std::monostate{};
}

std::string LastHashSql(const TableSpec& spec) {
  return std::string("SELECT row_hash FROM ") + spec.table +
         " ORDER BY id DESC LIMIT 1";
}

ChainWriter::ChainWriter(SQLite::Database& db, const TableSpec& spec)
    : db_(db),
      spec_(spec),
      own_insert_(std::in_place, db, InsertSql(spec)),
      insert_(*own_insert_) {
  SQLite::Statement last(db, LastHashSql(spec));
  prev_ = last.executeStep() ? last.getColumn(0).getString() : kZeroHash;
}

ChainWriter::ChainWriter(SQLite::Database& db, const TableSpec& spec,
                         SQLite::Statement& insert, SQLite::Statement& last)
    : db_(db), spec_(spec), insert_(insert) {
  prev_ = last.executeStep() ? last.getColumn(0).getString() : kZeroHash;
  last.tryReset();
}

int64_t ChainWriter::Append(const std::vector<Value>& content,
                            const std::vector<Value>& extra, JsonInput json) {
  return Insert(RowHash(prev_, spec_, content, json), content, extra);
}

int64_t ChainWriter::AppendPrepared(const PreparedContent& prepared,
                                    const std::vector<Value>& content,
                                    const std::vector<Value>& extra) {
  return Insert(RowHashPrepared(prev_, spec_, prepared, content), content,
                extra);
}

int64_t ChainWriter::Insert(std::string hash, const std::vector<Value>& content,
                            const std::vector<Value>& extra) {
  assert(content.size() == spec_.content.size());
  assert(extra.size() == spec_.extra.size());
  insert_.tryReset();
  int i = 1;
  for (const auto& v : content) BindNoCopy(insert_, i++, v);
  for (const auto& v : extra) BindNoCopy(insert_, i++, v);
  insert_.bind(i++, prev_);
  insert_.bind(i++, hash);
  insert_.exec();
  prev_ = std::move(hash);
  return db_.getLastInsertRowid();
}

}  // namespace claimledger::ledger
