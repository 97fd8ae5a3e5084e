// A workbook's evaluation fingerprint: which inputs its recipe names, and that whatever the
// workbook is made from changes it (a rerun leaves a workbook alone only when it is the same).
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "model/content_hash.hpp"
#include "reports/evaluation_fingerprint.hpp"

using namespace fairgate;
using namespace fairgate::reports;

namespace {

struct Inputs {
    Contract contract;
    SupplierReturn bid, quarter;
    RefusedReturn refused;

    Inputs() {
        contract.id = "C-1";
        contract.source_name = "register.csv";
        contract.source_sha256 = std::string(64, 'c');
        contract.fields.set(FieldId{0}, Answer{Value::text("Care"), "Care", {"register.csv", "line 2, column 3"}});

        bid.kind = ReturnKind::Tender;
        bid.source_name = "bid.xlsx";
        bid.source_sha256 = std::string(64, 'a');
        bid.answers.set(FieldId{1}, Answer{Value::yes_no(true), "Yes", {"bid.xlsx", "Questionnaire!C9"}});

        quarter.kind = ReturnKind::Quarterly;
        quarter.source_name = "q1 resent.xlsx";
        quarter.source_sha256 = std::string(64, 'e');
        quarter.superseded.push_back(ReturnVersion{std::string(64, 'd'), "q1.xlsx", std::nullopt, ""});

        refused.source_sha256 = std::string(64, 'f');
        refused.source_name = "q2 broken.xlsx";
    }

