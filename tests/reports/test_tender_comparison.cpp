// The tender comparison workbook: hand-made bids and findings against the real Bexley
// rulebook, read back with the test reader.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "reports/bid_standing.hpp"
#include "reports/tender_comparison.hpp"
#include "rulebook/rulebook_loader.hpp"
#include "report_fixture.hpp"
#include "support/xlsx_reader.hpp"

using namespace fairgate;
using namespace fairgate::reports;
using fairgate::test::bexley;
using fairgate::test::read_bytes;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) { return test::scratch("tender-" + name); }

const char* const kEvil = "=HYPERLINK(\"http://evil.example/\",\"Click\")";

void answer(SupplierReturn& r, const char* field, Value v) {
    r.answers.set(bexley().fields.find(field)->id, Answer{std::move(v), "", {r.source_name, "D"}});
}

/// An answer at a cell of beta.xlsx's questionnaire sheet.
Provenance beta_cell(uint32_t row) { return Provenance::cell(FileName("beta.xlsx"), "Questionnaire", row, 3); }

/// A finding of `rule` on `bid`, as the judge writes one.
Finding finding_of(const SupplierReturn& bid, const Rule& r, Outcome outcome) {
    Finding f;
    f.subject_id = bid.id();
    f.tender_id = bid.tender_id;
    f.supplier_id = bid.supplier_id;
    f.stage = Stage::Tender;
    f.rule_id = r.id;
    f.rule_title = r.title;
    f.severity = r.severity;
    f.citations = r.citations;
    f.outcome = outcome;
    return f;
}

/// Two bids for one tender: Alpha passes every tender rule; the rival (whose name is a
/// formula) fails the mandatory equality policy rule. add_beta() adds a third.
struct Tender {
    Contract contract;
    SupplierReturn alpha, rival, beta;
    TenderReport report;

    /// Beta passes all but three mandatory rules: B1 (equality policy) left blank, B8
    /// (complaints procedure) unreadable, and a declared discrimination finding referred with
    /// its remedy (a formula-like text, which must stay text).
    void add_beta() {
        beta.kind = ReturnKind::Tender;
        beta.tender_id = contract.tender_id;
        beta.supplier_id = "05555555";
        beta.supplier_name = "Beta Support CIC";
        beta.source_name = "beta.xlsx";
        const FieldDictionary& d = bexley().fields;
        beta.answers.set(d.find("eq.policy")->id, Answer{Value::absent(), "", beta_cell(14)});
        beta.answers.set(d.find("eq.discrimination_findings")->id, Answer{Value::yes_no(true), "Yes", beta_cell(15)});
        beta.answers.set(d.find("eq.discrimination_remedy")->id,
                         Answer{Value::text("=1+2 retrained managers"), "", beta_cell(16)});
        beta.answers.set(d.find("eq.complaints_procedure")->id,
                         Answer{Value::invalid(FieldType::YesNo, "Maybe", "not yes or no"), "Maybe", beta_cell(20)});
        answer(beta, "sv.vcse_spend", Value::money_pence(300000));  // £3,000
        report.bids.push_back(&beta);
        for (const Rule& r : bexley().rules) {
            if (r.stage != Stage::Tender) continue;
            Finding f = finding_of(beta, r, Outcome::Pass);
            const auto evidence = [&](const char* field) {
                const Answer* a = beta.answers.get(d.find(field)->id);
                f.evidence.push_back({field, a->value.display(), a->where});
            };
            if (r.id == "TND-EQ-POLICY") {
                f.outcome = Outcome::Missing;
                evidence("eq.policy");
            } else if (r.id == "TND-DISCRIMINATION") {
                f.outcome = Outcome::Refer;
                evidence("eq.discrimination_findings");
                evidence("eq.discrimination_remedy");
                f.evidence.push_back({"contract: contract.value", "\xC2\xA3" "1", {}});  // the council's, not asked
            } else if (r.id == "TND-ACCESSIBLE-COMPLAINTS") {
                f.outcome = Outcome::Missing;
                evidence("eq.complaints_procedure");
            }
            report.findings.push_back(f);
        }
    }

