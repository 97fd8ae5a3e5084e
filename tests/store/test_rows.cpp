// Reading rows by named column (store/db.hpp): the select list a query declares is the one
// it runs and the one its rows are read with, on both backends.

#include <stdexcept>

#include "store/connection_string.hpp"
#include "store/db.hpp"
#include "store/dialect.hpp"
#include "store_fixture.hpp"

using namespace fairgate;
using namespace fairgate::store;
using namespace fairgate::test;

namespace {

/// A Db on the test's database, as Store::open would connect.
std::unique_ptr<Db> open_db(const TestDb& db) {
    const ConnectionTarget target = parse_connection(db.connection());
    if (target.backend == "postgresql") {
        PgConnection pg = prepare_postgresql_connection(target.connect);
        return std::make_unique<Db>(make_postgresql_dialect(std::move(pg.settings)), pg.connect);
    }
    return std::make_unique<Db>(make_sqlite_dialect(), target.connect);
}

struct PartColumns : Columns {
    Col name = add("name"), qty = add("qty"), note = add("note");
};
const PartColumns kPart;

// The same table's columns in another order, one of them qualified.
struct PartByQtyColumns : Columns {
    Col qty = add("p.qty"), name = add("p.name");
};
const PartByQtyColumns kPartByQty;

}  // namespace

BOOST_AUTO_TEST_SUITE(rows)

BOOST_AUTO_TEST_CASE(a_select_list_is_its_columns_in_order) {
    BOOST_TEST(kPart.list() == "name, qty, note");
    BOOST_TEST(kPart.size() == 3u);
    BOOST_TEST(kPart.note.index() == 2u);
    BOOST_TEST(kPartByQty.list() == "p.qty, p.name");
}

STORE_CASE(rows_are_read_by_the_columns_their_query_declared) {
    auto d = open_db(db);
    d->exec("CREATE TABLE parts (name TEXT PRIMARY KEY, qty BIGINT NOT NULL, note TEXT)");
    d->exec("INSERT INTO parts (name, qty, note) VALUES (?, ?, ?)", {"bolt", int64_t{12}, "zinc"});
    d->exec("INSERT INTO parts (name, qty) VALUES (?, ?)", {"nut", int64_t{-3}});

    const auto rows = d->select(kPart, "FROM parts ORDER BY name");
    BOOST_TEST_REQUIRE(rows.size() == 2u);
    BOOST_TEST(rows[0][kPart.name] == "bolt");
    BOOST_TEST(rows[0][kPart.qty] == "12");  // integers in decimal
    BOOST_TEST(rows[0][kPart.note] == "zinc");
    BOOST_TEST(rows[1][kPart.name] == "nut");
    BOOST_TEST(rows[1][kPart.qty] == "-3");
    BOOST_TEST(rows[1][kPart.note] == "");  // NULL

    std::string names;
    for (const Row& r : d->select(kPartByQty, "FROM parts p WHERE p.qty > ? ORDER BY p.qty", {int64_t{-10}}))
        names += r[kPartByQty.name] + "=" + r[kPartByQty.qty] + ";";
    BOOST_TEST(names == "nut=-3;bolt=12;");

    // A column of another query's list is refused, never read from the wrong place.
    BOOST_CHECK_THROW(rows[0][kPartByQty.name], std::logic_error);
    BOOST_CHECK_THROW(rows[2], std::out_of_range);

    BOOST_TEST(d->select(kPart, "FROM parts WHERE name = ?", {"washer"}).empty());
    const auto names_only = d->single_column("SELECT name FROM parts UNION SELECT 'washer' ORDER BY 1");
    BOOST_TEST(names_only == (std::vector<std::string>{"bolt", "nut", "washer"}), boost::test_tools::per_element());
    BOOST_TEST(d->scalar("SELECT MAX(qty) FROM parts") == "12");
    BOOST_TEST(d->scalar("SELECT name FROM parts WHERE qty > 100") == "");
}

BOOST_AUTO_TEST_SUITE_END()
