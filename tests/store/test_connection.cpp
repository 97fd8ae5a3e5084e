// Connection strings: which backend, and no password in messages.

#include <boost/test/unit_test.hpp>

#include "store/connection_string.hpp"
#include "store/dialect.hpp"

using namespace fairgate::store;

BOOST_AUTO_TEST_SUITE(connection)

BOOST_AUTO_TEST_CASE(backends_are_told_apart) {
    BOOST_TEST(parse_connection("sqlite:/srv/fairgate.db").backend == "sqlite");
    BOOST_TEST(parse_connection("sqlite:/srv/fairgate.db").connect == "/srv/fairgate.db");
    BOOST_TEST(parse_connection("/srv/fairgate.db").connect == "/srv/fairgate.db");
    BOOST_TEST(parse_connection("fairgate.db").display == "sqlite:fairgate.db");
    const auto pg = parse_connection("postgresql:host=db dbname=fairgate user=fg password=s3cret");
    BOOST_TEST(pg.backend == "postgresql");
    BOOST_TEST(pg.connect == "host=db dbname=fairgate user=fg password=s3cret");
    BOOST_TEST(pg.display == "postgresql:host=db dbname=fairgate user=fg password=***");
    const auto uri = parse_connection("postgresql://fg:s3cret@db:5432/fairgate");
    BOOST_TEST(uri.backend == "postgresql");
    BOOST_TEST(uri.display == "postgresql://fg:***@db:5432/fairgate");
}

BOOST_AUTO_TEST_CASE(passwords_are_redacted_in_every_spelling) {
    BOOST_TEST(redact_password("host=x password = 'it\\'s secret' user=y") == "host=x password = *** user=y");
    BOOST_TEST(redact_password("password=abc") == "password=***");
    BOOST_TEST(redact_password("postgres://u:p%40ss@h/d?sslmode=require") == "postgres://u:***@h/d?sslmode=require");
    BOOST_TEST(redact_password("postgres://u@h/d") == "postgres://u@h/d");
}

BOOST_AUTO_TEST_CASE(conninfo_is_rewritten_for_the_poco_connector) {
    const auto c = prepare_postgresql_connection(
        "host=127.0.0.1 port=5432 dbname=fg password='a\\'b' options='-c search_path=fg_1 --statement-timeout=5s'");
    BOOST_TEST(c.connect.find(' ') != std::string::npos);
    BOOST_TEST(c.connect.find("options") == std::string::npos);
    BOOST_TEST(c.connect.find("password=a\\'b") != std::string::npos);
    BOOST_TEST_REQUIRE(c.settings.size() == 2u);
    BOOST_TEST(c.settings[0].first == "search_path");
    BOOST_TEST(c.settings[0].second == "fg_1");
    BOOST_TEST(c.settings[1].first == "statement_timeout");
    BOOST_TEST(c.settings[1].second == "5s");
    const auto uri = prepare_postgresql_connection("postgresql://fg@127.0.0.1:55432/fairgate_test");
    BOOST_TEST(uri.connect.find("dbname=fairgate_test") != std::string::npos);
    BOOST_TEST(uri.connect.find("port=55432") != std::string::npos);
    BOOST_CHECK_THROW(prepare_postgresql_connection("password='with space'"), std::runtime_error);
    BOOST_CHECK_THROW(prepare_postgresql_connection("nonsense"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
