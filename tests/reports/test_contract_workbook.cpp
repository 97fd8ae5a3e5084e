// The per-contract compliance workbook: built from hand-made findings, read back with
// Poco::Zip and pugixml.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "reports/contract_workbook.hpp"
#include "support/xlsx_reader.hpp"
#include "rulebook/rulebook_loader.hpp"

using namespace fairgate;
using namespace fairgate::reports;
namespace fs = std::filesystem;

namespace {

const Rulebook& bexley() {
    static const Rulebook rb = load_rulebook(FAIRGATE_SOURCE_DIR "/rules/bexley.xml");
    return rb;
}

/// A fresh, empty folder for one test.
fs::path scratch(const std::string& name) {
    const fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "reports" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file()) names.push_back(fs::relative(e.path(), dir).string());
    }
    std::sort(names.begin(), names.end());
    return names;
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
        contract.fields.set(rb.fields.find("contract.value")->id,
                            Answer{Value::money_pence(125000000), "1250000", {"register.csv", "line 4, column 6"}});

        tender.kind = ReturnKind::Tender;
        tender.tender_id = contract.tender_id;
        tender.supplier_id = "01234567";
        tender.supplier_name = "Riverside Care Ltd";
        tender.submitted = Date::from_ymd(2025, 2, 10);
        tender.source_name = "riverside tender.xlsx";
        tender.source_sha256 = std::string(64, 'a');

        rival = tender;
        rival.supplier_id = "99999999";
        rival.supplier_name = kEvil;
        rival.source_name = "rival.csv";

        q1.kind = ReturnKind::Quarterly;
        q1.contract_id = contract.id;
        q1.supplier_id = "01234567";
        q1.supplier_name = "Riverside Care Ltd";
        q1.period = Quarter{2026, 1};
        q1.submitted = Date::from_ymd(2026, 7, 20);
        q1.source_name = "Q1 return.xlsx";
        q2 = q1;
        q2.period = Quarter{2026, 2};
        q2.submitted = Date::from_ymd(2026, 10, 21);
        q2.source_name = "Q2 return.xlsx";

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

Finding with(Outcome o, Severity s) {
    Finding f;
    f.outcome = o;
    f.severity = s;
    return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(contract_workbook)

BOOST_AUTO_TEST_CASE(overall_status_from_worst_outcome_and_severity) {
    struct Case {
        std::vector<Finding> findings;
        Rag expected;
    };
    const std::vector<Case> cases = {
        {{}, Rag::Green},
        {{with(Outcome::Pass, Severity::Mandatory), with(Outcome::NotApplicable, Severity::Major)}, Rag::Green},
        {{with(Outcome::Fail, Severity::Mandatory)}, Rag::Red},
        {{with(Outcome::Missing, Severity::Major)}, Rag::Red},
        {{with(Outcome::Fail, Severity::Minor)}, Rag::Amber},
        {{with(Outcome::Missing, Severity::Advisory)}, Rag::Amber},
        {{with(Outcome::Warn, Severity::Mandatory)}, Rag::Amber},
        {{with(Outcome::Refer, Severity::Major)}, Rag::Amber},
        {{with(Outcome::Warn, Severity::Minor), with(Outcome::Fail, Severity::Major)}, Rag::Red},
        {{with(Outcome::Pass, Severity::Major), with(Outcome::Refer, Severity::Advisory)}, Rag::Amber},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        BOOST_TEST_CONTEXT("case " << i) { BOOST_TEST(to_string(overall_status(cases[i].findings)) == to_string(cases[i].expected)); }
    }
    BOOST_TEST(to_string(Rag::Green) == "Green");
    BOOST_TEST(to_string(Rag::Amber) == "Amber");
    BOOST_TEST(to_string(Rag::Red) == "Red");
}

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
    BOOST_TEST(workbook_path("out", p.report) ==
               (fs::path("out") / "BX_2025_01_42_______" / "BX_2025_01_42_______ 2026-10-31 compliance.xlsx").string());

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

BOOST_AUTO_TEST_CASE(workbook_has_the_five_sheets) {
    Portfolio p;
    const fs::path dir = scratch("sheets");
    const std::string path = workbook_path(dir.string(), p.report);
    write_contract_workbook(p.report, path);
    test::XlsxFile x(path);
    BOOST_TEST(x.sheet_names() == (std::vector<std::string>{"Summary", "Findings", "Returns", "Evidence", "Clauses"}),
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
    BOOST_TEST(facts["Start"] == "1 Apr 2025");
    BOOST_TEST(facts["End"] == "31 Mar 2028");
    BOOST_TEST(facts["Value"] == "£1,250,000");
    BOOST_TEST(facts["Rulebook"] == "lbb-equality-social-value version 2026.1");
    BOOST_TEST(facts["Position stated at"] == "31 Oct 2026");
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

    const test::XlsxSheet& e = x.sheet("Evidence");
    BOOST_TEST(e.rows == 4u);  // header + three evidence items
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
