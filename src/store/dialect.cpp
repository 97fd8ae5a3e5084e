#include "store/dialect.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

namespace fairgate::store {

using namespace Poco::Data::Keywords;

namespace {

void run(Poco::Data::Session& session, const std::string& sql) {
    session << sql, now;
}

class SqliteDialect final : public Dialect {
public:
    std::string name() const override { return "sqlite"; }
    std::string connector() const override { return Poco::Data::SQLite::Connector::KEY; }
    std::string sql(std::string_view portable) const override { return std::string(portable); }
    void configure(Poco::Data::Session& session) const override {
        // WAL lets readers (reports, a second run) proceed while a run writes; the busy
        // timeout makes concurrent writers queue instead of failing at once.
        run(session, "PRAGMA busy_timeout = " + std::to_string(kSqliteBusyTimeoutMs));
        run(session, "PRAGMA journal_mode = WAL");
        run(session, "PRAGMA synchronous = NORMAL");
        run(session, "PRAGMA foreign_keys = ON");
    }
    void begin(Poco::Data::Session& session) const override { run(session, "BEGIN IMMEDIATE"); }
    void commit(Poco::Data::Session& session) const override { run(session, "COMMIT"); }
    void rollback(Poco::Data::Session& session) const override { run(session, "ROLLBACK"); }
    void lock_migrations(Poco::Data::Session&) const override {
        // BEGIN IMMEDIATE already holds the database's only write lock.
    }
    // SQLite's compile-time limit is 32766 since 3.32; stay far below it so statements stay
    // small enough to prepare quickly.
    size_t max_params() const override { return 4000; }
};

class PostgresDialect final : public Dialect {
public:
    std::string name() const override { return "postgresql"; }
    std::string connector() const override { return Poco::Data::PostgreSQL::Connector::KEY; }
    std::string sql(std::string_view portable) const override {
        // PostgreSQL numbers its parameters: ? ? ? -> $1 $2 $3.
        std::string out;
        out.reserve(portable.size() + 16);
        int n = 0;
        for (char c : portable) {
            if (c == '?') out += "$" + std::to_string(++n);
            else out.push_back(c);
        }
        return out;
    }
    void configure(Poco::Data::Session&) const override {}
    void begin(Poco::Data::Session& session) const override { session.begin(); }
    void commit(Poco::Data::Session& session) const override { session.commit(); }
    void rollback(Poco::Data::Session& session) const override { session.rollback(); }
    void lock_migrations(Poco::Data::Session& session) const override {
        // Held until the migration transaction ends; other openers wait here, then find the
        // schema current.
        run(session, "LOCK TABLE schema_migrations IN EXCLUSIVE MODE");
    }
    // The protocol allows 65535; a few thousand keeps each round trip modest.
    size_t max_params() const override { return 8000; }
};

}  // namespace

std::unique_ptr<Dialect> make_sqlite_dialect() { return std::make_unique<SqliteDialect>(); }
std::unique_ptr<Dialect> make_postgresql_dialect() { return std::make_unique<PostgresDialect>(); }

}  // namespace fairgate::store
