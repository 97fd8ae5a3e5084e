// XLSX workbooks built in the test from literal XML, one feature at a time.

#include <boost/test/unit_test.hpp>

#include "importer_fixture.hpp"
#include "importers/xlsx_reader.hpp"
#include "model/value_parse.hpp"

using namespace fairgate;
using namespace fairgate::importers;
using fairgate::test::number_cell;
using fairgate::test::row_xml;
using fairgate::test::sheet_xml;
using fairgate::test::text_cell;
using fairgate::test::WorkbookParts;

namespace {

const std::string kStyles =
    R"(<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;£&quot;#,##0"/>)"
    R"(<numFmt numFmtId="166" formatCode="[Red]0.00;&quot;day&quot;"/></numFmts>)"
    R"(<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/><xf numFmtId="9"/><xf numFmtId="166"/></cellXfs>)"
    R"(</styleSheet>)";

std::vector<Grid> read(const WorkbookParts& parts, const ImportLimits& limits = {}) {
    return read_xlsx("book.xlsx", parts.xlsx(), limits);
}

std::string refusal(const std::string& bytes, const ImportLimits& limits = {}) {
    try {
        read_xlsx("book.xlsx", bytes, limits);
    } catch (const ImportError& e) {
        return e.describe();
    }
    return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(xlsx_reader)

BOOST_AUTO_TEST_CASE(shared_strings_including_rich_text_runs) {
    WorkbookParts wb;
    wb.shared_strings = R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
                        R"(<si><t>Plain</t></si><si><r><t>Rich</t></r><r><t xml:space="preserve"> </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ignored</t></rPh></si>)"
                        R"(<si><t>two_x000D_
lines</t></si></sst>)";
    wb.sheets = {{"Data", sheet_xml({row_xml(2, {R"(<c r="B2" t="s"><v>0</v></c>)", R"(<c r="C2" t="s"><v>1</v></c>)", R"(<c r="D2" t="s"><v>2</v></c>)"})})}};
    const auto grids = read(wb);
    BOOST_TEST(grids.size() == 1u);
    BOOST_TEST(grids[0].sheet == "Data");
    BOOST_TEST(grids[0].at(1, 1).text == "Plain");
    BOOST_TEST(grids[0].at(1, 2).text == "Rich text");
    BOOST_TEST(grids[0].at(1, 3).text == "two\r\nlines");  // Excel's _x000D_ escape
    BOOST_TEST(grids[0].where(1, 2).display() == "book.xlsx!Data!C2");
}

BOOST_AUTO_TEST_CASE(inline_strings_booleans_errors_and_numbers) {
    WorkbookParts wb;
    wb.sheets = {{"S", sheet_xml({row_xml(1, {text_cell("A1", "hello"), R"(<c r="B1" t="b"><v>1</v></c>)",
                                              R"(<c r="C1" t="e"><v>#N/A</v></c>)", number_cell("D1", "0.85"),
                                              R"(<c r="E1" t="str"><f>A1</f><v>hello</v></c>)"})})}};
    const Grid g = read(wb)[0];
    BOOST_TEST((g.at(0, 0).kind == Cell::Kind::Text));
    BOOST_TEST(g.at(0, 0).text == "hello");
    BOOST_TEST((g.at(0, 1).kind == Cell::Kind::Boolean));
    BOOST_TEST(g.at(0, 1).number == 1.0);
    BOOST_TEST((g.at(0, 2).kind == Cell::Kind::Error));
    BOOST_TEST(g.at(0, 2).text == "#N/A");
    BOOST_TEST((g.at(0, 3).kind == Cell::Kind::Number));
    BOOST_TEST(g.at(0, 3).number == 0.85);
    BOOST_TEST(g.at(0, 4).text == "hello");
}

BOOST_AUTO_TEST_CASE(date_styles_are_recognised) {
    WorkbookParts wb;
    wb.styles = kStyles;
    wb.sheets = {{"S", sheet_xml({row_xml(1, {number_cell("A1", "45702", 1), number_cell("B1", "1250", 2),
                                              number_cell("C1", "45702", 3), number_cell("D1", "0.5", 4),
                                              number_cell("E1", "3", 5), number_cell("F1", "45702")})})}};
    const Grid g = read(wb)[0];
    BOOST_TEST(g.at(0, 0).date_style);   // custom dd/mm/yyyy
    BOOST_TEST(!g.at(0, 1).date_style);  // "£"#,##0: the d/m/y test skips quoted text
    BOOST_TEST(g.at(0, 2).date_style);   // built-in 14
    BOOST_TEST(!g.at(0, 3).date_style);  // built-in 9, 0%
    BOOST_TEST(!g.at(0, 4).date_style);  // letters only in brackets and quotes
    BOOST_TEST(!g.at(0, 5).date_style);  // no style
    BOOST_TEST(is_date_format(164, "d mmm yyyy"));
    BOOST_TEST(is_date_format(47, ""));
    BOOST_TEST(!is_date_format(164, "#,##0.00\\ \\d"));
    BOOST_TEST(!is_date_format(0, "General"));
}