    Tender() {
        contract.id = "BX-2025-0142";
        contract.tender_id = "BX-T-2025-017";
        contract.title = "Adult day opportunities";
        contract.supplier_id = "01234567";
        contract.supplier_name = "Alpha Care Ltd";

        alpha.kind = ReturnKind::Tender;
        alpha.tender_id = contract.tender_id;
        alpha.supplier_id = "01234567";
        alpha.supplier_name = "Alpha Care Ltd";
        alpha.source_name = "alpha.xlsx";
        answer(alpha, "sv.local_jobs_fte", Value::number(2.5));
        answer(alpha, "sv.vcse_spend", Value::money_pence(1000000));     // £10,000
        answer(alpha, "sv.local_sme_spend", Value::money_pence(500000)); // £5,000

        rival = SupplierReturn{};
        rival.kind = ReturnKind::Tender;
        rival.tender_id = contract.tender_id;
        rival.supplier_id = "99999999";
        rival.supplier_name = kEvil;
        rival.source_name = "rival.csv";
        answer(rival, "sv.local_jobs_fte", Value::invalid(FieldType::Number, "lots", "not a number"));
        answer(rival, "sv.local_sme_spend", Value::money_pence(200000));  // £2,000

        report.tender_id = contract.tender_id;
        report.contract = &contract;
        report.bids = {&rival, &alpha};  // not in name order: the workbook sorts them
        report.rulebook = &bexley();
        report.data_date = "2026-10-31";
        report.fairgate_version = "0.1.0";
        for (const SupplierReturn* bid : {&alpha, &rival}) {
            for (const Rule& r : bexley().rules) {
                if (r.stage != Stage::Tender) continue;
                Finding f = finding_of(*bid, r, Outcome::Pass);
                if (bid == &rival && r.id == "TND-EQ-POLICY") {
                    f.outcome = Outcome::Fail;
                    f.found = "=1+1";
                    f.message = "No written equality policy.";
                }
                report.findings.push_back(f);
            }
        }
    }
};

/// The first row whose column 0 is `label` (or starts with it, given `prefix`); fails the
/// test if none.
unsigned row_of(const test::XlsxSheet& s, const std::string& label, bool prefix = false) {
    for (unsigned r = 0; r < s.rows; ++r) {
        if (prefix ? s.at(r, 0).rfind(label, 0) == 0 : s.at(r, 0) == label) return r;
    }
    BOOST_FAIL("no row " << label << " in " << s.name);
    return 0;
}

/// The column whose cell in `row` is `text`.
unsigned column_of(const test::XlsxSheet& s, unsigned row, const std::string& text) {
    for (const auto& [pos, cell] : s.cells) {
        if (pos.first == row && cell.text == text) return pos.second;
    }
    BOOST_FAIL("no column " << text << " in " << s.name << " row " << row);
    return 0;
}

std::size_t tender_rules(Severity only, bool all) {
    return static_cast<std::size_t>(std::count_if(bexley().rules.begin(), bexley().rules.end(), [&](const Rule& r) {
        return r.stage == Stage::Tender && (all || r.severity == only);
    }));
}

/// Every tender rule passed, weighted as the rank weighs it.
int all_passed_weight() {
    int total = 0;
    for (const Rule& r : bexley().rules) {
        if (r.stage == Stage::Tender) total += severity_weight(r.severity);
    }
    return total;
}

std::string label_of(const SupplierReturn& r) { return r.supplier_name + " (" + r.supplier_id + ")"; }

/// Writes the report and reads it back.
test::XlsxFile written(const TenderReport& report, const std::string& name) {
    const fs::path dir = scratch(name);
    write_tender_comparison(report, (dir / "t.xlsx").string());
    return test::XlsxFile((dir / "t.xlsx").string());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tender_comparison)

