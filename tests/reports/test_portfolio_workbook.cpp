// The portfolio workbook: hand-made rows, read back with the test reader.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "reports/portfolio_workbook.hpp"
#include "rulebook/rulebook_loader.hpp"
#include "report_fixture.hpp"
#include "support/xlsx_reader.hpp"

using namespace fairgate;
using namespace fairgate::reports;
using fairgate::test::bexley;
using fairgate::test::read_bytes;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) { return test::scratch("portfolio-" + name); }

const char* const kEvil = "@SUM(1)";

/// Four contracts over two service areas and one without an area, out of id order.
struct Fixture {
    std::vector<Contract> contracts;
    PortfolioReport report;

    Fixture() {
        struct Spec { const char* id; const char* area; const char* status; int64_t pence; };
        const Spec specs[] = {
            {"BX-0004", "Adult social care", "green", 0},
            {"BX-0001", "Adult social care", "red", 125000000},
            {"BX-0003", "", "Green", 0},
            {"BX-0002", "Children's services", "amber", 9000000},
        };
        contracts.resize(std::size(specs));
        for (std::size_t i = 0; i < contracts.size(); ++i) {
            Contract& c = contracts[i];
            c.id = specs[i].id;
            c.title = std::string("Contract ") + specs[i].id;
            c.category = specs[i].area;
            c.supplier_name = i == 2 ? kEvil : "Supplier " + std::to_string(i);
            if (specs[i].pence) {
                c.fields.set(bexley().fields.find("contract.value")->id,
                             Answer{Value::money_pence(specs[i].pence), "", {"register.csv", "row"}});
            }
            PortfolioRow row;
            row.contract = &c;
            row.status = *parse_contract_status(specs[i].status);
            row.outcomes[static_cast<std::size_t>(Outcome::Fail)] = i;
            row.outcomes[static_cast<std::size_t>(Outcome::Warn)] = 2;
            row.last_return_period = "2026-Q2";
            row.last_return_submitted = "2026-10-21";
            row.late_returns = static_cast<uint32_t>(i % 2);
            row.workbook = "OUTDIR/" + c.id + "/" + c.id + " 2026-Q2 compliance.xlsx";
            report.rows.push_back(row);
        }
        report.rulebook = &bexley();
        report.data_date = "2026-10-31";
        report.fairgate_version = "0.1.0";
    }

