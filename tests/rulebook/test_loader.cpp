// Loading: a broken rulebook gets errors a rule author can act on.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "rulebook/message_template.hpp"
#include "rulebook_fixture.hpp"

using namespace fairgate;

namespace {

std::vector<Diagnostic> errors_of(const std::string& xml) {
    try {
        load_rulebook_text(xml, "broken.xml");
    } catch (const RulebookError& e) {
        return e.diagnostics();
    }
    return {};
}

const char* kGoodRule =
    R"(<rule id="R1" stage="tender" severity="mandatory"><title>Policy</title><cite ref="GP-1"/><fail when="eq.policy = no"/></rule>)";

}  // namespace

BOOST_AUTO_TEST_CASE(a_good_rulebook_loads_with_its_identity) {
    const Rulebook rb = test::load(kGoodRule);
    BOOST_TEST(rb.id == "test");
    BOOST_TEST(rb.rules.size() == 1u);
    BOOST_TEST(rb.rules[0].citations.size() == 1u);
    BOOST_TEST(rb.sha256.size() == 64u);
    BOOST_TEST(rb.parameters.at("threshold").value.as_pence() == 3600000000LL);
}

BOOST_AUTO_TEST_CASE(a_field_typo_is_reported_at_its_line_and_column) {
    const std::string xml = test::rulebook_xml(
        "    <rule id=\"R1\" stage=\"tender\" severity=\"major\"><title>t</title><cite ref=\"GP-1\"/>\n"
        "      <fail when=\"eq.polcy = no\"/></rule>");
    const auto d = errors_of(xml);
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message.find("unknown field 'eq.polcy' (did you mean eq.policy?)") != std::string::npos);
    BOOST_TEST(d[0].source_line.find("<fail when=\"eq.polcy = no\"/>") != std::string::npos);
    // The caret sits under the 'e' of eq.polcy.
    BOOST_TEST(d[0].source_line.substr(static_cast<size_t>(d[0].column - 1), 8) == "eq.polcy");
    BOOST_TEST(d[0].display().find("broken.xml:" + std::to_string(d[0].line) + ":") == 0u);
}

BOOST_AUTO_TEST_CASE(an_unescaped_less_than_is_explained) {
    const auto d = errors_of(test::rulebook_xml(
        R"(<rule id="R1" stage="tender" severity="major"><title>t</title><cite ref="GP-1"/><fail when="supplier.employees < 250"/></rule>)"));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message.find("&lt;") != std::string::npos);
    BOOST_TEST(d[0].source_line.substr(static_cast<size_t>(d[0].column - 1), 5) == "< 250");
}