BOOST_AUTO_TEST_CASE(path_is_under_tenders_and_safe) {
    Tender t;
    BOOST_TEST(tender_workbook_path("out", t.report) ==
               (fs::path("out") / "tenders" / "BX-T-2025-017" / "BX-T-2025-017 tender comparison.xlsx").string());
    for (const std::string id : {"..", ".", "../../etc", "", "/etc/passwd", "a:b*c?"}) {
        BOOST_TEST_CONTEXT("id '" << id << "'") {
            t.report.tender_id = id;
            const fs::path path = tender_workbook_path("out", t.report);
            BOOST_TEST(path.parent_path().parent_path() == fs::path("out") / "tenders");
            BOOST_TEST(path.parent_path().filename() != "..");
            BOOST_TEST(path.parent_path().filename() != ".");
            BOOST_TEST(path.lexically_normal().string().rfind("out/tenders/", 0) == 0u);
        }
    }
    t.report.tender_id = "a:b*c?";
    BOOST_TEST(fs::path(tender_workbook_path("out", t.report)).filename().string() == "a%3Ab%2Ac%3F tender comparison.xlsx");
}

BOOST_AUTO_TEST_CASE(bidders_side_by_side_with_mandatory_rules_first) {
    Tender t;
    const fs::path dir = scratch("bidders");
    const std::string path = tender_workbook_path(dir.string(), t.report);
    write_tender_comparison(t.report, path);
    const test::XlsxFile x(path);
    BOOST_TEST(x.sheet_names() == (std::vector<std::string>{"Bidders", "Social value", "Clarifications", "Findings"}),
               boost::test_tools::per_element());

    const test::XlsxSheet& s = x.sheet("Bidders");
    const unsigned header = row_of(s, "Rule");
    const unsigned alpha = column_of(s, header, "Alpha Care Ltd (01234567)");
    const unsigned rival = column_of(s, header, std::string(kEvil) + " (99999999)");
    BOOST_TEST(s.at(row_of(s, "Contract"), 1).find("BX-2025-0142") != std::string::npos);

    const unsigned proceed = row_of(s, "Can proceed to award");
    BOOST_TEST(s.at(proceed, alpha) == "Yes");
    BOOST_TEST(s.at(proceed, rival) == "No");
    BOOST_TEST(s.at(row_of(s, "Rank"), alpha) == "1");
    BOOST_TEST(s.at(row_of(s, "Rank"), rival) == "2");
    const unsigned weighted = row_of(s, "Rules passed, weighted");
    BOOST_TEST(s.at(weighted, alpha) == std::to_string(all_passed_weight()));
    BOOST_TEST(s.at(weighted, rival) == std::to_string(all_passed_weight() - severity_weight(Severity::Mandatory)));
    const unsigned passed = row_of(s, "Mandatory rules passed", true);
    const std::size_t mandatory = tender_rules(Severity::Mandatory, false);
    BOOST_TEST(s.at(passed, 0) == "Mandatory rules passed (of " + std::to_string(mandatory) + ")");
    BOOST_TEST(s.at(passed, alpha) == std::to_string(mandatory));
    BOOST_TEST(s.at(passed, rival) == std::to_string(mandatory - 1));
    BOOST_TEST(s.at(row_of(s, "Awarded the contract"), alpha) == "Yes");
    BOOST_TEST(s.at(row_of(s, "Awarded the contract"), rival) == "No");

    const unsigned policy = row_of(s, "TND-EQ-POLICY");
    BOOST_TEST(s.at(policy, rival) == "Fail");
    BOOST_TEST(s.at(policy, alpha) == "Pass");
    BOOST_TEST(s.at(policy, 2) == "Mandatory");

    // One row per tender rule, every mandatory rule above every other.
    unsigned first_rule = passed + 2;  // after "Awarded the contract"
    BOOST_TEST(s.rows - first_rule == tender_rules(Severity::Mandatory, true));
    bool seen_other = false;
    for (unsigned r = first_rule; r < s.rows; ++r) {
        const bool is_mandatory = s.at(r, 2) == "Mandatory";
        BOOST_TEST(!(is_mandatory && seen_other));
        seen_other = seen_other || !is_mandatory;
    }
}

