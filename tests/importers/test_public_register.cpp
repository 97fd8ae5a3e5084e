// The gender pay gap service's data as a public register: recognised by its headings, read
// whole with its multi-line cells, every row kept with its year and row number. The real
// 2021-22 download in ../shared/data, and small files for what goes wrong.

#include <boost/test/unit_test.hpp>

#include <map>

#include "importer_fixture.hpp"
#include "importers/public_register.hpp"
#include "model/company_number.hpp"
#include "support/requirements.hpp"

using namespace fairgate;
using fairgate::test::bexley_fields;
using fairgate::test::import_bytes;
using fairgate::test::import_error;
namespace fs = std::filesystem;

namespace {

const std::string kHeading =
    "\"EmployerName\",\"EmployerId\",\"CompanyNumber\",\"SicCodes\",\"DiffMedianHourlyPercent\",\"EmployerSize\","
    "\"SubmittedAfterTheDeadline\",\"DueDate\",\"DateSubmitted\"\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(public_register)

#define GENDER_PAY_GAP_CSV FAIRGATE_SHARED_DIR "/data/gender-pay-gap-2021-22.csv"
BOOST_AUTO_TEST_CASE(reads_the_real_gender_pay_gap_service_data, FAIRGATE_NEEDS_SHARED_FILE(GENDER_PAY_GAP_CSV)) {
    const fs::path path = GENDER_PAY_GAP_CSV;
    const SourceFile file{path.filename().string(), path.string(), sha256_of_file(path.string()), fs::file_size(path)};
    const auto r = importers::import_file(file, bexley_fields());
    BOOST_TEST(r.format == "gender pay gap register csv");
    BOOST_TEST(r.returns.empty());
    BOOST_TEST(r.contracts.empty());
    BOOST_TEST_REQUIRE(r.register_entries.size() == 10465u);

    // Row 3 as a spreadsheet shows the file: "RED BAND" CHEMICAL COMPANY, LIMITED, Scottish.
    const RegisterEntry& red_band = r.register_entries[1];
    BOOST_TEST(red_band.row == 3u);
    BOOST_TEST(red_band.register_name == "gender pay gap service");
    BOOST_TEST(red_band.year == "2021-22");
    BOOST_TEST(red_band.employer_name == "\"RED BAND\" CHEMICAL COMPANY, LIMITED");
    BOOST_TEST(red_band.company_number == "SC016876");
    BOOST_TEST(red_band.name_key == "red band chemical");
    BOOST_TEST(to_string(red_band.size_band) == "250 to 499");
    BOOST_TEST(!red_band.late);
    BOOST_TEST_REQUIRE(red_band.submitted.has_value());
    BOOST_TEST(red_band.submitted->iso() == "2022-03-25");
    BOOST_TEST_REQUIRE(red_band.median_gap_percent.has_value());
    BOOST_TEST(*red_band.median_gap_percent == -4.4);
    BOOST_TEST(red_band.source_sha256 == file.sha256);

    // Row 17: 3M, submitted after the deadline, its SIC codes a cell of three lines; the rows
    // after such cells keep their numbers (row 4, "1509 GROUP", has a two-line cell).
    const RegisterEntry& three_m = r.register_entries[15];
    BOOST_TEST(three_m.row == 17u);
    BOOST_TEST(three_m.employer_name == "3M UNITED KINGDOM PUBLIC LIMITED COMPANY");
    BOOST_TEST(three_m.company_number == "01123045");
    BOOST_TEST(to_string(three_m.size_band) == "1000 to 4999");
    BOOST_TEST(three_m.late);
    BOOST_TEST(*three_m.median_gap_percent == 4.7);

    const RegisterEntry& last = r.register_entries.back();
    BOOST_TEST(last.row == 10466u);
    BOOST_TEST(last.employer_name == "ZWANENBERG FOOD GROUP UK LIMITED");

    // The published numbers are already Companies House's own: normalising changes none, and
    // the leading zeros and prefixes a spreadsheet loses come back.
    size_t with_number = 0, late = 0;
    std::map<EmployerSizeBand, size_t> bands;
    for (const RegisterEntry& e : r.register_entries) {
        if (!e.company_number.empty()) ++with_number;
        if (e.late) ++late;
        ++bands[e.size_band];
        BOOST_TEST(supplier_key(e.company_number) == e.company_number);
        BOOST_TEST(!e.name_key.empty(), e.employer_name);
    }
    BOOST_TEST(with_number == 9069u);  // as the data's README says
    BOOST_TEST(late == 765u);
    BOOST_TEST(bands[EmployerSizeBand::From250To499] == 4445u);
    BOOST_TEST(bands[EmployerSizeBand::NotProvided] == 214u);
    BOOST_TEST(supplier_key("SC16876") == red_band.company_number);
    BOOST_TEST(supplier_key("1123045") == three_m.company_number);
}

BOOST_AUTO_TEST_CASE(recognised_by_its_headings_in_any_order) {
    const std::string csv = kHeading +
                            "\"ACME CARE LIMITED\",\"1\",\"5512345\",\"87100,\n88100\",\"12.5\",\"500 to 999\",\"True\","
                            "\"2023/04/05 00:00:00\",\"2023/05/01 10:00:00\"\n";
    const auto r = import_bytes("gpg.csv", csv);
    BOOST_TEST(r.format == "gender pay gap register csv");
    BOOST_TEST_REQUIRE(r.register_entries.size() == 1u);
    BOOST_TEST(r.register_entries[0].year == "2022-23");
    BOOST_TEST(r.register_entries[0].company_number == "05512345");
    BOOST_TEST(r.register_entries[0].row == 2u);
    BOOST_TEST(r.register_entries[0].late);
    // A table lacking one of the service's columns is not taken for the register.
    const std::vector<importers::Cell> partial = {{importers::Cell::Kind::Text, {}, "EmployerName"},
                                                  {importers::Cell::Kind::Text, {}, "CompanyNumber"}};
    BOOST_TEST(!importers::is_gender_pay_gap_heading(partial));
}

BOOST_AUTO_TEST_CASE(a_row_the_service_would_not_write_is_refused_with_its_place) {
    auto row = [](const std::string& size, const std::string& late, const std::string& due, const std::string& gap) {
        return kHeading + "\"ACME CARE LIMITED\",\"1\",\"05512345\",\"87100\",\"" + gap + "\",\"" + size + "\",\"" + late +
               "\",\"" + due + "\",\"2022/03/01 10:00:00\"\n";
    };
    BOOST_TEST(import_error("g.csv", row("about 300", "False", "2022/04/05 00:00:00", "1.0")) ==
               "g.csv line 2, column 6: EmployerSize 'about 300' is not one of the service's size bands (row 2)");
    BOOST_TEST(import_error("g.csv", row("250 to 499", "Maybe", "2022/04/05 00:00:00", "1.0")) ==
               "g.csv line 2, column 7: SubmittedAfterTheDeadline 'Maybe' is neither True nor False (row 2)");
    BOOST_TEST(import_error("g.csv", row("250 to 499", "False", "5 April 2022", "1.0")) ==
               "g.csv line 2, column 8: DueDate '5 April 2022' is not a date written YYYY/MM/DD (row 2)");
    BOOST_TEST(import_error("g.csv", row("250 to 499", "False", "2022/04/05 00:00:00", "n/a")) ==
               "g.csv line 2, column 5: DiffMedianHourlyPercent 'n/a' is not a number (row 2)");
    BOOST_TEST(import_error("g.csv", kHeading).find("but no employers below it") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
