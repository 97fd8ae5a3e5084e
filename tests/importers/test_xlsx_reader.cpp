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
    BOOST_TEST(g.at(0, 0).date_style());   // custom dd/mm/yyyy
    BOOST_TEST(!g.at(0, 1).date_style());  // "£"#,##0: the d/m/y test skips quoted text
    BOOST_TEST(g.at(0, 2).date_style());   // built-in 14
    BOOST_TEST(!g.at(0, 3).date_style());  // built-in 9, 0%
    BOOST_TEST(!g.at(0, 4).date_style());  // letters only in brackets and quotes
    BOOST_TEST(!g.at(0, 5).date_style());  // no style
    BOOST_TEST(is_date_format(164, "d mmm yyyy"));
    BOOST_TEST(is_date_format(22, ""));
    BOOST_TEST(!is_date_format(47, ""));  // mmss.0: a time, not a date
    BOOST_TEST(!is_date_format(164, "#,##0.00\\ \\d"));
    BOOST_TEST(!is_date_format(0, "General"));
}

BOOST_AUTO_TEST_CASE(number_formats_are_classified_as_excel_reads_them) {
    using K = NumberFormatKind;
    const auto kind = [](const std::string& code) { return classify_number_format(164, code); };
    // Times of day and durations: m next to h or s is minutes.
    BOOST_TEST((kind("hh:mm:ss") == K::Time));
    BOOST_TEST((kind("HH:MM") == K::Time));  // LibreOffice writes codes in capitals
    BOOST_TEST((kind("[hh]:mm:ss") == K::Duration));
    BOOST_TEST((kind("[HH]:MM:SS") == K::Duration));
    BOOST_TEST((kind("[mm]:ss") == K::Duration));
    BOOST_TEST((kind("[ss].00") == K::Duration));
    BOOST_TEST((kind("mm:ss") == K::Time));
    BOOST_TEST((kind("mm:ss.0") == K::Time));
    BOOST_TEST((kind("h:mm AM/PM") == K::Time));  // the m of AM/PM is no month
    BOOST_TEST((kind("h:mm a/p") == K::Time));
    BOOST_TEST((kind("h \\h mm \\m") == K::Time));
    // Dates: y, d, and m away from h and s.
    BOOST_TEST((kind("yyyy-mm-dd") == K::Date));
    BOOST_TEST((kind("mmm-yy") == K::Date));
    BOOST_TEST((kind("mm") == K::Date));
    BOOST_TEST((kind("\"Due \"dd mmm") == K::Date));
    BOOST_TEST((kind("[$-809]dd mmmm yyyy") == K::Date));
    BOOST_TEST((kind("[$-809]DD/MM/YYYY;@") == K::Date));
    BOOST_TEST((kind("d mmm yyyy") == K::Date));
    // Both: the first mm is a month (between dd and yyyy), the second minutes (after hh).
    BOOST_TEST((kind("dd/mm/yyyy hh:mm") == K::DateTime));
    BOOST_TEST((kind("yyyy-mm-dd h:mm:ss") == K::DateTime));
    BOOST_TEST((kind("hh:mm dd/mm/yyyy") == K::DateTime));
    BOOST_TEST((kind("h:mmm") == K::DateTime));  // mmm is always a month
    // Numbers: letters in brackets, quotes and after \ are shown, not codes.
    BOOST_TEST((kind("[Red]0.00") == K::Number));
    BOOST_TEST((kind("0.00%") == K::Number));
    BOOST_TEST((kind("\"£\"#,##0.00") == K::Number));
    BOOST_TEST((kind("#,##0.00\\ \\d") == K::Number));
    BOOST_TEST((kind("0 \"hours\"") == K::Number));
    BOOST_TEST((kind("[>=100][Blue]#,##0;[Red]0") == K::Number));
    BOOST_TEST((kind("0.00E+00") == K::Number));
    BOOST_TEST((kind("General") == K::Number));
    BOOST_TEST((kind("@") == K::Number));
    BOOST_TEST((kind("0;\"day\"") == K::Number));        // only the first section decides
    BOOST_TEST((kind("") == K::Number));                 // an undeclared custom format
    // Built-in formats, which a workbook does not spell out.
    BOOST_TEST((classify_number_format(14, "") == K::Date));
    BOOST_TEST((classify_number_format(15, "") == K::Date));
    BOOST_TEST((classify_number_format(17, "") == K::Date));
    BOOST_TEST((classify_number_format(18, "") == K::Time));      // h:mm AM/PM
    BOOST_TEST((classify_number_format(19, "") == K::Time));      // h:mm:ss AM/PM
    BOOST_TEST((classify_number_format(20, "") == K::Time));      // h:mm
    BOOST_TEST((classify_number_format(21, "") == K::Time));      // h:mm:ss
    BOOST_TEST((classify_number_format(22, "") == K::DateTime));  // m/d/yyyy h:mm
    BOOST_TEST((classify_number_format(45, "") == K::Time));      // mm:ss
    BOOST_TEST((classify_number_format(46, "") == K::Duration));  // [h]:mm:ss
    BOOST_TEST((classify_number_format(47, "") == K::Time));      // mmss.0
    BOOST_TEST((classify_number_format(0, "") == K::Number));
    BOOST_TEST((classify_number_format(9, "") == K::Number));
    BOOST_TEST((classify_number_format(49, "") == K::Number));
    BOOST_TEST((classify_number_format(20, "dd/mm/yyyy") == K::Date));  // a declared code wins
    // Only dates and date-times are read as dates.
    BOOST_TEST(is_date_format(164, "dd/mm/yyyy hh:mm"));
    BOOST_TEST(!is_date_format(164, "hh:mm:ss"));
    BOOST_TEST(!is_date_format(164, "[hh]:mm:ss"));
    BOOST_TEST(!is_date_format(21, ""));
}

