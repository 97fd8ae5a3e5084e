// Public registers in the store: a file's rows saved in its transaction, replaced year by
// year, and an organisation found by company number, then by name. The rows are real rows of
// the gender pay gap service's 2021-22 data.

#include <stdexcept>

#include "model/company_number.hpp"
#include "model/register_entry.hpp"
#include "store_fixture.hpp"

using namespace fairgate;
using namespace fairgate::test;

namespace {

RegisterEntry gpg_row(uint32_t row, const std::string& name, const std::string& number, EmployerSizeBand band,
                      bool late, const std::string& submitted, std::optional<double> median,
                      const std::string& year = "2021-22") {
    RegisterEntry e;
    e.year = year;
    e.row = row;
    e.employer_name = name;
    e.company_number = supplier_key(number);
    e.name_key = normalise_organisation_name(name);
    e.size_band = band;
    e.late = late;
    e.submitted = Date::parse_iso(submitted);
    e.median_gap_percent = median;
    e.source_sha256 = "sha-gpg-" + year;
    e.source_name = "gender-pay-gap-" + year + ".csv";
    return e;
}

// Rows 3, 4 and 17 of gender-pay-gap-2021-22.csv.
RegisterEntry red_band() {
    return gpg_row(3, "\"RED BAND\" CHEMICAL COMPANY, LIMITED", "SC016876", EmployerSizeBand::From250To499, false,
                   "2022-03-25", -4.4);
}
RegisterEntry group_1509() {
    return gpg_row(4, "1509 GROUP", "04104101", EmployerSizeBand::Under250, false, "2022-02-02", 16.0);
}
RegisterEntry three_m() {
    return gpg_row(17, "3M UNITED KINGDOM PUBLIC LIMITED COMPANY", "01123045", EmployerSizeBand::From1000To4999, true,
                   "2022-04-05", 4.7);
}

void save_register(Store& store, const std::string& sha, const std::vector<RegisterEntry>& entries) {
    store.save_import_in_batches("run-1", file_result("gpg.csv", sha), dictionary(),
                                 [&](const Store::ImportWriter& write) { write.register_entries(entries); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(registers)

STORE_CASE(register_rows_round_trip_and_are_found_by_number_then_name) {
    auto store = db.open();
    const std::string gpg(kGenderPayGapRegister);
    BOOST_TEST(!store->latest_register_year(gpg).has_value());
    BOOST_TEST(!store->find_register_entry(gpg, "SC016876", "").has_value());
    save_register(*store, "sha-gpg", {red_band(), group_1509(), three_m()});
    BOOST_TEST(store->latest_register_year(gpg).value_or("") == "2021-22");

    // By company number, written as a spreadsheet leaves it.
    const auto found = store->find_register_entry(gpg, "SC16876", "Somebody Else Ltd");
    BOOST_TEST_REQUIRE(found.has_value());
    const RegisterEntry want = red_band();
    BOOST_TEST(found->register_name == gpg);
    BOOST_TEST(found->year == "2021-22");
    BOOST_TEST(found->row == 3u);
    BOOST_TEST(found->employer_name == want.employer_name);
    BOOST_TEST(found->company_number == "SC016876");
    BOOST_TEST(found->name_key == want.name_key);
    BOOST_TEST((found->size_band == EmployerSizeBand::From250To499));
    BOOST_TEST(!found->late);
    BOOST_TEST(found->submitted.value().iso() == "2022-03-25");
    BOOST_TEST(found->median_gap_percent.value() == -4.4);
    BOOST_TEST(found->source_sha256 == "sha-gpg-2021-22");
    BOOST_TEST(found->source_name == "gender-pay-gap-2021-22.csv");

    const auto late = store->find_register_entry(gpg, " 1123045 ", "");
    BOOST_TEST_REQUIRE(late.has_value());
    BOOST_TEST(late->row == 17u);
    BOOST_TEST(late->late);
    BOOST_TEST((late->size_band == EmployerSizeBand::From1000To4999));

    // No number (or one the register does not hold): by name, legal form and case aside.
    const auto by_name = store->find_register_entry(gpg, "", "Red Band Chemical Co. Ltd");
    BOOST_TEST_REQUIRE(by_name.has_value());
    BOOST_TEST(by_name->row == 3u);
    BOOST_TEST(store->find_register_entry(gpg, "99999998", "3M United Kingdom plc").value().row == 17u);
    BOOST_TEST(!store->find_register_entry(gpg, "99999998", "Nowhere Widgets Ltd").has_value());
    BOOST_TEST(!store->find_register_entry("another register", "SC016876", "").has_value());

    // Every spelling of a number finds its row: a numeric cell's, Contracts Finder's.
    BOOST_TEST(store->find_register_entry(gpg, "1123045.0", "").value().row == 17u);
    BOOST_TEST(store->find_register_entry(gpg, "GB-COH-01123045", "").value().row == 17u);
    BOOST_TEST(store->find_register_entry(gpg, "sc 16876", "").value().row == 3u);
    // A number that says it is a charity's is not taken for the company with its digits
    // (charity 1123045 is not 3M's 01123045); the name still finds a row.
    BOOST_TEST(!store->find_register_entry(gpg, "GB-CHC-1123045", "Bexley Youth Collective").has_value());
    BOOST_TEST(store->find_register_entry(gpg, "GB-CHC-1123045", "3M United Kingdom plc").value().row == 17u);
}

STORE_CASE(two_employers_of_one_name_are_not_told_apart_by_name) {
    auto store = db.open();
    const std::string gpg(kGenderPayGapRegister);
    RegisterEntry twin = red_band();
    twin.row = 5000;
    twin.company_number = "SC999999";
    save_register(*store, "sha-gpg", {red_band(), twin});
    BOOST_TEST(!store->find_register_entry(gpg, "", "Red Band Chemical Company Limited").has_value());
    BOOST_TEST(store->find_register_entry(gpg, "SC999999", "").value().row == 5000u);
}

STORE_CASE(a_year_is_replaced_whole_and_the_latest_year_is_consulted) {
    auto store = db.open();
    const std::string gpg(kGenderPayGapRegister);
    save_register(*store, "sha-gpg", {red_band(), group_1509(), three_m()});
    // A corrected download of the year: the old file's rows go.
    save_register(*store, "sha-gpg-fixed", {group_1509()});
    BOOST_TEST(!store->find_register_entry(gpg, "SC016876", "").has_value());
    BOOST_TEST(store->find_register_entry(gpg, "04104101", "").has_value());
    // The next year arrives: lookups read it, not the year before.
    save_register(*store, "sha-gpg-next", {gpg_row(3, "\"RED BAND\" CHEMICAL COMPANY, LIMITED", "SC016876",
                                                    EmployerSizeBand::Under250, false, "2023-03-01", 1.0, "2022-23")});
    BOOST_TEST(store->latest_register_year(gpg).value_or("") == "2022-23");
    const auto next = store->find_register_entry(gpg, "SC016876", "");
    BOOST_TEST_REQUIRE(next.has_value());
    BOOST_TEST(next->year == "2022-23");
    BOOST_TEST(!store->find_register_entry(gpg, "04104101", "").has_value());
}

STORE_CASE(a_register_file_that_fails_part_way_leaves_nothing) {
    auto store = db.open();
    BOOST_CHECK_THROW(store->save_import_in_batches("run-1", file_result("gpg.csv", "sha-bad"), dictionary(),
                                                    [&](const Store::ImportWriter& write) {
                                                        write.register_entries({red_band()});
                                                        throw std::runtime_error("unreadable further on");
                                                    }),
                      std::runtime_error);
    BOOST_TEST(!store->latest_register_year(std::string(kGenderPayGapRegister)).has_value());
    BOOST_TEST(!store->find_file("sha-bad").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
