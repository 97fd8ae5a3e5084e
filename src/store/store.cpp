// Store::open: which backend a connection string names, and connector registration.

#include "store/store.hpp"

#include <cstdlib>
#include <filesystem>
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

std::string Store::default_connection() {
    if (const char* env = std::getenv("FAIRGATE_DB"); env && *env) return env;
    const char* data = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    const std::filesystem::path base = data && *data ? std::filesystem::path(data)
                                                     : std::filesystem::path(home && *home ? home : ".") / ".local" /
                                                           "share";
    return (base / "fairgate" / "fairgate.db").string();
}

void Store::create_folder(const std::string& connection) {
    const store::ConnectionTarget target = store::parse_connection(connection);
    if (target.backend != "sqlite" || target.connect.empty()) return;
    const std::filesystem::path file(target.connect);
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
}

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
