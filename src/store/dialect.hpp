#pragma once
// The one place where SQLite and PostgreSQL differ. Everything else in the store is portable
// SQL written with '?' placeholders.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
    /// Seconds the connector may spend connecting. SQLite's connector retries a failed open
    /// until this runs out, which only delays the error (a missing directory stays missing).
    virtual size_t login_timeout_seconds() const = 0;
    /// Session settings applied once after connecting (pragmas, time outs).
    virtual void configure(Poco::Data::Session& session) const = 0;

    /// Transactions. SQLite takes the write lock at BEGIN so that a read-then-write
    /// transaction waits for the busy timeout instead of failing when another writer won.
    virtual void begin(Poco::Data::Session& session) const = 0;
    virtual void commit(Poco::Data::Session& session) const = 0;
    virtual void rollback(Poco::Data::Session& session) const = 0;
    /// The SQL that begin() and commit() run when they are plain statements (SQLite), so a
    /// Db that keeps statements prepared can run them itself; empty otherwise.
    virtual std::string begin_sql() const { return {}; }
    virtual std::string commit_sql() const { return {}; }

    /// Called inside the migration transaction, before the version is read: serialises
    /// processes that open the same database at the same moment.
    virtual void lock_migrations(Poco::Data::Session& session) const = 0;

    /// Largest number of bound parameters one statement may carry.
    virtual size_t max_params() const = 0;
};

/// Server settings (name, value) applied to each PostgreSQL session after connecting.
using PgSettings = std::vector<std::pair<std::string, std::string>>;

std::unique_ptr<Dialect> make_sqlite_dialect();
std::unique_ptr<Dialect> make_postgresql_dialect(PgSettings settings = {});

/// A libpq conninfo or URI rewritten for Poco's PostgreSQL connector, which splits its
/// connection string on spaces and so cannot take a quoted value such as
/// options='-c search_path=x'. The run-time settings of `options` (-c name=value,
/// --name=value) are returned separately, to be applied with set_config after connecting.
struct PgConnection {
    std::string connect;  ///< key=value pairs without spaces, escaped for libpq.
    PgSettings settings;
};
/// Throws std::runtime_error if the conninfo does not parse, or a value other than options
/// contains white space (Poco's connector could not pass it).
PgConnection prepare_postgresql_connection(const std::string& conninfo);

/// Milliseconds SQLite waits for another process's write lock before giving up.
inline constexpr int kSqliteBusyTimeoutMs = 30000;

}  // namespace fairgate::store
