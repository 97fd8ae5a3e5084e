#pragma once
// The one place where SQLite and PostgreSQL differ. Everything else in the store is portable
// SQL written with '?' placeholders.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace Poco::Data {
class Session;
}

namespace fairgate::store {

class Dialect {
public:
    virtual ~Dialect() = default;

    /// "sqlite" or "postgresql" (what Store::backend() reports).
    virtual std::string name() const = 0;
    /// The Poco::Data connector key used to open a session.
    virtual std::string connector() const = 0;
    /// Rewrites portable SQL ('?' placeholders, no '?' inside literals) for this backend.
    virtual std::string sql(std::string_view portable) const = 0;
    /// Session settings applied once after connecting (pragmas, time outs).
    virtual void configure(Poco::Data::Session& session) const = 0;

    /// Transactions. SQLite takes the write lock at BEGIN so that a read-then-write
    /// transaction waits for the busy timeout instead of failing when another writer won.
    virtual void begin(Poco::Data::Session& session) const = 0;
    virtual void commit(Poco::Data::Session& session) const = 0;
    virtual void rollback(Poco::Data::Session& session) const = 0;

    /// Called inside the migration transaction, before the version is read: serialises
    /// processes that open the same database at the same moment.
    virtual void lock_migrations(Poco::Data::Session& session) const = 0;

    /// Largest number of bound parameters one statement may carry.
    virtual size_t max_params() const = 0;
};

std::unique_ptr<Dialect> make_sqlite_dialect();
std::unique_ptr<Dialect> make_postgresql_dialect();

/// Milliseconds SQLite waits for another process's write lock before giving up.
inline constexpr int kSqliteBusyTimeoutMs = 30000;

}  // namespace fairgate::store
