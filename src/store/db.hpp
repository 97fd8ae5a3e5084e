#pragma once
// A Poco::Data session with the few operations the store needs: statements with bound
// parameters, rows read back as text by named column, transactions and batched multi-row
// inserts. Private to src/store.

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
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

class Columns;

/// One column of a query's select list. Only Columns::add makes one, so a row is read by the
/// column a query declared, never by a position written out by hand.
class Col {
public:
    /// The column's place in the select list (what a parallel INSERT list needs too).
    size_t index() const { return index_; }

private:
    friend class Columns;
    friend class Row;
    Col(const Columns* owner, size_t index) : owner_(owner), index_(index) {}
    const Columns* owner_;
    size_t index_;
};

/// A query's select list, declared once: Db::select writes the SELECT from it and its rows
/// are read through the Cols it handed out, so the list, the count and the reading code
/// cannot drift apart. Declare one per query as a struct of named Cols, built once (names
/// are resolved to places at start-up, not per query or per row):
///
///     struct TenderColumns : Columns {
///         Col id = add("id"), title = add("title");
///     };
///     const TenderColumns kTender;
///     for (const Row& r : db.select(kTender, "FROM tenders WHERE id = ?", {id})) use(r[kTender.title]);
///
/// Immutable once built, so one instance serves every thread. Not copyable: its Cols point
/// at it.
class Columns {
public:
    Columns() = default;
    Columns(const Columns&) = delete;
    Columns& operator=(const Columns&) = delete;

    /// Appends `qualifier` + `name` ("r." "id", or "" "id") to the list.
    Col add(std::string_view qualifier, std::string_view name) {
        if (size_) list_ += ", ";
        list_.append(qualifier).append(name);
        return Col(this, size_++);
    }
    Col add(std::string_view name) { return add({}, name); }
    /// Appends several columns in order, e.g. a run of counts read into an array.
    template <size_t N>
    std::array<Col, N> add(std::string_view qualifier, const std::array<std::string_view, N>& names) {
        return add_each(qualifier, names, std::make_index_sequence<N>{});
    }

    /// "a, b, c": the select list as SQL.
    const std::string& list() const { return list_; }
    size_t size() const { return size_; }

private:
    template <size_t N, size_t... I>
    std::array<Col, N> add_each(std::string_view qualifier, const std::array<std::string_view, N>& names,
                                std::index_sequence<I...>) {
        return {add(qualifier, names[I])...};  // braced: added left to right
    }

    std::string list_;
    size_t size_ = 0;
};

/// One row of a Rows: every column as text (integers in decimal), NULL as "". A view: valid
/// while its Rows lives.
class Row {
public:
    /// Throws std::logic_error for a column of another query's list.
    const std::string& operator[](Col c) const {
        if (c.owner_ != columns_) throw std::logic_error("a row read with a column of another query");
        return cells_[c.index_];
    }

private:
    friend class Rows;
    Row(const Columns* columns, const std::string* cells) : columns_(columns), cells_(cells) {}
    const Columns* columns_;
    const std::string* cells_;
};

/// The rows of one Db::select, their cells held in one flat buffer.
class Rows {
public:
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;  // a Row is a view, made on demand
        using value_type = Row;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Row;
        Row operator*() const { return rows_->at_unchecked(i_); }
        iterator& operator++() {
            ++i_;
            return *this;
        }
        iterator operator++(int) { return {rows_, i_++}; }
        bool operator==(const iterator& o) const { return i_ == o.i_; }
        bool operator!=(const iterator& o) const { return i_ != o.i_; }

    private:
        friend class Rows;
        iterator(const Rows* rows, size_t i) : rows_(rows), i_(i) {}
        const Rows* rows_;
        size_t i_;
    };

    size_t size() const { return columns_->size() ? cells_.size() / columns_->size() : 0; }
    bool empty() const { return cells_.empty(); }
    Row operator[](size_t i) const& {
        if (i >= size()) throw std::out_of_range("row " + std::to_string(i) + " of " + std::to_string(size()));
        return at_unchecked(i);
    }
    Row operator[](size_t i) const&& = delete;  // the view would outlive its rows
    iterator begin() const { return {this, 0}; }
    iterator end() const { return {this, size()}; }

private:
    friend class Db;
    Rows(const Columns& columns, std::vector<std::string> cells) : columns_(&columns), cells_(std::move(cells)) {}
    Row at_unchecked(size_t i) const { return {columns_, cells_.data() + i * columns_->size()}; }

    const Columns* columns_;
    std::vector<std::string> cells_;  // row after row
};

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
    /// Runs "SELECT <columns' list> <rest>" (rest: "FROM ... WHERE ..."); read its rows with
    /// `columns`' Cols.
    Rows select(const Columns& columns, std::string_view rest, const Params& params = {});
    /// Runs a query of exactly one column, written out in `sql` (a UNION, a DISTINCT), and
    /// returns that column's values.
    std::vector<std::string> single_column(const std::string& sql, const Params& params = {});
    /// The value of a one-column query's first row, or "" when there is none.
    std::string scalar(const std::string& sql, const Params& params = {});

    /// Transactions nest: a begin() inside a transaction already begun opens a savepoint,
    /// which commit() releases into the enclosing transaction and rollback() undoes alone, so
    /// that several saves can share one commit while each still fails on its own.
    void begin();
    void commit();
    /// Never throws: used while another exception is propagating.
    void rollback() noexcept;
    /// How many transactions and savepoints are open: 0 outside every transaction.
    int transaction_depth() const { return depth_; }

    /// True when statements are prepared once per session and re-run (SQLite): many small
    /// statements then cost less than one large one, which would need preparing per size.
    bool reuses_statements() const { return sqlite_ != nullptr; }

private:
    friend class BulkInsert;

    // SQLite only. Poco::Data re-prepares a Statement on every execute(), which dominated
    // the store's time, so SQLite statements go through the C API instead and stay prepared,
    // keyed by their SQL text.
    struct Prepared {
        sqlite3_stmt* st;
        size_t cells = 0;  // how many its last run returned: room to reserve for the next
    };
    Prepared& prepared(const std::string& sql);
    /// Runs a query of `width` columns; its cells row after row.
    std::vector<std::string> query(const std::string& sql, const Params& params, size_t width);
    /// Runs a cached statement: `bind` binds its parameters and returns how many; the cells
    /// of its `width` columns are appended row after row to `out` if given.
    template <class Bind>
    void run_sqlite(const std::string& sql, Bind&& bind, size_t width, std::vector<std::string>* out);

    std::unique_ptr<Dialect> dialect_;
    Poco::Data::Session session_;
    sqlite3* sqlite_ = nullptr;  // the session's handle when the backend is SQLite
    std::unordered_map<std::string, Prepared> statements_;
    int depth_ = 0;  // open transactions and savepoints (begin() nests)
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
