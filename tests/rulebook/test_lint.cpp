// Linting: a rulebook that loads can still hold what a rule author should fix, each problem
// at its file, line and column.
#include <boost/test/unit_test.hpp>

#include "rulebook/rulebook_lint.hpp"
#include "rulebook_fixture.hpp"

using namespace fairgate;

BOOST_AUTO_TEST_SUITE(rulebook_lint)

BOOST_AUTO_TEST_CASE(a_rule_without_a_test_is_reported_at_its_line) {
    // R1 has a test of its own; R2 and R3, two lines apart, have none.
    const Rulebook rb = test::load(
        "    <rule id=\"R1\" stage=\"tender\" severity=\"major\"><title>t</title><cite ref=\"GP-1\"/>\n"
        "      <fail when=\"eq.policy = no\"/>\n"
        "      <test name=\"no policy fails\" expect=\"fail\"><given field=\"eq.policy\">No</given></test>\n"
        "    </rule>\n"
        "    <rule id=\"R2\" stage=\"tender\" severity=\"minor\"><title>t</title><cite ref=\"GP-1\"/>\n"
        "      <fail when=\"eq.policy = yes\"/></rule>\n"
        "    <rule id=\"R3\" stage=\"tender\" severity=\"minor\"><title>t</title><cite ref=\"GP-1\"/>\n"
        "      <fail when=\"eq.policy = yes\"/></rule>");
    const std::vector<Diagnostic> problems = lint_rulebook(rb);
    BOOST_TEST_REQUIRE(problems.size() == 2u);
    BOOST_TEST(problems[0].file == "test.xml");
    BOOST_TEST(problems[0].line == rb.rule("R2")->line);
    BOOST_TEST(problems[0].line > 0);
    BOOST_TEST(problems[0].column == 1);
    BOOST_TEST(problems[0].message == "rule R2 has no <test>");
    BOOST_TEST(problems[1].message == "rule R3 has no <test>");
    BOOST_TEST(problems[1].line == problems[0].line + 2);
    BOOST_TEST(problems[0].display() == "test.xml:" + std::to_string(problems[0].line) + ":1: error: rule R2 has no <test>");
}

BOOST_AUTO_TEST_CASE(a_rulebook_whose_rules_are_all_tested_lints_clean) {
    const Rulebook rb = test::load(
        "    <rule id=\"R1\" stage=\"tender\" severity=\"major\"><title>t</title><cite ref=\"GP-1\"/>\n"
        "      <fail when=\"eq.policy = no\"/>\n"
        "      <test name=\"no policy fails\" expect=\"fail\"><given field=\"eq.policy\">No</given></test>\n"
        "    </rule>");
    BOOST_TEST(lint_rulebook(rb).empty());
    BOOST_TEST(lint_rulebook(load_rulebook(std::string(FAIRGATE_SOURCE_DIR) + "/rules/bexley.xml")).empty());
}

BOOST_AUTO_TEST_SUITE_END()
