#pragma once
// The store suite runs every case against SQLite (a fresh temporary file) and, when
// FAIRGATE_TEST_POSTGRES names a server, against PostgreSQL in a fresh schema of its own
// (tests run in parallel and may share the database).

#include <memory>
#include <string>

#include <Poco/Data/Session.h>
#include <boost/test/unit_test.hpp>

#include "model/contract.hpp"
#include "model/field.hpp"
#include "model/finding.hpp"
#include "model/run.hpp"
#include "model/supplier_return.hpp"
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

std::unique_ptr<TestDb> make_sqlite_db(const std::string& name);
/// nullptr when FAIRGATE_TEST_POSTGRES is not set.
std::unique_ptr<TestDb> make_postgres_db(const std::string& name);

/// A dictionary with a field of every type.
const FieldDictionary& dictionary();
FieldId fid(const std::string& name);

Contract make_contract(const std::string& id, const std::string& tender_id, const std::string& sha);
SupplierReturn tender_return(const std::string& tender_id, const std::string& supplier, const std::string& sha);
SupplierReturn quarterly_return(const std::string& contract_id, Quarter period, const std::string& sha);
FileResult file_result(const std::string& name, const std::string& sha);
Finding make_finding(const std::string& subject, const std::string& rule, const std::string& contract,
                     Outcome outcome);

void check_same_record(const Record& a, const Record& b);

}  // namespace fairgate::test

/// Defines `name` once and runs it as name_sqlite and name_postgresql.
#define STORE_CASE(name)                                                                                    \
    static void name(fairgate::test::TestDb& db);                                                          \
    BOOST_AUTO_TEST_CASE(name##_sqlite) {                                                                  \
        auto db = fairgate::test::make_sqlite_db(#name);                                                   \
        name(*db);                                                                                         \
    }                                                                                                      \
    BOOST_AUTO_TEST_CASE(name##_postgresql) {                                                              \
        auto db = fairgate::test::make_postgres_db(#name);                                                 \
        if (!db) {                                                                                         \
            BOOST_TEST_MESSAGE("FAIRGATE_TEST_POSTGRES is not set: " #name " not run on PostgreSQL");      \
            BOOST_TEST(true);                                                                              \
            return;                                                                                        \
        }                                                                                                  \
        name(*db);                                                                                         \
    }                                                                                                      \
    static void name(fairgate::test::TestDb& db)
