// Store::open, the one place that knows every backend: which one a connection string names,
// and connector registration. Not in store.cpp: the implementation (sql_store.hpp) includes the
// interface (store.hpp), so a store.cpp including the implementation knotted the two into one
// module.

#include "store/store.hpp"

#include <mutex>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>

#include "store/connection_string.hpp"
#include "store/sql_store.hpp"

namespace fairgate {

namespace {

void register_connectors() {
    // Poco keeps a process-wide registry; registering twice is harmless but racy.
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

}  // namespace

std::unique_ptr<Store> Store::open(const std::string& connection) {
    register_connectors();
    const store::ConnectionTarget target = store::parse_connection(connection);
    if (target.backend == "postgresql") {
        store::PgConnection pg;
        try {
            pg = store::prepare_postgresql_connection(target.connect);
        } catch (const std::exception& e) {
            throw StoreError(target.display + ": open: " + e.what());
        }
        return std::make_unique<store::SqlStore>(store::make_postgresql_dialect(std::move(pg.settings)), pg.connect,
                                                 target.display);
    }
    if (target.connect.empty()) throw StoreError("sqlite: open: no database path given");
    return std::make_unique<store::SqlStore>(store::make_sqlite_dialect(), target.connect, target.display);
}

}  // namespace fairgate