BOOST_AUTO_TEST_CASE(time_and_duration_cells_are_told_apart_from_dates) {
    // As LibreOffice writes 14:30 and 36:15:00 from a CSV, and a date-time.
    WorkbookParts wb;
    wb.styles = R"(<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
                R"(<numFmts count="3"><numFmt numFmtId="164" formatCode="HH:MM:SS"/><numFmt numFmtId="165" formatCode="[HH]:MM:SS"/>)"
                R"(<numFmt numFmtId="166" formatCode="DD/MM/YYYY HH:MM"/></numFmts>)"
                R"(<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="46"/></cellXfs>)"
                R"(</styleSheet>)";
    wb.sheets = {{"S", sheet_xml({row_xml(2, {number_cell("B2", "0.604166666666667", 1), number_cell("C2", "1.51041666666667", 2),
                                              number_cell("D2", "46112.6041666667", 3), number_cell("E2", "2.5", 4)})})}};
    const Grid g = read(wb)[0];
    BOOST_TEST((g.at(1, 1).kind == Cell::Kind::Number));
    BOOST_TEST(!g.at(1, 1).date_style());
    BOOST_TEST(g.at(1, 1).text == "0.604166666666667");  // the number as stored is kept
    BOOST_TEST((g.at(1, 1).format == NumberFormatKind::Time));
    BOOST_TEST(g.at(1, 1).time_text() == "14:30:00");
    BOOST_TEST(!g.at(1, 2).date_style());
    BOOST_TEST(g.at(1, 2).number == 1.51041666666667);
    BOOST_TEST((g.at(1, 2).format == NumberFormatKind::Duration));
    BOOST_TEST(g.at(1, 2).time_text() == "36:15:00");  // every hour counted, not the time of day
    BOOST_TEST(g.at(1, 3).date_style());  // a date-time is a date
    BOOST_TEST(!g.at(1, 3).time_style());
    BOOST_TEST(date_from_excel_serial(g.at(1, 3).number).iso() == "2026-03-31");
    BOOST_TEST(!g.at(1, 4).date_style());  // built-in 46, [h]:mm:ss
    BOOST_TEST(g.at(1, 4).time_text() == "60:00:00");
}

