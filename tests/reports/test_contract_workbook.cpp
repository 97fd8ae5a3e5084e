// The per-contract compliance workbook: built from hand-made findings, read back with
// Poco::Zip and pugixml.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include <pugixml.hpp>

#include "model/content_hash.hpp"
#include "reports/contract_history.hpp"
#include "reports/contract_workbook.hpp"
#include "report_fixture.hpp"
#include "support/xlsx_reader.hpp"
#include "rulebook/rulebook_loader.hpp"

using namespace fairgate;
using namespace fairgate::reports;
using fairgate::test::bexley;
using fairgate::test::read_bytes;
using fairgate::test::scratch;
namespace fs = std::filesystem;

namespace {




std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file()) names.push_back(fs::relative(e.path(), dir).string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// Row heights a sheet's XML sets, by 1-based row number: rows at the default height are
/// absent.
std::map<unsigned, double> row_heights(const std::string& sheet_xml) {
    pugi::xml_document doc;
    BOOST_REQUIRE(doc.load_string(sheet_xml.c_str()));
    std::map<unsigned, double> heights;
    for (pugi::xml_node row : doc.child("worksheet").child("sheetData").children("row")) {
        if (row.attribute("ht")) heights[row.attribute("r").as_uint()] = row.attribute("ht").as_double();
    }
    return heights;
}

/// How Excel holds `d`: its serial day number, as the cell's text reads back.
std::string serial(int y, int m, int d) {
    return std::to_string(Date::from_ymd(y, m, d).days() + 25569);
}

const char* const kEvil = "=HYPERLINK(\"http://evil.example/\",\"Click for details\")";

Finding finding(std::string rule, Outcome outcome, Severity severity, Stage stage) {
    Finding f;
    f.rule_id = std::move(rule);
    f.outcome = outcome;
    f.severity = severity;
    f.stage = stage;
    f.contract_id = "BX-2025-0142";
    f.rulebook_id = "lbb-equality-social-value";
    f.rulebook_version = "2026.1";
    if (const Rule* r = bexley().rule(f.rule_id)) {
        f.rule_title = r->title;
        f.remedy = r->remedy;
        f.citations = r->citations;
    }
    return f;
}

/// Sets `field` of `record` to `value`, as an importer would from `where`.
void answer(Record& record, const std::string& field, Value value, std::string raw, Provenance where) {
    record.set(bexley().fields.find(field)->id, Answer{std::move(value), std::move(raw), std::move(where)});
}

/// One contract with two bidders' tender returns and two quarters, and a finding of each kind.
struct Portfolio {
    Contract contract;
    SupplierReturn tender, rival, q1, q2;
    ContractReport report;

    Portfolio() {
        const Rulebook& rb = bexley();
        contract.id = "BX-2025-0142";
        contract.tender_id = "BX-T-2025-017";
        contract.title = "Adult day opportunities";
        contract.category = "Adult social care";
        contract.supplier_id = "01234567";
        contract.supplier_name = "Riverside Care Ltd";
        contract.start = Date::from_ymd(2025, 4, 1);
        contract.end = Date::from_ymd(2028, 3, 31);
        contract.source_name = "register.csv";
        contract.source_sha256 = std::string(64, 'c');
        contract.fields.set(rb.fields.find("contract.value")->id,
                            Answer{Value::money_pence(125000000), "1250000", {"register.csv", "line 4, column 6"}});

        tender.kind = ReturnKind::Tender;
        tender.tender_id = contract.tender_id;
        tender.supplier_id = "01234567";
        tender.supplier_name = "Riverside Care Ltd";
        tender.submitted = Date::from_ymd(2025, 2, 10);
        tender.source_name = "riverside tender.xlsx";
        tender.source_sha256 = std::string(64, 'a');
        answer(tender.answers, "eq.policy", Value::yes_no(true), "Yes", {"riverside tender.xlsx", "Questionnaire!C9"});
        answer(tender.answers, "sv.local_jobs_fte", Value::number(8), "8", {"riverside tender.xlsx", "Questionnaire!C40"});

        rival = tender;
        rival.supplier_id = "99999999";
        rival.supplier_name = kEvil;
        rival.source_name = "rival.csv";
        rival.source_sha256 = std::string(64, 'b');
        rival.answers = Record();
        answer(rival.answers, "eq.policy", Value::invalid(FieldType::YesNo, kEvil, "not yes or no"), kEvil,
               {"rival.csv", "line 2, column 9"});
        answer(rival.answers, "sv.local_jobs_fte", Value::absent(), "", {"rival.csv", "line 2, column 20"});

        q1.kind = ReturnKind::Quarterly;
        q1.contract_id = contract.id;
        q1.supplier_id = "01234567";
        q1.supplier_name = "Riverside Care Ltd";
        q1.period = Quarter{2026, 1};
        q1.submitted = Date::from_ymd(2026, 7, 20);
        q1.source_name = "Q1 return.xlsx";
        q1.source_sha256 = std::string(64, 'd');
        answer(q1.answers, "q.recorded.age", Value::percent(0.7), "70%", {"Q1 return.xlsx", "Questionnaire!C14"});
        answer(q1.answers, "q.recorded.race", Value::percent(0.85), "85%", {"Q1 return.xlsx", "Questionnaire!C19"});
        answer(q1.answers, "q.discrimination_complaints", Value::integer(2), "2", {"Q1 return.xlsx", "Questionnaire!C24"});
        answer(q1.answers, "q.sv.local_jobs_fte", Value::number(1.5), "1.5", {"Q1 return.xlsx", "Questionnaire!C40"});
        q2 = q1;
        q2.period = Quarter{2026, 2};
        q2.submitted = Date::from_ymd(2026, 10, 31);  // three days after the 28 days allowed
        q2.source_name = "Q2 return.xlsx";
        q2.source_sha256 = std::string(64, 'e');
        q2.answers = Record();
        answer(q2.answers, "q.recorded.age", Value::percent(0.55), "55%", {"Q2 return.xlsx", "Questionnaire!C14"});
        answer(q2.answers, "q.recorded.race", Value::percent(0.9), "90%", {"Q2 return.xlsx", "Questionnaire!C19"});
        answer(q2.answers, "q.discrimination_complaints", Value::integer(0), "0", {"Q2 return.xlsx", "Questionnaire!C24"});
        answer(q2.answers, "q.sv.local_jobs_fte", Value::number(2), "2", {"Q2 return.xlsx", "Questionnaire!C40"});

        // Deliberately not in time order: the latest quarter must still name the workbook.
        report.contract = &contract;
        report.returns = {&tender, &rival, &q2, &q1};
        report.rulebook = &rb;
        report.data_date = "2026-10-31";
        report.fairgate_version = "0.1.0";

        Finding pass = finding("TND-EQ-POLICY", Outcome::Pass, Severity::Mandatory, Stage::Tender);
        pass.subject_id = tender.id();
        pass.tender_id = tender.tender_id;
        pass.supplier_id = tender.supplier_id;
        pass.message = "A written equality policy is in place.";
        // A rule without its own <found> text: the judge writes internal field names.
        pass.evidence.push_back({"eq.policy", "Yes", {"riverside tender.xlsx", "Questionnaire!C9"}});
        pass.found = "eq.policy = Yes";

        Finding evil = finding("TND-EQ-POLICY", Outcome::Fail, Severity::Mandatory, Stage::Tender);
        evil.subject_id = rival.id();
        evil.tender_id = rival.tender_id;
        evil.supplier_id = rival.supplier_id;
        evil.message = "No written equality policy.";
        evil.found = "=1+1";
        evil.evidence.push_back({"eq.policy", kEvil, {"rival.csv", "line 2, column 9"}});

        Finding monitoring = finding("QTR-EQUALITY-MONITORING", Outcome::Fail, Severity::Major, Stage::Quarterly);
        monitoring.subject_id = q2.id();
        monitoring.supplier_id = q2.supplier_id;
        monitoring.period = "2026-Q2";
        monitoring.message = "Only 55% of service users have age recorded; at least 80% is expected.";
        monitoring.expected = "at least 80%";
        monitoring.found = "55%";
        monitoring.evidence.push_back({"q.recorded.age", "55%", {"Q2 return.xlsx", "Questionnaire!C14"}});
        monitoring.evidence.push_back({"q.recorded.race", "90%", {"Q2 return.xlsx", "Questionnaire!C19"}});

        Finding easy_read = finding("QTR-EASY-READ", Outcome::Warn, Severity::Minor, Stage::Quarterly);
        easy_read.subject_id = q1.id();
        easy_read.supplier_id = q1.supplier_id;
        easy_read.period = "2026-Q1";
        easy_read.message = "Easy Read information was not available this quarter.";

        Finding kpis = finding("CON-KPIS", Outcome::NotApplicable, Severity::Major, Stage::Contract);
        kpis.subject_id = "contract:" + contract.id;
        kpis.message = "The contract is under the value that needs KPIs.";

        report.findings = {pass, kpis, easy_read, monitoring, evil};
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(contract_workbook)

BOOST_AUTO_TEST_CASE(path_names_contract_and_latest_quarter) {
    Portfolio p;
    BOOST_TEST(workbook_path("out", p.report) ==
               (fs::path("out") / "BX-2025-0142" / "BX-2025-0142 2026-Q2 compliance.xlsx").string());

    p.report.returns = {&p.tender};  // no quarterly return: the data date names it
    BOOST_TEST(workbook_path("out", p.report) ==
               (fs::path("out") / "BX-2025-0142" / "BX-2025-0142 2026-10-31 compliance.xlsx").string());
}

BOOST_AUTO_TEST_CASE(path_replaces_unsafe_characters_and_stays_inside_out) {
    Portfolio p;
    p.report.returns = {};
    p.contract.id = "BX/2025:01*42?\"<>|\\\x01";
    const std::string escaped = "BX%2F2025%3A01%2A42%3F%22%3C%3E%7C%5C%01";
    BOOST_TEST(workbook_path("out", p.report) ==
               (fs::path("out") / escaped / (escaped + " 2026-10-31 compliance.xlsx")).string());

    for (const std::string id : {"..", ".", "../..", "", "/etc/passwd"}) {
        BOOST_TEST_CONTEXT("id '" << id << "'") {
            p.contract.id = id;
            const fs::path path = workbook_path("out", p.report);
            const fs::path folder = path.parent_path();
            BOOST_TEST(folder.parent_path() == fs::path("out"));
            BOOST_TEST(folder.filename() != "..");
            BOOST_TEST(folder.filename() != ".");
            BOOST_TEST(path.lexically_normal().string().rfind("out/", 0) == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(workbook_has_the_eight_sheets) {
    Portfolio p;
    const fs::path dir = scratch("sheets");
    const std::string path = workbook_path(dir.string(), p.report);
    write_contract_workbook(p.report, path);
    test::XlsxFile x(path);
    BOOST_TEST(x.sheet_names() == (std::vector<std::string>{"Summary", "Findings", "Returns", "Return data", "History",
                                                            "Evidence", "Clauses", "Audit"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(findings_sorted_worst_first_with_their_text) {
    Portfolio p;
    const fs::path dir = scratch("findings");
    const std::string path = (dir / "w.xlsx").string();
    write_contract_workbook(p.report, path);
    const test::XlsxFile x(path);
    const test::XlsxSheet& s = x.sheet("Findings");

    const unsigned outcome = s.column("Outcome"), rule = s.column("Rule"), message = s.column("Message"),
                   where = s.column("Where"), citations = s.column("Citations"), supplier = s.column("Supplier"),
                   period = s.column("Period / return"), expected = s.column("Expected"), found = s.column("Found"),
                   remedy = s.column("Remedy");
    BOOST_REQUIRE(s.rows == 6u);
    // Fail before warn before pass before not applicable; mandatory before major.
    const std::vector<std::pair<std::string, std::string>> order = {{"Fail", "TND-EQ-POLICY"},
                                                                     {"Fail", "QTR-EQUALITY-MONITORING"},
                                                                     {"Warn", "QTR-EASY-READ"},
                                                                     {"Pass", "TND-EQ-POLICY"},
                                                                     {"Not applicable", "CON-KPIS"}};
    for (unsigned r = 0; r < order.size(); ++r) {
        BOOST_TEST_CONTEXT("row " << r + 1) {
            BOOST_TEST(s.at(r + 1, outcome) == order[r].first);
            BOOST_TEST(s.at(r + 1, rule) == order[r].second);
        }
    }
    BOOST_TEST(s.at(2, message) == "Only 55% of service users have age recorded; at least 80% is expected.");
    BOOST_TEST(s.at(2, where) == "Q2 return.xlsx!Questionnaire!C14\nQ2 return.xlsx!Questionnaire!C19");
    BOOST_TEST(s.at(2, citations) == "GP-1, OUT-5");
    BOOST_TEST(s.at(2, period) == "2026-Q2");
    BOOST_TEST(s.at(2, expected) == "at least 80%");
    BOOST_TEST(s.at(2, found) == "55%");
    BOOST_TEST(s.at(2, supplier) == "Riverside Care Ltd (01234567)");
    BOOST_TEST(!s.at(2, remedy).empty());
    BOOST_TEST(s.at(5, period) == "Contract record");
    // Nothing to remedy on a pass or a rule that did not apply, though the rule has a remedy.
    BOOST_TEST(!bexley().rule("TND-EQ-POLICY")->remedy.empty());
    BOOST_TEST(s.at(4, remedy).empty());
    BOOST_TEST(s.at(5, remedy).empty());
    BOOST_TEST(s.at(1, remedy) == bexley().rule("TND-EQ-POLICY")->remedy);
    // Found in the form's words: the question reference, not the internal field name.
    BOOST_TEST(s.at(4, found) == "B1 = Yes");
}

BOOST_AUTO_TEST_CASE(supplier_text_is_never_a_formula) {
    Portfolio p;
    const fs::path dir = scratch("formula");
    const std::string path = (dir / "w.xlsx").string();
    write_contract_workbook(p.report, path);
    test::XlsxFile x(path);

    int seen = 0;
    for (const std::string& name : x.sheet_names()) {
        for (const auto& [pos, cell] : x.sheet(name).cells) {
            BOOST_TEST_CONTEXT(name << " row " << pos.first << " column " << pos.second) {
                BOOST_TEST(!cell.has_formula);
                if (cell.text.find("=HYPERLINK") != std::string::npos || cell.text == "=1+1") {
                    ++seen;
                    BOOST_TEST(cell.type == "s");
                }
            }
        }
    }
    BOOST_TEST(seen >= 4);  // Findings supplier and found, Returns supplier, Evidence value
    const test::XlsxSheet& f = x.sheet("Findings");
    BOOST_TEST(f.at(1, f.column("Supplier")) == std::string(kEvil) + " (99999999)");
    BOOST_TEST(f.at(1, f.column("Found")) == "=1+1");
}

BOOST_AUTO_TEST_CASE(summary_states_position_and_status) {
    Portfolio p;
    const fs::path dir = scratch("summary");
    const std::string path = (dir / "w.xlsx").string();
    write_contract_workbook(p.report, path);
    const test::XlsxFile x(path);
    const test::XlsxSheet& s = x.sheet("Summary");

    BOOST_TEST(s.at(0, 0) == "Equality and social value compliance \xE2\x80\x94 Adult day opportunities");
    std::map<std::string, std::string> facts;
    for (unsigned r = 0; r < s.rows; ++r) {
        if (!s.at(r, 0).empty()) facts[s.at(r, 0)] = s.at(r, 1);
    }
    BOOST_TEST(facts["Overall status"] == "Red");
    BOOST_TEST(facts["Contract reference"] == "BX-2025-0142");
    BOOST_TEST(facts["Supplier"] == "Riverside Care Ltd");
    // Dates and figures are Excel dates and numbers, so they sort and add up.
    BOOST_TEST(facts["Start"] == serial(2025, 4, 1));
    BOOST_TEST(facts["End"] == serial(2028, 3, 31));
    BOOST_TEST(facts["Value"] == "1250000");
    BOOST_TEST(facts["Returns judged"] == "4");
    BOOST_TEST(facts["Rulebook"] == "lbb-equality-social-value version 2026.1");
    BOOST_TEST(facts["Position stated at"] == serial(2026, 10, 31));
    BOOST_TEST(facts["Latest period"] == "2026-Q2");
    BOOST_TEST(facts["fairgate version"] == "0.1.0");
    BOOST_TEST(facts["Fail"] == "2");
    BOOST_TEST(facts["Warn"] == "1");
    BOOST_TEST(facts["Pass"] == "1");
    BOOST_TEST(facts["Not applicable"] == "1");
    BOOST_TEST(facts["Total"] == "5");
    BOOST_TEST(facts["Mandatory"] == "1");
    BOOST_TEST(facts["Major"] == "1");
    BOOST_TEST(facts["Minor"] == "1");
    BOOST_TEST(facts["Advisory"] == "0");
    std::map<std::string, std::string> types;
    for (unsigned r = 0; r < s.rows; ++r) {
        if (s.cells.count({r, 1})) types[s.at(r, 0)] = s.cells.at({r, 1}).type;
    }
    for (const char* number : {"Start", "End", "Value", "Returns judged", "Position stated at", "Total"}) {
        BOOST_TEST_CONTEXT(number) { BOOST_TEST(types[number] == ""); }  // no t attribute: a number
    }
    BOOST_TEST(types["Contract reference"] == "s");
    BOOST_TEST(types["Latest period"] == "s");
    // The title spans the printed columns and wraps, its row as tall as two lines of it.
    const std::string xml = x.part("xl/worksheets/sheet1.xml");
    BOOST_TEST(xml.find("<mergeCell ref=\"A1:B1\"/>") != std::string::npos);
}

// A long title is printed whole in the footer: Excel's limit is 255 characters, codes
// included, and only a title longer than what is left is shortened, at a word's end.
BOOST_AUTO_TEST_CASE(page_footer_holds_the_whole_title_or_ends_at_a_word) {
    Portfolio p;
    p.contract.title = "Home to School Travel Assistance (SEND) - call-off from the London transport framework";
    const fs::path dir = scratch("footer");
    write_contract_workbook(p.report, (dir / "w.xlsx").string());
    const test::XlsxFile x((dir / "w.xlsx").string());
    for (unsigned i = 1; i <= 8; ++i) {
        const std::string xml = x.part("xl/worksheets/sheet" + std::to_string(i) + ".xml");
        BOOST_TEST(xml.find("<oddFooter>&amp;L" + p.contract.title + "&amp;RPage &amp;P of &amp;N</oddFooter>") !=
                   std::string::npos);
    }

    std::string words;
    while (words.size() < 300) words += "Supported living services ";
    p.contract.title = words;
    write_contract_workbook(p.report, (dir / "long.xlsx").string());
    const test::XlsxFile y((dir / "long.xlsx").string());
    const std::string xml = y.part("xl/worksheets/sheet1.xml");
    const std::size_t start = xml.find("<oddFooter>&amp;L") + 17, end = xml.find("&amp;RPage");
    BOOST_REQUIRE(end != std::string::npos);
    const std::string shown = xml.substr(start, end - start);
    BOOST_TEST(shown.size() > 200u);  // as much as fits, not 60 characters
    BOOST_TEST(shown.size() <= 255u - 17u + 2u);  // the ellipsis is three bytes, one character
    BOOST_TEST(shown.substr(shown.size() - 4) == " \xE2\x80\xA6");
    BOOST_TEST(words.find(shown.substr(0, shown.size() - 4) + " ") == 0u);  // ends at a whole word
}

/// The Summary's rows under `heading`, up to the next blank row: (column A, column B).
std::vector<std::pair<std::string, std::string>> section(const test::XlsxSheet& s, const std::string& heading) {
    std::vector<std::pair<std::string, std::string>> rows;
    unsigned r = 0;
    while (r < s.rows && s.at(r, 0) != heading) ++r;
    for (++r; r < s.rows && !(s.at(r, 0).empty() && s.at(r, 1).empty()); ++r) rows.emplace_back(s.at(r, 0), s.at(r, 1));
    return rows;
}

double number_at(const test::XlsxSheet& s, unsigned row, const std::string& header) {
    return std::stod(s.at(row, s.column(header)));
}

BOOST_AUTO_TEST_CASE(summary_lists_the_actions_that_matter_most) {
    Portfolio p;
    const fs::path dir = scratch("actions");
    write_contract_workbook(p.report, (dir / "w.xlsx").string());
    const test::XlsxFile x((dir / "w.xlsx").string());
    const auto actions = section(x.sheet("Summary"), "Actions that matter most");
    BOOST_REQUIRE(actions.size() == 3u);  // the three open findings; passes are not actions
    // Failures on mandatory and major rules first, then the rest.
    BOOST_TEST(actions[0].first == "1. " + bexley().rule("TND-EQ-POLICY")->title);
    BOOST_TEST(actions[0].second == "Fail, mandatory \xE2\x80\x94 Bid by " + std::string(kEvil) + " (99999999): " +
                                        bexley().rule("TND-EQ-POLICY")->remedy);
    BOOST_TEST(actions[1].first == "2. " + bexley().rule("QTR-EQUALITY-MONITORING")->title);
    BOOST_TEST(actions[1].second.find("2026-Q2 return: ") != std::string::npos);
    BOOST_TEST(actions[2].first == "3. " + bexley().rule("QTR-EASY-READ")->title);

    // Several subjects failing one rule make one action, not several.
    Portfolio q;
    Finding again = q.report.findings[3];
    again.period = "2026-Q1";
    again.subject_id = q.q1.id();
    q.report.findings.push_back(again);
    write_contract_workbook(q.report, (dir / "q.xlsx").string());
    const auto merged = section(test::XlsxFile((dir / "q.xlsx").string()).sheet("Summary"), "Actions that matter most");
    BOOST_REQUIRE(merged.size() == 3u);
    BOOST_TEST(merged[1].second.find("2026-Q2 return (and 1 other): ") != std::string::npos);

    // At most five, however many rules fail.
    Portfolio many;
    many.report.findings.clear();
    for (int i = 0; i < 8; ++i) {
        Finding f = finding("RULE-" + std::to_string(i), Outcome::Fail, i < 2 ? Severity::Minor : Severity::Major,
                            Stage::Contract);
        f.rule_title = "Rule " + std::to_string(i);
        many.report.findings.push_back(f);
    }
    write_contract_workbook(many.report, (dir / "many.xlsx").string());
    const auto five = section(test::XlsxFile((dir / "many.xlsx").string()).sheet("Summary"), "Actions that matter most");
    BOOST_REQUIRE(five.size() == 5u);
    for (const auto& a : five) BOOST_TEST(a.second.find("Fail, major") == 0u);  // minor ones wait
}

BOOST_AUTO_TEST_CASE(summary_lists_late_and_missing_returns) {
    Portfolio p;
    const fs::path dir = scratch("late");
    write_contract_workbook(p.report, (dir / "w.xlsx").string());
    const auto schedule = section(test::XlsxFile((dir / "w.xlsx").string()).sheet("Summary"), "Late or missing returns");
    // From the contract's start (1 Apr 2025, financial 2025-Q1) to the latest return, then a note.
    BOOST_REQUIRE(schedule.size() == 7u);
    for (unsigned i = 0; i < 4; ++i) {
        BOOST_TEST(schedule[i].first == "2025-Q" + std::to_string(i + 1));
        BOOST_TEST(schedule[i].second.find("Missing: no return received") == 0u);
    }
    BOOST_TEST(schedule[4].first == "2026-Q1");
    BOOST_TEST(schedule[4].second == "Received 20 Jul 2026, on time (due 28 Jul 2026)");
    BOOST_TEST(schedule[5].first == "2026-Q2");
    BOOST_TEST(schedule[5].second == "Received 31 Oct 2026, 3 days late (due 28 Oct 2026)");
    BOOST_TEST(schedule[6].first == "");

    // A rulebook without return_due_days: received or missing, lateness not judged.
    Rulebook rb = bexley();
    rb.parameters.erase("return_due_days");
    p.report.rulebook = &rb;
    const auto plain = detail::return_schedule(p.report);
    BOOST_REQUIRE(plain.size() == 6u);
    BOOST_TEST(!plain[5].due.has_value());
    BOOST_TEST(!plain[5].days_late.has_value());
    BOOST_TEST(plain[5].ret == &p.q2);
    BOOST_TEST(plain[0].ret == nullptr);

    // No quarterly return yet: nothing scheduled.
    p.report.returns = {&p.tender};
    BOOST_TEST(detail::return_schedule(p.report).empty());
}

BOOST_AUTO_TEST_CASE(return_data_lists_every_value_with_provenance) {
    Portfolio p;
    const fs::path dir = scratch("return-data");
    write_contract_workbook(p.report, (dir / "w.xlsx").string());
    const test::XlsxFile x((dir / "w.xlsx").string());
    const test::XlsxSheet& d = x.sheet("Return data");
    BOOST_TEST(d.rows == 14u);  // header + 1 contract + 2 tender + 2 rival + 4 + 4 quarterly
    const unsigned subject = d.column("Subject"), field = d.column("Field"), ref = d.column("Ref"),
                   value = d.column("Value"), state = d.column("State"), raw = d.column("Raw text"),
                   where = d.column("Where"), question = d.column("Question"), supplier = d.column("Supplier");
    BOOST_TEST(d.at(1, subject) == "Contract record");
    BOOST_TEST(d.at(1, field) == "contract.value");
    BOOST_TEST(d.at(1, value) == "1250000");  // a number, shown in pounds
    BOOST_TEST(d.cells.at({1, value}).type == "");
    BOOST_TEST(d.at(1, raw) == "1250000");
    BOOST_TEST(d.at(1, where) == "register.csv line 4, column 6");
    BOOST_TEST(d.at(2, subject) == "Tender BX-T-2025-017");
    BOOST_TEST(d.at(2, ref) == "B1");
    BOOST_TEST(d.at(2, question) == bexley().fields.find("eq.policy")->question);
    BOOST_TEST(d.at(2, value) == "Yes");
    BOOST_TEST(d.at(2, state) == "Valid");
    // The rival's unreadable answer: kept as typed, marked invalid with the reason, never a formula.
    BOOST_TEST(d.at(4, supplier) == std::string(kEvil) + " (99999999)");
    BOOST_TEST(d.at(4, state) == "Invalid: not yes or no");
    BOOST_TEST(d.at(4, raw) == kEvil);
    BOOST_TEST(d.at(5, state) == "Blank");
    BOOST_TEST(d.at(5, value) == "");
    BOOST_TEST(d.at(6, subject) == "2026-Q2");  // returns in the report's order: q2 before q1
    BOOST_TEST(d.at(6, value) == "0.55");  // a share, shown as a percentage
    BOOST_TEST(d.at(6, where) == "Q2 return.xlsx!Questionnaire!C14");
    BOOST_TEST(x.part("xl/worksheets/sheet4.xml").find("<pane ySplit=\"1\"") != std::string::npos);
    BOOST_TEST(x.part("xl/tables/table3.xml").find("name=\"ReturnDataTable\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(history_follows_the_key_measures_by_quarter) {
    Portfolio p;
    const fs::path dir = scratch("history");
    write_contract_workbook(p.report, (dir / "w.xlsx").string());
    const test::XlsxFile x((dir / "w.xlsx").string());
    const test::XlsxSheet& h = x.sheet("History");
    BOOST_REQUIRE(h.rows == 3u);
    BOOST_TEST(h.at(1, 0) == "2026-Q1");  // period order, whatever the report's order
    BOOST_TEST(h.at(2, 0) == "2026-Q2");
    BOOST_TEST(h.at(2, h.column("Submitted")) == serial(2026, 10, 31));
    // Charts: value axes from zero, named with their unit.
    const std::string chart = x.part("xl/charts/chart1.xml");
    BOOST_TEST(chart.find("<c:min val=\"0\"/>") != std::string::npos);
    BOOST_TEST(chart.find("Service users recorded (%)") != std::string::npos);
    const std::string completeness = "Monitoring completeness (lowest)";
    BOOST_TEST(number_at(h, 1, completeness) == 0.7, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(number_at(h, 2, completeness) == 0.55, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(number_at(h, 1, "Discrimination complaints") == 2.0);
    BOOST_TEST(number_at(h, 2, "Discrimination complaints") == 0.0);
    BOOST_TEST(h.at(1, h.column("Complaints resolved")) == "");  // not answered: blank
    // Each social value measure the rulebook's <workbook> declares has its columns, by its label.
    const std::string jobs = "Local people employed (FTE)";
    BOOST_TEST(number_at(h, 1, jobs + ": to date") == 1.5, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(number_at(h, 2, jobs + ": to date") == 3.5, boost::test_tools::tolerance(1e-9));
    // 8 FTE committed over 1,096 days from 1 Apr 2025: 456 days elapsed by 30 Jun 2026, 548 by 30 Sep.
    BOOST_TEST(number_at(h, 1, jobs + ": due pro rata") == 8.0 * 456 / 1096, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(number_at(h, 2, jobs + ": due pro rata") == 4.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(number_at(h, 2, "Term elapsed") == 0.5, boost::test_tools::tolerance(1e-9));

    // Two line charts drawn from the History table.
    const std::string chart1 = x.part("xl/charts/chart1.xml"), chart2 = x.part("xl/charts/chart2.xml");
    BOOST_TEST(chart1.find("<c:lineChart>") != std::string::npos);
    BOOST_TEST(chart1.find("History!$C$2:$C$3") != std::string::npos);
    // Measures differ in unit, so the second chart sets each against what is due: 3.5 of 4.
    BOOST_TEST(number_at(h, 2, jobs + ": to date as share of due") == 3.5 / 4.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(chart2.find("History!$I$2:$I$3") != std::string::npos);
    BOOST_TEST(chart2.find(jobs) != std::string::npos);

    // Without quarterly returns: an empty table and no chart.
    p.report.returns = {&p.tender};
    write_contract_workbook(p.report, (dir / "none.xlsx").string());
    const test::XlsxFile none((dir / "none.xlsx").string());
    BOOST_TEST(none.sheet("History").rows == 1u);
    BOOST_TEST(none.part("xl/charts/chart1.xml").empty());
}

BOOST_AUTO_TEST_CASE(history_shows_only_what_the_rulebook_declares) {
    Portfolio p;
    Rulebook rb = bexley();
    rb.workbook.completeness.clear();
    rb.workbook.complaints = kNoField;
    rb.workbook.complaints_resolved = kNoField;
    rb.workbook.measures.resize(1);
    rb.workbook.measures[0].label = "Hours of local work";
    p.report.rulebook = &rb;
    const fs::path dir = scratch("history-declared");
    write_contract_workbook(p.report, (dir / "w.xlsx").string());
    const test::XlsxFile x((dir / "w.xlsx").string());
    const test::XlsxSheet& h = x.sheet("History");
    for (const char* gone : {"Monitoring completeness (lowest)", "Discrimination complaints", "Complaints resolved",
                             "Long-term unemployed hired (FTE): to date"}) {
        BOOST_CHECK_THROW(h.column(gone), std::runtime_error);
    }
    BOOST_TEST(h.column("Hours of local work: to date") == 3u);  // straight after Quarter, Submitted
    BOOST_TEST(number_at(h, 2, "Hours of local work: to date") == 3.5, boost::test_tools::tolerance(1e-9));
    // No completeness chart: the first chart is the social value one.
    BOOST_TEST(x.part("xl/charts/chart1.xml").find("Hours of local work") != std::string::npos);
    BOOST_TEST(x.part("xl/charts/chart2.xml").empty());
}

BOOST_AUTO_TEST_CASE(audit_identifies_inputs_and_rulebook) {
    Portfolio p;
    const fs::path dir = scratch("audit");
    write_contract_workbook(p.report, (dir / "w.xlsx").string());
    const test::XlsxFile x((dir / "w.xlsx").string());
    const test::XlsxSheet& a = x.sheet("Audit");
    std::map<std::string, std::string> facts;
    for (unsigned r = 0; r < a.rows; ++r) {
        if (!a.at(r, 0).empty()) facts[a.at(r, 0)] = a.at(r, 1);
    }
    // The recipe the sheet states, redone here.
    std::string recipe = "fairgate evaluation fingerprint v2\nrulebook " + bexley().sha256 + "\n";
    for (char c : std::string("abcde")) recipe += "input " + std::string(64, c) + "\n";
    recipe += "data-date 2026-10-31\nfairgate 0.1.0\n";
    BOOST_TEST(facts["Evaluation fingerprint"] == sha256_hex(recipe));
    BOOST_TEST(facts["Data date"] == serial(2026, 10, 31));
    BOOST_TEST(facts["fairgate version"] == "0.1.0");
    BOOST_TEST(facts["Rulebook id"] == bexley().id);
    BOOST_TEST(facts["Rulebook version"] == bexley().version);
    BOOST_TEST(facts["Rulebook SHA-256"] == bexley().sha256);
    BOOST_TEST(facts["register.csv"] == std::string(64, 'c'));
    BOOST_TEST(facts["Q2 return.xlsx"] == std::string(64, 'e'));
    BOOST_TEST(facts["rival.csv"] == std::string(64, 'b'));
    BOOST_TEST(facts["Returns"] == "4");
    BOOST_TEST(facts["Input files"] == "5");
    BOOST_TEST(facts["Findings"] == "5");
    BOOST_TEST(facts["Fail"] == "2");
    // Nothing that changes from run to run.
    for (const auto& [pos, cell] : a.cells) BOOST_TEST(cell.text.find("run") == std::string::npos);

    // Another data date is another evaluation.
    p.report.data_date = "2026-11-30";
    write_contract_workbook(p.report, (dir / "later.xlsx").string());
    const test::XlsxFile later_file((dir / "later.xlsx").string());  // outlives the sheet read from it
    const test::XlsxSheet& later = later_file.sheet("Audit");
    BOOST_TEST(later.at(3, 1) != a.at(3, 1));
}

BOOST_AUTO_TEST_CASE(every_sheet_prints_landscape_with_header_and_footer) {
    Portfolio p;
    const fs::path dir = scratch("print");
    p.contract.id = "BX&2025";  // '&' starts a code in a page header: it must be doubled
    write_contract_workbook(p.report, (dir / "w.xlsx").string());
    const test::XlsxFile x((dir / "w.xlsx").string());
    for (unsigned i = 1; i <= 8; ++i) {
        BOOST_TEST_CONTEXT("sheet " << i) {
            const std::string xml = x.part("xl/worksheets/sheet" + std::to_string(i) + ".xml");
            BOOST_TEST(xml.find("orientation=\"landscape\"") != std::string::npos);
            BOOST_TEST(xml.find("paperSize=\"9\"") != std::string::npos);  // A4, every sheet
            BOOST_TEST(xml.find("fitToHeight=\"0\"") != std::string::npos);
            BOOST_TEST(xml.find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);
            BOOST_TEST(xml.find("<oddHeader>&amp;LContract BX&amp;&amp;2025&amp;C&amp;A&amp;R2026-Q2</oddHeader>") !=
                       std::string::npos);
            BOOST_TEST(xml.find("Page &amp;P of &amp;N</oddFooter>") != std::string::npos);
        }
    }
    // List sheets repeat their header row on every printed page.
    const std::string workbook = x.part("xl/workbook.xml");
    for (const char* sheet : {"Findings", "Returns", "'Return data'", "History", "Evidence", "Clauses"}) {
        BOOST_TEST_CONTEXT(sheet) {
            BOOST_TEST(workbook.find(std::string(">") + sheet + "!$1:$1<") != std::string::npos);
        }
    }
    const std::string core = x.part("docProps/core.xml"), app = x.part("docProps/app.xml");
    BOOST_TEST(core.find("<dc:title>Equality and social value compliance \xE2\x80\x94 Adult day opportunities</dc:title>") !=
               std::string::npos);
    BOOST_TEST(core.find("<dc:subject>Contract BX&amp;2025, 2026-Q2</dc:subject>") != std::string::npos);
    BOOST_TEST(core.find("<dc:creator>fairgate</dc:creator>") != std::string::npos);
    BOOST_TEST(core.find("<cp:keywords>equality; social value; compliance; BX&amp;2025; " + bexley().id +
                         "</cp:keywords>") != std::string::npos);
    BOOST_TEST(app.find("<Company>London Borough of Bexley</Company>") != std::string::npos);
}

// Neither libxlsxwriter nor Excel (until a cell is edited) nor LibreOffice fits a row to
// wrapped text: without set heights, wrapped lines overlap the next row when printed.
BOOST_AUTO_TEST_CASE(rows_with_wrapped_text_are_tall_enough) {
    Portfolio p;
    p.report.findings[0].message = std::string(40000, 'x');  // taller than Excel allows
    const fs::path dir = scratch("heights");
    write_contract_workbook(p.report, (dir / "w.xlsx").string());
    const test::XlsxFile x((dir / "w.xlsx").string());

    // Summary: the reading guide spans both columns and stands several lines tall; each action
    // is at least as tall as its text needs.
    const std::string summary = x.part("xl/worksheets/sheet1.xml");
    BOOST_TEST(summary.find("<mergeCell ref=\"A2:B2\"/>") != std::string::npos);
    BOOST_TEST(summary.find("paperSize=\"9\"") != std::string::npos);
    const auto summary_heights = row_heights(summary);
    BOOST_TEST(summary_heights.count(2) == 1u);
    BOOST_TEST(summary_heights.at(2) >= 45.0);
    const test::XlsxSheet& s = x.sheet("Summary");
    unsigned actions = 0;
    for (unsigned r = 0; r < s.rows; ++r) {
        if (s.at(r, 0).rfind("1. ", 0) != 0 && s.at(r, 0).rfind("2. ", 0) != 0) continue;
        ++actions;
        BOOST_TEST_CONTEXT("Summary row " << r + 1) {
            const std::size_t chars = s.at(r, 1).size();  // ASCII here
            BOOST_TEST(summary_heights.count(r + 1) == 1u);
            if (summary_heights.count(r + 1)) BOOST_TEST(summary_heights.at(r + 1) >= 15.0 * static_cast<double>((chars + 98) / 99));
        }
    }
    BOOST_TEST(actions == 2u);

    // Findings: every row holding a message longer than its column is taller than one line;
    // none beyond Excel's 409 points.
    const std::string findings = x.part("xl/worksheets/sheet2.xml");
    const auto heights = row_heights(findings);
    const test::XlsxSheet& f = x.sheet("Findings");
    const unsigned message = f.column("Message");
    bool capped = false;
    for (unsigned r = 1; r < f.rows; ++r) {
        BOOST_TEST_CONTEXT("Findings row " << r + 1) {
            const double ht = heights.count(r + 1) ? heights.at(r + 1) : 15.0;
            BOOST_TEST(ht <= 409.0);
            if (f.at(r, message).size() > 60) BOOST_TEST(ht >= 30.0);
            capped = capped || ht == 409.0;
        }
    }
    BOOST_TEST(capped);
    // The header row is repeated on every printed page.
    BOOST_TEST(x.part("xl/workbook.xml").find(">Findings!$1:$1<") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(clauses_quote_the_policy_cited) {
    Portfolio p;
    const fs::path dir = scratch("clauses");
    const std::string path = (dir / "w.xlsx").string();
    write_contract_workbook(p.report, path);
    test::XlsxFile x(path);
    const test::XlsxSheet& c = x.sheet("Clauses");
    std::map<std::string, unsigned> rows;
    for (unsigned r = 1; r < c.rows; ++r) rows[c.at(r, 0)] = r;
    BOOST_REQUIRE(rows.count("GP-1") == 1u);
    const unsigned r = rows["GP-1"];
    BOOST_TEST(c.at(r, c.column("Quoted text")) == bexley().clause("GP-1")->text);
    BOOST_TEST(c.at(r, c.column("Document")) == "Equality and inclusion policy and action plan");
    BOOST_TEST(c.at(r, c.column("Cited by")).find("QTR-EQUALITY-MONITORING") != std::string::npos);
    // Each status is explained beside it.
    BOOST_TEST(!c.at(r, c.column("What the status means")).empty());

    const test::XlsxSheet& e = x.sheet("Evidence");
    BOOST_TEST(e.rows == 5u);  // header + four evidence items
    const test::XlsxSheet& ret = x.sheet("Returns");
    BOOST_TEST(ret.rows == 5u);  // header + four returns
}

BOOST_AUTO_TEST_CASE(write_is_atomic_and_leaves_no_temporary_file) {
    Portfolio p;
    const fs::path dir = scratch("atomic");
    const std::string path = workbook_path(dir.string(), p.report);  // folder does not exist yet
    write_contract_workbook(p.report, path);
    write_contract_workbook(p.report, path);  // replacing an existing workbook
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"BX-2025-0142/BX-2025-0142 2026-Q2 compliance.xlsx"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(failure_throws_naming_the_path) {
    Portfolio p;
    const fs::path dir = scratch("failure");
    // A folder that cannot be created, even by root: its parent is a file.
    std::ofstream(dir / "plain-file") << "x";
    const std::string blocked = (dir / "plain-file" / "sub" / "w.xlsx").string();
    try {
        write_contract_workbook(p.report, blocked);
        BOOST_FAIL("no exception");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find(blocked) != std::string::npos);
    }

    // The rename cannot replace a folder: the temporary file must not stay behind.
    const fs::path occupied = dir / "occupied.xlsx";
    fs::create_directories(occupied / "inside");
    try {
        write_contract_workbook(p.report, occupied.string());
        BOOST_FAIL("no exception");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find(occupied.string()) != std::string::npos);
    }
    BOOST_TEST(files_in(dir) == (std::vector<std::string>{"plain-file"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(same_inputs_give_the_same_bytes) {
    Portfolio p;
    const fs::path dir = scratch("reproducible");
    write_contract_workbook(p.report, (dir / "a.xlsx").string());
    write_contract_workbook(p.report, (dir / "b.xlsx").string());
    const std::string a = read_bytes(dir / "a.xlsx"), b = read_bytes(dir / "b.xlsx");
    BOOST_TEST(!a.empty());
    BOOST_TEST((a == b));
    // The creation date is the data date, not the clock.
    BOOST_TEST(test::XlsxFile((dir / "a.xlsx").string()).part("docProps/core.xml").find("2026-10-31T00:00:00Z") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(empty_report_and_awkward_text_still_open) {
    Portfolio p;
    p.report.findings.clear();
    p.report.returns.clear();
    const fs::path dir = scratch("empty");
    write_contract_workbook(p.report, (dir / "empty.xlsx").string());
    test::XlsxFile empty((dir / "empty.xlsx").string());
    BOOST_TEST(empty.sheet("Findings").rows == 1u);

    Portfolio q;
    q.report.findings[0].message = std::string(40000, 'x');
    q.report.findings[1].message = "control \x01\x02 and bad \xC3 bytes\x7F";
    write_contract_workbook(q.report, (dir / "awkward.xlsx").string());
    const test::XlsxFile awkward((dir / "awkward.xlsx").string());
    const test::XlsxSheet& f = awkward.sheet("Findings");
    bool long_seen = false;
    for (unsigned r = 1; r < f.rows; ++r) {
        const std::string m = f.at(r, f.column("Message"));
        if (m.size() > 30000) {
            long_seen = true;
            BOOST_TEST(m.size() <= 32767u);
            BOOST_TEST(m.find("truncated") != std::string::npos);
        }
    }
    BOOST_TEST(long_seen);

    // Without a rulebook the clauses are still listed, marked as not quoted.
    Portfolio r;
    r.report.rulebook = nullptr;
    write_contract_workbook(r.report, (dir / "no-rulebook.xlsx").string());
    const test::XlsxFile bare((dir / "no-rulebook.xlsx").string());
    const test::XlsxSheet& c = bare.sheet("Clauses");
    BOOST_TEST(c.at(1, c.column("Quoted text")) == "(not in the rulebook given to the report)");
}

BOOST_AUTO_TEST_CASE(a_report_without_a_contract_is_refused) {
    ContractReport empty;
    BOOST_CHECK_THROW(workbook_path("out", empty), std::invalid_argument);
    BOOST_CHECK_THROW(write_contract_workbook(empty, "out/x.xlsx"), std::invalid_argument);
}

// The golden quotes rule titles and remedies from rules/bexley.xml: after editing those,
// review the difference and rerun with FAIRGATE_UPDATE_GOLDEN=1.
BOOST_AUTO_TEST_CASE(cell_values_match_golden) {
    Portfolio p;
    // A fixed rulebook checksum, so that editing the rulebook's wording elsewhere changes only
    // the cells that quote it, not the Audit sheet's fingerprint.
    Rulebook rb = bexley();
    rb.sha256 = std::string(64, 'f');
    p.report.rulebook = &rb;
    const fs::path dir = scratch("golden");
    write_contract_workbook(p.report, (dir / "w.xlsx").string());
    const std::string dump = test::XlsxFile((dir / "w.xlsx").string()).dump();
    const fs::path golden = fs::path(FAIRGATE_SOURCE_DIR) / "tests/reports/golden/contract_workbook.txt";
    if (const char* update = std::getenv("FAIRGATE_UPDATE_GOLDEN"); update && std::string(update) == "1") {
        std::ofstream(golden, std::ios::binary) << dump;
        BOOST_TEST_MESSAGE("rewrote " << golden);
    }
    BOOST_REQUIRE_MESSAGE(fs::exists(golden), "no golden file; run with FAIRGATE_UPDATE_GOLDEN=1");
    BOOST_TEST(dump == read_bytes(golden));
}

BOOST_AUTO_TEST_SUITE_END()