BOOST_AUTO_TEST_CASE(date1904_is_read_from_the_workbook) {
    WorkbookParts wb;
    wb.date1904 = true;
    wb.sheets = {{"S", sheet_xml({row_xml(1, {number_cell("A1", "1")})})}};
    BOOST_TEST(read(wb)[0].date1904);
    wb.date1904 = false;
    BOOST_TEST(!read(wb)[0].date1904);
}

BOOST_AUTO_TEST_CASE(sheets_keep_workbook_order_and_sparse_cells_their_places) {
    WorkbookParts wb;
    wb.sheets = {{"Guidance", sheet_xml({row_xml(1, {text_cell("A1", "How to")})})},
                 {"Form", sheet_xml({row_xml(14, {text_cell("C14", "x")})})}};
    const auto grids = read(wb);
    BOOST_TEST(grids.size() == 2u);
    BOOST_TEST(grids[1].sheet == "Form");
    BOOST_TEST(grids[1].at(13, 2).text == "x");
    BOOST_TEST(grids[1].where(13, 2).locator == "Form!C14");
}

BOOST_AUTO_TEST_CASE(doctype_is_refused) {
    WorkbookParts wb;
    wb.sheets = {{"S", R"(<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>)"}};
    const std::string why = refusal(wb.xlsx());
    BOOST_TEST(why.find("DOCTYPE") != std::string::npos, why);
    BOOST_TEST(why.find("book.xlsx") == 0u, why);
}

BOOST_AUTO_TEST_CASE(zip_bomb_ratio_is_refused) {
    WorkbookParts wb;
    // 8 MB of spaces deflates about a thousand to one: no real worksheet does that.
    wb.sheets = {{"S", sheet_xml({row_xml(1, {text_cell("A1", std::string(8u << 20, ' '))})})}};
    const std::string why = refusal(wb.xlsx());
    BOOST_TEST(why.find("zip bomb") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(total_inflated_size_is_capped) {
    WorkbookParts wb;
    wb.sheets = {{"S", sheet_xml({row_xml(1, {text_cell("A1", std::string(20000, 'x'))})})}};
    ImportLimits limits;
    limits.max_uncompressed_bytes = 10000;
    const std::string why = refusal(wb.xlsx(), limits);
    BOOST_TEST(why.find("size limit") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(truncated_file_is_refused_as_damaged) {
    WorkbookParts wb;
    wb.sheets = {{"S", sheet_xml({row_xml(1, {text_cell("A1", "hello")})})}};
    const std::string whole = wb.xlsx();
    const std::string why = refusal(whole.substr(0, whole.size() / 2));
    BOOST_TEST(why.find("book.xlsx: is not a readable Excel workbook (the file is damaged or truncated)") == 0u, why);
}

BOOST_AUTO_TEST_CASE(entries_with_data_descriptors_are_read) {
    WorkbookParts wb;
    // Letters from a small generator: realistic compression, unlike a run of one letter.
    std::string text;
    for (uint32_t x = 1; text.size() < 100000;) {
        x = x * 1103515245u + 12345u;
        text.push_back(static_cast<char>('a' + (x >> 16) % 26));
    }
    wb.sheets = {{"S", sheet_xml({row_xml(1, {text_cell("A1", text + "hello")})})}};
    const std::string bytes = fairgate::test::zip_of(wb.parts(), false, true);
    const auto grids = read_xlsx("book.xlsx", bytes, {});
    BOOST_TEST(grids.at(0).at(0, 0).text.size() == 100005u);
}

BOOST_AUTO_TEST_CASE(corrupt_part_fails_its_checksum) {
    WorkbookParts wb;
    wb.sheets = {{"S", sheet_xml({row_xml(1, {text_cell("A1", "hello world")})})}};
    std::string bytes = fairgate::test::zip_of(wb.parts(), true);
    const auto at = bytes.find("hello world");
    BOOST_REQUIRE(at != std::string::npos);
    bytes[at] = 'j';
    const std::string why = refusal(bytes);
    BOOST_TEST(why.find("damaged or truncated") != std::string::npos, why);
    BOOST_TEST(why.find("sheet1.xml is corrupt") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(missing_workbook_part_is_damage) {
    const std::string bytes = fairgate::test::zip_of({{"hello.txt", "not a workbook"}});
    const std::string why = refusal(bytes);
    BOOST_TEST(why.find("xl/workbook.xml is missing") != std::string::npos, why);
}

BOOST_AUTO_TEST_SUITE_END()