BOOST_AUTO_TEST_CASE(a_rule_without_a_citation_is_an_error) {
    const auto d = errors_of(test::rulebook_xml(
        R"(<rule id="R1" stage="tender" severity="major"><title>t</title><fail when="eq.policy = no"/></rule>)"));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message.find("cites no source") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_problem_is_reported_not_only_the_first) {
    const auto d = errors_of(test::rulebook_xml(
        R"(<rule id="R1" stage="tender" severity="major"><title>t</title><cite ref="NOPE"/><fail when="eq.policy = 3"/></rule>
           <rule id="R1" stage="weekly" severity="urgent"><title>t</title><cite ref="GP-1"/><warn when="q.share"/></rule>)"));
    std::string all;
    for (const auto& x : d) all += x.message + "\n";
    BOOST_TEST(all.find("unknown source NOPE") != std::string::npos);
    BOOST_TEST(all.find("cannot compare yes/no with number") != std::string::npos);
    BOOST_TEST(all.find("duplicate rule id R1") != std::string::npos);
    BOOST_TEST(all.find("stage must be") != std::string::npos);
    BOOST_TEST(all.find("severity must be") != std::string::npos);
    BOOST_TEST(all.find("must be a yes/no condition") != std::string::npos);
    BOOST_TEST(d.size() == 6u);
}

BOOST_AUTO_TEST_CASE(a_bad_parameter_value_is_an_error) {
    const auto d = errors_of(test::rulebook_xml(kGoodRule, R"(<param name="oops" type="percent" value="lots"/>)"));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message.find("parameter oops") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(doctype_is_refused) {
    const auto d = errors_of("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><rulebook id=\"x\" version=\"1\"/>");
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message.find("DOCTYPE") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(template_errors_are_located) {
    const auto d = errors_of(test::rulebook_xml(
        R"(<rule id="R1" stage="tender" severity="major"><title>t</title><cite ref="GP-1"/><fail when="eq.policy = no"/><message>Found {eq.pollicy}</message></rule>)"));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].source_line.substr(static_cast<size_t>(d[0].column - 1), 10) == "eq.pollicy");
}

// Every text a rule shows is a template: a placeholder that does not resolve, or a brace that
// is neither a placeholder's nor doubled, is an error at its place in whichever text holds it.
BOOST_AUTO_TEST_CASE(an_unresolvable_placeholder_is_located_in_every_kind_of_text) {
    struct Case {
        std::string kind;  // the element holding the text; "fail" is the decision's own message
        std::string text;
        std::string at;       // what the caret must sit under
        std::string message;  // part of the error
    };
    const std::vector<Case> cases = {
        {"title", "Turnover above {param.treshold}", "param.treshold", "unknown parameter 'treshold' (did you mean param.threshold?)"},
        {"title", "Policy of {eq.policy}", "eq.policy", "'eq.policy' reads what is judged, but a title is shown without it"},
        {"title", "Term of {days_between(contract.start, contract.end)} days", "days_between(", "a title is shown without it"},
        {"fail", "No policy at {supplier.turnover &gt; }", "}", "ends too soon"},
        {"message", "Found {eq.pollicy}", "eq.pollicy", "unknown field 'eq.pollicy' (did you mean eq.policy?)"},
        {"expected", "At least {param.treshold}", "param.treshold", "unknown parameter 'treshold'"},
        {"found", "B1 = {eq.polcy}", "eq.polcy", "unknown field 'eq.polcy'"},
        {"remedy", "Set at least {param.sv_weighting_min} at re-procurement.", "param.sv_weighting_min",
         "unknown parameter 'sv_weighting_min'"},
        {"remedy", "Ask &amp; chase {param.nope}", "param.nope", "unknown parameter 'nope'"},
        {"remedy", "Ask for it } soon", "} soon", "'}' without a matching '{'"},
        {"expected", "At least {param.threshold of turnover", "{param.threshold", "'{' is not closed"},
        {"found", "{} found", "}", "ends too soon"},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT("<" << c.kind << ">" << c.text) {
            const std::string text = "<" + c.kind + ">" + c.text + "</" + c.kind + ">";
            const std::string rule = std::string("<rule id=\"R1\" stage=\"tender\" severity=\"major\">\n      ") +
                                     (c.kind == "title" ? text : "<title>t</title>") + "<cite ref=\"GP-1\"/>\n      " +
                                     (c.kind == "fail" ? "<fail when=\"eq.policy = no\">" + c.text + "</fail>"
                                                       : "<fail when=\"eq.policy = no\"/>") +
                                     "\n      " + (c.kind == "title" || c.kind == "fail" ? "" : text) + "</rule>";
            const auto d = errors_of(test::rulebook_xml(rule));
            BOOST_REQUIRE_EQUAL(d.size(), 1u);
            BOOST_TEST(d[0].message.find(c.message) != std::string::npos, d[0].message);
            BOOST_TEST(d[0].source_line.find(c.text) != std::string::npos);
            BOOST_TEST(d[0].source_line.substr(static_cast<size_t>(d[0].column - 1), c.at.size()) == c.at);
            BOOST_TEST(d[0].display().find("broken.xml:" + std::to_string(d[0].line) + ":" + std::to_string(d[0].column) +
                                           ": error: ") == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_title_shows_its_parameters_and_doubled_braces_are_literal) {
    const Rulebook rb = test::load(
        R"(<rule id="R1" stage="tender" severity="major"><title>Turnover of {param.threshold} or more, at least {param.warn}</title><cite ref="GP-1"/>
             <fail when="eq.policy = no"/><remedy>Write {{eq.policy}} as {eq.policy}; aim for {param.warn}.</remedy></rule>)");
    BOOST_TEST(rb.rules[0].title == "Turnover of £36,000,000 or more, at least 80%");
    BOOST_REQUIRE(rb.rules[0].remedy_template);
    BOOST_TEST(rb.rules[0].remedy_template->render_parameters() == "Write {eq.policy} as {eq.policy}; aim for 80%.");
}

BOOST_AUTO_TEST_CASE(the_dictionary_reads_periods_in_the_rulebook_s_quarters) {
    // Importers read a return's period with the dictionary alone: it carries the scheme.
    std::string xml = test::rulebook_xml(kGoodRule);
    BOOST_TEST((load_rulebook_text(xml, "f.xml").fields.quarters() == QuarterScheme::Financial));
    const std::string financial = "quarters=\"financial\"";
    xml.replace(xml.find(financial), financial.size(), "quarters=\"calendar\"");
    BOOST_TEST((load_rulebook_text(xml, "c.xml").fields.quarters() == QuarterScheme::Calendar));
}

BOOST_AUTO_TEST_CASE(a_rule_test_s_period_is_read_as_a_return_s_and_refused_saying_why) {
    const char* rule = R"(<rule id="R1" stage="quarterly" severity="major"><title>t</title><cite ref="GP-1"/><fail when="q.share &lt; 0.5"/>
        <test name="as typed" expect="fail" period="Oct&#8211;Dec 2025"><given field="q.share">40%</given></test>
        <test name="not a quarter" expect="fail" period="Nov-Jan 2026"><given field="q.share">40%</given></test></rule>)";
    const auto d = errors_of(test::rulebook_xml(rule));
    BOOST_REQUIRE_EQUAL(d.size(), 1u);
    BOOST_TEST(d[0].message == "period must look like 2026-Q2: Nov 2025 to Jan 2026 is not one quarter: the rulebook's quarters "
                               "(of the financial year) are Apr-Jun, Jul-Sep, Oct-Dec and Jan-Mar");
}

BOOST_AUTO_TEST_CASE(a_due_date_may_be_a_days_parameter) {
    for (const char* param : {R"(<param name="due" type="days" value="4 weeks">Due.</param>)",
                              R"(<param name="due" type="integer" value="28">Due.</param>)"}) {
        std::string xml = test::rulebook_xml(kGoodRule, param);
        xml.replace(xml.find("</parameters>"), 13, "</parameters>\n  <schedule due-days=\"due\"/>");
        const Rulebook rb = load_rulebook_text(xml, "due.xml");
        BOOST_TEST_CONTEXT(param) {
            BOOST_TEST_REQUIRE(rb.return_due_days().has_value());
            BOOST_TEST(*rb.return_due_days() == 28);
        }
    }
}
