#include <boost/test/unit_test.hpp>

#include "model/contract.hpp"
#include "model/supplier_return.hpp"
#include "print.hpp"

using namespace fairgate;

BOOST_AUTO_TEST_SUITE(supplier_return)

BOOST_AUTO_TEST_CASE(id_forms) {
    SupplierReturn tender;
    tender.kind = ReturnKind::Tender;
    tender.tender_id = "BX-T-2026-007";
    tender.supplier_id = "SUP-0042";
    tender.contract_id = "ignored";
    tender.period = Quarter{2026, 2};
    BOOST_TEST(tender.id() == "tender:BX-T-2026-007:SUP-0042");

    SupplierReturn quarterly;
    quarterly.kind = ReturnKind::Quarterly;
    quarterly.contract_id = "BX-2025-0142";
    quarterly.supplier_id = "SUP-0042";
    quarterly.tender_id = "ignored";
    quarterly.period = Quarter{2026, 2};
    BOOST_TEST(quarterly.id() == "quarterly:BX-2025-0142:2026-Q2");

    quarterly.period.reset();
    BOOST_TEST(quarterly.id() == "quarterly:BX-2025-0142:?");

    // The id does not depend on the file it came from, so a resubmission replaces.
    SupplierReturn again = tender;
    again.source_sha256 = "different";
    again.source_name = "resubmitted.xlsx";
    again.submitted = Date::from_ymd(2026, 4, 2);
    BOOST_TEST(again.id() == tender.id());
    // Different supplier, different return.
    again.supplier_id = "SUP-0043";
    BOOST_TEST(again.id() != tender.id());
}

BOOST_AUTO_TEST_CASE(default_return_is_a_tender) {
    const SupplierReturn r;
    BOOST_TEST((r.kind == ReturnKind::Tender));
    BOOST_TEST(r.id() == "tender::");
    BOOST_TEST(r.answers.empty());
}

BOOST_AUTO_TEST_CASE(return_kind_names) {
    BOOST_TEST(to_string(ReturnKind::Tender) == "tender");
    BOOST_TEST(to_string(ReturnKind::Quarterly) == "quarterly");
    const std::pair<const char*, ReturnKind> cases[] = {
        {"tender", ReturnKind::Tender},
        {"Tender", ReturnKind::Tender},
        {"TENDER RETURN", ReturnKind::Tender},
        {"Tender questionnaire", ReturnKind::Tender},
        {" tender ", ReturnKind::Tender},
        {"quarterly", ReturnKind::Quarterly},
        {"Quarterly Monitoring", ReturnKind::Quarterly},
        {"quarterly-monitoring", ReturnKind::Quarterly},
        {"monitoring", ReturnKind::Quarterly},
        {"Quarterly return", ReturnKind::Quarterly},
        {"Quarterly monitoring return", ReturnKind::Quarterly},
    };
    for (const auto& [text, kind] : cases) {
        BOOST_TEST_CONTEXT('"' << text << '"') {
            const auto parsed = parse_return_kind(text);
            BOOST_TEST_REQUIRE(parsed.has_value());
            BOOST_TEST((*parsed == kind));
        }
    }
    for (const char* text : {"", "annual", "tenders", "quarter", "monthly monitoring", "tender quarterly"}) {
        BOOST_TEST_CONTEXT('"' << text << '"') { BOOST_TEST(!parse_return_kind(text).has_value()); }
    }
    for (ReturnKind k : {ReturnKind::Tender, ReturnKind::Quarterly}) {
        const auto back = parse_return_kind(to_string(k));
        BOOST_TEST_REQUIRE(back.has_value());
        BOOST_TEST((*back == k));
    }
}

BOOST_AUTO_TEST_CASE(contract_live_on) {
    Contract c;
    const Date d1 = Date::from_ymd(2026, 1, 1), d2 = Date::from_ymd(2026, 12, 31);
    BOOST_TEST(c.live_on(d1));  // no term known: always live
    c.start = d1;
    BOOST_TEST(c.live_on(d1));
    BOOST_TEST(!c.live_on(Date::from_ymd(2025, 12, 31)));
    BOOST_TEST(c.live_on(Date::from_ymd(2099, 1, 1)));  // open-ended
    c.end = d2;
    BOOST_TEST(c.live_on(d2));
    BOOST_TEST(!c.live_on(Date::from_ymd(2027, 1, 1)));
    c.start.reset();
    BOOST_TEST(c.live_on(Date::from_ymd(1990, 1, 1)));
    BOOST_TEST(!c.live_on(Date::from_ymd(2027, 1, 1)));
}

BOOST_AUTO_TEST_SUITE_END()
