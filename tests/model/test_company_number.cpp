// Identifiers of organisations across sources: company numbers as Companies House writes
// them, names for the fallback match, and the gender pay gap service's size bands. Cases are
// real rows of the gender pay gap service's 2021-22 data.

#include <boost/test/unit_test.hpp>

#include <string>

#include "model/company_number.hpp"
#include "model/provenance.hpp"
#include "model/register_entry.hpp"
#include "print.hpp"

using namespace fairgate;

BOOST_AUTO_TEST_SUITE(company_number)

BOOST_AUTO_TEST_CASE(restores_the_zeros_a_spreadsheet_drops) {
    // "1509 GROUP" is 04104101; "3M UNITED KINGDOM PUBLIC LIMITED COMPANY" 01123045.
    BOOST_TEST(normalise_company_number("4104101") == "04104101");
    BOOST_TEST(normalise_company_number("1123045") == "01123045");
    BOOST_TEST(normalise_company_number("04104101") == "04104101");
    BOOST_TEST(normalise_company_number(" 04104101 ") == "04104101");
    BOOST_TEST(normalise_company_number("0410 4101") == "04104101");
}

BOOST_AUTO_TEST_CASE(keeps_a_two_letter_prefix_and_restores_the_zeros_after_it) {
    // "RED BAND" CHEMICAL COMPANY, LIMITED: SC016876; ABERYSTWYTH UNIVERSITY: RC000641.
    BOOST_TEST(normalise_company_number("SC16876") == "SC016876");
    BOOST_TEST(normalise_company_number("sc016876") == "SC016876");
    BOOST_TEST(normalise_company_number("SC 016876") == "SC016876");
    BOOST_TEST(normalise_company_number("RC641") == "RC000641");
    BOOST_TEST(normalise_company_number("NI12345") == "NI012345");
    BOOST_TEST(normalise_company_number("OC301234") == "OC301234");
}

BOOST_AUTO_TEST_CASE(other_identifiers_are_upper_cased_without_spaces) {
    // Society numbers end in a letter: nothing is padded into them.
    BOOST_TEST(normalise_company_number("ip31188r") == "IP31188R");
    BOOST_TEST(normalise_company_number("1234R") == "1234R");
    BOOST_TEST(normalise_company_number("123456789") == "123456789");
    BOOST_TEST(normalise_company_number("   ") == "");
    BOOST_TEST(normalise_company_number("") == "");
}

BOOST_AUTO_TEST_CASE(names_fold_case_punctuation_and_legal_form) {
    BOOST_TEST(normalise_organisation_name("\"RED BAND\" CHEMICAL COMPANY, LIMITED") == "red band chemical");
    BOOST_TEST(normalise_organisation_name("Red Band Chemical Co Ltd") == "red band chemical");
    BOOST_TEST(normalise_organisation_name("3M UNITED KINGDOM PUBLIC LIMITED COMPANY") == "3m united kingdom");
    BOOST_TEST(normalise_organisation_name("3M United Kingdom plc") == "3m united kingdom");
    BOOST_TEST(normalise_organisation_name("A.G. PARFETT & SONS LIMITED") == "ag parfett and sons");
    BOOST_TEST(normalise_organisation_name("The A.G. Parfett and Sons Ltd.") == "ag parfett and sons");
    BOOST_TEST(normalise_organisation_name("ABBOTS CARE LIMITED") != normalise_organisation_name("ABBOTS CARE UK LIMITED"));
    BOOST_TEST(normalise_organisation_name("Limited") == "");
}

BOOST_AUTO_TEST_CASE(size_bands_as_the_service_writes_them) {
    BOOST_TEST(parse_employer_size_band("250 to 499").value() == EmployerSizeBand::From250To499);
    BOOST_TEST(parse_employer_size_band("5000 to 19,999").value() == EmployerSizeBand::From5000To19999);
    BOOST_TEST(parse_employer_size_band("20,000 or more").value() == EmployerSizeBand::From20000);
    BOOST_TEST(parse_employer_size_band("Not Provided").value() == EmployerSizeBand::NotProvided);
    BOOST_TEST(!parse_employer_size_band("about 300").has_value());
    BOOST_TEST(minimum_employees(EmployerSizeBand::From250To499).value() == 250);
    BOOST_TEST(minimum_employees(EmployerSizeBand::Under250).value() == 0);
    BOOST_TEST(!minimum_employees(EmployerSizeBand::NotProvided).has_value());
    for (auto band : {EmployerSizeBand::NotProvided, EmployerSizeBand::Under250, EmployerSizeBand::From250To499,
                      EmployerSizeBand::From500To999, EmployerSizeBand::From1000To4999,
                      EmployerSizeBand::From5000To19999, EmployerSizeBand::From20000}) {
        BOOST_TEST(parse_employer_size_band(to_string(band)).value() == band);
    }
}

BOOST_AUTO_TEST_CASE(a_register_row_is_cited_by_register_year_and_row) {
    RegisterEntry e;
    e.year = "2021-22";
    e.row = 3;
    const Provenance where(e.citation(), e.place());
    BOOST_TEST(where.display() == "gender pay gap service 2021-22, row 3");
    BOOST_TEST(Provenance("gender pay gap service 2021-22", "no row").display() == "gender pay gap service 2021-22, no row");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(register_entry)

BOOST_AUTO_TEST_CASE(the_median_gap_is_written_as_the_service_publishes_it) {
    RegisterEntry e;  // row 3 of the 2021-22 data: -4.4; row 4: 16.0
    BOOST_TEST(e.median_gap_text() == "");
    e.median_gap_percent = -4.4;
    BOOST_TEST(e.median_gap_text() == "-4.4");
    e.median_gap_percent = 16.0;
    BOOST_TEST(e.median_gap_text() == "16");
    e.median_gap_percent = 0.1 + 0.2;  // not a published figure: every digit it needs is kept
    BOOST_TEST(std::stod(e.median_gap_text()) == 0.1 + 0.2);
}

BOOST_AUTO_TEST_SUITE_END()
