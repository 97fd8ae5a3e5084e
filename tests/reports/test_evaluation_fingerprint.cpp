// A workbook's evaluation fingerprint: which inputs its recipe names, and that whatever the
// workbook is made from changes it (a rerun leaves a workbook alone only when it is the same).
#include <boost/test/unit_test.hpp>

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
