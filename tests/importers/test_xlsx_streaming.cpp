// Big XLSX sheets read row by row (ImportLimits::stream_sheets_from_bytes): the returns,
// notes, batches and refusals must be those of reading the same workbook whole.

#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "importer_fixture.hpp"
#include "importers/xlsx_reader.hpp"

using namespace fairgate;
using namespace fairgate::importers;
using fairgate::test::bexley_fields;
using fairgate::test::dump;
using fairgate::test::number_cell;
using fairgate::test::row_xml;
using fairgate::test::sheet_xml;
using fairgate::test::text_cell;
using fairgate::test::WorkbookParts;
using fairgate::test::write_input;

namespace {

const std::vector<std::string> kHeadings = {"return.kind",  "contract.id",         "supplier.id",         "supplier.name",
                                            "return.period", "q.staff_training_pct", "q.easy_read_available"};

std::string column(size_t c) { return std::string(1, static_cast<char>('A' + c)); }

// A table of quarterly returns: headings as shared strings, values inline; every eleventh
// row has an unreadable percentage, every seventh no return type (its kind is guessed, with a
// note), every thirteenth a blank row after it. `extra` goes among the rows after row 50
// (a comment, say).
std::string table_sheet(size_t rows, const std::string& extra = {}) {
    std::vector<std::string> xml_rows;
    std::vector<std::string> heading;
    for (size_t c = 0; c < kHeadings.size(); ++c) {
        heading.push_back(R"(<c r=")" + column(c) + R"(1" t="s"><v>)" + std::to_string(c) + "</v></c>");
    }
    xml_rows.push_back(row_xml(1, heading));
    unsigned r = 2;
    for (size_t i = 1; i <= rows; ++i, ++r) {
        const std::string n = std::to_string(r);
        std::vector<std::string> cells;
        if (i % 7 != 0) cells.push_back(text_cell("A" + n, "quarterly"));
        cells.push_back(text_cell("B" + n, "BX-" + std::to_string(1000 + i)));
        cells.push_back(number_cell("C" + n, std::to_string(100 + i % 9)));
        cells.push_back(text_cell("D" + n, "Supplier &amp; Sons " + std::to_string(i)));
        cells.push_back(text_cell("E" + n, "2026-Q" + std::to_string(1 + i % 4)));
        cells.push_back(i % 11 == 0 ? text_cell("F" + n, "lots") : number_cell("F" + n, "0." + std::to_string(50 + i % 50)));
        cells.push_back(text_cell("G" + n, i % 2 ? "Yes" : "No"));
        xml_rows.push_back(row_xml(r, cells));
        if (i % 13 == 0) ++r;  // a blank row
        if (i == 50 && !extra.empty()) xml_rows.push_back(extra);
    }
    return sheet_xml(xml_rows);
}

std::string headings_sst(const std::vector<std::string>& more = {}) {
    std::string sst = R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
    for (const std::string& h : kHeadings) sst += "<si><t>" + h + "</t></si>";
    for (const std::string& h : more) sst += "<si><t>" + h + "</t></si>";
    return sst + "</sst>";
}

ImportLimits streamed() {
    ImportLimits limits;
    limits.stream_sheets_from_bytes = 0;  // every sheet is "big"
    return limits;
}

std::string import_text(const SourceFile& file, const ImportLimits& limits) {
    try {
        return dump(import_file(file, bexley_fields(), limits), bexley_fields());
    } catch (const ImportError& e) {
        return "refused: " + e.describe() + "\n";
    }
}

// What import_file_in_batches handed over: the batch sizes, every return in order, and every
// note (the result's and the batches'), sorted: a sheet read whole lists its notes in the
// result, one read row by row in the batches of their rows.
struct Batches {
    std::vector<size_t> sizes;
    std::string returns;
    std::vector<std::string> notes;
};

Batches in_batches(const SourceFile& file, size_t size, const ImportLimits& limits) {
    Batches b;
    ImportResult all = import_file_in_batches(file, bexley_fields(), size, [&](ImportBatch& batch) {
        b.sizes.push_back(batch.returns.size());
        ImportResult r;
        r.returns = std::move(batch.returns);
        b.returns += dump(r, bexley_fields());
        for (const ImportNote& n : batch.notes) b.notes.push_back(n.where + ": " + n.message);
    }, limits);
    for (const ImportNote& n : all.notes) b.notes.push_back(n.where + ": " + n.message);
    std::sort(b.notes.begin(), b.notes.end());
    all.notes.clear();
    b.returns = dump(all, bexley_fields()) + b.returns;
    return b;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(xlsx_streaming)

BOOST_AUTO_TEST_CASE(a_table_read_row_by_row_gives_what_reading_it_whole_gives) {
    const std::string guidance = sheet_xml({row_xml(1, {text_cell("A1", "How to fill in this return")})});
    const std::string blank = sheet_xml({row_xml(3, {text_cell("B3", "  ")})});
    struct Case {
        const char* name;
        std::vector<std::pair<std::string, std::string>> sheets;
    };
    const std::vector<Case> cases = {
        {"one sheet", {{"Returns", table_sheet(600)}}},
        {"a blank sheet first", {{"Empty", blank}, {"Returns", table_sheet(600)}}},
        {"two tables: the first is read", {{"Returns", table_sheet(300)}, {"More", table_sheet(20)}}},
        {"a comment and CDATA among the rows",
         {{"Returns", table_sheet(600, "<!-- </row> </sheetData> --><![CDATA[</row>]]><?pi </row>?>")}}},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            WorkbookParts wb;
            wb.shared_strings = headings_sst();
            wb.sheets = c.sheets;
            const SourceFile file = write_input("table.xlsx", wb.xlsx());
            const std::string whole = import_text(file, ImportLimits{});
            BOOST_TEST(whole.find("format: xlsx table") != std::string::npos, whole.substr(0, 200));
            BOOST_TEST(import_text(file, streamed()) == whole);
            const Batches a = in_batches(file, 64, ImportLimits{}), b = in_batches(file, 64, streamed());
            BOOST_TEST(a.sizes == b.sizes);
            BOOST_TEST(a.returns == b.returns);
            BOOST_TEST(a.notes == b.notes, boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_guidance_sheet_and_a_form_after_a_big_table_are_read_as_before) {
    // The form is on the second sheet: it wins over the table on the first, big or not.
    const std::string form = sheet_xml({
        row_xml(1, {text_cell("B1", "Return type"), text_cell("C1", "Tender")}),
        row_xml(2, {text_cell("B2", "Tender reference"), text_cell("C2", "T-5")}),
        row_xml(3, {text_cell("B3", "Supplier registration number"), text_cell("C3", "77")}),
        row_xml(5, {R"(<c r="A5" t="s"><v>7</v></c>)", R"(<c r="B5" t="s"><v>8</v></c>)", R"(<c r="C5" t="s"><v>9</v></c>)",
                    R"(<c r="D5" t="s"><v>10</v></c>)"}),
        row_xml(6, {text_cell("A6", "B1"), text_cell("B6", "Equality policy"), text_cell("C6", "Yes")}),
    });
    WorkbookParts wb;
    wb.shared_strings = headings_sst({"Ref", "Question", "Response", "Evidence"});
    wb.sheets = {{"Returns", table_sheet(200)}, {"Form", form}};
    const SourceFile file = write_input("form-after.xlsx", wb.xlsx());
    const std::string whole = import_text(file, ImportLimits{});
    BOOST_TEST(import_text(file, streamed()) == whole);
    BOOST_TEST(whole.find("xlsx form") != std::string::npos, whole.substr(0, 300));
}

BOOST_AUTO_TEST_CASE(refusals_are_those_of_reading_whole) {
    // Personal data beside a big table's heading.
    WorkbookParts people;
    people.shared_strings = R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
                            R"(<si><t>Full name</t></si><si><t>Ethnicity</t></si></sst>)";
    people.sheets = {{"Staff", sheet_xml({row_xml(1, {R"(<c r="A1" t="s"><v>0</v></c>)", R"(<c r="B1" t="s"><v>1</v></c>)"}),
                                          row_xml(2, {text_cell("A2", "A Person"), text_cell("B2", "X")})})}};
    const SourceFile p = write_input("people.xlsx", people.xlsx());
    BOOST_TEST(import_text(p, streamed()) == import_text(p, ImportLimits{}));
    BOOST_TEST(import_text(p, streamed()).find("refused") == 0u);

    // No column the dictionary knows; a heading and no rows; nothing on any sheet.
    for (const auto& sheet : {sheet_xml({row_xml(1, {text_cell("A1", "Colour"), text_cell("B1", "Size")}), row_xml(2, {text_cell("A2", "red")})}),
                              sheet_xml({row_xml(1, {text_cell("A1", "contract.id"), text_cell("B1", "supplier.id")})}),
                              sheet_xml({})}) {
        WorkbookParts wb;
        wb.sheets = {{"S", sheet}};
        const SourceFile f = write_input("odd.xlsx", wb.xlsx());
        const std::string whole = import_text(f, ImportLimits{});
        BOOST_TEST(whole.find("refused") == 0u, whole);
        BOOST_TEST(import_text(f, streamed()) == whole);
    }
}

BOOST_AUTO_TEST_CASE(a_big_register_is_read_whole) {
    WorkbookParts wb;
    wb.sheets = {{"Register", sheet_xml({row_xml(1, {text_cell("A1", "Reference Number"), text_cell("B1", "Title")}),
                                         row_xml(2, {text_cell("A2", "BX-1"), text_cell("B2", "Meals")}),
                                         row_xml(3, {text_cell("A3", "BX-2"), text_cell("B3", "Parks")})})}};
    const SourceFile f = write_input("register.xlsx", wb.xlsx());
    const std::string whole = import_text(f, ImportLimits{});
    BOOST_TEST(whole.find("contract register xlsx") != std::string::npos, whole);
    BOOST_TEST(import_text(f, streamed()) == whole);
}

BOOST_AUTO_TEST_CASE(rows_out_of_order_are_refused_only_when_streamed) {
    // Excel lists rows in order; read whole, a sheet that does not is still sorted into place,
    // but returns handed over as they are read cannot be.
    WorkbookParts wb;
    wb.shared_strings = headings_sst();
    std::string xml = table_sheet(10);
    const size_t row5 = xml.find(R"(<row r="5")"), row6 = xml.find(R"(<row r="6")");
    BOOST_REQUIRE(row5 != std::string::npos && row6 != std::string::npos);
    const std::string moved = xml.substr(row5, row6 - row5);
    xml.erase(row5, row6 - row5);
    xml.insert(xml.find(R"(<row r="9")"), moved);
    wb.sheets = {{"Returns", xml}};
    const SourceFile f = write_input("unsorted.xlsx", wb.xlsx());
    BOOST_TEST(import_text(f, ImportLimits{}).find("refused") == std::string::npos);
    BOOST_TEST(import_text(f, streamed()) ==
               "refused: unsorted.xlsx!Returns: is not a readable Excel workbook (the file is damaged or truncated): "
               "row 5 comes after row 8 in the sheet's XML\n");
}

BOOST_AUTO_TEST_CASE(a_sheet_read_row_by_row_is_held_to_the_streamed_limit_not_the_held_one) {
    WorkbookParts wb;
    wb.shared_strings = headings_sst();
    wb.sheets = {{"Returns", table_sheet(400)}};
    BOOST_REQUIRE(wb.sheets[0].second.size() > 50000u);
    const SourceFile file = write_input("limits.xlsx", wb.xlsx());
    ImportLimits held = ImportLimits{};
    held.max_uncompressed_bytes = 40000;  // less than the sheet: it cannot be held whole
    BOOST_TEST(import_text(file, held).find("size limit") != std::string::npos);
    ImportLimits rows = streamed();
    rows.max_uncompressed_bytes = 40000;  // row by row it is not held: read
    BOOST_TEST(import_text(file, rows) == import_text(file, ImportLimits{}));
    rows.max_streamed_bytes = 40000;      // but everything inflated is still capped
    BOOST_TEST(import_text(file, rows).find("size limit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_first_look_sees_a_form_heading_in_the_sheets_own_text) {
    auto survey_of = [](const std::string& sst, const std::string& sheet) {
        WorkbookParts wb;
        wb.shared_strings = sst;
        wb.sheets = {{"S", sheet}};
        XlsxWorkbook book("book.xlsx", wb.xlsx(), ImportLimits{});
        return book.survey(0);
    };
    const std::string labels = headings_sst({"Ref", "Response", "Evidence"});
    const std::string heading_row = row_xml(1, {text_cell("A1", "contract.id")});
    // The table: no "question" anywhere.
    SheetSurvey plain = survey_of(labels, table_sheet(30));
    BOOST_TEST(!plain.may_hold_form_heading);
    BOOST_TEST(!plain.blank);
    BOOST_TEST(plain.head.rows.size() == 1u);  // up to the heading row
    BOOST_TEST(plain.head.at(0, 1).text == "contract.id");
    // "Question" as an inline string, a rich text run cut in two, a character reference, a
    // formula's text result: each could be the heading's Question cell.
    for (const std::string& cell : {text_cell("B9", "Question"),
                                    std::string(R"(<c r="B9" t="inlineStr"><is><r><t>Ques</t></r><r><rPr><b/></rPr><t>tion</t></r></is></c>)"),
                                    text_cell("B9", "Q&#117;estion text"),
                                    std::string(R"(<c r="B9" t="str"><f>A1</f><v>QUESTION</v></c>)")}) {
        BOOST_TEST_CONTEXT(cell) {
            BOOST_TEST(survey_of(labels, sheet_xml({heading_row, row_xml(9, {cell})})).may_hold_form_heading);
            // Without "Evidence" or "Comments" anywhere it still cannot be a form.
            BOOST_TEST(!survey_of(headings_sst({"Ref", "Response"}), sheet_xml({heading_row, row_xml(9, {cell})})).may_hold_form_heading);
        }
    }
    // All four labels as shared strings: a form is possible whatever the sheet holds.
    BOOST_TEST(survey_of(headings_sst({"Ref", "Question", "Response", "Evidence / comments"}), table_sheet(5)).may_hold_form_heading);
    // Blank.
    const SheetSurvey blank = survey_of(labels, sheet_xml({row_xml(2, {text_cell("A2", " ")})}));
    BOOST_TEST(blank.blank);
    BOOST_TEST(blank.head.rows.empty());
}

BOOST_AUTO_TEST_CASE(a_sheet_of_megabytes_streams_across_pieces_and_stretches) {
    // About 4 MB of XML: several 256 KB pieces of inflated XML and 1 MB stretches of rows, with
    // markup that hides "</row>" and "</sheetData>" on the way.
    WorkbookParts wb;
    wb.shared_strings = headings_sst();
    wb.sheets = {{"Returns", table_sheet(9000, "<!-- </row></sheetData> -->")}};
    BOOST_REQUIRE(wb.sheets[0].second.size() > (3u << 20));
    const SourceFile file = write_input("big-table.xlsx", wb.xlsx());
    const Batches a = in_batches(file, 1000, ImportLimits{}), b = in_batches(file, 1000, streamed());
    BOOST_TEST(a.sizes.size() == 9u);
    BOOST_TEST(a.sizes == b.sizes);
    BOOST_TEST(a.returns == b.returns);
    BOOST_TEST(a.notes == b.notes, boost::test_tools::per_element());
    BOOST_TEST(a.notes.size() > 2000u);
}

BOOST_AUTO_TEST_SUITE_END()
