#pragma once
// A fresh, empty database for one test: a SQLite file, or (when FAIRGATE_TEST_POSTGRES names a
// server) a PostgreSQL schema of its own, since tests run in parallel and share the database.
// A direct session beside the Store lets a test inspect what was written.

#include <memory>
#include <string>

#include <Poco/Data/Session.h>

#include "store/store.hpp"

namespace fairgate::test {

/// One empty database for one test case, with a direct session to inspect it.
class TestDb {
public:
    TestDb(std::string backend, std::string connection, std::unique_ptr<Poco::Data::Session> raw, std::string schema,
           std::string base_conninfo);
    ~TestDb();

    const std::string& backend() const { return backend_; }
    /// What Store::open takes.
    const std::string& connection() const { return connection_; }
    std::unique_ptr<Store> open() const { return Store::open(connection_); }
    /// Table name as the direct session must write it.
    std::string table(const std::string& name) const { return schema_.empty() ? name : schema_ + "." + name; }
    long count(const std::string& table_name, const std::string& where = "");
    void exec(const std::string& sql);

private:
    std::string backend_, connection_;
    std::unique_ptr<Poco::Data::Session> raw_;
    std::string schema_, base_conninfo_;
};

/// A new SQLite file in `dir`.
std::unique_ptr<TestDb> make_sqlite_db(const std::string& dir, const std::string& name);
/// nullptr when FAIRGATE_TEST_POSTGRES is not set.
std::unique_ptr<TestDb> make_postgres_db(const std::string& name);

}  // namespace fairgate::test
