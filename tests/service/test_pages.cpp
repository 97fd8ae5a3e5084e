// The auditors' pages: what each one says (rendered in-process from made-up data, so every
// case is exact), and over HTTP the contract page on the samples and the HTML error pages
// (a page route answers a page, the API JSON).

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "model/contract_status.hpp"
#include "model/provenance.hpp"
#include "rulebook/rulebook.hpp"
#include "rulebook/rulebook_loader.hpp"
#include "service/api_server.hpp"
#include "service/pages/contract.hpp"
#include "service/pages/error.hpp"
#include "service/pages/portfolio.hpp"
#include "service/pages/run.hpp"
#include "service/pages/time_text.hpp"

using namespace fairgate;
namespace pages = fairgate::service::pages;
using fairgate::test::HttpReply;
using fairgate::test::Server;

#define REQUIRE_REPLY(reply, code)                                                         \
    do {                                                                                   \
        const HttpReply checked_reply_ = (reply);                                          \
        BOOST_REQUIRE_MESSAGE(checked_reply_.status == (code), checked_reply_.describe()); \
    } while (0)

namespace {

bool has(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

size_t count_of(const std::string& html, const std::string& text) {
    size_t n = 0;
    for (size_t at = html.find(text); at != std::string::npos; at = html.find(text, at + 1)) ++n;
    return n;
}

pages::PageFrame bexley_frame() {
    pages::PageFrame frame = test::viewed_by("auditor-1, role auditor", "csrf-token");
    frame.council = "London Borough of Bexley";
    frame.rulebook_id = "bexley";
    frame.rulebook_version = "2026.1";
    return frame;
}

Finding finding(const std::string& rule, Outcome outcome, Severity severity, const std::string& period) {
    Finding f;
    f.contract_id = "BX-1";
    f.rule_id = rule;
    f.rule_title = "Title of " + rule;
    f.outcome = outcome;
    f.severity = severity;
    f.period = period;
    f.stage = period.empty() ? Stage::Contract : Stage::Quarterly;
    f.message = "Message of " + rule + " in " + period;
    f.remedy = "Remedy of " + rule;
    f.citations = {"GP-" + rule};
    return f;
}

// A red contract: a mandatory rule failed in 2026-Q1 on a worksheet cell's value, a warning
// in 2026-Q2, a pass about the contract as a whole.
struct RedContract {
    ContractPosition position;
    std::vector<StoredFinding> findings;
    RedContract() {
        position.outcome.contract_id = "BX-1";
        position.outcome.status = ContractStatus::Red;
        position.title = "Home care";
        position.supplier_name = "Care Ltd";
        position.category = "Adult Social Care";
        position.run_id = "R-1";
        Finding fail = finding("EQ-1", Outcome::Fail, Severity::Mandatory, "2026-Q1");
        fail.evidence.push_back(
            {"policy.equality", "No", Provenance::cell(FileName("BX-1_2026-Q1.xlsx"), "Questionnaire", 14, 3)});
        findings.push_back({fail, "R-1"});
        findings.push_back({finding("SV-2", Outcome::Warn, Severity::Minor, "2026-Q2"), "R-1"});
        findings.push_back({finding("CT-3", Outcome::Pass, Severity::Major, ""), "R-1"});
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(pages_suite)

BOOST_AUTO_TEST_CASE(every_page_sits_in_the_frame) {
    const std::string html = pages::portfolio_page({}, {}, bexley_frame());
    BOOST_TEST(html.rfind("<!DOCTYPE html>", 0) == 0u);
    BOOST_TEST(has(html, "<a class=\"skip\" href=\"#main\">Skip to main content</a>"));
    BOOST_TEST(has(html, "<header>"));
    BOOST_TEST(has(html, "<p class=\"product\">fairgate</p>"));
    BOOST_TEST(has(html, "London Borough of Bexley"));
    BOOST_TEST(has(html, "<nav aria-label=\"Main\">"));
    BOOST_TEST(has(html, "<a href=\"/\" aria-current=\"page\">Contracts</a>"));
    BOOST_TEST(has(html, "<a href=\"/upload\">Upload returns</a>"));
    BOOST_TEST(has(html, "<form method=\"post\" action=\"/logout\">"));
    BOOST_TEST(has(html, "<main id=\"main\""));
    BOOST_TEST(has(html, "<footer>"));
    BOOST_TEST(has(html, "the rulebook bexley version 2026.1"));
    BOOST_TEST(count_of(html, "<h1") == 1u);
    BOOST_TEST(!has(html, "<script"));
}

// With the rulebook, evidence names each answer as the supplier's form does: its question
// reference, with the scope it was read in; a name the rulebook does not know stays as it is.
BOOST_AUTO_TEST_CASE(contract_page_evidence_by_question_reference) {
    const Rulebook rb = load_rulebook(std::string(FAIRGATE_SOURCE_DIR) + "/rules/bexley.xml");
    RedContract c;
    c.findings[0].finding.evidence.push_back({"tender return: eq.eqia_contribution", "Yes", Provenance{}});
    const std::string html = pages::contract_page(c.position, c.findings, {}, bexley_frame(), &rb);
    BOOST_TEST(has(html, "<li>tender return: B11: Yes</li>"));
    BOOST_TEST(!has(html, "eq.eqia_contribution"));
    BOOST_TEST(has(html, "<li>policy.equality: No"), "not a field of the rulebook: as given");
}

BOOST_AUTO_TEST_CASE(contract_page_says_status_why_what_to_do_and_evidence) {
    const RedContract c;
    const std::string html = pages::contract_page(c.position, c.findings, {}, bexley_frame());
    BOOST_TEST(has(html, "<h1>Contract BX-1</h1>"));
    BOOST_TEST(count_of(html, "<h1") == 1u);
    BOOST_TEST(has(html, "Status: Red"));
    BOOST_TEST(has(html, "Red because 1 mandatory or major rule failed"));
    BOOST_TEST(has(html, "<strong>EQ-1</strong> Title of EQ-1 (failed, mandatory, 2026-Q1)"));
    BOOST_TEST(has(html, std::string(status_rule_text())));
    // What to do: the failed finding's remedy; the warning is not an action.
    const size_t actions = html.find("What to do next");
    BOOST_REQUIRE(actions != std::string::npos);
    BOOST_TEST(html.find("Remedy of EQ-1", actions) < html.find("History by quarter"));
    BOOST_TEST(!has(html, "Remedy of SV-2"));
    // The finding with the file and cell its value came from, and its clause.
    BOOST_TEST(has(html, "policy.equality: No <span class=\"place\">(from BX-1_2026-Q1.xlsx, Questionnaire!C14)</span>"));
    BOOST_TEST(has(html, "GP-EQ-1"));
    BOOST_TEST(has(html, "<caption>3 of 3 findings</caption>"));
    // Worst first: the failure before the warning before the pass.
    BOOST_TEST(html.find("Message of EQ-1") < html.find("Message of SV-2"));
    BOOST_TEST(html.find("Message of SV-2") < html.find("Message of CT-3"));
    // The history: an SVG image with its title and description, and its numbers as a table.
    BOOST_TEST(has(html, "<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\""));
    BOOST_TEST(has(html, "<title id=\"chart-title\">Findings to act on by quarter, BX-1</title>"));
    BOOST_TEST(has(html, "<desc id=\"chart-desc\">"));
    BOOST_TEST(has(html, "<caption>Findings by quarter (the numbers of the chart)</caption>"));
    BOOST_TEST(has(html, "<th scope=\"row\">2026-Q1</th><td>1</td><td>0</td><td>0</td><td>0</td>"));
    BOOST_TEST(has(html, "<th scope=\"row\">2026-Q2</th><td>0</td><td>0</td><td>1</td><td>0</td>"));
    // The workbook, and the filter form with a label for each control.
    BOOST_TEST(has(html, "href=\"/api/v1/contracts/BX-1/workbook\" download"));
    for (const char* control : {"outcome", "rule", "quarter"})
        BOOST_TEST(has(html, std::string("<label for=\"") + control + "\">"), control);
}

BOOST_AUTO_TEST_CASE(contract_page_filters_findings_and_says_when_none_match) {
    const RedContract c;
    pages::FindingFilter warn;
    warn.outcome = Outcome::Warn;
    std::string html = pages::contract_page(c.position, c.findings, warn, bexley_frame());
    BOOST_TEST(has(html, "<caption>1 of 3 findings (filtered)</caption>"));
    BOOST_TEST(has(html, "Message of SV-2"));
    BOOST_TEST(!has(html, "Message of EQ-1"));
    BOOST_TEST(has(html, "<option value=\"warn\" selected>"));
    BOOST_TEST(has(html, "Clear the filter"));

    pages::FindingFilter none;
    none.quarter = "2020-Q1";
    html = pages::contract_page(c.position, c.findings, none, bexley_frame());
    BOOST_TEST(has(html, "No findings match this filter."));
    BOOST_TEST(has(html, "<a href=\"/contracts/BX-1#findings\">Clear the filter</a>"));

    pages::FindingFilter rule;
    rule.rule = "CT-3";
    html = pages::contract_page(c.position, c.findings, rule, bexley_frame());
    BOOST_TEST(has(html, "<caption>1 of 3 findings (filtered)</caption>"));
    BOOST_TEST(has(html, "Message of CT-3"));
}

BOOST_AUTO_TEST_CASE(contract_page_without_findings_says_what_to_do) {
    ContractPosition p;
    p.outcome.contract_id = "BX-2";
    p.outcome.status = ContractStatus::Green;
    const std::string html = pages::contract_page(p, {}, {}, bexley_frame());
    BOOST_TEST(has(html, "Status: Green"));
    BOOST_TEST(has(html, "No findings are stored for this contract."));
    BOOST_TEST(has(html, "href=\"/upload\""));
    BOOST_TEST(has(html, "no history to chart"));
    BOOST_TEST(!has(html, "<svg"));
}

BOOST_AUTO_TEST_CASE(portfolio_empty_states_say_what_to_do) {
    std::string html = pages::portfolio_page({}, {}, bexley_frame());
    BOOST_TEST(has(html, "No contracts have been judged yet."));
    BOOST_TEST(has(html, "<a href=\"/upload\">upload them</a>"));
    BOOST_TEST(has(html, "inbox folder"));
    BOOST_TEST(!has(html, "<table"));

    ContractPosition p;
    p.outcome.contract_id = "BX-1";
    p.outcome.status = ContractStatus::Red;
    html = pages::portfolio_page({p}, {ContractStatus::Green, ""}, bexley_frame());
    BOOST_TEST(has(html, "No contracts match this filter."));
    BOOST_TEST(has(html, "<a href=\"/\">Clear the filter</a>"));
    // With a row, its id links to the contract's page.
    html = pages::portfolio_page({p}, {}, bexley_frame());
    BOOST_TEST(has(html, "<th scope=\"row\"><a href=\"/contracts/BX-1\">BX-1</a></th>"));
}

BOOST_AUTO_TEST_CASE(run_page_lists_refused_files_first_with_rule_titles_and_readable_times) {
    Run run;
    run.id = "R-1";
    run.started_at = "2026-12-06T17:28:33Z";
    run.finished_at = "2026-12-06T17:29:01.250Z";
    FileResult ok;
    ok.file.name = "a-fine-return.xlsx";
    ok.status = FileStatus::Imported;
    FileResult refused;
    refused.file.name = "z-broken-return.xlsx";
    refused.status = FileStatus::Quarantined;
    refused.reason = "the workbook has no Questionnaire sheet";
    run.files = {ok, refused};
    ContractOutcome c;
    c.contract_id = "BX-1";
    run.contracts = {c};
    run.rule_outcomes["EQ-1"][static_cast<size_t>(Outcome::Fail)] = 2;
    Rulebook rulebook;
    Rule rule;
    rule.id = "EQ-1";
    rule.title = "Equality policy in place";
    rulebook.rules.push_back(rule);

    const std::string html = pages::run_page(run, rulebook, bexley_frame());
    const size_t refused_at = html.find("z-broken-return.xlsx");
    BOOST_REQUIRE(refused_at != std::string::npos);
    BOOST_TEST(refused_at < html.find("a-fine-return.xlsx"), "the refused file comes first");
    BOOST_TEST(has(html, "1 file refused, with the reason"));
    BOOST_TEST(has(html, "the workbook has no Questionnaire sheet"));
    BOOST_TEST(has(html, "<caption>1 other files read</caption>"));
    BOOST_TEST(has(html, "EQ-1 Equality policy in place"));
    BOOST_TEST(has(html, "6 December 2026 at 17:28:33 UTC"));
    BOOST_TEST(has(html, "6 December 2026 at 17:29:01 UTC"));
    BOOST_TEST(has(html, "<a href=\"/contracts/BX-1\">BX-1</a>"));
}

BOOST_AUTO_TEST_CASE(readable_time_leaves_what_it_cannot_read) {
    BOOST_TEST(pages::readable_time("2026-01-31T09:05:00Z") == "31 January 2026 at 09:05:00 UTC");
    BOOST_TEST(pages::readable_time("yesterday") == "yesterday");
    BOOST_TEST(pages::readable_time("2026-13-01T00:00:00Z") == "2026-13-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(error_page_says_what_happened_and_links_home) {
    const std::string html = pages::error_page(404, "no contract <b> has been judged", bexley_frame());
    BOOST_TEST(has(html, "<h1>Page not found</h1>"));
    BOOST_TEST(has(html, "no contract &lt;b&gt; has been judged (HTTP 404)"));
    BOOST_TEST(has(html, "<a href=\"/\">Go to the list of contracts</a>"));
    BOOST_TEST(has(html, "<nav aria-label=\"Main\">"));
}

// Over HTTP: a page route's refusal is a page, the API's is JSON.
BOOST_AUTO_TEST_CASE(page_routes_answer_html_errors_and_the_api_json) {
    Server s("pages_errors");
    const std::string cookie = test::sign_in(s, s.f.auditor_token);
    const test::HttpClient::Headers with_cookie{{"Cookie", cookie}};

    HttpReply r = s.http.get("/contracts/NO-SUCH", "", with_cookie);
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(has(r.body, "<h1>Page not found</h1>"));
    BOOST_TEST(has(r.body, "no contract NO-SUCH has been judged"));
    BOOST_TEST(has(r.body, "Signed in as auditor-1"));

    r = s.http.get("/api/v1/contracts/NO-SUCH", s.f.auditor_token);
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.header("Content-Type").rfind("application/json", 0) == 0u);
    BOOST_TEST(r.json()->getObject("error")->getValue<int>("status") == 404);

    // No such page at all, signed in or not: a page too; no such API resource: JSON.
    r = s.http.get("/no/such/page");
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(has(r.body, "<a href=\"/login\">Sign in</a>"));
    r = s.http.get("/api/v1/no-such", s.f.auditor_token);
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.header("Content-Type").rfind("application/json", 0) == 0u);

    // A filter that cannot be read: 400, as a page.
    r = s.http.get("/contracts/NO-SUCH?outcome=bogus", "", with_cookie);
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(has(r.body, "outcome must be fail, missing, warn, refer or pass"));
    r = s.http.get("/?status=purple", "", with_cookie);
    BOOST_TEST(r.status == 400);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
    // A method a page does not take: 405 as a page, with its Allow header.
    r = s.http.request("POST", "/contracts/NO-SUCH", "", "", "text/plain", with_cookie);
    BOOST_TEST(r.status == 405);
    BOOST_TEST(r.header("Allow") == "GET");
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
}

// Over HTTP on the samples: the portfolio links each contract to its page, which shows its
// findings with their evidence and its history.
BOOST_AUTO_TEST_CASE(contract_page_over_http_on_the_samples) {
    Server s("pages_contract");
    REQUIRE_REPLY(s.upload_sample("register/contract-register.csv"), 201);
    for (const char* q : {"quarterly/BX-2025-0151/BX-2025-0151_2025-Q3.xlsx",
                          "quarterly/BX-2025-0151/BX-2025-0151_2026-Q1.xlsx"})
        REQUIRE_REPLY(s.upload_sample(q), 201);
    const std::string cookie = test::sign_in(s, s.f.auditor_token);
    const test::HttpClient::Headers with_cookie{{"Cookie", cookie}};

    HttpReply r = s.http.get("/", "", with_cookie);
    REQUIRE_REPLY(r, 200);
    BOOST_TEST(has(r.body, "<a href=\"/contracts/BX-2025-0151\">BX-2025-0151</a>"));
    r = s.http.get("/contracts/BX-2025-0151", "", with_cookie);
    REQUIRE_REPLY(r, 200);
    BOOST_TEST(r.header("Content-Type").rfind("text/html", 0) == 0u);
    BOOST_TEST(has(r.body, "<h1>Contract BX-2025-0151</h1>"));
    BOOST_TEST(has(r.body, "Status: "));
    BOOST_TEST(has(r.body, "What to do next"));
    BOOST_TEST(has(r.body, "<svg role=\"img\""));
    BOOST_TEST(has(r.body, "BX-2025-0151_2026-Q1.xlsx"), "a finding's evidence names the file it was read from");
    BOOST_TEST(has(r.body, "London Borough of Bexley"), "the banner names the rulebook's council");
    BOOST_TEST(!has(r.body, "<script"));
    // Filtered on the server: passes only.
    r = s.http.get("/contracts/BX-2025-0151?outcome=pass", "", with_cookie);
    REQUIRE_REPLY(r, 200);
    BOOST_TEST(has(r.body, "(filtered)</caption>"));
    BOOST_TEST(!has(r.body, "<tr><td>Failed</td>"));
}

BOOST_AUTO_TEST_SUITE_END()
