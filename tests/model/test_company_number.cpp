// Identifiers of organisations across sources: supplier ids (company and charity numbers) as
// every source writes them, names for the fallback match, and the gender pay gap service's size
// bands. Cases are real rows of the gender pay gap service's 2021-22 data where they can be.

#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

#include "model/company_number.hpp"
#include "model/contract.hpp"
#include "model/provenance.hpp"
#include "model/register_entry.hpp"
#include "model/supplier_return.hpp"
#include "print.hpp"

using namespace fairgate;

BOOST_AUTO_TEST_SUITE(company_number)

namespace {

struct Spellings {
    const char* key;                      // what every spelling reads as
    SupplierIdKind kind;                  // of the first spelling
    std::vector<const char*> spellings;   // as forms, registers and feeds write it
};

// Each row: one identifier, the ways sources write it. Where they can be, numbers are real rows
// of the gender pay gap service's 2021-22 data ("1509 GROUP" 04104101, "RED BAND" CHEMICAL
// COMPANY, LIMITED SC016876, ABERYSTWYTH UNIVERSITY RC000641) or the bundled samples' and OCDS
// fixtures' suppliers (05512345, GB-CHC-1122334); the rest are made up to show a form.
const std::vector<Spellings> kSpellings = {
    {"04104101", SupplierIdKind::Company, {"4104101", "04104101", " 04104101 ", "0410 4101", "0410-4101", "4104101.0",
                                           "4104101.00", "04104101\t", "\xC2\xA0" "4104101\xC2\xA0", "GB-COH-04104101",
                                           "gb-coh-4104101", "GB-COH-4104101.0", "4,104,101"}},
    {"05512345", SupplierIdKind::Company, {"5512345", "05512345", "GB-COH-05512345", "055 123 45"}},
    {"SC016876", SupplierIdKind::Company, {"SC16876", "SC016876", "sc016876", "sc 16876", "SC 016876", "S.C. 16876",
                                           "SC-016876", "Sc16876", "GB-COH-SC016876"}},
    {"RC000641", SupplierIdKind::Company, {"RC641", "RC000641", "rc 641"}},
    {"NI012345", SupplierIdKind::Company, {"NI12345", "ni 012345"}},
    {"OC301234", SupplierIdKind::Company, {"OC301234", "oc 301234"}},
    {"SO300123", SupplierIdKind::Company, {"SO300123", "so300123"}},
    {"NC000123", SupplierIdKind::Company, {"NC123", "nc 000123"}},
    {"LP012345", SupplierIdKind::Company, {"LP12345", "lp 012345"}},
    {"SL001234", SupplierIdKind::Company, {"SL1234"}},
    {"FC012345", SupplierIdKind::Company, {"FC12345", "fc-012345"}},
    {"R0000123", SupplierIdKind::Company, {"R0000123", "R123", "r 0000123"}},
    // Eight characters ending in a letter: a society, a Northern Ireland company. Kept whole.
    {"IP31188R", SupplierIdKind::Company, {"IP31188R", "ip31188r", "ip 31188 r"}},
    {"NI01234A", SupplierIdKind::Company, {"NI01234A", "ni01234a"}},
    // Charities of England and Wales: digits, in the one key space (charity 1122334 and
    // company 01122334 share a key; see the case below).
    {"01122334", SupplierIdKind::Company, {"1122334", "01122334", "1122334.0", "GB-CHC-1122334"}},
    {"00212345", SupplierIdKind::Company, {"212345", "GB-CHC-212345"}},
    {"1122334-1", SupplierIdKind::Charity, {"1122334-1", "1122334 - 1", "GB-CHC-1122334-1"}},
    // Northern Ireland's charities, with or without the register's letters.
    {"00100001", SupplierIdKind::Charity, {"NIC100001", "nic 100001", "GB-NIC-100001", "GB-NIC-NIC100001", "100001"}},
    // OSCR's numbers have a Scottish company number's form.
    {"SC043210", SupplierIdKind::Charity, {"GB-SC-SC043210", "SC043210", "sc 43210"}},
    // Neither: upper-cased without spaces, nothing restored.
    {"XY123", SupplierIdKind::Other, {"XY123", "xy 123"}},
    {"1234R", SupplierIdKind::Other, {"1234R", "1234 r"}},
    {"123456789", SupplierIdKind::Other, {"123456789", " 123456789"}},
    {"SC", SupplierIdKind::Other, {"SC", "sc"}},
    {"SC0168760", SupplierIdKind::Other, {"SC0168760"}},
    {"0", SupplierIdKind::Other, {"0", " 0 "}},
    {"00000000", SupplierIdKind::Other, {"00000000"}},
    {"N/A", SupplierIdKind::Other, {"N/A", "n/a"}},
    {"GB-EDU-133456", SupplierIdKind::Other, {"GB-EDU-133456", "gb-edu-133456"}},
    {"1234567.5", SupplierIdKind::Other, {"1234567.5"}},
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_spelling_of_an_identifier_reads_as_one_key) {
    for (const auto& row : kSpellings) {
        BOOST_TEST((read_supplier_number(row.spellings.front()).kind == row.kind), row.spellings.front());
        for (const char* spelling : row.spellings) {
            BOOST_TEST(supplier_key(spelling) == row.key, "'" << spelling << "'");
            BOOST_TEST(same_supplier(spelling, row.key), "'" << spelling << "'");
        }
    }
}

BOOST_AUTO_TEST_CASE(a_key_reads_as_itself) {
    for (const auto& row : kSpellings) {
        BOOST_TEST(supplier_key(row.key) == row.key);
        for (const char* spelling : row.spellings)
            BOOST_TEST(supplier_key(supplier_key(spelling)) == supplier_key(spelling), "'" << spelling << "'");
    }
}

BOOST_AUTO_TEST_CASE(different_identifiers_stay_apart) {
    // Each row's key differs from every other row's: no two identifiers above collapse.
    for (size_t i = 0; i < kSpellings.size(); ++i)
        for (size_t j = i + 1; j < kSpellings.size(); ++j)
            BOOST_TEST(std::string(kSpellings[i].key) != kSpellings[j].key);
    const std::vector<std::pair<const char*, const char*>> apart = {
        {"SC016876", "SO016876"},    // a Scottish company and a Scottish LLP
        {"SC016876", "NI016876"},    // Scotland and Northern Ireland
        {"SC016876", "16876"},       // a Scottish company and an England and Wales one
        {"SC016876", "SC016877"},
        {"1122334-1", "1122334"},    // a charity's subsidiary and the charity
        {"1122334-1", "1122334-2"},
        {"1122334-1", "11223341"},   // the dash is not a separator here
        {"04104101", "4104101X"},
        {"123456789", "23456789"},
        {"IP31188R", "IP31188"},
        {"XY123", "XY000123"},       // no prefix of Companies House's: nothing restored
    };
    for (const auto& [a, b] : apart) BOOST_TEST(!same_supplier(a, b), a << " vs " << b);
}

BOOST_AUTO_TEST_CASE(a_blank_id_is_nobodys) {
    BOOST_TEST(supplier_key("") == "");
    BOOST_TEST(supplier_key(" \t\xC2\xA0") == "");
    BOOST_TEST((read_supplier_number("   ").kind == SupplierIdKind::Blank));
    BOOST_TEST(!same_supplier("", ""));
    BOOST_TEST(!same_supplier("  ", ""));
    BOOST_TEST(!same_supplier("", "05512345"));
}

BOOST_AUTO_TEST_CASE(registers_that_write_numbers_alike_share_a_key) {
    // The text cannot say which register a number is from, so these are one key (documented
    // in company_number.hpp and docs/input-formats.md): an officer reads a match beside the name.
    BOOST_TEST(same_supplier("1123045", "01123045"));         // charity 1123045, or company 01123045
    BOOST_TEST(same_supplier("SC016876", "GB-SC-SC016876"));  // company SC016876, charity SC016876
    // What a number says about itself is kept: only a charity's own spelling is kind Charity,
    // and so is never looked up as a company number in a register of companies.
    BOOST_TEST((read_supplier_number("SC016876").kind == SupplierIdKind::Company));
    BOOST_TEST((read_supplier_number("GB-SC-SC016876").kind == SupplierIdKind::Charity));
    BOOST_TEST((read_supplier_number("GB-CHC-1123045").kind == SupplierIdKind::Charity));
    BOOST_TEST((read_supplier_number("GB-COH-01123045").kind == SupplierIdKind::Company));
    BOOST_TEST((read_supplier_number("GB-CHC-not a number").kind == SupplierIdKind::Other));
}

BOOST_AUTO_TEST_CASE(a_contract_and_a_bid_compare_suppliers_by_key) {
    Contract c;
    c.supplier_id = "GB-COH-05512345";  // as Contracts Finder names the supplier
    BOOST_TEST(c.supplied_by("5512345"));
    BOOST_TEST(c.supplied_by("05512345"));
    BOOST_TEST(!c.supplied_by("05512346"));
    BOOST_TEST(!c.supplied_by(""));
    c.supplier_id = "";  // a tender's stand-in before award names nobody
    BOOST_TEST(!c.supplied_by(""));
    BOOST_TEST(!c.supplied_by("05512345"));

    SupplierReturn typed, padded;
    typed.tender_id = padded.tender_id = "BX-T-2025-009";
    typed.supplier_id = "1183456";
    padded.supplier_id = "01183456";
    BOOST_TEST(typed.id() == "tender:BX-T-2025-009:1183456");  // the id keeps the number as typed
    BOOST_TEST(typed.id() != padded.id());
    BOOST_TEST(typed.identity() == padded.identity());  // one bid: the later replaces the earlier
    BOOST_TEST(typed.identity() == "tender:BX-T-2025-009:01183456");
    SupplierReturn quarter;
    quarter.kind = ReturnKind::Quarterly;
    quarter.contract_id = "BX-2025-0163";
    quarter.supplier_id = "1183456";
    quarter.period = Quarter{2025, 4};
    BOOST_TEST(quarter.identity() == quarter.id());
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