BOOST_AUTO_TEST_CASE(a_mandatory_rule_not_judged_needs_a_decision) {
    Tender t;
    t.report.contract = nullptr;  // not yet awarded
    auto& fs_ = t.report.findings;
    fs_.erase(std::remove_if(fs_.begin(), fs_.end(), [](const Finding& f) {
                  return f.supplier_id == "01234567" && f.rule_id == "TND-EHRC";
              }), fs_.end());
    const fs::path dir = scratch("not-judged");
    write_tender_comparison(t.report, (dir / "t.xlsx").string());
    const test::XlsxFile x((dir / "t.xlsx").string());
    const test::XlsxSheet& s = x.sheet("Bidders");
    const unsigned alpha = column_of(s, row_of(s, "Rule"), "Alpha Care Ltd (01234567)");
    BOOST_TEST(s.at(row_of(s, "TND-EHRC"), alpha) == "Not judged");
    // Not a failure, and not a pass either: an officer must find out why.
    BOOST_TEST(s.at(row_of(s, "Can proceed to award"), alpha) == "Needs a decision");
    BOOST_TEST(s.at(row_of(s, "Contract"), 1) == "Not yet awarded");
    for (unsigned r = 0; r < s.rows; ++r) BOOST_TEST(s.at(r, 0) != "Awarded the contract");
}

BOOST_AUTO_TEST_CASE(social_value_rows_come_from_the_dictionary_with_totals) {
    Tender t;
    const fs::path dir = scratch("social-value");
    write_tender_comparison(t.report, (dir / "t.xlsx").string());
    const test::XlsxFile x((dir / "t.xlsx").string());
    const test::XlsxSheet& s = x.sheet("Social value");
    const unsigned header = row_of(s, "Ref");
    const unsigned alpha = column_of(s, header, "Alpha Care Ltd (01234567)");
    const unsigned rival = column_of(s, header, std::string(kEvil) + " (99999999)");

    std::vector<std::string> expected, listed;
    for (const FieldDef& def : bexley().fields.all()) {
        if (def.name.rfind("sv.", 0) == 0) expected.push_back(def.name);
    }
    for (unsigned r = header + 1; r < s.rows && !s.at(r, 2).empty(); ++r) listed.push_back(s.at(r, 2));
    BOOST_TEST(listed == expected, boost::test_tools::per_element());
    BOOST_TEST(expected.size() == 8u);

    const unsigned jobs = header + 1 + static_cast<unsigned>(
        std::find(expected.begin(), expected.end(), "sv.local_jobs_fte") - expected.begin());
    BOOST_TEST(s.at(jobs, 0) == "D1");
    BOOST_TEST(s.at(jobs, alpha) == "2.5");
    BOOST_TEST(s.cells.at({jobs, alpha}).type.empty());  // a number, not text
    BOOST_TEST(s.at(jobs, rival).rfind("lots", 0) == 0u);

    unsigned total = 0;
    for (unsigned r = 0; r < s.rows; ++r) {
        if (s.at(r, 1) == "Total spend offered") total = r;
    }
    BOOST_REQUIRE(total > 0u);
    BOOST_TEST(s.at(total, alpha) == "15000");
    BOOST_TEST(s.at(total, rival) == "2000");
    unsigned offered = 0;
    for (unsigned r = 0; r < s.rows; ++r) {
        if (s.at(r, 1).rfind("Measures offered", 0) == 0) offered = r;
    }
    BOOST_REQUIRE(offered > 0u);
    BOOST_TEST(s.at(offered, alpha) == "3");
    BOOST_TEST(s.at(offered, rival) == "1");
}

