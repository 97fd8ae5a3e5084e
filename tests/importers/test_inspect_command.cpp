// `fairgate inspect`: src/cli/inspect_command.cpp, compiled into this suite because it is a
// view of the importers (the CLI wires it to the command line).

#include <boost/test/unit_test.hpp>

#include <sstream>
#include <sysexits.h>

#include "cli/inspect_command.hpp"
#include "importer_fixture.hpp"

using namespace fairgate;
using namespace fairgate::test;

BOOST_AUTO_TEST_SUITE(inspect_command)

BOOST_AUTO_TEST_CASE(text_shows_format_fields_provenance_and_notes) {
    const SourceFile f = write_input("inspect.csv", "Contract reference,Quarter,Supplier registration number,Return type,Q1,Mystery\n"
                                                    "BX-1,2026-Q2,S1,Quarterly,many,3\n");
    std::ostringstream out, err;
    const int status = cli::inspect_command({f.path}, false, false, importers::ReadingPlan(bexley_fields()), out, err);
    BOOST_TEST(status == EX_OK);
    const std::string s = out.str();
    BOOST_TEST(s.find("format: csv table") != std::string::npos, s);
    BOOST_TEST(s.find("contract.id = BX-1  @ inspect.csv line 2, column 1") != std::string::npos, s);
    BOOST_TEST(s.find("q.service_users = many (invalid") != std::string::npos, s);
    BOOST_TEST(s.find("column 'Mystery' is not in the rulebook") != std::string::npos, s);
}

BOOST_AUTO_TEST_CASE(json_is_one_object_per_file_and_errors_do_not_stop_the_rest) {
    const SourceFile good = write_input("inspect-ok.xml", "<return><header><kind>Tender</kind><tender>T</tender><supplier-id>S</supplier-id>"
                                                          "</header><answers><answer ref=\"B1\">Yes</answer></answers></return>");
    const SourceFile bad = write_input("inspect-bad.json", "{\"releases\": [");
    std::ostringstream out, err;
    const int status = cli::inspect_command({bad.path, good.path}, true, false, importers::ReadingPlan(bexley_fields()), out, err);
    BOOST_TEST(status == EX_DATAERR);
    std::istringstream lines(out.str());
    std::string first, second;
    std::getline(lines, first);
    std::getline(lines, second);
    BOOST_TEST(first.find("\"error\":\"refused: inspect-bad.json line 1") != std::string::npos, first);
    BOOST_TEST(second.find("\"format\":\"xml returns\"") != std::string::npos, second);
    BOOST_TEST(second.find("{\"field\":\"eq.policy\",\"type\":\"yes-no\",\"state\":\"valid\",\"value\":\"yes\"") != std::string::npos, second);
}

BOOST_AUTO_TEST_CASE(cells_prints_every_non_empty_cell) {
    WorkbookParts book;
    book.styles = R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2">)"
                  R"(<xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>)";
    book.sheets.emplace_back("Data", sheet_xml({row_xml(1, {text_cell("A1", "Say \"hi\""), number_cell("C1", "0.85")}),
                                                row_xml(3, {number_cell("B3", "46112", 1)})}));
    const SourceFile f = write_input("cells.xlsx", book.xlsx());
    std::ostringstream out, err;
    BOOST_TEST(cli::inspect_command({f.path}, false, true, importers::ReadingPlan(bexley_fields()), out, err) == EX_OK);
    BOOST_TEST(out.str() ==
               "{\"file\":\"cells.xlsx\",\"sheet\":\"Data\",\"cell\":\"A1\",\"type\":\"text\",\"value\":\"Say \\\"hi\\\"\"}\n"
               "{\"file\":\"cells.xlsx\",\"sheet\":\"Data\",\"cell\":\"C1\",\"type\":\"number\",\"value\":\"0.85\"}\n"
               "{\"file\":\"cells.xlsx\",\"sheet\":\"Data\",\"cell\":\"B3\",\"type\":\"date\",\"value\":\"2026-03-31\"}\n");
}

BOOST_AUTO_TEST_CASE(missing_file_and_no_file) {
    std::ostringstream out, err;
    BOOST_TEST(cli::inspect_command({}, false, false, importers::ReadingPlan(bexley_fields()), out, err) == EX_USAGE);
    BOOST_TEST(cli::inspect_command({"/nonexistent/x.csv"}, false, false, importers::ReadingPlan(bexley_fields()), out, err) == EX_NOINPUT);
    BOOST_TEST(err.str().find("no such file") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
