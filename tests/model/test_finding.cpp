#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "model/finding.hpp"
#include "model/run.hpp"

using namespace fairgate;

BOOST_AUTO_TEST_SUITE(finding)

BOOST_AUTO_TEST_CASE(outcomes_round_trip) {
    const char* names[] = {"pass", "warn", "fail", "refer", "missing", "not-applicable"};
    BOOST_TEST(std::size(kAllOutcomes) == std::size(names));
    for (size_t i = 0; i < std::size(kAllOutcomes); ++i) {
        BOOST_TEST_CONTEXT(names[i]) {
            BOOST_TEST(to_string(kAllOutcomes[i]) == names[i]);
            // Outcome values index OutcomeCounts.
            BOOST_TEST(static_cast<size_t>(kAllOutcomes[i]) == i);
            const auto parsed = parse_outcome(names[i]);
            BOOST_TEST_REQUIRE(parsed.has_value());
            BOOST_TEST((*parsed == kAllOutcomes[i]));
        }
    }
    BOOST_TEST(OutcomeCounts{}.size() == std::size(kAllOutcomes));
    BOOST_TEST((parse_outcome("n/a") == Outcome::NotApplicable));
    BOOST_TEST((parse_outcome("not_applicable") == Outcome::NotApplicable));
    for (const char* bad : {"", "Pass", "PASS", "passed", "ok", "na", "error"}) {
        BOOST_TEST_CONTEXT('"' << bad << '"') { BOOST_TEST(!parse_outcome(bad).has_value()); }
    }
}

BOOST_AUTO_TEST_CASE(severities_round_trip) {
    const std::pair<Severity, const char*> all[] = {{Severity::Mandatory, "mandatory"}, {Severity::Major, "major"},
                                                    {Severity::Minor, "minor"},         {Severity::Advisory, "advisory"}};
    for (const auto& [s, name] : all) {
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(to_string(s) == name);
            const auto parsed = parse_severity(name);
            BOOST_TEST_REQUIRE(parsed.has_value());
            BOOST_TEST((*parsed == s));
        }
    }
    for (const char* bad : {"", "Major", "critical", "low"}) {
        BOOST_TEST_CONTEXT('"' << bad << '"') { BOOST_TEST(!parse_severity(bad).has_value()); }
    }
}

BOOST_AUTO_TEST_CASE(stages_round_trip) {
    const std::pair<Stage, const char*> all[] = {
        {Stage::Tender, "tender"}, {Stage::Quarterly, "quarterly"}, {Stage::Contract, "contract"}};
    for (const auto& [s, name] : all) {
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(to_string(s) == name);
            const auto parsed = parse_stage(name);
            BOOST_TEST_REQUIRE(parsed.has_value());
            BOOST_TEST((*parsed == s));
        }
    }
    for (const char* bad : {"", "Tender", "monitoring", "contracts"}) {
        BOOST_TEST_CONTEXT('"' << bad << '"') { BOOST_TEST(!parse_stage(bad).has_value()); }
    }
}

BOOST_AUTO_TEST_CASE(file_status_names_are_distinct) {
    std::set<std::string> names;
    for (FileStatus s : {FileStatus::Imported, FileStatus::Duplicate, FileStatus::Quarantined, FileStatus::Skipped}) {
        names.insert(std::string(to_string(s)));
    }
    BOOST_TEST(names.size() == 4u);
    BOOST_TEST(to_string(FileStatus::Imported) == "imported");
    BOOST_TEST(to_string(FileStatus::Duplicate) == "duplicate");
    BOOST_TEST(to_string(FileStatus::Quarantined) == "quarantined");
    BOOST_TEST(to_string(FileStatus::Skipped) == "skipped");
}

BOOST_AUTO_TEST_CASE(defaults) {
    const Finding f;
    BOOST_TEST((f.outcome == Outcome::Pass));
    BOOST_TEST((f.severity == Severity::Advisory));
    BOOST_TEST((f.stage == Stage::Tender));
    BOOST_TEST(f.evidence.empty());
    const Run run;
    for (auto n : run.outcomes) BOOST_TEST(n == 0u);
    const FileResult fr;
    BOOST_TEST((fr.status == FileStatus::Imported));
    BOOST_TEST(fr.returns == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