BOOST_AUTO_TEST_CASE(bids_rank_by_standing_then_weighted_passes_then_name) {
    Tender t;
    t.add_beta();  // needs a decision
    // Aardvark comes first by name and can proceed, but failed a major rule: below Alpha.
    SupplierReturn aardvark = t.alpha;
    aardvark.supplier_id = "00000001";
    aardvark.supplier_name = "Aardvark Ltd";
    // Alpha's twin ties with it on everything but the name.
    SupplierReturn twin = t.alpha;
    twin.supplier_id = "00000002";
    twin.supplier_name = "Alpha Care Twin Ltd";
    t.report.bids.push_back(&aardvark);
    t.report.bids.push_back(&twin);
    for (const SupplierReturn* bid : {&aardvark, &twin}) {
        for (const Rule& r : bexley().rules) {
            if (r.stage != Stage::Tender) continue;
            const bool failed = bid == &aardvark && r.id == "TND-MODERN-SLAVERY";
            BOOST_REQUIRE(r.id != "TND-MODERN-SLAVERY" || r.severity == Severity::Major);
            t.report.findings.push_back(finding_of(*bid, r, failed ? Outcome::Fail : Outcome::Pass));
        }
    }
    const test::XlsxFile x = written(t.report, "rank");
    const test::XlsxSheet& s = x.sheet("Bidders");
    const unsigned header = row_of(s, "Rule"), rank = row_of(s, "Rank"), proceed = row_of(s, "Can proceed to award");
    const auto cell = [&](unsigned row, const SupplierReturn& bid) { return s.at(row, column_of(s, header, label_of(bid))); };
    // Columns stay in name order; the rank says who leads.
    BOOST_TEST(column_of(s, header, label_of(aardvark)) < column_of(s, header, label_of(t.alpha)));
    BOOST_TEST(cell(rank, t.alpha) == "1");
    BOOST_TEST(cell(rank, twin) == "2");
    BOOST_TEST(cell(rank, aardvark) == "3");
    BOOST_TEST(cell(rank, t.beta) == "4");
    BOOST_TEST(cell(rank, t.rival) == "5");
    BOOST_TEST(s.cells.at({rank, column_of(s, header, label_of(t.alpha))}).type.empty());  // a number
    BOOST_TEST(cell(proceed, aardvark) == "Yes");
    BOOST_TEST(cell(proceed, t.beta) == "Needs a decision");
    BOOST_TEST(cell(proceed, t.rival) == "No");
    const unsigned weighted = row_of(s, "Rules passed, weighted");
    BOOST_TEST(cell(weighted, aardvark) == std::to_string(all_passed_weight() - severity_weight(Severity::Major)));
    // Beta's three undecided mandatory rules are not passes, but it still ranks above a failure.
    BOOST_TEST(cell(weighted, t.beta) == std::to_string(all_passed_weight() - 3 * severity_weight(Severity::Mandatory)));
}

