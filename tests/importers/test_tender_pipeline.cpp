// The tender pipeline: the procurement team's table of tenders before award, one per row,
// headings matched through the rulebook's aliases.

#include <boost/test/unit_test.hpp>

#include "importer_fixture.hpp"

using namespace fairgate;
using namespace fairgate::test;

namespace {

const Answer* fact(const Tender& t, const char* name) { return t.fields.get(bexley_fields().find(name)->id); }

}  // namespace

BOOST_AUTO_TEST_SUITE(tender_pipeline)

BOOST_AUTO_TEST_CASE(a_table_of_tenders_without_contract_or_bidder_is_a_pipeline_read_through_aliases) {
    const auto r = import_bytes("pipeline.csv",
                                "Procurement reference,Contract title,Department responsible,Estimated value,Expected start date,"
                                "Expected end,Funding type,Services to residents,Social value weighting,Tender closing date,Lots,Procedure\n"
                                "BX-T-1,Community meals,Adult Social Care,\"£1,200,000\",01/07/2026,30/06/2029,SLA,Yes,10%,06/03/2026,2,open\n"
                                "BX-T-2,Youth grants,Children's Services,250000,2026-09-01,2027-08-31,Grant,No,0%,2026-05-01,1,\n");
    BOOST_TEST(r.format == "tender pipeline csv");
    BOOST_TEST(r.contracts.empty());
    BOOST_TEST(r.returns.empty());
    BOOST_TEST_REQUIRE(r.tenders.size() == 2u);
    const Tender& t = r.tenders[0];
    BOOST_TEST(t.id == "BX-T-1");
    BOOST_TEST(t.title == "Community meals");
    BOOST_TEST(t.category == "Adult Social Care");
    BOOST_TEST(t.source_name == "pipeline.csv");
    BOOST_TEST(fact(t, "contract.value")->value.as_pence() == 120000000);
    BOOST_TEST(fact(t, "contract.value")->where.display() == "pipeline.csv line 2, column 4");
    BOOST_TEST(fact(t, "contract.start")->value.as_date().iso() == "2026-07-01");
    BOOST_TEST(fact(t, "contract.end")->value.as_date().iso() == "2029-06-30");
    BOOST_TEST(fact(t, "contract.funding_type")->value.as_text() == "service-level-agreement");
    BOOST_TEST(fact(t, "contract.service_to_residents")->value.as_bool());
    BOOST_TEST(fact(t, "tender.social_value_weighting")->value.as_fraction() == 0.10, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(fact(t, "tender.closing_date")->value.as_date().iso() == "2026-03-06");
    BOOST_TEST(fact(t, "tender.lots")->value.as_integer() == 2);
    BOOST_TEST(fact(t, "tender.procedure")->value.as_text() == "open");
    BOOST_TEST(fact(r.tenders[1], "contract.funding_type")->value.as_text() == "grant");
    BOOST_TEST(r.notes.empty());
}

BOOST_AUTO_TEST_CASE(an_unreadable_fact_is_kept_as_typed_and_noted_with_its_place) {
    const auto r = import_bytes("pipeline.csv", "Tender reference,Title,Estimated value,Closing date\n"
                                                "BX-T-1,Community meals,about a million,06/03/2026\n");
    BOOST_TEST_REQUIRE(r.tenders.size() == 1u);
    const Answer* value = fact(r.tenders[0], "contract.value");
    BOOST_TEST_REQUIRE(value);
    BOOST_TEST(value->value.is_invalid());
    BOOST_TEST(value->typed() == "about a million");
    BOOST_TEST_REQUIRE(r.notes.size() == 1u);
    BOOST_TEST(r.notes[0].where == "pipeline.csv line 2, column 3");
    BOOST_TEST(r.notes[0].message.find("contract.value") != std::string::npos, r.notes[0].message);
}

BOOST_AUTO_TEST_CASE(a_row_without_a_tender_reference_refuses_the_file_naming_the_row) {
    const std::string e = import_error("pipeline.csv", "Tender reference,Title,Estimated value\n"
                                                       "BX-T-1,Community meals,\"£1,200,000\"\n"
                                                       ",Day centres,\"£800,000\"\n");
    BOOST_TEST(e.find("pipeline.csv") == 0u, e);
    BOOST_TEST(e.find("line 3") != std::string::npos, e);
    BOOST_TEST(e.find("no tender reference") != std::string::npos, e);
}

BOOST_AUTO_TEST_CASE(a_pipeline_sheet_in_a_workbook_is_read_the_same_way) {
    WorkbookParts book;
    book.sheets.emplace_back("Pipeline", sheet_xml({row_xml(1, {text_cell("A1", "Tender reference"), text_cell("B1", "Title"),
                                                                text_cell("C1", "Estimated value"), text_cell("D1", "Funding type")}),
                                                    row_xml(2, {text_cell("A2", "BX-T-1"), text_cell("B2", "Community meals"),
                                                                number_cell("C2", "1200000"), text_cell("D2", "Grant")})}));
    const auto r = import_bytes("pipeline.xlsx", book.xlsx());
    BOOST_TEST(r.format == "tender pipeline xlsx");
    BOOST_TEST_REQUIRE(r.tenders.size() == 1u);
    BOOST_TEST(fact(r.tenders[0], "contract.value")->value.as_pence() == 120000000);
    BOOST_TEST(fact(r.tenders[0], "contract.value")->where.display() == "pipeline.xlsx!Pipeline!C2");
    BOOST_TEST(fact(r.tenders[0], "contract.funding_type")->value.as_text() == "grant");
}

BOOST_AUTO_TEST_CASE(bids_and_registers_are_not_pipelines) {
    // Bids name their bidder; a register names its contract.
    const auto bids = import_bytes("bids.csv", "Return type,Tender reference,Supplier name,Supplier registration number,Title\n"
                                               "Tender return,BX-T-1,Riverside Meals CIC,09213456,Community meals\n");
    BOOST_TEST(bids.tenders.empty());
    BOOST_TEST(bids.returns.size() == 1u);
    const auto reg = import_bytes("register.csv", "Contract reference,Tender reference,Title\nBX-1,BX-T-1,Community meals\n");
    BOOST_TEST(reg.tenders.empty());
    BOOST_TEST(reg.contracts.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
