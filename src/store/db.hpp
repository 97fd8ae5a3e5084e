#pragma once
// A Poco::Data session with the few operations the store needs: statements with bound
// parameters, rows read back as text, transactions and batched multi-row inserts. Private to
// src/store.

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <Poco/Data/Session.h>

#include "store/dialect.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace fairgate::store {

/// One bound parameter: text or a 64-bit integer. Everything the store writes is one of
/// these (dates are ISO text, values their canonical text).
struct Param {
    bool is_int = false;
    Poco::Int64 i = 0;
    std::string s;

    Param(std::string text) : s(std::move(text)) {}  // NOLINT: implicit by design
    Param(const char* text) : s(text) {}              // NOLINT
    Param(int64_t v) : is_int(true), i(v) {}          // NOLINT
    Param(uint64_t v) : is_int(true), i(static_cast<Poco::Int64>(v)) {}  // NOLINT
    Param(uint32_t v) : is_int(true), i(v) {}         // NOLINT
    Param(int v) : is_int(true), i(v) {}              // NOLINT
};
using Params = std::vector<Param>;
/// A result row, every column as text (integers in decimal); NULL reads as "".
using Row = std::vector<std::string>;

class Db {
public:
    Db(std::unique_ptr<Dialect> dialect, const std::string& connect_string);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    const Dialect& dialect() const { return *dialect_; }
    Poco::Data::Session& session() { return session_; }

    /// Runs a statement that returns no rows.
    void exec(const std::string& sql, const Params& params = {});
    /// Runs a query and returns its rows; `columns` must match the select list.
    std::vector<Row> query(const std::string& sql, const Params& params, size_t columns);
    /// The first column of the first row, or "" when there is none.
    std::string scalar(const std::string& sql, const Params& params = {});

    void begin();
    void commit();
    /// Never throws: used while another exception is propagating.
    void rollback() noexcept;

    /// True when statements are prepared once per session and re-run (SQLite): many small
    /// statements then cost less than one large one, which would need preparing per size.
    bool reuses_statements() const { return sqlite_ != nullptr; }

private:
    friend class BulkInsert;

    // SQLite only. Poco::Data re-prepares a Statement on every execute(), which dominated
    // the store's time, so SQLite statements go through the C API instead and stay prepared,
    // keyed by their SQL text.
    sqlite3_stmt* prepared(const std::string& sql);
    /// Runs a cached statement: `bind` binds its parameters and returns how many; rows go to
    /// `out` if given.
    template <class Bind>
    void run_sqlite(const std::string& sql, Bind&& bind, size_t columns, std::vector<Row>* out);

    std::unique_ptr<Dialect> dialect_;
    Poco::Data::Session session_;
    sqlite3* sqlite_ = nullptr;  // the session's handle when the backend is SQLite
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

/// Runs `body` in a transaction, committing when it returns and rolling back if it throws.
template <class F>
void in_transaction(Db& db, F&& body) {
    db.begin();
    try {
        body();
        db.commit();
    } catch (...) {
        db.rollback();
        throw;
    }
}

/// Batched multi-row INSERT: rows are buffered and written `rows_per_statement` at a time,
/// through one prepared statement re-executed with new values, so that a large save costs a
/// few hundred round trips rather than one per row. On a Db that reuses statements (SQLite,
/// in process: no round trips) each row is one run of a cached one-row INSERT instead.
class BulkInsert {
public:
    enum class Kind : uint8_t { Text, Int };
    /// `head` is "INSERT INTO t (a, b, c)"; `tail` follows the VALUES list (an ON CONFLICT
    /// clause, or empty). `kinds` gives each column's parameter type.
    BulkInsert(Db& db, std::string head, std::vector<Kind> kinds, std::string tail = {});
    ~BulkInsert() = default;
    BulkInsert(const BulkInsert&) = delete;
    BulkInsert& operator=(const BulkInsert&) = delete;

    /// Appends the next column of the current row.
    BulkInsert& text(std::string s);
    BulkInsert& integer(int64_t v);
    /// Ends the current row (all columns must have been given); writes a full batch.
    void end_row();
    /// Writes what is buffered. Must be called before the transaction commits.
    void flush();
    uint64_t rows_written() const { return written_; }

private:
    std::string statement_sql(size_t rows) const;
    void bind(Poco::Data::Statement& st, size_t rows);
    void write_row();  // the buffered row, through the Db's cached one-row statement

    Db& db_;
    std::string head_, tail_;
    std::vector<Kind> kinds_;
    size_t rows_per_statement_;
    // Fixed-size buffers the statements bind by reference; never resized after construction.
    std::vector<std::string> texts_;
    std::vector<Poco::Int64> ints_;
    size_t rows_ = 0;     // complete rows buffered
    size_t column_ = 0;   // next column of the current row
    uint64_t written_ = 0;
    std::string row_sql_;  // the one-row statement, for a Db that reuses statements
    std::unique_ptr<Poco::Data::Statement> full_;  // prepared once for full batches
};

}  // namespace fairgate::store