BOOST_AUTO_TEST_CASE(social_value_per_100000_of_the_estimated_value) {
    Tender t;
    t.report.estimated_value = Value::money_pence(75000000);  // £750,000
    const test::XlsxFile x = written(t.report, "sv-rate");
    const test::XlsxSheet& s = x.sheet("Social value");
    const unsigned header = row_of(s, "Ref");
    const unsigned alpha = column_of(s, header, label_of(t.alpha));
    const unsigned rival = column_of(s, header, std::string(kEvil) + " (99999999)");
    unsigned estimate = 0, rate = 0;
    for (unsigned r = 0; r < s.rows; ++r) {
        if (s.at(r, 1) == "Estimated value") estimate = r;
        if (s.at(r, 1).rfind("Spend offered per \xC2\xA3" "100,000", 0) == 0) rate = r;
    }
    BOOST_REQUIRE(estimate > 0u);
    BOOST_REQUIRE(rate > 0u);
    BOOST_TEST(std::stod(s.at(estimate, 2)) == 750000.0);
    BOOST_TEST(s.cells.at({rate, alpha}).type.empty());  // numbers, not text
    BOOST_TEST(std::stod(s.at(rate, alpha)) == 15000.0 * 100000.0 / 750000.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(std::stod(s.at(rate, rival)) == 2000.0 * 100000.0 / 750000.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(x.part("xl/styles.xml").find("\xC2\xA3#,##0.00") != std::string::npos);

    // Without a value of its own, the report takes the awarded contract's.
    t.report.estimated_value.reset();
    t.contract.fields.set(bexley().fields.find("contract.value")->id,
                          Answer{Value::money_pence(50000000), "", {"register.csv", "line 2, column 5"}});
    const test::XlsxFile cx = written(t.report, "sv-rate-contract");
    const test::XlsxSheet& c = cx.sheet("Social value");
    BOOST_TEST(std::stod(c.at(estimate, 2)) == 500000.0);
    BOOST_TEST(std::stod(c.at(rate, alpha)) == 3000.0, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(social_value_rate_says_when_the_value_is_not_known) {
    Tender t;  // the contract states no value, and the report none
    const test::XlsxFile x = written(t.report, "sv-no-value");
    const test::XlsxSheet& s = x.sheet("Social value");
    const unsigned header = row_of(s, "Ref");
    const unsigned alpha = column_of(s, header, label_of(t.alpha));
    unsigned rate = 0, estimate = 0;
    for (unsigned r = 0; r < s.rows; ++r) {
        if (s.at(r, 1) == "Estimated value") estimate = r;
        if (s.at(r, 1).rfind("Spend offered per", 0) == 0) rate = r;
    }
    BOOST_REQUIRE(rate > 0u);
    BOOST_TEST(s.at(estimate, 2) == "not known yet");
    // One cell, in the first bid's column (the rival's: '=' sorts before 'A'), not blanks.
    BOOST_TEST(column_of(s, header, std::string(kEvil) + " (99999999)") == 3u);
    BOOST_TEST(s.at(rate, 3) == "estimated value not known yet");
    BOOST_TEST(s.cells.count({rate, alpha}) == 0u);
    // The total is still there, the rate row only says why there is no rate.
    BOOST_TEST(s.at(rate - 1, alpha) == "15000");

    // A value given but unusable is not "not known": the sheet says what is wrong.
    t.report.estimated_value = Value::invalid(FieldType::Money, "TBC", "not an amount of money");
    const test::XlsxFile bx = written(t.report, "sv-bad-value");
    const test::XlsxSheet& bad = bx.sheet("Social value");
    BOOST_TEST(bad.at(rate, 3).rfind("estimated value unreadable: TBC", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(an_offer_answered_not_applicable_is_shown_as_written_not_as_zero) {
    Tender t;
    answer(t.rival, "sv.vcse_spend", Value::not_applicable(FieldType::Money, "N/A"));
    t.report.estimated_value = Value::not_published(FieldType::Money);
    const test::XlsxFile x = written(t.report, "sv-not-applicable");
    const test::XlsxSheet& s = x.sheet("Social value");
    const unsigned header = row_of(s, "Ref");
    const unsigned rival = column_of(s, header, std::string(kEvil) + " (99999999)");
    unsigned vcse = 0, rate = 0;
    for (unsigned r = header + 1; r < s.rows; ++r) {
        if (s.at(r, 2) == "sv.vcse_spend") vcse = r;
        if (s.at(r, 1).rfind("Spend offered per", 0) == 0) rate = r;
    }
    BOOST_REQUIRE(vcse > 0u);
    BOOST_TEST(s.at(vcse, rival) == "not applicable (N/A)");
    BOOST_TEST(!s.cells.at({vcse, rival}).type.empty());  // text, not the number 0
    BOOST_REQUIRE(rate > 0u);
    BOOST_TEST(s.at(rate, 3).rfind("estimated value not known: (not published by the source)", 0) == 0u, s.at(rate, 3));
}

BOOST_AUTO_TEST_CASE(clarifications_ask_each_bidder_about_blank_unreadable_and_referred_answers) {
    Tender t;
    t.add_beta();
    const test::XlsxFile x = written(t.report, "clarifications");
    const test::XlsxSheet& s = x.sheet("Clarifications");
    const unsigned bidder = s.column("Bidder"), reason = s.column("Reason"), severity = s.column("Severity"),
                   rule = s.column("Rule"), title = s.column("Title"), question = s.column("Question"),
                   given = s.column("Given"), where = s.column("Where"), why = s.column("Why it is needed"),
                   send = s.column("Question to send");
    // Alpha passed everything and the rival only failed: nothing to ask them.
    BOOST_TEST(s.rows == 4u);
    for (unsigned r = 1; r < s.rows; ++r) BOOST_TEST(s.at(r, bidder) == "Beta Support CIC (05555555)");
    BOOST_TEST(x.part("xl/tables/table1.xml").find("autoFilter") != std::string::npos);

    const FieldDictionary& d = bexley().fields;
    const auto asked = [&](const char* field) {
        const FieldDef* def = d.find(field);
        return def->ref + ", \xE2\x80\x9C" + def->question + "\xE2\x80\x9D";
    };
    // Rulebook order among the mandatory rules: equality policy, discrimination, complaints.
    BOOST_TEST(s.at(1, rule) == "TND-EQ-POLICY");
    BOOST_TEST(s.at(1, reason) == "Blank");
    BOOST_TEST(s.at(1, severity) == "Mandatory");
    BOOST_TEST(s.at(1, title) == bexley().rule("TND-EQ-POLICY")->title);
    BOOST_TEST(s.at(1, question) == d.find("eq.policy")->ref + ": " + d.find("eq.policy")->question);
    BOOST_TEST(s.at(1, given) == "(blank)");
    BOOST_TEST(s.at(1, where) == "beta.xlsx!Questionnaire!C14");
    const Clause* gp3 = bexley().clause("GP-3");
    BOOST_REQUIRE(gp3 != nullptr);
    BOOST_TEST(s.at(1, why).rfind("GP-3: " + gp3->document + ", " + gp3->section + "\n", 0) == 0u);
    BOOST_TEST(s.at(1, why).find("EQP-7") != std::string::npos);
    BOOST_TEST(s.at(1, send) == "Please answer " + asked("eq.policy") + ": the answer at beta.xlsx!Questionnaire!C14 was blank.");

    BOOST_TEST(s.at(2, rule) == "TND-DISCRIMINATION");
    BOOST_TEST(s.at(2, reason) == "Referred");
    BOOST_TEST(s.at(2, given) == "Yes\n=1+2 retrained managers");  // the council's contract value is not asked
    BOOST_TEST(s.cells.at({2, given}).type == "s");
    BOOST_TEST(s.at(2, where) == "beta.xlsx!Questionnaire!C15\nbeta.xlsx!Questionnaire!C16");
    BOOST_TEST(s.at(2, question).find(d.find("eq.discrimination_remedy")->question) != std::string::npos);
    BOOST_TEST(s.at(2, send) ==
               "Please confirm " + asked("eq.discrimination_findings") +
                   " \xE2\x80\x94 your answer at beta.xlsx!Questionnaire!C15 was 'Yes'. Please confirm " +
                   asked("eq.discrimination_remedy") +
                   " \xE2\x80\x94 your answer at beta.xlsx!Questionnaire!C16 was '=1+2 retrained managers'.");

    BOOST_TEST(s.at(3, rule) == "TND-ACCESSIBLE-COMPLAINTS");
    BOOST_TEST(s.at(3, reason) == "Unreadable");
    BOOST_TEST(s.at(3, given) == "Maybe");
    BOOST_TEST(s.at(3, where) == "beta.xlsx!Questionnaire!C20");
    BOOST_TEST(s.at(3, send) == "Please confirm " + asked("eq.complaints_procedure") +
                                    " \xE2\x80\x94 your answer at beta.xlsx!Questionnaire!C20 was 'Maybe', which "
                                    "could not be read (not yes or no).");

    // The same bid on the Bidders sheet: undecided, not refused.
    const test::XlsxSheet& b = x.sheet("Bidders");
    BOOST_TEST(b.at(row_of(b, "Can proceed to award"), column_of(b, row_of(b, "Rule"), label_of(t.beta))) ==
               "Needs a decision");
}

BOOST_AUTO_TEST_CASE(a_blank_the_council_holds_is_not_asked_of_the_bidder) {
    Tender t;
    for (Finding& f : t.report.findings) {
        if (f.supplier_id == "01234567" && f.rule_id == "TND-SERVICE-USER-MONITORING") {
            f.outcome = Outcome::Missing;
            f.evidence = {{"contract: contract.service_to_residents", "(no answer)", {}},
                          {"eq.service_user_monitoring", "Yes", {"alpha.xlsx", "Questionnaire!C19"}}};
        }
    }
    const test::XlsxFile x = written(t.report, "council-record");
    const test::XlsxSheet& s = x.sheet("Clarifications");
    BOOST_TEST(s.rows == 2u);
    BOOST_TEST(s.at(1, s.column("Reason")) == "Council record");
    BOOST_TEST(s.at(1, s.column("Where")) == "(the council's records)");
    BOOST_TEST(s.at(1, s.column("Question to send")).rfind("Not for the bidder: ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(no_clarifications_says_so) {
    Tender t;
    const test::XlsxFile x = written(t.report, "no-clarifications");
    const test::XlsxSheet& s = x.sheet("Clarifications");
    BOOST_TEST(s.rows == 2u);
    BOOST_TEST(s.at(0, 0) == "Bidder");
    BOOST_TEST(s.at(1, 0) == "No clarifications needed");
}

BOOST_AUTO_TEST_CASE(findings_table_lists_every_finding_and_no_cell_is_a_formula) {
    Tender t;
    const fs::path dir = scratch("findings");
    write_tender_comparison(t.report, (dir / "t.xlsx").string());
    const test::XlsxFile x((dir / "t.xlsx").string());
    const test::XlsxSheet& f = x.sheet("Findings");
    BOOST_TEST(f.rows == t.report.findings.size() + 1);
    BOOST_TEST(f.at(0, 0) == "Bidder");
    BOOST_TEST(x.part("xl/tables/table1.xml").find("autoFilter") != std::string::npos);
    // A4 like every sheet, and rows as tall as their wrapped text (not Excel's unfitted 15 pt).
    const std::string sheet = x.part("xl/worksheets/sheet4.xml");
    BOOST_TEST(sheet.find("paperSize=\"9\"") != std::string::npos);
    BOOST_TEST(sheet.find("customHeight=\"1\"") != std::string::npos);
    BOOST_TEST(x.part("xl/worksheets/sheet1.xml").find("paperSize=\"9\"") != std::string::npos);

    int evil = 0;
    for (const std::string& name : x.sheet_names()) {
        for (const auto& [pos, cell] : x.sheet(name).cells) {
            BOOST_TEST_CONTEXT(name << " row " << pos.first << " column " << pos.second) {
                BOOST_TEST(!cell.has_formula);
                if (cell.text.find("=HYPERLINK") == 0 || cell.text == "=1+1") {
                    ++evil;
                    BOOST_TEST(cell.type == "s");
                }
            }
        }
    }
    BOOST_TEST(evil >= 4);  // both headers, a Findings bidder, the found value
}

BOOST_AUTO_TEST_CASE(same_report_gives_the_same_bytes_whatever_the_bid_order) {
    Tender t;
    const fs::path dir = scratch("reproducible");
    write_tender_comparison(t.report, (dir / "a.xlsx").string());
    std::reverse(t.report.bids.begin(), t.report.bids.end());
    write_tender_comparison(t.report, (dir / "b.xlsx").string());
    write_tender_comparison(t.report, (dir / "b.xlsx").string());  // replacing it
    const std::string a = read_bytes(dir / "a.xlsx"), b = read_bytes(dir / "b.xlsx");
    BOOST_TEST(!a.empty());
    BOOST_TEST((a == b));
    BOOST_TEST(test::XlsxFile((dir / "a.xlsx").string()).part("docProps/core.xml").find("2026-10-31T00:00:00Z") !=
               std::string::npos);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    BOOST_TEST(names == (std::vector<std::string>{"a.xlsx", "b.xlsx"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_rulebook_and_no_bids_still_open) {
    Tender t;
    t.report.rulebook = nullptr;
    const fs::path dir = scratch("bare");
    write_tender_comparison(t.report, (dir / "t.xlsx").string());
    const test::XlsxFile x((dir / "t.xlsx").string());
    const test::XlsxSheet& s = x.sheet("Bidders");
    // Rules come from the findings.
    BOOST_TEST(s.at(row_of(s, "TND-EQ-POLICY"), 2) == "Mandatory");

    TenderReport empty;
    empty.tender_id = "T-EMPTY";
    write_tender_comparison(empty, (dir / "empty.xlsx").string());
    const test::XlsxFile e((dir / "empty.xlsx").string());
    BOOST_TEST(e.sheet("Findings").rows == 1u);
}

BOOST_AUTO_TEST_CASE(failure_throws_naming_the_path) {
    Tender t;
    const fs::path dir = scratch("failure");
    std::ofstream(dir / "plain-file") << "x";
    const std::string blocked = (dir / "plain-file" / "t.xlsx").string();
    try {
        write_tender_comparison(t.report, blocked);
        BOOST_FAIL("no exception");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find(blocked) != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
