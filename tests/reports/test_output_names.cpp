// Where workbooks go: every id its own folder inside OUT, none of fairgate's own names.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <vector>

#include "reports/output_names.hpp"

using fairgate::reports::output_folder_name;

BOOST_AUTO_TEST_SUITE(output_names)

BOOST_AUTO_TEST_CASE(ids_that_differ_only_in_unsafe_characters_get_different_folders) {
    // Once, all three wrote one workbook and the last won.
    const std::vector<std::string> ids = {"BX/1", "BX_1", "BX:1", "BX%2F1", "BX\\1", "BX 1", "BX\n1", "BX?1"};
    std::set<std::string> names;
    for (const auto& id : ids) names.insert(output_folder_name(id));
    BOOST_TEST(names.size() == ids.size());
    BOOST_TEST(output_folder_name("BX/1") == "BX%2F1");
    BOOST_TEST(output_folder_name("BX%2F1") == "BX%252F1");
    BOOST_TEST(output_folder_name("BX_1") == "BX_1");
    BOOST_TEST(output_folder_name("BX-2025-0142") == "BX-2025-0142");
}

BOOST_AUTO_TEST_CASE(no_id_takes_a_name_fairgate_uses_in_out) {
    for (const std::string id : {"quarantine", "processed", "tenders", "Quarantine", "TENDERS",
                                 "portfolio 2026-06-30.xlsx", "Portfolio 2026-06-30.xlsx"}) {
        BOOST_TEST_CONTEXT(id) {
            const std::string name = output_folder_name(id);
            BOOST_TEST(name != id);
            BOOST_TEST(name.front() == '%');
        }
    }
    // Near misses keep their names.
    BOOST_TEST(output_folder_name("quarantined") == "quarantined");
    BOOST_TEST(output_folder_name("portfolio") == "portfolio");
}

BOOST_AUTO_TEST_CASE(no_id_names_a_folder_above_or_hidden) {
    BOOST_TEST(output_folder_name(".") == "%2E");
    BOOST_TEST(output_folder_name("..") == "%2E%2E");
    BOOST_TEST(output_folder_name("../etc") == "%2E.%2Fetc");
    BOOST_TEST(output_folder_name(".hidden") == "%2Ehidden");
    BOOST_TEST(output_folder_name(" BX ") == "%20BX%20");
    BOOST_TEST(output_folder_name("") == "%");
    for (const std::string id : {".", "..", "/", "a/../..", "", " "}) {
        const std::string name = output_folder_name(id);
        BOOST_TEST(name.find('/') == std::string::npos);
        BOOST_TEST(name != ".");
        BOOST_TEST(name != "..");
    }
}

BOOST_AUTO_TEST_CASE(long_ids_are_cut_and_told_apart_by_their_hash) {
    const std::string a = std::string(300, 'x') + "a";
    const std::string b = std::string(300, 'x') + "b";
    const std::string na = output_folder_name(a), nb = output_folder_name(b);
    BOOST_TEST(na.size() <= 120u);
    BOOST_TEST(na != nb);
    BOOST_TEST(na.substr(0, 100) == std::string(100, 'x'));
    BOOST_TEST(na[100] == '~');
    // An escape is never split at the cut: "%2F" stays whole or goes.
    const std::string slashes(200, '/');
    const std::string ns = output_folder_name(slashes);
    const std::string head = ns.substr(0, ns.find('~'));
    BOOST_TEST(head.size() % 3 == 0u);
    BOOST_TEST(head.size() <= 100u);
    // UTF-8 is never cut mid-character.
    std::string utf;
    for (int i = 0; i < 80; ++i) utf += "\xC3\xA9";
    const std::string nu = output_folder_name(utf);
    BOOST_TEST(nu.substr(0, nu.find('~')).size() % 2 == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