// Real writers leave <v/> empty in a cell they type as a shared string, a number or a boolean:
// an empty cell, not a pointer at a shared string that does not exist.
BOOST_AUTO_TEST_CASE(an_empty_value_is_an_empty_cell_whatever_its_type) {
    WorkbookParts wb;
    wb.shared_strings = R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>kept</t></si></sst>)";
    wb.sheets = {{"S", sheet_xml({row_xml(1, {R"(<c r="A1" t="s"><v/></c>)", R"(<c r="B1" t="s"><v></v></c>)",
                                              R"(<c r="C1"><v/></c>)", R"(<c r="D1" t="b"><v/></c>)", R"(<c r="E1" t="s"><v>0</v></c>)"})})}};
    const Grid g = read(wb)[0];
    for (size_t c = 0; c < 4; ++c) BOOST_TEST((g.at(0, c).kind == Cell::Kind::Empty), "column " << c);
    BOOST_TEST(g.at(0, 4).text == "kept");
    // An index past the shared strings is still damage.
    wb.sheets = {{"S", sheet_xml({row_xml(1, {R"(<c r="A1" t="s"><v>1</v></c>)"})})}};
    BOOST_TEST(refusal(wb.xlsx()).find("points at a shared string that does not exist") != std::string::npos);
}

// A valid package need not put its parts where Excel does: the workbook is the package's
// officeDocument relationship, and its sheets, shared strings and styles are its own
// relationships' targets, relative to its folder or absolute from the package root.
BOOST_AUTO_TEST_CASE(parts_are_found_through_the_relationships) {
    const std::string rels_ns = R"(xmlns="http://schemas.openxmlformats.org/package/2006/relationships")";
    const std::string type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    const std::string package_rels =
        R"(<?xml version="1.0"?><Relationships )" + rels_ns + ">" +
        R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)" +
        R"(<Relationship Id="rId1" Type=")" + type + R"(officeDocument" Target="/book/main.xml"/></Relationships>)";
    const std::string workbook =
        R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
        R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
        R"(<sheet name="First" sheetId="1" r:id="s1"/><sheet name="Second" sheetId="2" r:id="s2"/></sheets></workbook>)";
    const std::string workbook_rels =
        R"(<?xml version="1.0"?><Relationships )" + rels_ns + ">" +
        R"(<Relationship Id="s1" Type=")" + type + R"(worksheet" Target="./sheets/../sheets/one.xml"/>)" +
        R"(<Relationship Id="s2" Type=")" + type + R"(worksheet" Target="/data/two.xml"/>)" +
        R"(<Relationship Id="t" Type=")" + type + R"(sharedStrings" Target="../strings/shared.xml"/>)" +
        R"(<Relationship Id="st" Type=")" + type + R"(styles" Target="look.xml"/>)" +
        R"(<Relationship Id="x" Type=")" + type + R"(hyperlink" Target="https://example.org/a.xml" TargetMode="External"/>)" +
        "</Relationships>";
    const std::string strings = R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>from the shared strings</t></si></sst>)";
    const std::string bytes = fairgate::test::zip_of({
        {"_rels/.rels", package_rels},
        {"book/main.xml", workbook},
        {"book/_rels/main.xml.rels", workbook_rels},
        {"book/sheets/one.xml", sheet_xml({row_xml(1, {R"(<c r="A1" t="s"><v>0</v></c>)", number_cell("B1", "46112", 3)})})},
        {"data/two.xml", sheet_xml({row_xml(2, {text_cell("B2", "second")})})},
        {"strings/shared.xml", strings},
        {"book/look.xml", kStyles},
    });
    const std::vector<Grid> grids = read_xlsx("moved.xlsx", bytes, ImportLimits{});
    BOOST_REQUIRE(grids.size() == 2u);
    BOOST_TEST(grids[0].sheet == "First");
    BOOST_TEST(grids[0].at(0, 0).text == "from the shared strings");
    BOOST_TEST(grids[0].at(0, 1).date_style());  // the styles part was found: built-in 14 is a date
    BOOST_TEST(grids[1].at(1, 1).text == "second");
    // Without relationships of its own, a package is read where Excel puts its parts.
    WorkbookParts plain;
    plain.sheets = {{"S", sheet_xml({row_xml(1, {text_cell("A1", "x")})})}};
    BOOST_TEST(read(plain)[0].at(0, 0).text == "x");
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
    BOOST_TEST(grids[1].where(13, 2).locator() == "Form!C14");
}