    /// Points the rows' workbook paths into `out`.
    void place(const fs::path& out) {
        for (PortfolioRow& r : report.rows) {
            r.workbook = (out / r.contract->id / (r.contract->id + " 2026-Q2 compliance.xlsx")).string();
        }
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(portfolio_workbook)

BOOST_AUTO_TEST_CASE(one_row_per_contract_in_id_order) {
    Fixture run;
    const fs::path dir = scratch("rows");
    run.place(dir);
    const std::string path = (dir / "portfolio 2026-10-31.xlsx").string();
    write_portfolio_workbook(run.report, path);
    const test::XlsxFile x(path);
    BOOST_TEST(x.sheet_names() == (std::vector<std::string>{"Portfolio", "By service area"}),
               boost::test_tools::per_element());

    const test::XlsxSheet& s = x.sheet("Portfolio");
    BOOST_TEST(s.rows == 5u);
    const unsigned id = s.column("Contract"), status = s.column("Status"), fail = s.column("Fail"),
                   value = s.column("Value"), area = s.column("Service area"), wb = s.column("Workbook"),
                   late = s.column("Late returns"), period = s.column("Last return"),
                   submitted = s.column("Last return submitted"), supplier = s.column("Supplier");
    for (unsigned r = 1; r <= 4; ++r) BOOST_TEST(s.at(r, id) == "BX-000" + std::to_string(r));
    BOOST_TEST(s.at(1, status) == "Red");
    BOOST_TEST(s.at(2, status) == "Amber");
    BOOST_TEST(s.at(3, status) == "Green");
    BOOST_TEST(s.at(1, fail) == "1");
    BOOST_TEST(s.at(1, value) == "1250000");
    BOOST_TEST(s.at(3, value).empty());
    BOOST_TEST(s.at(3, area) == "(no service area)");
    BOOST_TEST(s.at(3, supplier) == kEvil);
    BOOST_TEST(s.cells.at({3, supplier}).type == "s");
    BOOST_TEST(s.at(1, wb) == "BX-0001/BX-0001 2026-Q2 compliance.xlsx");
    BOOST_TEST(s.at(1, late) == "1");
    BOOST_TEST(s.at(1, period) == "2026-Q2");
    BOOST_TEST(s.at(1, submitted) == "46316");  // 21 Oct 2026 as an Excel date serial
    s.column("Missing");
    s.column("Refer");

    const std::string table = x.part("xl/tables/table1.xml");
    BOOST_TEST(table.find("autoFilter") != std::string::npos);
    const std::string sheet = x.part("xl/worksheets/sheet1.xml");
    BOOST_TEST(sheet.find("state=\"frozen\"") != std::string::npos);
    // A4 like every sheet; "Last return submitted" wraps in its column, so the header row grows.
    BOOST_TEST(sheet.find("paperSize=\"9\"") != std::string::npos);
    // The workbook column links to each contract's workbook, relative to the portfolio.
    const std::string rels = x.part("xl/worksheets/_rels/sheet1.xml.rels");
    BOOST_TEST(rels.find("Target=\"BX-0001\\BX-0001%202026-Q2%20compliance.xlsx\" TargetMode=\"External\"") !=
               std::string::npos);
    BOOST_TEST(sheet.find("<hyperlink ref=\"N2\"") != std::string::npos);
    BOOST_TEST(sheet.find("<row r=\"1\" spans=\"1:14\" ht=\"30\" customHeight=\"1\">") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(status_counts_by_service_area_with_a_chart) {
    Fixture run;
    const fs::path dir = scratch("areas");
    const std::string path = (dir / "p.xlsx").string();
    write_portfolio_workbook(run.report, path);
    const test::XlsxFile x(path);
    const test::XlsxSheet& s = x.sheet("By service area");

    std::map<std::string, std::vector<std::string>> counts;
    for (unsigned r = 1; r < s.rows; ++r) {
        counts[s.at(r, 0)] = {s.at(r, 1), s.at(r, 2), s.at(r, 3), s.at(r, 4)};
        if (s.at(r, 0) == "All service areas") break;  // the facts below are not areas
    }
    BOOST_TEST(s.at(0, 1) == "Red");
    BOOST_TEST(s.at(1, 0) == "Adult social care");
    BOOST_TEST(s.at(3, 0) == "(no service area)");  // last, whatever its spelling sorts as
    BOOST_TEST(counts.size() == 4u);
    BOOST_TEST(counts["Adult social care"] == (std::vector<std::string>{"1", "0", "1", "2"}),
               boost::test_tools::per_element());
    BOOST_TEST(counts["Children's services"] == (std::vector<std::string>{"0", "1", "0", "1"}),
               boost::test_tools::per_element());
    BOOST_TEST(counts["(no service area)"] == (std::vector<std::string>{"0", "0", "1", "1"}),
               boost::test_tools::per_element());
    BOOST_TEST(counts["All service areas"] == (std::vector<std::string>{"1", "1", "2", "4"}),
               boost::test_tools::per_element());

    const std::string chart = x.part("xl/charts/chart1.xml");
    BOOST_REQUIRE(!chart.empty());
    BOOST_TEST(chart.find("<c:grouping val=\"stacked\"/>") != std::string::npos);
    BOOST_TEST(chart.find("'By service area'!$A$2:$A$4") != std::string::npos);
    BOOST_TEST(chart.find("'By service area'!$B$2:$B$4") != std::string::npos);
    BOOST_TEST(chart.find("'By service area'!$D$2:$D$4") != std::string::npos);
    BOOST_TEST(chart.find("$A$5") == std::string::npos);  // the totals row is not an area
    std::map<std::string, std::string> facts;
    for (unsigned r = 0; r < s.rows; ++r) facts[s.at(r, 0)] = s.at(r, 1);
    BOOST_TEST(facts["Position stated at"] == std::to_string(Date::from_ymd(2026, 10, 31).days() + 25569));
    BOOST_TEST(facts["Rulebook"] == bexley().id + " version " + bexley().version);
}

// Hundreds of service areas: the table lists every one, the chart the twelve with most
// contracts and one "Other" bar for the rest, so its bars stay readable.
BOOST_AUTO_TEST_CASE(chart_shows_the_largest_areas_and_the_rest_as_other) {
    std::vector<Contract> contracts(300);
    PortfolioReport report;
    for (std::size_t i = 0; i < contracts.size(); ++i) {
        Contract& c = contracts[i];
        c.id = "BX-" + std::to_string(1000 + i);
        // Area 0 holds 30 contracts, areas 1..11 two each, the other 248 contracts one area each.
        const std::size_t area = i < 30 ? 0 : i < 52 ? 1 + (i - 30) / 2 : 12 + (i - 52);
        c.category = "Area " + std::to_string(1000 + area);
        PortfolioRow row;
        row.contract = &c;
        row.status = i % 3 == 0 ? ContractStatus::Red : ContractStatus::Green;
        report.rows.push_back(row);
    }
    report.data_date = "2026-10-31";
    const fs::path dir = scratch("many-areas");
    write_portfolio_workbook(report, (dir / "p.xlsx").string());
    const test::XlsxFile x((dir / "p.xlsx").string());
    const test::XlsxSheet& s = x.sheet("By service area");
    unsigned areas = 0;
    for (unsigned r = 1; r < s.rows && s.at(r, 0) != "All service areas"; ++r) ++areas;
    BOOST_TEST(areas == 260u);  // the table keeps all
    const unsigned block = s.column("Charted: the 12 service areas with most contracts");
    BOOST_TEST(s.at(1, block) == "Area 1000");  // most contracts first
    BOOST_TEST(s.at(13, block) == "Other (248 areas)");
    double other = 0;
    for (unsigned c = block + 1; c <= block + 3; ++c) other += std::stod(s.at(13, c));
    BOOST_TEST(other == 248.0);
    const std::string chart = x.part("xl/charts/chart1.xml");
    BOOST_TEST(chart.find("'By service area'!$G$2:$G$14") != std::string::npos);
    BOOST_TEST(chart.find("$A$2:$A$") == std::string::npos);
}

// A folder name holding fairgate's %XX escapes is linked to as it is on disk.
BOOST_AUTO_TEST_CASE(workbook_links_escape_percent_signs) {
    Fixture run;
    const fs::path dir = scratch("links");
    run.report.rows.resize(1);
    run.report.rows[0].workbook = (dir / "BX%2F1" / "BX%2F1 2026-Q2 compliance.xlsx").string();
    write_portfolio_workbook(run.report, (dir / "p.xlsx").string());
    const test::XlsxFile x((dir / "p.xlsx").string());
    const test::XlsxSheet& s = x.sheet("Portfolio");
    BOOST_TEST(s.at(1, s.column("Workbook")) == "BX%2F1/BX%2F1 2026-Q2 compliance.xlsx");
    BOOST_TEST(x.part("xl/worksheets/_rels/sheet1.xml.rels").find("Target=\"BX%252F1\\BX%252F1%202026-Q2") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_cell_is_a_formula_and_rewrites_are_identical) {
    Fixture run;
    const fs::path dir = scratch("reproducible");
    write_portfolio_workbook(run.report, (dir / "a.xlsx").string());
    std::reverse(run.report.rows.begin(), run.report.rows.end());
    write_portfolio_workbook(run.report, (dir / "b.xlsx").string());
    write_portfolio_workbook(run.report, (dir / "b.xlsx").string());
    const std::string a = read_bytes(dir / "a.xlsx"), b = read_bytes(dir / "b.xlsx");
    BOOST_TEST(!a.empty());
    BOOST_TEST((a == b));

    const test::XlsxFile x((dir / "a.xlsx").string());
    BOOST_TEST(x.part("docProps/core.xml").find("2026-10-31T00:00:00Z") != std::string::npos);
    for (const std::string& name : x.sheet_names()) {
        for (const auto& [pos, cell] : x.sheet(name).cells) {
            BOOST_TEST_CONTEXT(name << " row " << pos.first << " column " << pos.second) {
                BOOST_TEST(!cell.has_formula);
            }
        }
    }
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    BOOST_TEST(names == (std::vector<std::string>{"a.xlsx", "b.xlsx"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_portfolio_opens_without_a_chart_or_value_column) {
    PortfolioReport empty;
    empty.data_date = "2026-10-31";
    const fs::path dir = scratch("empty");
    write_portfolio_workbook(empty, (dir / "p.xlsx").string());
    const test::XlsxFile x((dir / "p.xlsx").string());
    BOOST_TEST(x.sheet("Portfolio").rows == 1u);
    BOOST_CHECK_THROW(x.sheet("Portfolio").column("Value"), std::exception);
    BOOST_TEST(x.part("xl/charts/chart1.xml").empty());
    BOOST_TEST(x.sheet("By service area").at(1, 0) == "All service areas");
}

BOOST_AUTO_TEST_CASE(a_row_without_a_contract_is_refused) {
    PortfolioReport report;
    report.rows.push_back(PortfolioRow{});
    BOOST_CHECK_THROW(write_portfolio_workbook(report, (scratch("refused") / "p.xlsx").string()),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
