#include "support/test_db.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>

namespace fairgate::test {

using namespace Poco::Data::Keywords;

namespace {

void register_connectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

int next_serial() {
    static std::atomic<int> n{0};
    return ++n;
}

}  // namespace

TestDb::TestDb(std::string backend, std::string connection, std::unique_ptr<Poco::Data::Session> raw,
               std::string schema, std::string base_conninfo)
    : backend_(std::move(backend)), connection_(std::move(connection)), raw_(std::move(raw)),
      schema_(std::move(schema)), base_conninfo_(std::move(base_conninfo)) {}

TestDb::~TestDb() {
    try {
        if (!schema_.empty()) *raw_ << "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE", now;
    } catch (...) {
        // A leftover schema is harmless; the next CI database is fresh.
    }
}

long TestDb::count(const std::string& table_name, const std::string& where) {
    long n = 0;
    std::string sql = "SELECT COUNT(*) FROM " + table(table_name);
    if (!where.empty()) sql += " WHERE " + where;
    *raw_ << sql, into(n), now;
    return n;
}

void TestDb::exec(const std::string& sql) { *raw_ << sql, now; }

std::unique_ptr<TestDb> make_sqlite_db(const std::string& dir_name, const std::string& name) {
    register_connectors();
    namespace fs = std::filesystem;
    const fs::path dir = dir_name;
    fs::create_directories(dir);
    const fs::path file = dir / (name + "_" + std::to_string(getpid()) + "_" + std::to_string(next_serial()) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
    auto raw = std::make_unique<Poco::Data::Session>("sqlite", file.string());
    return std::make_unique<TestDb>("sqlite", "sqlite:" + file.string(), std::move(raw), "", "");
}

std::unique_ptr<TestDb> make_postgres_db(const std::string& name) {
    const char* env = std::getenv("FAIRGATE_TEST_POSTGRES");
    if (!env || !*env) return nullptr;
    register_connectors();
    (void)name;
    const std::string conninfo = env;
    const std::string schema = "fg_test_" + std::to_string(getpid()) + "_" + std::to_string(next_serial());
    auto raw = std::make_unique<Poco::Data::Session>("postgresql", conninfo);
    *raw << "SET client_min_messages = warning", now;  // no notices for each dropped table
    *raw << "DROP SCHEMA IF EXISTS " + schema + " CASCADE", now;
    *raw << "CREATE SCHEMA " + schema, now;
    const std::string connection = "postgresql:" + conninfo + " options='-c search_path=" + schema + "'";
    return std::make_unique<TestDb>("postgresql", connection, std::move(raw), schema, conninfo);
}

}  // namespace fairgate::test
