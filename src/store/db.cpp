#include "store/db.hpp"

#include <algorithm>

#include <Poco/Data/Binding.h>
#include <Poco/Data/Extraction.h>
#include <Poco/Data/Statement.h>

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

}  // namespace

Db::Db(std::unique_ptr<Dialect> dialect, const std::string& connect_string)
    : dialect_(std::move(dialect)), session_(dialect_->connector(), connect_string, dialect_->login_timeout_seconds()) {
    dialect_->configure(session_);
}

void Db::exec(const std::string& sql, const Params& params) {
    Statement st(session_);
    st << dialect_->sql(sql);
    bind_params(st, params);
    st.execute();
}

std::vector<Row> Db::query(const std::string& sql, const Params& params, size_t columns) {
    std::vector<std::vector<std::string>> cols(columns);
    Statement st(session_);
    st << dialect_->sql(sql);
    bind_params(st, params);
    for (auto& c : cols) st, into(c);
    st.execute();
    const size_t n = columns ? cols[0].size() : 0;
    std::vector<Row> rows(n, Row(columns));
    for (size_t c = 0; c < columns; ++c) {
        for (size_t r = 0; r < n && r < cols[c].size(); ++r) rows[r][c] = std::move(cols[c][r]);
    }
    return rows;
}

std::string Db::scalar(const std::string& sql, const Params& params) {
    auto rows = query(sql, params, 1);
    return rows.empty() ? std::string() : rows[0][0];
}

void Db::rollback() noexcept {
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
    Statement st(db_.session());
    st << db_.dialect().sql(statement_sql(rows_));
    bind(st, rows_);
    st.execute();
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
