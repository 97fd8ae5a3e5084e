#include "store/db.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <stdexcept>

#include <Poco/Data/Binding.h>
#include <Poco/Data/Extraction.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>
#include <sqlite3.h>

namespace fairgate::store {

using namespace Poco::Data::Keywords;
using Poco::Data::Statement;

namespace {

void bind_params(Statement& st, const Params& params) {
    // Copying bindings: the caller's Params may be temporaries.
    for (const auto& p : params) {
        if (p.is_int) st, bind(p.i);
        else st, bind(p.s);
    }
}

// Statements kept per session; more than this means SQL built with varying text, and the
// cache starts over rather than grow without bound.
constexpr size_t kMaxCachedStatements = 256;

int sqlite_length(size_t n) {
    if (n > static_cast<size_t>(INT_MAX)) throw std::length_error("parameter too long for SQLite");
    return static_cast<int>(n);
}

// SQLITE_STATIC: the bound text outlives the statement's execution, which resets and clears
// its bindings before returning.
void bind_text(sqlite3_stmt* st, int pos, const std::string& s) {
    sqlite3_bind_text(st, pos, s.data(), sqlite_length(s.size()), SQLITE_STATIC);
}

// Leaves a cached statement ready for its next use however the execution ended.
struct ResetOnExit {
    sqlite3_stmt* st;
    ~ResetOnExit() {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
};

}  // namespace

Db::Db(std::unique_ptr<Dialect> dialect, const std::string& connect_string)
    : dialect_(std::move(dialect)), session_(dialect_->connector(), connect_string, dialect_->login_timeout_seconds()) {
    dialect_->configure(session_);
    if (dialect_->name() == "sqlite") sqlite_ = Poco::Data::SQLite::Utility::dbHandle(session_);
}

Db::~Db() {
    // Before the session closes: SQLite will not close a connection with live statements.
    for (auto& [sql, p] : statements_) sqlite3_finalize(p.st);
}

Db::Prepared& Db::prepared(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    if (statements_.size() >= kMaxCachedStatements) {
        for (auto& [text, p] : statements_) sqlite3_finalize(p.st);
        statements_.clear();
    }
    sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(sqlite_, sql.c_str(), sqlite_length(sql.size() + 1), SQLITE_PREPARE_PERSISTENT,
                                      &st, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        Poco::Data::SQLite::Utility::throwException(sqlite_, rc, sql);
    }
    // Only the first statement would run; the store never sends more than one at a time.
    while (tail && *tail && std::isspace(static_cast<unsigned char>(*tail))) ++tail;
    if (!st || (tail && *tail)) {
        sqlite3_finalize(st);
        throw std::invalid_argument("expected exactly one SQL statement: " + sql);
    }
    return statements_.emplace(sql, Prepared{st}).first->second;
}

template <class Bind>
void Db::run_sqlite(const std::string& sql, Bind&& bind, size_t width, std::vector<std::string>* out) {
    Prepared& p = prepared(sql);
    sqlite3_stmt* st = p.st;
    ResetOnExit reset{st};
    // Poco refused these mismatches; SQLite would quietly read NULLs instead.
    if (bind(st) != sqlite3_bind_parameter_count(st))
        throw std::invalid_argument("wrong number of parameters for: " + sql);
    if (out && static_cast<size_t>(sqlite3_column_count(st)) != width)
        throw std::invalid_argument("wrong number of result columns for: " + sql);
    // A query is mostly run again for the next contract or return, with a similar number of
    // rows: reserving what it returned last time spares growing the cells a doubling at a time.
    const size_t first = out ? out->size() : 0;
    if (out) out->reserve(first + p.cells);
    for (;;) {
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) Poco::Data::SQLite::Utility::throwException(sqlite_, rc, sql);
        if (!out) continue;
        for (size_t c = 0; c < width; ++c) {
            const int col = static_cast<int>(c);
            // NULL reads as "", integers as decimal text, as Poco's extraction into strings.
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
            std::string& cell = out->emplace_back();
            if (text) cell.assign(text, static_cast<size_t>(sqlite3_column_bytes(st, col)));
        }
    }
    if (out) p.cells = out->size() - first;
}

namespace {

auto param_binder(const Params& params) {
    return [&params](sqlite3_stmt* st) {
        for (size_t k = 0; k < params.size(); ++k) {
            const int pos = static_cast<int>(k + 1);
            if (params[k].is_int) sqlite3_bind_int64(st, pos, params[k].i);
            else bind_text(st, pos, params[k].s);
        }
        return static_cast<int>(params.size());
    };
}

}  // namespace

void Db::exec(const std::string& sql, const Params& params) {
    if (sqlite_) return run_sqlite(sql, param_binder(params), 0, nullptr);
    Statement st(session_);
    st << dialect_->sql(sql);
    bind_params(st, params);
    st.execute();
}

std::vector<std::string> Db::query(const std::string& sql, const Params& params, size_t width) {
    std::vector<std::string> cells;
    if (sqlite_) {
        run_sqlite(sql, param_binder(params), width, &cells);
        return cells;
    }
    std::vector<std::vector<std::string>> cols(width);
    Statement st(session_);
    st << dialect_->sql(sql);
    bind_params(st, params);
    for (auto& c : cols) st, into(c);
    st.execute();
    if (width == 1) return std::move(cols[0]);
    const size_t n = width ? cols[0].size() : 0;
    cells.resize(n * width);
    for (size_t c = 0; c < width; ++c) {
        for (size_t r = 0; r < n && r < cols[c].size(); ++r) cells[r * width + c] = std::move(cols[c][r]);
    }
    return cells;
}

Rows Db::select(const Columns& columns, std::string_view rest, const Params& params) {
    std::string sql;
    sql.reserve(8 + columns.list().size() + rest.size());
    sql.append("SELECT ").append(columns.list()).append(" ").append(rest);
    return Rows(columns, query(sql, params, columns.size()));
}

std::vector<std::string> Db::single_column(const std::string& sql, const Params& params) {
    return query(sql, params, 1);
}

std::string Db::scalar(const std::string& sql, const Params& params) {
    auto values = query(sql, params, 1);
    return values.empty() ? std::string() : std::move(values[0]);
}

namespace {

// The savepoint a begin() at `depth` (1 or more: inside a transaction) opens.
std::string savepoint_name(int depth) { return "fairgate_" + std::to_string(depth); }

}  // namespace

void Db::begin() {
    if (depth_ > 0) {
        exec("SAVEPOINT " + savepoint_name(depth_));
        ++depth_;
        return;
    }
    // Through the statement cache where possible: a transaction per imported file made
    // preparing BEGIN and COMMIT a measurable share of a run.
    const std::string sql = sqlite_ ? dialect_->begin_sql() : std::string();
    if (!sql.empty()) exec(sql);
    else dialect_->begin(session_);
    depth_ = 1;
}

void Db::commit() {
    if (depth_ > 1) {
        exec("RELEASE SAVEPOINT " + savepoint_name(depth_ - 1));
        --depth_;
        return;
    }
    const std::string sql = sqlite_ ? dialect_->commit_sql() : std::string();
    if (!sql.empty()) exec(sql);
    else dialect_->commit(session_);
    depth_ = 0;
}

void Db::rollback() noexcept {
    if (depth_ > 1) {
        --depth_;
        try {
            // Undoes the savepoint's work alone; the enclosing transaction goes on (on
            // PostgreSQL this also clears the error state a failed statement left).
            const std::string name = savepoint_name(depth_);
            exec("ROLLBACK TO SAVEPOINT " + name);
            exec("RELEASE SAVEPOINT " + name);
            return;
        } catch (...) {
            // The connection is lost: the whole transaction is gone, as below.
        }
    }
    depth_ = 0;
    try {
        dialect_->rollback(session_);
    } catch (...) {
        // The transaction is gone either way (connection lost, or never begun); the original
        // error is the one worth reporting.
    }
}

BulkInsert::BulkInsert(Db& db, std::string head, std::vector<Kind> kinds, std::string tail)
    : db_(db), head_(std::move(head)), tail_(std::move(tail)), kinds_(std::move(kinds)) {
    rows_per_statement_ = std::max<size_t>(1, std::min<size_t>(500, db_.dialect().max_params() / kinds_.size()));
    if (db_.reuses_statements()) {
        // One cached one-row statement per table: in process, re-running it costs about what
        // a row of a multi-row statement does (measured), and it is never prepared again.
        rows_per_statement_ = 1;
        row_sql_ = statement_sql(1);
    }
    texts_.resize(rows_per_statement_ * kinds_.size());
    ints_.resize(rows_per_statement_ * kinds_.size());
}

BulkInsert& BulkInsert::text(std::string s) {
    texts_[rows_ * kinds_.size() + column_++] = std::move(s);
    return *this;
}

BulkInsert& BulkInsert::integer(int64_t v) {
    ints_[rows_ * kinds_.size() + column_++] = v;
    return *this;
}

void BulkInsert::end_row() {
    column_ = 0;
    if (++rows_ < rows_per_statement_) return;
    if (db_.reuses_statements()) {
        write_row();
        return;
    }
    if (!full_) {
        full_ = std::make_unique<Statement>(db_.session());
        *full_ << db_.dialect().sql(statement_sql(rows_per_statement_));
        bind(*full_, rows_per_statement_);
    }
    full_->execute();
    written_ += rows_;
    rows_ = 0;
}

void BulkInsert::flush() {
    if (rows_ == 0) return;
    if (db_.reuses_statements()) {
        write_row();
        return;
    }
    Statement st(db_.session());
    st << db_.dialect().sql(statement_sql(rows_));
    bind(st, rows_);
    st.execute();
    written_ += rows_;
    rows_ = 0;
}

void BulkInsert::write_row() {
    auto bind_row = [this](sqlite3_stmt* st) {
        for (size_t k = 0; k < kinds_.size(); ++k) {
            const int pos = static_cast<int>(k + 1);
            if (kinds_[k] == Kind::Int) sqlite3_bind_int64(st, pos, ints_[k]);
            else bind_text(st, pos, texts_[k]);
        }
        return static_cast<int>(kinds_.size());
    };
    db_.run_sqlite(row_sql_, bind_row, 0, nullptr);
    written_ += rows_;
    rows_ = 0;
}

std::string BulkInsert::statement_sql(size_t rows) const {
    std::string one = "(";
    for (size_t c = 0; c < kinds_.size(); ++c) one += c ? ",?" : "?";
    one += ")";
    std::string sql = head_ + " VALUES ";
    sql.reserve(sql.size() + rows * (one.size() + 1) + tail_.size() + 1);
    for (size_t r = 0; r < rows; ++r) {
        if (r) sql += ',';
        sql += one;
    }
    if (!tail_.empty()) sql += " " + tail_;
    return sql;
}

void BulkInsert::bind(Statement& st, size_t rows) {
    // By reference: the full-batch statement is re-executed after the buffers are refilled.
    for (size_t k = 0; k < rows * kinds_.size(); ++k) {
        if (kinds_[k % kinds_.size()] == Kind::Int) st, use(ints_[k]);
        else st, use(texts_[k]);
    }
}

}  // namespace fairgate::store
