// Opening, migrations and errors.

#include "model/register_entry.hpp"
#include "store/migrations.hpp"
#include "store_fixture.hpp"

using namespace fairgate;
using namespace fairgate::test;

BOOST_AUTO_TEST_SUITE(schema)

STORE_CASE(migrations_are_idempotent) {
    int first = 0;
    {
        auto store = db.open();
        first = store->schema_version();
        BOOST_TEST(first >= 1);
        BOOST_TEST(store->backend() == db.backend());
    }
    auto again = db.open();
    BOOST_TEST(again->schema_version() == first);
    BOOST_TEST(db.count("schema_migrations") == first);
    BOOST_TEST(again->all_contract_ids().empty());
}

STORE_CASE(version_7_gives_the_rows_already_held_their_supplier_keys) {
    {
        auto store = db.open();
        Contract c = make_contract("BX-1", "T-1", "reg");
        c.supplier_id = "1234567";
        store->save_import("run-1", file_result("register.csv", "reg"), {c},
                           {tender_return("T-1", "01234567", "reg"), tender_return("T-1", "sc 16876", "reg")},
                           dictionary());
        RegisterEntry row;
        row.year = "2021-22";
        row.row = 17;
        row.employer_name = "3M UNITED KINGDOM PUBLIC LIMITED COMPANY";
        row.company_number = "1123045.0";  // what version 6's normalising kept of a numeric cell
        store->save_import_in_batches("run-1", file_result("gpg.csv", "gpg"), dictionary(),
                                      [&](const Store::ImportWriter& write) { write.register_entries({row}); });
    }
    // Back to version 6: no supplier_key column, the register's number as it was kept (and
    // nothing of versions 8 to 11).
    db.exec("DROP TABLE " + db.table("run_tenders"));
    db.exec("DROP INDEX " + db.table("finding_subjects_contract"));
    db.exec("ALTER TABLE " + db.table("run_contracts") + " DROP COLUMN fingerprint");
    db.exec("DROP TABLE " + db.table("return_versions"));
    db.exec("DROP TABLE " + db.table("refused_returns"));
    db.exec("ALTER TABLE " + db.table("returns") + " DROP COLUMN first_submitted");
    db.exec("DROP INDEX " + db.table("returns_tender_supplier"));
    db.exec("ALTER TABLE " + db.table("returns") + " DROP COLUMN supplier_key");
    db.exec("DELETE FROM " + db.table("schema_migrations") + " WHERE version >= 7");

    auto store = db.open();
    BOOST_TEST(store->schema_version() == store::latest_schema_version());
    BOOST_TEST(db.count("returns", "supplier_key = '01234567'") == 1);
    BOOST_TEST(db.count("returns", "supplier_key = 'SC016876' AND supplier_id = 'sc 16876'") == 1);
    BOOST_TEST(db.count("returns", "supplier_key = ''") == 0);
    BOOST_TEST(db.count("register_entries", "company_number = '01123045'") == 1);
    const auto ctx = store->load_context("BX-1", dictionary());
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST_REQUIRE(ctx->tender_returns.size() == 1u);
    BOOST_TEST(ctx->tender_returns[0].supplier_id == "01234567");
    BOOST_TEST(store->find_register_entry(std::string(kGenderPayGapRegister), "1123045", "").value().row == 17u);
}

