// The rulebook the council runs: it loads, covers every expectation, and its tests pass.
#include <boost/test/unit_test.hpp>

#include <set>

#include "rulebook/judgement.hpp"
#include "rulebook/rulebook_loader.hpp"

using namespace fairgate;

namespace {
const Rulebook& bexley() {
    static const Rulebook rb = load_rulebook(FAIRGATE_SOURCE_DIR "/rules/bexley.xml");
    return rb;
}
}  // namespace

BOOST_AUTO_TEST_CASE(loads_and_every_rule_is_cited_and_tested) {
    const Rulebook& rb = bexley();
    BOOST_TEST(rb.rules.size() >= 35u);
    std::set<std::string> tested;
    for (const auto& t : rb.tests) tested.insert(t.rule_id);
    for (const auto& rule : rb.rules) {
        BOOST_TEST_CONTEXT(rule.id) {
            BOOST_TEST(!rule.citations.empty());
            BOOST_TEST(tested.count(rule.id) == 1u);
            BOOST_TEST(!rule.remedy.empty());
            for (const auto& ref : rule.citations) BOOST_TEST(rb.clause(ref) != nullptr);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_rule_has_a_passing_and_a_failing_test) {
    const Rulebook& rb = bexley();
    for (const auto& rule : rb.rules) {
        bool good = false, bad = false;
        for (const auto& t : rb.tests) {
            if (t.rule_id != rule.id) continue;
            good |= t.expect == Outcome::Pass;
            bad |= t.expect == Outcome::Fail || t.expect == Outcome::Warn || t.expect == Outcome::Refer;
        }
        BOOST_TEST_CONTEXT(rule.id) {
            BOOST_TEST(good);
            BOOST_TEST(bad);
        }
    }
}

BOOST_AUTO_TEST_CASE(its_own_tests_pass) {
    for (const auto& r : run_rule_tests(bexley())) {
        BOOST_TEST_CONTEXT(r.test->rule_id << " / " << r.test->name) {
            BOOST_TEST(to_string(r.actual) == to_string(r.test->expect));
        }
    }
}
