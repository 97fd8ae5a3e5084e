// Individual-level personal data is refused whole, in every layout.

#include <boost/test/unit_test.hpp>

#include "importer_fixture.hpp"
#include "importers/personal_data.hpp"

using namespace fairgate;
using namespace fairgate::test;

BOOST_AUTO_TEST_SUITE(personal_data)

BOOST_AUTO_TEST_CASE(needs_an_identifier_beside_a_characteristic) {
    using importers::find_personal_data;
    BOOST_TEST(!find_personal_data({"Name", "Contract reference"}));
    BOOST_TEST(!find_personal_data({"Ethnicity", "Count"}));
    BOOST_TEST(!find_personal_data({"Supplier name", "Share of service users with race recorded"}));
    const auto f = find_personal_data({"Ref", "Full Name", "D.O.B.", "Religion"});
    BOOST_REQUIRE(f.has_value());
    BOOST_TEST(f->identifying == 1u);
    BOOST_TEST(f->characteristic == 3u);
    BOOST_TEST(find_personal_data({"NI number", "Sexual orientation"}).has_value());
    BOOST_TEST(find_personal_data({"DOB", "Disability"}).has_value());
}

BOOST_AUTO_TEST_CASE(a_csv_table_about_people_is_refused_naming_the_column) {
    const std::string csv = "Contract reference,Quarter,Full name,Date of birth,Ethnicity\r\n"
                            "BX-2025-0142,2026-Q2,A Smith,01/01/1950,White British\r\n";
    const std::string e = import_error("people.csv", csv);
    BOOST_TEST(e.find("people.csv line 1, column 3") != std::string::npos, e);
    BOOST_TEST(e.find("'Full name'") != std::string::npos, e);
    BOOST_TEST(e.find("'Ethnicity'") != std::string::npos, e);
    BOOST_TEST(e.find("aggregate shares only") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(an_xlsx_table_about_people_is_refused) {
    WorkbookParts book;
    book.sheets.emplace_back("Users", sheet_xml({row_xml(1, {text_cell("A1", "Name"), text_cell("B1", "Sexual orientation")}),
                                                 row_xml(2, {text_cell("A2", "B Jones"), text_cell("B2", "Gay")})}));
    const std::string e = import_error("users.xlsx", book.xlsx());
    BOOST_TEST(e.find("users.xlsx!Users!A1") != std::string::npos, e);
    BOOST_TEST(e.find("individual-level personal data") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(a_list_of_people_on_another_sheet_refuses_the_workbook) {
    WorkbookParts book;
    book.sheets.emplace_back("Return", sheet_xml({row_xml(1, {text_cell("A1", "Contract reference"), text_cell("B1", "Quarter")}),
                                                  row_xml(2, {text_cell("A2", "BX-1"), text_cell("B2", "2026-Q2")})}));
    book.sheets.emplace_back("Working", sheet_xml({row_xml(2, {text_cell("B2", "DOB"), text_cell("C2", "Religion")})}));
    const std::string e = import_error("hidden.xlsx", book.xlsx());
    BOOST_TEST(e.find("hidden.xlsx!Working!B2") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(a_form_listing_a_person_is_refused) {
    const std::string csv = "Contract reference,BX-2025-0142\nName,A Smith\nDate of birth,01/01/1950\nDisability,Yes\n"
                            "Ref,Question,Response,Evidence\nQ1,Residents served in the quarter,1,\n";
    const std::string e = import_error("form.csv", csv);
    BOOST_TEST(e.find("'Name'") != std::string::npos, e);
    BOOST_TEST(e.find("'Disability'") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(aggregate_returns_are_not_refused) {
    const std::string csv = "Contract reference,Quarter,Supplier registration number,Return type,Q2f,Q2b\n"
                            "BX-2025-0142,2026-Q2,05512345,Quarterly,90%,85%\n";
    BOOST_TEST(import_error("ok.csv", csv).empty());
}

BOOST_AUTO_TEST_SUITE_END()
