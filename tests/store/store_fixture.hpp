#pragma once
// The store suite runs every case against SQLite (a fresh temporary file) and, when
// FAIRGATE_TEST_POSTGRES names a server, against PostgreSQL in a fresh schema of its own
// (tests run in parallel and may share the database).

#include <memory>
#include <string>

#include <boost/test/unit_test.hpp>

#include "model/contract.hpp"
#include "model/field.hpp"
#include "model/finding.hpp"
#include "model/run.hpp"
#include "model/supplier_return.hpp"
#include "store/store.hpp"
#include "support/requirements.hpp"
#include "support/test_db.hpp"

namespace fairgate::test {

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
        auto db = fairgate::test::make_sqlite_db(FAIRGATE_TEST_TMP, #name);                                                   \
        name(*db);                                                                                         \
    }                                                                                                      \
    BOOST_AUTO_TEST_CASE(name##_postgresql, FAIRGATE_NEEDS_POSTGRES) {                                    \
        auto db = fairgate::test::make_postgres_db(#name);                                                 \
        BOOST_TEST_REQUIRE(db.get() != nullptr);                                                           \
        name(*db);                                                                                         \
    }                                                                                                      \
    static void name(fairgate::test::TestDb& db)
