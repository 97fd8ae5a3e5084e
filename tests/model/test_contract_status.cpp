// The one rule that sets a contract's status, and its spellings.
#include <boost/test/unit_test.hpp>

#include "model/contract_status.hpp"

using namespace fairgate;

namespace {

Finding with(Outcome o, Severity s) {
    Finding f;
    f.outcome = o;
    f.severity = s;
    return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(contract_status)

BOOST_AUTO_TEST_CASE(status_from_worst_outcome_and_severity) {
    struct Case {
        std::vector<Finding> findings;
        ContractStatus expected;
    };
    const std::vector<Case> cases = {
        {{}, ContractStatus::Green},
        {{with(Outcome::Pass, Severity::Mandatory), with(Outcome::NotApplicable, Severity::Major)}, ContractStatus::Green},
        {{with(Outcome::Fail, Severity::Mandatory)}, ContractStatus::Red},
        {{with(Outcome::Missing, Severity::Major)}, ContractStatus::Red},
        {{with(Outcome::Fail, Severity::Minor)}, ContractStatus::Amber},
        {{with(Outcome::Missing, Severity::Advisory)}, ContractStatus::Amber},
        {{with(Outcome::Warn, Severity::Mandatory)}, ContractStatus::Amber},
        {{with(Outcome::Refer, Severity::Major)}, ContractStatus::Amber},
        {{with(Outcome::Warn, Severity::Minor), with(Outcome::Fail, Severity::Major)}, ContractStatus::Red},
        {{with(Outcome::Pass, Severity::Major), with(Outcome::Refer, Severity::Advisory)}, ContractStatus::Amber},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        BOOST_TEST_CONTEXT("case " << i) { BOOST_TEST(to_string(status_of(cases[i].findings)) == to_string(cases[i].expected)); }
    }
}

// What one finding gives on its own (the contract page lists the findings behind its status by it).
BOOST_AUTO_TEST_CASE(status_of_one_finding) {
    BOOST_TEST(to_string(status_of(with(Outcome::Fail, Severity::Major))) == "red");
    BOOST_TEST(to_string(status_of(with(Outcome::Missing, Severity::Mandatory))) == "red");
    BOOST_TEST(to_string(status_of(with(Outcome::Missing, Severity::Minor))) == "amber");
    BOOST_TEST(to_string(status_of(with(Outcome::Warn, Severity::Mandatory))) == "amber");
    BOOST_TEST(to_string(status_of(with(Outcome::Refer, Severity::Advisory))) == "amber");
    BOOST_TEST(to_string(status_of(with(Outcome::Pass, Severity::Mandatory))) == "green");
    BOOST_TEST(to_string(status_of(with(Outcome::NotApplicable, Severity::Major))) == "green");
}

BOOST_AUTO_TEST_CASE(spellings_round_trip_and_nothing_else_parses) {
    for (ContractStatus s : {ContractStatus::Green, ContractStatus::Amber, ContractStatus::Red}) {
        BOOST_TEST((parse_contract_status(to_string(s)) == s));
        BOOST_TEST((parse_contract_status(display_name(s)) == s));
    }
    BOOST_TEST(to_string(ContractStatus::Amber) == "amber");
    BOOST_TEST(display_name(ContractStatus::Amber) == "Amber");
    BOOST_TEST((parse_contract_status("RED") == ContractStatus::Red));
    for (const char* bad : {"", "redd", "re", "orange", "green "}) BOOST_TEST(!parse_contract_status(bad).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()