    ContractReport report() const {
        ContractReport r;
        r.contract = &contract;
        r.returns = {&bid, &quarter};
        r.refused = {&refused};
        r.data_date = "2026-03-31";
        r.fairgate_version = "1.2.3";
        return r;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(evaluation_fingerprint_of_a_workbook)

BOOST_AUTO_TEST_CASE(the_recipe_names_every_input_file_once_in_order) {
    const Inputs in;
    const EvaluationFingerprint fp = evaluation_fingerprint(in.report());
    std::string want = "fairgate evaluation fingerprint v2\nrulebook \n";
    for (char c : std::string("acdef")) want += "input " + std::string(64, c) + "\n";
    want += "data-date 2026-03-31\nfairgate 1.2.3\n";
    BOOST_TEST(fp.recipe == want);
    BOOST_TEST(fp.sha256 == sha256_hex(want));
    BOOST_TEST(fp.inputs.size() == 5u, "superseded and refused returns' files are inputs too");
    BOOST_TEST(fp.inputs.begin()->second == "bid.xlsx");
}

BOOST_AUTO_TEST_CASE(a_register_fact_set_on_a_bid_is_a_fact_line) {
    Inputs in;
    in.bid.answers.set(FieldId{2}, Answer{Value::yes_no(false), "No", {"gender pay gap service 2021-22", "no row"}});
    const EvaluationFingerprint fp = evaluation_fingerprint(in.report());
    BOOST_TEST(fp.recipe.find("\nfact gender pay gap service 2021-22") != std::string::npos, fp.recipe);
    BOOST_TEST(fp.recipe.find(": No\n") != std::string::npos, fp.recipe);
}

BOOST_AUTO_TEST_CASE(whatever_the_workbook_is_made_from_changes_it) {
    const Inputs base;
    const std::string same = evaluation_fingerprint(base.report()).sha256;
    BOOST_TEST(evaluation_fingerprint(Inputs().report()).sha256 == same, "the same inputs, the same fingerprint");

    auto changed = [&](auto change) {
        Inputs in;
        ContractReport r = in.report();
        change(in, r);
        return evaluation_fingerprint(r).sha256 != same;
    };
    BOOST_TEST(changed([](Inputs& in, ContractReport&) { in.refused.source_sha256 = std::string(64, '9'); }));
    BOOST_TEST(changed([](Inputs& in, ContractReport&) { in.quarter.superseded.clear(); }));
    BOOST_TEST(changed([](Inputs& in, ContractReport&) { in.bid.source_sha256 = std::string(64, '8'); }));
    BOOST_TEST(changed([](Inputs&, ContractReport& r) { r.data_date = "2026-06-30"; }));
    BOOST_TEST(changed([](Inputs&, ContractReport& r) { r.fairgate_version = "1.2.4"; }));
    BOOST_TEST(changed([](Inputs&, ContractReport& r) { r.refused.clear(); }));
    BOOST_TEST(changed([](Inputs& in, ContractReport&) {
        in.bid.answers.set(FieldId{2}, Answer{Value::yes_no(true), "Yes", {"gender pay gap service 2022-23", "row 4"}});
    }));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// A tender's screening: its bids (and what they superseded), the tender's own facts, the
// awarded contract and the facts set on any of them.
struct TenderInputs {
    Contract contract;
    Tender tender;
    SupplierReturn winner, loser;

    TenderInputs() {
        contract.id = "C-1";
        contract.tender_id = "T-1";
        contract.source_name = "register.csv";
        contract.source_sha256 = std::string(64, 'c');

        tender.id = "T-1";
        tender.source_name = "pipeline.csv";
        tender.source_sha256 = std::string(64, 'b');
        tender.fields.set(FieldId{0}, Answer{Value::text("Care"), "Care", {"pipeline.csv", "line 4, column 2"}});

        winner.kind = loser.kind = ReturnKind::Tender;
        winner.source_name = "winner.xlsx";
        winner.source_sha256 = std::string(64, 'a');
        winner.superseded.push_back(ReturnVersion{std::string(64, 'd'), "winner first.xlsx", std::nullopt, ""});
        loser.source_name = "loser.xlsx";
        loser.source_sha256 = std::string(64, 'e');
        loser.answers.set(FieldId{1}, Answer{Value::yes_no(true), "Yes", {"loser.xlsx", "Questionnaire!C9"}});
    }

    TenderReport report() const {
        TenderReport r;
        r.tender_id = "T-1";
        r.contract = &contract;
        r.bids = {&winner, &loser};
        r.data_date = "2026-03-31";
        r.fairgate_version = "1.2.3";
        return r;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(evaluation_fingerprint_of_a_tender_screening)

BOOST_AUTO_TEST_CASE(the_recipe_names_the_contract_the_tender_and_every_bid) {
    const TenderInputs in;
    const EvaluationFingerprint fp = evaluation_fingerprint(in.report(), &in.tender);
    std::string want = "fairgate tender screening fingerprint v1\nrulebook \n";
    for (char c : std::string("abcde")) want += "input " + std::string(64, c) + "\n";
    want += "data-date 2026-03-31\nfairgate 1.2.3\n";
    BOOST_TEST(fp.recipe == want);
    BOOST_TEST(fp.sha256 == sha256_hex(want));
    BOOST_TEST(fp.inputs.size() == 5u);
}

BOOST_AUTO_TEST_CASE(it_is_not_a_contract_fingerprint_of_the_same_files) {
    const TenderInputs in;
    ContractReport as_contract;
    as_contract.contract = &in.contract;
    as_contract.returns = {&in.winner, &in.loser};
    as_contract.data_date = "2026-03-31";
    as_contract.fairgate_version = "1.2.3";
    BOOST_TEST(evaluation_fingerprint(in.report(), nullptr).sha256 != evaluation_fingerprint(as_contract).sha256);
}

BOOST_AUTO_TEST_CASE(the_order_of_the_bids_does_not_matter) {
    const TenderInputs in;
    TenderReport reversed = in.report();
    std::reverse(reversed.bids.begin(), reversed.bids.end());
    BOOST_TEST(evaluation_fingerprint(reversed, &in.tender).sha256 ==
               evaluation_fingerprint(in.report(), &in.tender).sha256);
}

BOOST_AUTO_TEST_CASE(whatever_the_comparison_is_made_from_changes_it) {
    const TenderInputs base;
    const std::string same = evaluation_fingerprint(base.report(), &base.tender).sha256;
    BOOST_TEST(evaluation_fingerprint(TenderInputs().report(), &base.tender).sha256 == same);

    auto changed = [&](auto change) {
        TenderInputs in;
        TenderReport r = in.report();
        const Tender* own = &in.tender;
        change(in, r, own);
        return evaluation_fingerprint(r, own).sha256 != same;
    };
    using T = TenderInputs;
    using R = TenderReport;
    using O = const Tender*;
    BOOST_TEST(changed([](T& in, R&, O&) { in.loser.source_sha256 = std::string(64, '8'); }), "a bid's file");
    BOOST_TEST(changed([](T& in, R&, O&) { in.winner.superseded.clear(); }), "a superseded file");
    BOOST_TEST(changed([](T& in, R&, O&) { in.tender.source_sha256 = std::string(64, '7'); }), "the tender's file");
    BOOST_TEST(changed([](T&, R&, O& own) { own = nullptr; }), "the tender's facts gone");
    BOOST_TEST(changed([](T& in, R&, O&) { in.contract.source_sha256 = std::string(64, '6'); }), "the contract's file");
    BOOST_TEST(changed([](T&, R& r, O&) { r.contract = nullptr; }), "not yet awarded");
    BOOST_TEST(changed([](T&, R& r, O&) { r.bids.pop_back(); }), "a bid fewer");
    BOOST_TEST(changed([](T& in, R&, O&) {
        in.loser.answers.set(FieldId{2},
                             Answer{Value::yes_no(false), "No", {"gender pay gap service 2021-22", "no row"}});
    }), "a register fact");
    BOOST_TEST(changed([](T&, R& r, O&) { r.data_date = "2026-06-30"; }), "the data date");
    BOOST_TEST(changed([](T&, R& r, O&) { r.fairgate_version = "1.2.4"; }), "the version");
    BOOST_TEST(changed([](T&, R& r, O&) {
        static Rulebook rulebook;
        rulebook.sha256 = std::string(64, '5');
        r.rulebook = &rulebook;
    }), "the rulebook");
}

BOOST_AUTO_TEST_SUITE_END()