STORE_CASE(version_8_makes_each_quarterly_return_held_its_own_one_version) {
    {
        auto store = db.open();
        store->save_import("run-1", file_result("register.csv", "reg"), {make_contract("BX-1", "T-1", "reg")},
                           {tender_return("T-1", "SUP-1", "reg")}, dictionary());
        store->save_import("run-1", file_result("q.csv", "q"), {},
                           {quarterly_return("BX-1", {2026, 1}, "q"), quarterly_return("BX-1", {2026, 2}, "q")},
                           dictionary());
    }
    // Back to version 7: no versions, no first receipt, no refused returns (nor fingerprints,
    // nor version 10's index, nor version 11's tender screenings).
    db.exec("DROP TABLE " + db.table("run_tenders"));
    db.exec("DROP INDEX " + db.table("finding_subjects_contract"));
    db.exec("ALTER TABLE " + db.table("run_contracts") + " DROP COLUMN fingerprint");
    db.exec("DROP TABLE " + db.table("return_versions"));
    db.exec("DROP TABLE " + db.table("refused_returns"));
    db.exec("ALTER TABLE " + db.table("returns") + " DROP COLUMN first_submitted");
    db.exec("DELETE FROM " + db.table("schema_migrations") + " WHERE version >= 8");

    auto store = db.open();
    BOOST_TEST(store->schema_version() == store::latest_schema_version());
    BOOST_TEST(db.count("return_versions") == 2);
    BOOST_TEST(db.count("return_versions", "source_sha256 = 'q' AND submitted = '2026-06-30'") == 1);
    BOOST_TEST(db.count("returns", "kind = 'quarterly' AND first_submitted = submitted") == 2);
    BOOST_TEST(db.count("returns", "kind = 'tender' AND first_submitted = ''") == 1);
    // A correction arriving now supersedes the version held, which is kept as superseded.
    SupplierReturn correction = quarterly_return("BX-1", {2026, 1}, "q-corrected");
    correction.submitted = Date::from_ymd(2026, 8, 1);
    store->save_import("run-2", file_result("q-corrected.csv", "q-corrected"), {}, {correction}, dictionary());
    const auto ctx = store->load_context("BX-1", dictionary());
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST_REQUIRE(ctx->quarterly_returns.size() == 2u);
    BOOST_TEST(ctx->quarterly_returns[0].source_sha256 == "q-corrected");
    BOOST_TEST_REQUIRE(ctx->quarterly_returns[0].superseded.size() == 1u);
    BOOST_TEST((ctx->quarterly_returns[0].first_receipt()->date == Date::from_ymd(2026, 6, 30)));
    BOOST_TEST(ctx->quarterly_returns[1].superseded.empty());
}

STORE_CASE(a_newer_database_is_refused) {
    { db.open(); }
    db.exec("INSERT INTO " + db.table("schema_migrations") + " (version, applied_at) VALUES (999, 'future')");
    try {
        db.open();
        BOOST_FAIL("a database newer than this build was opened");
    } catch (const StoreError& e) {
        const std::string what = e.what();
        BOOST_TEST_MESSAGE(what);
        BOOST_TEST(what.find("999") != std::string::npos);
        BOOST_TEST(what.find("newer") != std::string::npos);
        BOOST_TEST(what.find(db.backend()) == 0u);
    }
}

STORE_CASE(a_failing_operation_names_the_database_and_the_operation) {
    auto store = db.open();
    db.exec("DROP TABLE " + db.table("contract_values"));
    try {
        store->load_contract("BX-1", dictionary());
        store->save_import("run-1", file_result("register.csv", "aaa"), {make_contract("BX-1", "T-1", "aaa")}, {}, dictionary());
        BOOST_FAIL("writing to a dropped table succeeded");
    } catch (const StoreError& e) {
        const std::string what = e.what();
        BOOST_TEST_MESSAGE(what);
        BOOST_TEST(what.find(db.connection().substr(0, 20)) != std::string::npos);
        BOOST_TEST(what.find("save_import") != std::string::npos);
    }
    // The failed transaction was rolled back: the file is not recorded as imported.
    BOOST_TEST(!store->find_file("aaa"));
}


BOOST_AUTO_TEST_CASE(an_unopenable_sqlite_path_is_named) {
    try {
        Store::open("sqlite:/nonexistent-fairgate-dir/sub/fairgate.db");
        BOOST_FAIL("opened a database in a missing directory");
    } catch (const StoreError& e) {
        const std::string what = e.what();
        BOOST_TEST_MESSAGE(what);
        BOOST_TEST(what.find("/nonexistent-fairgate-dir/sub/fairgate.db") != std::string::npos);
        BOOST_TEST(what.find("open") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_plain_path_is_sqlite) {
    auto db = make_sqlite_db(FAIRGATE_TEST_TMP, "plain_path");
    const std::string path = db->connection().substr(7);
    auto store = Store::open(path);
    BOOST_TEST(store->backend() == "sqlite");
}

BOOST_AUTO_TEST_CASE(an_unreachable_postgresql_is_named_without_its_password) {
    try {
        Store::open("postgresql:host=127.0.0.1 port=1 dbname=nowhere user=nobody password=hunter2 connect_timeout=2");
        BOOST_FAIL("connected to port 1");
    } catch (const StoreError& e) {
        const std::string what = e.what();
        BOOST_TEST_MESSAGE(what);
        BOOST_TEST(what.find("port=1") != std::string::npos);
        BOOST_TEST(what.find("dbname=nowhere") != std::string::npos);
        BOOST_TEST(what.find("hunter2") == std::string::npos);
        BOOST_TEST(what.find("password=***") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
