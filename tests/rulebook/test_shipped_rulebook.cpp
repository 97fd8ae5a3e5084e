// The rulebooks fairgate ships (every rules/*.xml: Bexley's and the England statutory
// baseline): each loads, every rule is cited and tested, and its tests pass.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "rulebook/judgement.hpp"
#include "rulebook/rulebook_document.hpp"
#include "rulebook/rulebook_loader.hpp"

using namespace fairgate;

namespace {
namespace fs = std::filesystem;

// (file name, rulebook) for every rules/*.xml, in name order.
const std::vector<std::pair<std::string, Rulebook>>& shipped() {
    static const std::vector<std::pair<std::string, Rulebook>> all = [] {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(FAIRGATE_SOURCE_DIR "/rules"))
            if (e.path().extension() == ".xml") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        std::vector<std::pair<std::string, Rulebook>> out;
        for (const auto& f : files) out.emplace_back(f.filename().string(), load_rulebook(f.string()));
        return out;
    }();
    return all;
}

const Rulebook& shipped(const std::string& name) {
    for (const auto& [file, rb] : shipped())
        if (file == name) return rb;
    throw std::runtime_error("rules/" + name + " is not shipped");
}
}  // namespace

BOOST_AUTO_TEST_CASE(both_rulebooks_ship) {
    BOOST_TEST(shipped("bexley.xml").rules.size() >= 35u);
    BOOST_TEST(shipped("england-baseline.xml").rules.size() >= 15u);
}

BOOST_AUTO_TEST_CASE(loads_and_every_rule_is_cited_and_tested) {
    for (const auto& [file, rb] : shipped()) {
        std::set<std::string> tested;
        for (const auto& t : rb.tests) tested.insert(t.rule_id);
        for (const auto& rule : rb.rules) {
            BOOST_TEST_CONTEXT(file << " " << rule.id) {
                BOOST_TEST(!rule.citations.empty());
                BOOST_TEST(tested.count(rule.id) == 1u);
                BOOST_TEST(!rule.remedy.empty());
                for (const auto& ref : rule.citations) BOOST_TEST(rb.clause(ref) != nullptr);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(every_rule_has_a_passing_and_a_failing_test) {
    for (const auto& [file, rb] : shipped()) {
        for (const auto& rule : rb.rules) {
            bool good = false, bad = false;
            for (const auto& t : rb.tests) {
                if (t.rule_id != rule.id) continue;
                good |= t.expect == Outcome::Pass;
                bad |= t.expect == Outcome::Fail || t.expect == Outcome::Warn || t.expect == Outcome::Refer;
            }
            BOOST_TEST_CONTEXT(file << " " << rule.id) {
                BOOST_TEST(good);
                BOOST_TEST(bad);
            }
        }
    }
}

// The baseline is the template councils copy: each rule also shows what happens when its
// answer is blank or when it does not apply.
BOOST_AUTO_TEST_CASE(every_baseline_rule_has_a_missing_or_not_applicable_test) {
    const Rulebook& rb = shipped("england-baseline.xml");
    for (const auto& rule : rb.rules) {
        bool other = false;
        for (const auto& t : rb.tests)
            other |= t.rule_id == rule.id && (t.expect == Outcome::Missing || t.expect == Outcome::NotApplicable);
        BOOST_TEST_CONTEXT(rule.id) { BOOST_TEST(other); }
    }
}

BOOST_AUTO_TEST_CASE(its_own_tests_pass) {
    for (const auto& [file, rb] : shipped()) {
        for (const auto& r : run_rule_tests(rb)) {
            BOOST_TEST_CONTEXT(file << " " << r.test->rule_id << " / " << r.test->name) {
                BOOST_TEST(to_string(r.actual) == to_string(r.test->expect));
            }
        }
    }
}

// Every text a finding carries, as a workbook shows it, for every case each rule tests (each
// outcome with the values that give it): no placeholder left as written, no stray brace.
BOOST_AUTO_TEST_CASE(no_finding_text_shows_a_placeholder) {
    for (const auto& [file, rb] : shipped()) {
        for (const auto& r : run_rule_tests(rb)) {
            const Finding& f = r.finding;
            for (const auto& [kind, text] : {std::pair<const char*, const std::string&>{"title", f.rule_title},
                                             {"message", f.message},
                                             {"expected", f.expected},
                                             {"found", f.found},
                                             {"remedy", f.remedy}}) {
                BOOST_TEST_CONTEXT(file << " " << r.test->rule_id << " / " << r.test->name << ", " << kind << ": " << text) {
                    BOOST_TEST(text.find("{param.") == std::string::npos);
                    BOOST_TEST(text.find_first_of("{}") == std::string::npos);
                }
            }
        }
    }
}

// The page for officers fills in every parameter too (answers stay as placeholders there).
BOOST_AUTO_TEST_CASE(the_rulebook_page_shows_parameters_filled_in) {
    for (const auto& [file, rb] : shipped()) {
        std::ostringstream page;
        write_rulebook_document(page, rb);
        BOOST_TEST_CONTEXT(file) { BOOST_TEST(page.str().find("{param.") == std::string::npos); }
    }
}
