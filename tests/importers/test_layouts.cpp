// Forms, tables, registers and return identity, through import_file.

#include <boost/test/unit_test.hpp>

#include "importer_fixture.hpp"
#include "model/value_parse.hpp"

using namespace fairgate;
using namespace fairgate::importers;
using fairgate::test::bexley_fields;
using fairgate::test::import_bytes;
using fairgate::test::import_error;
using fairgate::test::number_cell;
using fairgate::test::row_xml;
using fairgate::test::sheet_xml;
using fairgate::test::text_cell;
using fairgate::test::WorkbookParts;

namespace {

const std::string kDateStyles =
    R"(<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>)"
    R"(<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>)";

const Answer& answer(const Record& r, const char* field) {
    const FieldDef* f = bexley_fields().find(field);
    BOOST_REQUIRE(f);
    const Answer* a = r.get(f->id);
    BOOST_REQUIRE_MESSAGE(a, std::string("no answer for ") + field);
    return *a;
}

// A quarterly form in columns B..E below a title, after a Guidance sheet.
WorkbookParts quarterly_form(const std::string& period = "2026-Q2", const std::string& q6 = "0.9") {
    WorkbookParts wb;
    wb.styles = kDateStyles;
    wb.sheets = {
        {"Guidance", sheet_xml({row_xml(1, {text_cell("A1", "How to complete this form")}),
                                row_xml(2, {text_cell("A2", "Ref"), text_cell("B2", "Question")})})},
        {"Monitoring return",
         sheet_xml({row_xml(1, {text_cell("B1", "London Borough of Bexley: monitoring return")}),
                    row_xml(3, {text_cell("C3", "Return type"), text_cell("D3", "Quarterly")}),
                    row_xml(4, {text_cell("C4", "Contract reference"), text_cell("D4", "BX-2025-0001")}),
                    row_xml(5, {text_cell("C5", "Supplier registration number"), text_cell("D5", "01234567")}),
                    row_xml(6, {text_cell("C6", "Supplier name"), text_cell("D6", "Acme Ltd")}),
                    row_xml(7, {text_cell("C7", "Reporting period"), text_cell("D7", period)}),
                    // Not the template's shape: label in B, value two cells on.
                    row_xml(8, {text_cell("B8", "Date submitted:"), number_cell("D8", "46300", 1)}),
                    row_xml(10, {text_cell("B10", "Ref"), text_cell("C10", "Question"), text_cell("D10", "Response"),
                                 text_cell("E10", "Evidence / comments")}),
                    row_xml(11, {text_cell("B11", "Q1"), text_cell("C11", "Residents served"), number_cell("D11", "120")}),
                    row_xml(12, {text_cell("C12", "Contract staff with current equality training"),
                                 q6.empty() ? "" : (q6[0] >= '0' && q6[0] <= '9' ? number_cell("D12", q6) : text_cell("D12", q6))}),
                    row_xml(13, {text_cell("B13", "Q99"), text_cell("C13", "Favourite colour"), text_cell("D13", "Blue")}),
                    row_xml(14, {text_cell("B14", "Q9"), text_cell("C14", "Last review"), number_cell("D14", "46000", 1),
                                 text_cell("E14", "Audit report attached")})})}};
    return wb;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(layouts)

BOOST_AUTO_TEST_CASE(form_after_a_guidance_sheet_is_read) {
    const ImportResult r = import_bytes("q.xlsx", quarterly_form().xlsx());
    BOOST_TEST(r.format == "xlsx form");
    BOOST_TEST(r.returns.size() == 1u);
    const SupplierReturn& s = r.returns[0];
    BOOST_TEST((s.kind == ReturnKind::Quarterly));
    BOOST_TEST(s.contract_id == "BX-2025-0001");
    BOOST_TEST(s.supplier_id == "01234567");
    BOOST_TEST(s.supplier_name == "Acme Ltd");
    BOOST_TEST(s.period->label() == "2026-Q2");
    BOOST_TEST(s.submitted->iso() == date_from_excel_serial(46300).iso());
    BOOST_TEST(s.id() == "quarterly:BX-2025-0001:2026-Q2");
    BOOST_TEST(s.source_name == "q.xlsx");
    BOOST_TEST(!s.source_sha256.empty());
    // Identity answers are kept with their provenance too.
    BOOST_TEST(answer(s.answers, "contract.id").where.display() == "q.xlsx!Monitoring return!D4");
    BOOST_TEST(answer(s.answers, "return.submitted").where.locator() == "Monitoring return!D8");
    BOOST_TEST(answer(s.answers, "q.service_users").value.as_integer() == 120);
    BOOST_TEST(answer(s.answers, "q.service_users").where.locator() == "Monitoring return!D11");
    // Matched by wording where the Ref is blank.
    BOOST_TEST(answer(s.answers, "q.staff_training_pct").value.as_fraction() == 0.9);
    BOOST_TEST(answer(s.answers, "q.accessibility_review_date").value.as_date().iso() == date_from_excel_serial(46000).iso());
    // Q99 is unknown and answered: a note, nothing read.
    BOOST_TEST(r.notes.size() == 1u);
    BOOST_TEST(r.notes[0].where == "q.xlsx!Monitoring return!B13");
    BOOST_TEST(r.notes[0].message == "row 13: question 'Q99 Favourite colour' is not in the rulebook's dictionary; its answer was not read");
}

BOOST_AUTO_TEST_CASE(invalid_answer_is_kept_as_invalid_with_a_note) {
    const ImportResult r = import_bytes("q.xlsx", quarterly_form("2026-Q2", "lots").xlsx());
    const Answer& a = answer(r.returns.at(0).answers, "q.staff_training_pct");
    BOOST_TEST(a.value.is_invalid());
    BOOST_TEST(a.value.invalid_raw() == "lots");
    BOOST_TEST(a.typed() == "lots");
    bool noted = false;
    for (const auto& n : r.notes) noted = noted || (n.where == "q.xlsx!Monitoring return!D12" && n.message.find("lots") != std::string::npos);
    BOOST_TEST(noted);
}

BOOST_AUTO_TEST_CASE(form_with_a_bad_period_is_refused_naming_the_sheet) {
    const std::string why = import_error("q.xlsx", quarterly_form("sometime").xlsx());
    BOOST_TEST(why == "q.xlsx!Monitoring return: the form on sheet 'Monitoring return' has the reporting period 'sometime', which is not a quarter such as 2026-Q2");
}

BOOST_AUTO_TEST_CASE(csv_table_rows_are_returns_with_line_provenance) {
    const std::string csv =
        "Return type,Contract reference,Supplier registration number,Reporting period,Q1 Residents served,Q6,Mystery\r\n"
        "Quarterly,BX-1,123,2026-Q1,10,85%,a\r\n"
        "\r\n"
        "Quarterly,BX-1,123,2026-Q2,,lots,b\r\n";
    const ImportResult r = import_bytes("q.csv", csv);
    BOOST_TEST(r.format == "csv table");
    BOOST_TEST(r.returns.size() == 2u);
    BOOST_TEST(r.returns[1].period->label() == "2026-Q2");
    BOOST_TEST(answer(r.returns[0].answers, "q.staff_training_pct").value.as_fraction() == 0.85);
    BOOST_TEST(answer(r.returns[1].answers, "q.service_users").value.is_absent());
    BOOST_TEST(answer(r.returns[1].answers, "q.staff_training_pct").where.display() == "q.csv line 4, column 6");
    BOOST_TEST(r.notes.size() == 2u);
    BOOST_TEST(r.notes[0].message == "column 'Mystery' is not in the rulebook's dictionary; its values were not read");
    BOOST_TEST(r.notes[0].where == "q.csv line 1, column 7");
    BOOST_TEST(r.notes[1].where == "q.csv line 4, column 6");
}

BOOST_AUTO_TEST_CASE(a_period_as_suppliers_type_it_is_read_as_the_same_quarter) {
    // Bexley numbers quarters by the financial year: each spelling is October to December
    // 2025, which the rulebook calls 2025-Q3. "Q3 2025/26" was refused before issue 15.
    const char* spellings[] = {"2025-Q3", "Q3 2025/26", "2025/26 Q3", "Quarter 3 2025-26", "FY2025/26 Q3",
                               "Oct\xE2\x80\x93" "Dec 2025", "October to December 2025", "1 Oct 2025 to 31 Dec 2025"};
    std::string csv = "Return type,Contract reference,Supplier registration number,Reporting period,Q1 Residents served\r\n";
    int n = 0;
    for (const char* period : spellings) csv += "Quarterly,BX-" + std::to_string(++n) + ",123," + period + ",10\r\n";
    const ImportResult r = import_bytes("q.csv", csv);
    BOOST_TEST_REQUIRE(r.returns.size() == std::size(spellings));
    for (size_t i = 0; i < r.returns.size(); ++i) {
        BOOST_TEST_CONTEXT(spellings[i]) {
            BOOST_TEST_REQUIRE(r.returns[i].period.has_value());
            BOOST_TEST(r.returns[i].period->label() == "2025-Q3");
            BOOST_TEST(r.returns[i].id() == "quarterly:BX-" + std::to_string(i + 1) + ":2025-Q3");
            // The answer keeps what the supplier typed.
            BOOST_TEST(answer(r.returns[i].answers, "return.period").typed() == spellings[i]);
        }
    }
    // The council's form too.
    const ImportResult form = import_bytes("q.xlsx", quarterly_form("Q3 2025/26").xlsx());
    BOOST_TEST(form.returns.at(0).period->label() == "2025-Q3");
}

BOOST_AUTO_TEST_CASE(a_period_is_read_in_the_rulebook_s_quarter_scheme) {
    // Under a calendar rulebook the same months are 2025-Q4, and the label 2025-Q3 is July to
    // September.
    FieldDictionary calendar = bexley_fields();
    calendar.set_quarters(QuarterScheme::Calendar);
    const std::string csv = "return.kind,contract.id,supplier.id,return.period\n"
                            "quarterly,BX-1,9,Q3 2025/26\nquarterly,BX-2,9,Oct-Dec 2025\nquarterly,BX-3,9,2025-Q3\n";
    const ImportResult r = import_file(fairgate::test::write_input("c.csv", csv), calendar);
    BOOST_TEST_REQUIRE(r.returns.size() == 3u);
    BOOST_TEST(r.returns[0].period->label() == "2025-Q4");
    BOOST_TEST(r.returns[1].period->label() == "2025-Q4");
    BOOST_TEST(r.returns[2].period->label() == "2025-Q3");
}

BOOST_AUTO_TEST_CASE(a_period_that_is_not_one_quarter_refuses_the_file_saying_why) {
    BOOST_TEST(import_error("q.csv", "return.kind,contract.id,supplier.id,return.period\nquarterly,BX-1,9,Nov\xE2\x80\x93Jan 2026\n") ==
               "q.csv: line 2 has the reporting period 'Nov\xE2\x80\x93Jan 2026', which is not a quarter such as 2026-Q2: "
               "Nov 2025 to Jan 2026 is not one quarter: the rulebook's quarters (of the financial year) are Apr-Jun, "
               "Jul-Sep, Oct-Dec and Jan-Mar");
    BOOST_TEST(import_error("q.csv", "return.kind,contract.id,supplier.id,return.period\nquarterly,BX-1,9,2025/27 Q3\n") ==
               "q.csv: line 2 has the reporting period '2025/27 Q3', which is not a quarter such as 2026-Q2: "
               "'2025/27' is not one financial year: the second year must follow the first, as in 2025/26");
}

BOOST_AUTO_TEST_CASE(kind_is_inferred_in_a_csv_and_noted) {
    const ImportResult r = import_bytes("q.csv", "contract.id;supplier.id;return.period\nBX-1;9;2026-Q1\n");
    BOOST_TEST(r.returns.size() == 1u);
    BOOST_TEST((r.returns[0].kind == ReturnKind::Quarterly));
    BOOST_TEST(r.notes.size() == 1u);
    BOOST_TEST(r.notes[0].message.find("no return type") != std::string::npos);
    const ImportResult t = import_bytes("t.csv", "tender.id,supplier.id,B1\nT-1,9,Yes\n");
    BOOST_TEST((t.returns.at(0).kind == ReturnKind::Tender));
    BOOST_TEST(t.returns[0].id() == "tender:T-1:9");
}

BOOST_AUTO_TEST_CASE(missing_identity_refuses_the_file_naming_the_row) {
    BOOST_TEST(import_error("q.csv", "return.kind,contract.id,supplier.id,return.period\nquarterly,BX-1,9,2026-Q1\nquarterly,,9,2026-Q2\n") ==
               "q.csv: line 3 has no contract reference");
    BOOST_TEST(import_error("t.csv", "return.kind,tender.id,supplier.id\ntender,T-1,\n") ==
               "t.csv: line 2 has no supplier registration number");
    BOOST_TEST(import_error("q.csv", "return.kind,contract.id,supplier.id\nquarterly,BX-1,9\n") ==
               "q.csv: line 2 has no reporting period");
    BOOST_TEST(import_error("k.csv", "return.kind,tender.id,supplier.id\nsurvey,T-1,9\n") ==
               "k.csv: line 2 has the return type 'survey', which is neither Tender nor Quarterly");
}

BOOST_AUTO_TEST_CASE(form_without_a_return_type_is_refused) {
    WorkbookParts wb;
    wb.sheets = {{"Questionnaire", sheet_xml({row_xml(2, {text_cell("B2", "Tender reference"), text_cell("C2", "T-1")}),
                                              row_xml(3, {text_cell("B3", "Supplier registration number"), text_cell("C3", "9")}),
                                              row_xml(5, {text_cell("A5", "Ref"), text_cell("B5", "Question"), text_cell("C5", "Response"),
                                                          text_cell("D5", "Evidence")})})}};
    BOOST_TEST(import_error("t.xlsx", wb.xlsx()) == "t.xlsx!Questionnaire: the form on sheet 'Questionnaire' has no return type (Tender or Quarterly)");
}

BOOST_AUTO_TEST_CASE(xlsx_without_a_form_heading_is_read_as_a_table) {
    WorkbookParts wb;
    wb.sheets = {{"Export", sheet_xml({row_xml(1, {text_cell("A1", "return.kind"), text_cell("B1", "tender.id"), text_cell("C1", "supplier.id"),
                                                   text_cell("D1", "A4 Turnover")}),
                                       row_xml(2, {text_cell("A2", "Tender"), text_cell("B2", "T-9"), number_cell("C2", "5512345"),
                                                   number_cell("D2", "1250000.5")})})}};
    const ImportResult r = import_bytes("t.xlsx", wb.xlsx());
    BOOST_TEST(r.format == "xlsx table");
    BOOST_TEST(r.returns.at(0).supplier_id == "5512345");
    BOOST_TEST(answer(r.returns[0].answers, "supplier.turnover").value.as_pence() == 125000050);
    BOOST_TEST(answer(r.returns[0].answers, "supplier.turnover").where.locator() == "Export!D2");
}

BOOST_AUTO_TEST_CASE(date1904_workbooks_give_1904_dates) {
    WorkbookParts wb = quarterly_form();
    wb.date1904 = true;
    const ImportResult r = import_bytes("q.xlsx", wb.xlsx());
    BOOST_TEST(r.returns.at(0).submitted->iso() == date_from_excel_serial(46300, true).iso());
    BOOST_TEST(r.returns[0].submitted->iso() != date_from_excel_serial(46300, false).iso());
}

BOOST_AUTO_TEST_CASE(date_styled_cell_in_a_text_field_reads_as_an_iso_date) {
    WorkbookParts wb;
    wb.styles = kDateStyles;
    wb.sheets = {{"Export", sheet_xml({row_xml(1, {text_cell("A1", "return.kind"), text_cell("B1", "tender.id"), text_cell("C1", "supplier.id"),
                                                   text_cell("D1", "B2a")}),
                                       row_xml(2, {text_cell("A2", "tender"), text_cell("B2", "T-1"), text_cell("C2", "9"),
                                                   number_cell("D2", "45702", 1)})})}};
    const ImportResult r = import_bytes("t.xlsx", wb.xlsx());
    BOOST_TEST(answer(r.returns.at(0).answers, "eq.discrimination_remedy").value.as_text() == "2025-02-14");
}

// A cell in a duration or time format is read as the field wants it: Excel's text for a text
// field, hours for a number field; a money field cannot take one.
BOOST_AUTO_TEST_CASE(duration_and_time_cells_are_read_as_their_fields_want) {
    WorkbookParts wb;
    wb.styles = R"(<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
                R"(<numFmts count="1"><numFmt numFmtId="164" formatCode="[hh]:mm:ss"/></numFmts>)"
                R"(<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="20"/></cellXfs></styleSheet>)";
    const auto row = [](int r, const std::string& text_value, const std::string& hours, const std::string& money, int style) {
        const std::string n = std::to_string(r);
        return row_xml(r, {text_cell("A" + n, "tender"), text_cell("B" + n, "T-" + n), text_cell("C" + n, "9"),
                           number_cell("D" + n, text_value, style), number_cell("E" + n, hours, style), number_cell("F" + n, money, style)});
    };
    wb.sheets = {{"Export", sheet_xml({row_xml(1, {text_cell("A1", "return.kind"), text_cell("B1", "tender.id"), text_cell("C1", "supplier.id"),
                                                   text_cell("D1", "B2a"), text_cell("E1", "D8"), text_cell("F1", "D6")}),
                                       row(2, "1.51041666666667", "1.51041666666667", "0.5", 1),      // [hh]:mm:ss
                                       row(3, "46112.6041666667", "0.604166666666667", "0.25", 2)})}};  // built-in 20, h:mm
    const ImportResult r = import_bytes("t.xlsx", wb.xlsx());
    BOOST_REQUIRE(r.returns.size() == 2u);
    const Record& duration = r.returns[0].answers;
    BOOST_TEST(answer(duration, "eq.discrimination_remedy").value.as_text() == "36:15:00");
    BOOST_TEST(answer(duration, "sv.volunteering_hours").value.as_number() == 36.25, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(answer(duration, "sv.vcse_spend").value.is_invalid());
    BOOST_TEST(answer(duration, "sv.vcse_spend").value.invalid_reason() == "the cell holds a duration, not an amount of money");
    BOOST_TEST(answer(duration, "sv.vcse_spend").value.invalid_raw() == "12:00:00");
    const Record& time = r.returns[1].answers;
    BOOST_TEST(answer(time, "eq.discrimination_remedy").value.as_text() == "14:30:00");  // the time of day, not the day
    BOOST_TEST(answer(time, "sv.volunteering_hours").value.as_number() == 14.5, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(answer(time, "sv.vcse_spend").value.invalid_reason() == "the cell holds a time of day, not an amount of money");
}

BOOST_AUTO_TEST_CASE(a_day_count_as_suppliers_type_it_is_the_same_days) {
    // fw.subcontractor_payment_days (C5) is a `days` field in rules/bexley.xml.
    const char* spellings[] = {"30", "30 days", "1 month", "one month", "30 calendar days"};
    std::string csv = "return.kind,tender.id,supplier.id,C5\n";
    int count = 0;
    for (const char* typed : spellings) csv += "tender,T-" + std::to_string(++count) + ",9," + typed + "\n";
    const ImportResult r = import_bytes("t.csv", csv);
    BOOST_TEST_REQUIRE(r.returns.size() == std::size(spellings));
    for (size_t i = 0; i < r.returns.size(); ++i) {
        BOOST_TEST_CONTEXT(spellings[i]) {
            BOOST_TEST(answer(r.returns[i].answers, "fw.subcontractor_payment_days").value.display() == "30 days");
        }
    }
    // In a workbook: a number cell is days, an elapsed time of whole days too (720:00:00 is 30
    // days), a time of day is none.
    WorkbookParts wb;
    wb.styles = R"(<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
                R"(<numFmts count="1"><numFmt numFmtId="164" formatCode="[hh]:mm:ss"/></numFmts>)"
                R"(<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="20"/></cellXfs></styleSheet>)";
    const auto row = [](int at, const std::string& cell) {
        const std::string n = std::to_string(at);
        return row_xml(at, {text_cell("A" + n, "tender"), text_cell("B" + n, "T-" + n), text_cell("C" + n, "9"), cell});
    };
    wb.sheets = {{"Export", sheet_xml({row_xml(1, {text_cell("A1", "return.kind"), text_cell("B1", "tender.id"), text_cell("C1", "supplier.id"),
                                                   text_cell("D1", "C5")}),
                                       row(2, number_cell("D2", "45")), row(3, number_cell("D3", "30", 1)),
                                       row(4, number_cell("D4", "0.5", 2)), row(5, text_cell("D5", "12 weeks"))})}};
    const ImportResult x = import_bytes("t.xlsx", wb.xlsx());
    BOOST_TEST_REQUIRE(x.returns.size() == 4u);
    BOOST_TEST(answer(x.returns[0].answers, "fw.subcontractor_payment_days").value.display() == "45 days");
    BOOST_TEST(answer(x.returns[1].answers, "fw.subcontractor_payment_days").value.display() == "30 days");
    BOOST_TEST(answer(x.returns[2].answers, "fw.subcontractor_payment_days").value.invalid_reason() ==
               "the cell holds a time of day, not a number of days");
    BOOST_TEST(answer(x.returns[3].answers, "fw.subcontractor_payment_days").value.display() == "84 days");
}

BOOST_AUTO_TEST_CASE(two_columns_for_one_field_keep_the_first_and_note_a_conflict) {
    const ImportResult same = import_bytes("t.csv", "return.kind,tender.id,Supplier name,A1 Organisation name,supplier.id\ntender,T-1,Acme,Acme,9\n");
    BOOST_TEST(same.notes.empty());
    BOOST_TEST(answer(same.returns.at(0).answers, "supplier.name").where.locator() == "line 2, column 3");
    const ImportResult differ = import_bytes("t.csv", "return.kind,tender.id,Supplier name,A1 Organisation name,supplier.id\ntender,T-1,,Acme,9\ntender,T-2,Acme,Acme Ltd,9\n");
    BOOST_TEST(answer(differ.returns.at(0).answers, "supplier.name").where.locator() == "line 2, column 4");  // first non-blank
    BOOST_TEST(differ.returns.at(1).supplier_name == "Acme");
    BOOST_TEST(differ.notes.size() == 1u);
    BOOST_TEST(differ.notes.at(0).where == "t.csv line 3, column 4");
}

BOOST_AUTO_TEST_CASE(register_rows_become_contracts) {
    const std::string csv =
        "Reference Number,Tender Reference,Title of Agreement,Service Area,Supplier Name,Supplier Registration Number,Start Date,End Date,Total Value,Notes\n"
        "BX-1,T-1,\"Parks, verges\",Environment,Green Ltd,0123,01/10/2025,30/09/2030,\"\xA3" "7,500,000\",n\n";
    const ImportResult r = import_bytes("register.csv", csv);
    BOOST_TEST(r.format == "contract register csv");
    BOOST_TEST(r.returns.empty());
    BOOST_TEST(r.contracts.size() == 1u);
    const Contract& c = r.contracts[0];
    BOOST_TEST(c.id == "BX-1");
    BOOST_TEST(c.tender_id == "T-1");
    BOOST_TEST(c.title == "Parks, verges");
    BOOST_TEST(c.category == "Environment");
    BOOST_TEST(c.supplier_id == "0123");
    BOOST_TEST(c.supplier_name == "Green Ltd");
    BOOST_TEST(c.start->iso() == "2025-10-01");
    BOOST_TEST(c.end->iso() == "2030-09-30");
    BOOST_TEST(answer(c.fields, "contract.value").value.as_pence() == 750000000);  // £ from Windows-1252
    BOOST_TEST(c.fields.size() == 9u);
    BOOST_TEST(r.notes.size() == 1u);  // the Notes column
}

BOOST_AUTO_TEST_CASE(register_row_without_reference_is_refused) {
    BOOST_TEST(import_error("register.csv", "Reference Number,Title\nBX-1,A\n,B\n") == "register.csv: line 3 has no contract reference");
}

BOOST_AUTO_TEST_CASE(csv_in_form_shape_is_read_as_a_form) {
    const std::string csv =
        "Return type,,Tender\n"
        "Tender reference,,T-5\n"
        "Supplier registration number,,77\n"
        "\n"
        "Ref,Question,Response,Evidence / comments\n"
        "B1,Equality policy,Yes,attached\n";
    const ImportResult r = import_bytes("form.csv", csv);
    BOOST_TEST(r.format == "csv form");
    BOOST_TEST(r.returns.at(0).tender_id == "T-5");
    BOOST_TEST(answer(r.returns[0].answers, "eq.policy").value.as_bool());
    BOOST_TEST(answer(r.returns[0].answers, "eq.policy").where.display() == "form.csv line 6, column 3");
}

BOOST_AUTO_TEST_SUITE_END()