namespace {

// A sheet of `rows` rows (several megabytes of XML), written with the element prefix `x` (""
// for none) and no row or cell numbers, so that every row's place depends on those before it;
// each text holds an escaped "</row>". `inside` goes into sheetData before the rows.
std::string big_sheet(size_t rows, const std::string& x, const std::string& inside = "") {
    const std::string p = x.empty() ? "" : x + ":";
    std::string s = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><)" + p +
                    R"(worksheet xmlns)" + (x.empty() ? "" : ":" + x) +
                    R"(="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><)" + p + "dimension ref=\"A1\"/><" + p +
                    "sheetData>" + inside;
    for (size_t i = 1; i <= rows; ++i) {
        s += "<" + p + "row><" + p + "c t=\"inlineStr\"><" + p + "is><" + p + "t>text &lt;/row&gt; " + std::to_string(i) + "</" +
             p + "t></" + p + "is></" + p + "c><" + p + "c><" + p + "v>" + std::to_string(i) + "</" + p + "v></" + p + "c></" +
             p + "row>";
        if (i % 1000 == 0) s += "<" + p + "row r=\"" + std::to_string(i + i / 1000) + "\"/>";  // an empty row, numbered
    }
    return s + "</" + p + "sheetData><" + p + "pageMargins left=\"0.7\"/></" + p + "worksheet>";
}

// Row i (1-based, as written) of big_sheet: its place counts the empty rows before it.
void check_big_sheet(const Grid& g, size_t rows) {
    size_t checked = 0;
    for (size_t i = 1; i <= rows; ++i) {
        const size_t r = i - 1 + (i - 1) / 1000;
        if (g.at(r, 0).text != "text </row> " + std::to_string(i) || g.at(r, 1).number != static_cast<double>(i)) {
            BOOST_ERROR("row " << i << " read as '" << g.at(r, 0).text << "', " << g.at(r, 1).number);
            return;
        }
        ++checked;
    }
    BOOST_TEST(checked == rows);
    BOOST_TEST(g.rows.size() == rows + (rows - 1) / 1000);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_big_sheet_reads_the_same_in_stretches) {
    // Over 3 MB of XML: parsed a stretch of rows at a time, with and without a prefix; with a
    // comment among the rows, parsed whole. All read the same.
    const size_t rows = 40000;
    for (const std::string& prefix : {std::string(), std::string("x")}) {
        for (const std::string& inside : {std::string(), std::string("<!-- </row> -->")}) {
            BOOST_TEST_CONTEXT("prefix '" << prefix << "', " << (inside.empty() ? "no comment" : "a comment")) {
                WorkbookParts wb;
                wb.sheets = {{"Big", big_sheet(rows, prefix, inside)}};
                BOOST_REQUIRE(wb.sheets[0].second.size() > (3u << 20));  // several stretches
                const auto grids = read(wb);
                BOOST_REQUIRE(grids.size() == 1u);
                check_big_sheet(grids[0], rows);
            }
        }
    }
    // Broken after the rows: refused as before, though the rows themselves parse.
    WorkbookParts broken;
    std::string xml = big_sheet(rows, "");
    xml.resize(xml.size() - std::string("</worksheet>").size());
    broken.sheets = {{"Big", xml}};
    BOOST_TEST(refusal(broken.xlsx()).find("is not well-formed XML") != std::string::npos, refusal(broken.xlsx()));
    // Broken inside a stretch far into the rows: refused too.
    std::string torn = big_sheet(rows, "");
    const size_t at = torn.find("text &lt;/row&gt; 35000<");
    BOOST_REQUIRE(at != std::string::npos);
    torn.erase(at + 24, 3);  // "</t" of that cell's text goes
    broken.sheets = {{"Big", torn}};
    BOOST_TEST(refusal(broken.xlsx()).find("is not well-formed XML") != std::string::npos, refusal(broken.xlsx()));
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
