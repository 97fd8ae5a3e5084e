// Which return counts for a quarter: a resubmission (the later date submitted wins, whatever the
// import order), the first receipt, and a quarterly return received but refused.

#include "store_fixture.hpp"

using namespace fairgate;
using namespace fairgate::test;

namespace {

// A file's copy of contract BX-1's 2026-Q1 return, submitted on `submitted`, its q.jobs `jobs`.
SupplierReturn copy_of_q1(const std::string& sha, const std::string& name, std::optional<Date> submitted, double jobs) {
    SupplierReturn r = quarterly_return("BX-1", {2026, 1}, sha);
    r.source_name = name;
    r.submitted = submitted;
    r.answers = Record();
    r.answers.set(fid("q.jobs"), Answer{Value::number(jobs), std::to_string(jobs), Provenance{name, "Return!C20"}});
    if (submitted)
        r.answers.set(fid("return.submitted"), Answer{Value::date(*submitted), submitted->iso(), Provenance{name, "Return!C6"}});
    return r;
}

const Date kFirst = Date::from_ymd(2026, 7, 20);
const Date kCorrected = Date::from_ymd(2026, 9, 3);

void save(Store& store, const std::string& run, const std::vector<SupplierReturn>& returns) {
    // The register names BX-1 (load_context needs it); saved again, it replaces itself.
    store.save_import("run-0", file_result("register.csv", "reg"), {make_contract("BX-1", "T-1", "reg")}, {},
                      dictionary());
    store.save_import(run, file_result(returns.front().source_name, returns.front().source_sha256), {}, returns,
                      dictionary());
}

// The context's one quarterly return, checked to be the corrected version of 3 Sep 2026.
void check_correction_held(Store& store) {
    const auto ctx = store.load_context("BX-1", dictionary());
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST_REQUIRE(ctx->quarterly_returns.size() == 1u);
    const SupplierReturn& q = ctx->quarterly_returns[0];
    BOOST_TEST(q.source_name == "q1-original-resent.xlsx");  // the later date, not the later name
    BOOST_TEST((q.submitted.value() == kCorrected));
    BOOST_TEST(q.answers.value(fid("q.jobs")).numeric() == 2.0);
    BOOST_TEST_REQUIRE(q.superseded.size() == 1u);
    BOOST_TEST(q.superseded[0].source_name == "q1-zz-correction.xlsx");
    BOOST_TEST((q.superseded[0].submitted.value() == kFirst));
    BOOST_TEST(q.superseded[0].submitted_locator == "Return!C6");
    const auto first = q.first_receipt();
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST((first->date == kFirst));
    BOOST_TEST(first->superseded);
    BOOST_TEST(q.correction_summary() ==
               "first received 20 Jul 2026, corrected 3 Sep 2026, superseding q1-zz-correction.xlsx");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(resubmissions)

// File names deliberately the wrong way round: "zz-correction" holds the earlier date.
STORE_CASE(the_later_date_submitted_wins_in_either_import_order) {
    const SupplierReturn original = copy_of_q1("sha-1", "q1-zz-correction.xlsx", kFirst, 1.0);
    const SupplierReturn correction = copy_of_q1("sha-2", "q1-original-resent.xlsx", kCorrected, 2.0);
    {
        auto store = db.open();
        save(*store, "run-1", {original});
        save(*store, "run-2", {correction});
        check_correction_held(*store);
        BOOST_TEST(db.count("returns", "first_submitted = '2026-07-20'") == 1);
        BOOST_TEST(db.count("return_versions") == 2);
    }
    db.exec("DELETE FROM " + db.table("return_values"));
    db.exec("DELETE FROM " + db.table("return_versions"));
    db.exec("DELETE FROM " + db.table("returns"));
    db.exec("DELETE FROM " + db.table("files"));
    {
        // The other way round: the original arriving after its correction changes nothing held
        // but the first receipt.
        auto store = db.open();
        save(*store, "run-1", {correction});
        save(*store, "run-2", {original});
        check_correction_held(*store);
        BOOST_TEST(db.count("returns", "first_submitted = '2026-07-20'") == 1);
        BOOST_TEST(db.count("return_values") == 2);
    }
}

STORE_CASE(in_one_batch_too_the_later_date_wins) {
    auto store = db.open();
    const SupplierReturn original = copy_of_q1("sha-1", "q1-zz-correction.xlsx", kFirst, 1.0);
    const SupplierReturn correction = copy_of_q1("sha-2", "q1-original-resent.xlsx", kCorrected, 2.0);
    // One write holding both (as the pipeline never does within a file, but the store allows).
    save(*store, "run-0", {copy_of_q1("sha-0", "other-quarter.csv", kFirst, 0.0)});
    db.exec("DELETE FROM " + db.table("return_values"));
    db.exec("DELETE FROM " + db.table("return_versions"));
    db.exec("DELETE FROM " + db.table("returns"));
    store->save_import("run-1", file_result("both.csv", "sha-1"), {}, {correction, original}, dictionary());
    check_correction_held(*store);
    BOOST_TEST(db.count("return_versions") == 2);
}

STORE_CASE(equal_dates_go_to_the_greater_sha256_whatever_the_order) {
    const SupplierReturn low = copy_of_q1("aaaa", "b-second-name.xlsx", kFirst, 1.0);
    const SupplierReturn high = copy_of_q1("ffff", "a-first-name.xlsx", kFirst, 2.0);
    auto store = db.open();
    save(*store, "run-1", {high});
    save(*store, "run-2", {low});
    auto ctx = store->load_context("BX-1", dictionary());
    BOOST_TEST_REQUIRE(ctx->quarterly_returns.size() == 1u);
    BOOST_TEST(ctx->quarterly_returns[0].source_sha256 == "ffff");
    BOOST_TEST((ctx->quarterly_returns[0].first_receipt()->date == kFirst));
    BOOST_TEST(!ctx->quarterly_returns[0].first_receipt()->superseded);  // its own date, on a tie

    // And the other way round, for another quarter of another contract.
    SupplierReturn low2 = low, high2 = high;
    for (SupplierReturn* r : {&low2, &high2}) r->contract_id = "BX-2";
    save(*store, "run-3", {low2});
    save(*store, "run-4", {high2});
    ctx = store->load_context("BX-2", dictionary());
    BOOST_TEST(!ctx.has_value());  // no register row for BX-2: check the rows instead
    BOOST_TEST(db.count("returns", "contract_id = 'BX-2' AND source_sha256 = 'ffff'") == 1);
}

STORE_CASE(a_dated_version_beats_an_undated_one) {
    auto store = db.open();
    save(*store, "run-1", {copy_of_q1("ffff", "dated.xlsx", kFirst, 1.0)});
    save(*store, "run-2", {copy_of_q1("0000", "undated.xlsx", std::nullopt, 2.0)});
    save(*store, "run-3", {copy_of_q1("eeee", "undated-too.xlsx", std::nullopt, 3.0)});
    BOOST_TEST(db.count("returns", "source_sha256 = 'ffff' AND first_submitted = '2026-07-20'") == 1);
    BOOST_TEST(db.count("return_versions") == 3);
}

STORE_CASE(importing_a_version_again_duplicates_nothing_and_flips_nothing) {
    auto store = db.open();
    const SupplierReturn original = copy_of_q1("sha-1", "q1-zz-correction.xlsx", kFirst, 1.0);
    const SupplierReturn correction = copy_of_q1("sha-2", "q1-original-resent.xlsx", kCorrected, 2.0);
    for (int i = 0; i < 2; ++i) {
        save(*store, "run-" + std::to_string(i), {correction});
        save(*store, "run-" + std::to_string(i), {original});
    }
    check_correction_held(*store);
    BOOST_TEST(db.count("returns") == 1);
    BOOST_TEST(db.count("return_values") == 2);
    BOOST_TEST(db.count("return_versions") == 2);
}

STORE_CASE(the_file_of_a_superseded_version_names_its_contract) {
    auto store = db.open();
    save(*store, "run-1", {copy_of_q1("sha-2", "q1-original-resent.xlsx", kCorrected, 2.0)});
    save(*store, "run-2", {copy_of_q1("sha-1", "q1-zz-correction.xlsx", kFirst, 1.0)});
    BOOST_TEST(store->contracts_for_file("sha-1") == std::vector<std::string>{"BX-1"}, boost::test_tools::per_element());
}

STORE_CASE(a_refused_quarterly_return_is_kept_for_its_contract_and_quarter) {
    auto store = db.open();
    store->save_import("run-1", file_result("register.csv", "reg"), {make_contract("BX-1", "T-1", "reg")}, {},
                       dictionary());
    FileResult refused = file_result("q3.xlsx", "bad");
    refused.status = FileStatus::Quarantined;
    refused.reason = "q3.xlsx!Return: the form has no supplier registration number";
    refused.refused_returns = {RefusedIdentity{"BX-1", {2025, 3}, "", Date::from_ymd(2026, 1, 20)},
                               RefusedIdentity{"BX-1", {2025, 3}, "", std::nullopt},  // the same quarter once
                               RefusedIdentity{"BX-404", {2025, 4}, "SUP-1", std::nullopt}};
    store->record_quarantined("20260125T101500.250Z-3f2a9c", refused);
    store->record_quarantined("20260301T101500.250Z-000000", refused);  // refused again: nothing doubles
    BOOST_TEST(db.count("refused_returns") == 2);

    auto ctx = store->load_context("BX-1", dictionary());
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST_REQUIRE(ctx->refused_returns.size() == 1u);
    const RefusedReturn& r = ctx->refused_returns[0];
    BOOST_TEST(r.identity.contract_id == "BX-1");
    BOOST_TEST(r.identity.period.label() == "2025-Q3");
    BOOST_TEST(r.source_name == "q3.xlsx");
    BOOST_TEST(r.source_sha256 == "bad");
    BOOST_TEST(r.reason == refused.reason);
    BOOST_TEST((r.received().value() == Date::from_ymd(2026, 1, 20)));
    BOOST_TEST((r.first_seen.value() == Date::from_ymd(2026, 1, 25)));  // the first run that refused it
    using V = std::vector<std::string>;
    BOOST_TEST(store->contracts_for_file("bad") == (V{"BX-1", "BX-404"}), boost::test_tools::per_element());

    // Imported since (a rulebook that reads it now): a return, no longer a refusal.
    store->save_import("run-3", file_result("q3.xlsx", "bad"), {}, {}, dictionary());
    ctx = store->load_context("BX-1", dictionary());
    BOOST_TEST(ctx->refused_returns.empty());
}

BOOST_AUTO_TEST_SUITE_END()
