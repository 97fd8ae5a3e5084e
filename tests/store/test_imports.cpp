// save_import and reading contracts and returns back.

#include <algorithm>

#include "store_fixture.hpp"

using namespace fairgate;
using namespace fairgate::test;

BOOST_AUTO_TEST_SUITE(imports)

STORE_CASE(every_value_type_round_trips_with_provenance) {
    auto store = db.open();
    const Contract c = make_contract("BX-2025-0142", "T-77", "sha-register");
    const SupplierReturn bid = tender_return("T-77", "SUP-1", "sha-bid");
    store->save_import("run-1", file_result("register.csv", "sha-register"), {c}, {}, dictionary());
    store->save_import("run-1", file_result("SUP-1.xlsx", "sha-bid"), {}, {bid}, dictionary());

    auto loaded = store->load_contract(c.id, dictionary());
    BOOST_TEST_REQUIRE(loaded.has_value());
    BOOST_TEST(loaded->id == c.id);
    BOOST_TEST(loaded->tender_id == c.tender_id);
    BOOST_TEST(loaded->title == c.title);
    BOOST_TEST(loaded->category == c.category);
    BOOST_TEST(loaded->supplier_id == c.supplier_id);
    BOOST_TEST(loaded->supplier_name == c.supplier_name);
    BOOST_TEST((loaded->start == c.start));
    BOOST_TEST((loaded->end == c.end));
    BOOST_TEST(loaded->source_sha256 == c.source_sha256);
    BOOST_TEST(loaded->source_name == c.source_name);
    check_same_record(loaded->fields, c.fields);

    auto ctx = store->load_context(c.id, dictionary());
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST_REQUIRE(ctx->tender_returns.size() == 1u);
    const SupplierReturn& r = ctx->tender_returns[0];
    BOOST_TEST(r.id() == bid.id());
    BOOST_TEST(r.supplier_name == bid.supplier_name);
    BOOST_TEST((r.submitted == bid.submitted));
    BOOST_TEST(r.source_sha256 == "sha-bid");
    BOOST_TEST(r.source_name == bid.source_name);
    check_same_record(r.answers, bid.answers);
    const Value& invalid = r.answers.value(fid("contract.value"));
    BOOST_TEST(invalid.is_invalid());
    BOOST_TEST(invalid.invalid_raw() == "about a million");
    BOOST_TEST(invalid.invalid_reason() == "not an amount of money");
    BOOST_TEST(r.answers.present(fid("contract.start")));
    BOOST_TEST(r.answers.value(fid("contract.start")).is_absent());
    BOOST_TEST(!store->load_contract("BX-none", dictionary()).has_value());
    BOOST_TEST(!store->load_context("BX-none", dictionary()).has_value());
}

STORE_CASE(not_applicable_and_not_published_answers_round_trip) {
    auto store = db.open();
    Contract c = make_contract("BX-OCDS-1", "T-9", "sha-notice");
    c.fields.set(fid("eq.policy"),
                 Answer{Value::not_published(FieldType::YesNo), "", Provenance{"notice.json", "/releases/0"}});
    SupplierReturn bid = tender_return("T-9", "SUP-1", "sha-bid-9");  // the contract's supplier: its awarded bid
    bid.answers.set(fid("supplier.employees"),
                    Answer{Value::not_applicable(FieldType::Integer, "N/A"), "N/A", Provenance{"SUP-1.xlsx", "Questionnaire!C8"}});
    store->save_import("run-1", file_result("notice.json", "sha-notice"), {c}, {}, dictionary());
    store->save_import("run-1", file_result("SUP-1.xlsx", "sha-bid-9"), {}, {bid}, dictionary());

    const auto loaded = store->load_contract(c.id, dictionary());
    BOOST_TEST_REQUIRE(loaded.has_value());
    const Answer* unpublished = loaded->fields.get(fid("eq.policy"));
    BOOST_TEST_REQUIRE(unpublished != nullptr);
    BOOST_TEST((unpublished->value.state() == Value::State::NotPublished));
    BOOST_TEST((unpublished->value.type() == FieldType::YesNo));
    BOOST_TEST(unpublished->where.display() == "notice.json#/releases/0");
    check_same_record(loaded->fields, c.fields);

    const auto ctx = store->load_context(c.id, dictionary());
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST_REQUIRE(ctx->tender_returns.size() == 1u);
    const Value& na = ctx->tender_returns[0].answers.value(fid("supplier.employees"));
    BOOST_TEST((na.state() == Value::State::NotApplicable));
    BOOST_TEST(na.invalid_raw() == "N/A");
    BOOST_TEST((na.type() == FieldType::Integer));
    BOOST_TEST(ctx->tender_returns[0].answers.get(fid("supplier.employees"))->typed() == "N/A");
}

STORE_CASE(fields_the_dictionary_does_not_know_are_skipped) {
    auto store = db.open();
    store->save_import("run-1", file_result("SUP-1.xlsx", "sha-bid"), {make_contract("BX-1", "T-1", "sha-bid")},
                       {tender_return("T-1", "SUP-1", "sha-bid")}, dictionary());
    // Another rulebook's dictionary: fewer fields, other ids.
    FieldDictionary small;
    FieldDef share;
    share.name = "q.share";
    share.type = FieldType::Percent;
    small.add(share);
    FieldDef policy;
    policy.name = "eq.policy";
    policy.type = FieldType::YesNo;
    small.add(policy);
    auto ctx = store->load_context("BX-1", small);
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST(ctx->contract.fields.empty());
    BOOST_TEST_REQUIRE(ctx->tender_returns.size() == 1u);
    const Record& a = ctx->tender_returns[0].answers;
    BOOST_TEST(a.size() == 2u);
    BOOST_TEST(a.value(small.find("q.share")->id).as_fraction() == 0.1);
    BOOST_TEST(a.value(small.find("eq.policy")->id).as_bool());
}

STORE_CASE(a_changed_field_type_is_read_again_from_the_text_as_typed) {
    auto store = db.open();
    store->save_import("run-1", file_result("SUP-1.xlsx", "s"), {make_contract("BX-1", "T-1", "s")},
                       {tender_return("T-1", "SUP-1", "s")}, dictionary());
    FieldDictionary changed;
    FieldDef employees;
    employees.name = "supplier.employees";  // was integer
    employees.type = FieldType::Text;
    changed.add(employees);
    auto ctx = store->load_context("BX-1", changed);
    BOOST_TEST_REQUIRE(ctx->tender_returns.size() == 1u);
    BOOST_TEST(ctx->tender_returns[0].answers.value(0).as_text() == "-42");
}

STORE_CASE(a_reimport_replaces_and_never_duplicates) {
    auto store = db.open();
    Contract c = make_contract("BX-1", "T-1", "sha-a");
    std::vector<SupplierReturn> rs = {tender_return("T-1", "SUP-1", "sha-a"), tender_return("T-1", "SUP-2", "sha-a"),
                                      quarterly_return("BX-1", {2026, 1}, "sha-a")};
    for (int i = 0; i < 2; ++i) store->save_import("run-1", file_result("a.xlsx", "sha-a"), {c}, rs, dictionary());
    BOOST_TEST(db.count("files") == 1);
    BOOST_TEST(db.count("contracts") == 1);
    BOOST_TEST(db.count("contract_values") == 2);
    BOOST_TEST(db.count("returns") == 3);
    BOOST_TEST(db.count("return_values") == 10 + 10 + 1);

    // A resubmission from another file: same identities, fewer and changed answers.
    SupplierReturn again;
    again.kind = ReturnKind::Tender;
    again.tender_id = "T-1";
    again.supplier_id = "SUP-1";
    again.supplier_name = "Renamed Ltd";
    again.source_sha256 = "sha-b";
    again.source_name = "b.xlsx";
    again.answers.set(fid("eq.policy"), Answer{Value::yes_no(false), "No", Provenance{"b.xlsx", "Form!C14"}});
    c.title = "Renamed contract";
    c.fields = Record();
    store->save_import("run-2", file_result("b.xlsx", "sha-b"), {c, c}, {again, again}, dictionary());
    BOOST_TEST(db.count("files") == 2);
    BOOST_TEST(db.count("contracts") == 1);
    BOOST_TEST(db.count("contract_values") == 0);
    BOOST_TEST(db.count("returns") == 3);
    BOOST_TEST(db.count("return_values") == 1 + 10 + 1);

    auto ctx = store->load_context("BX-1", dictionary());
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST(ctx->contract.title == "Renamed contract");
    BOOST_TEST_REQUIRE(ctx->tender_returns.size() == 1u);  // the awarded bid (SUP-1) only
    BOOST_TEST(ctx->tender_returns[0].supplier_name == "Renamed Ltd");
    BOOST_TEST(ctx->tender_returns[0].answers.size() == 1u);
    BOOST_TEST(!ctx->tender_returns[0].answers.value(fid("eq.policy")).as_bool());
    auto tender = store->load_tender("T-1", dictionary());
    BOOST_TEST_REQUIRE(tender.has_value());
    BOOST_TEST_REQUIRE(tender->bids.size() == 2u);
    BOOST_TEST(tender->bids[0].answers.size() == 1u);
    BOOST_TEST(tender->bids[1].answers.size() == 10u);
}

STORE_CASE(a_bid_is_its_suppliers_however_the_number_is_typed) {
    auto store = db.open();
    Contract c = make_contract("BX-1", "T-1", "reg");
    c.supplier_id = "1234567";  // as a spreadsheet leaves 01234567
    store->save_import("run-1", file_result("register.csv", "reg"), {c}, {}, dictionary());
    store->save_import("run-1", file_result("bids.csv", "bids"), {},
                       {tender_return("T-1", "01234567", "bids"), tender_return("T-1", "SUP-2", "bids")}, dictionary());

    // The contract's awarded bid, found by key.
    auto ctx = store->load_context("BX-1", dictionary());
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST_REQUIRE(ctx->tender_returns.size() == 1u);
    BOOST_TEST(ctx->tender_returns[0].supplier_id == "01234567");  // kept as typed
    BOOST_TEST(db.count("returns", "supplier_key = '01234567'") == 1);

    // Findings on the bid, then a resubmission typing the number as the register does: it
    // replaces the bid, and the old bid's findings go with it.
    Finding f = make_finding("tender:T-1:01234567", "TND-1", "BX-1", Outcome::Fail);
    f.stage = Stage::Tender;
    f.supplier_id = "01234567";
    store->save_findings("run-1", {f, make_finding("tender:T-1:SUP-2", "TND-1", "", Outcome::Pass)});
    BOOST_TEST(db.count("finding_evidence", "subject_id = 'tender:T-1:01234567'") > 0);
    store->save_import("run-2", file_result("again.csv", "again"), {}, {tender_return("T-1", "1234567", "again")},
                       dictionary());
    auto tender = store->load_tender("T-1", dictionary());
    BOOST_TEST_REQUIRE(tender.has_value());
    std::vector<std::string> bidders;
    for (const auto& r : tender->bids) bidders.push_back(r.supplier_id + " " + r.source_sha256);
    BOOST_TEST(bidders == (std::vector<std::string>{"1234567 again", "SUP-2 bids"}), boost::test_tools::per_element());
    BOOST_TEST(db.count("findings", "subject_id = 'tender:T-1:01234567'") == 0);
    BOOST_TEST(db.count("finding_evidence", "subject_id = 'tender:T-1:01234567'") == 0);
    BOOST_TEST(db.count("finding_subjects", "subject_id = 'tender:T-1:01234567'") == 0);
    BOOST_TEST(db.count("return_values", "return_id = 'tender:T-1:01234567'") == 0);
    BOOST_TEST(db.count("findings", "subject_id = 'tender:T-1:SUP-2'") == 1, "another supplier's bid is kept");
    ctx = store->load_context("BX-1", dictionary());
    BOOST_TEST_REQUIRE(ctx->tender_returns.size() == 1u);
    BOOST_TEST(ctx->tender_returns[0].source_sha256 == "again");

    // Two spellings in one file are one bid: the later one.
    SupplierReturn first = tender_return("T-2", "sc 16876", "two"), second = tender_return("T-2", "SC016876", "two");
    second.supplier_name = "Second Ltd";
    store->save_import("run-2", file_result("two.csv", "two"), {}, {first, second}, dictionary());
    tender = store->load_tender("T-2", dictionary());
    BOOST_TEST_REQUIRE(tender.has_value());
    BOOST_TEST_REQUIRE(tender->bids.size() == 1u);
    BOOST_TEST(tender->bids[0].supplier_name == "Second Ltd");
}

STORE_CASE(load_context_selects_the_tender_bids_and_the_quarters_in_order) {
    auto store = db.open();
    store->save_import("run-1", file_result("register.csv", "reg"),
                       {make_contract("BX-1", "T-1", "reg"), make_contract("BX-2", "T-2", "reg"),
                        make_contract("BX-3", "", "reg")},
                       {}, dictionary());
    store->save_import("run-1", file_result("bids.csv", "bids"), {},
                       {tender_return("T-1", "SUP-B", "bids"), tender_return("T-1", "SUP-A", "bids"),
                        tender_return("T-2", "SUP-C", "bids")}, dictionary());
    store->save_import("run-1", file_result("q.csv", "q"), {},
                       {quarterly_return("BX-1", {2026, 3}, "q"), quarterly_return("BX-1", {2025, 4}, "q"),
                        quarterly_return("BX-1", {2026, 1}, "q"), quarterly_return("BX-2", {2026, 1}, "q")}, dictionary());

    auto ctx = store->load_context("BX-1", dictionary());
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST(ctx->tender_returns.empty(), "SUP-1 won BX-1 and did not bid: no bid is the contract's");
    auto tender = store->load_tender("T-1", dictionary());
    BOOST_TEST_REQUIRE(tender.has_value());
    std::vector<std::string> bidders;
    for (const auto& r : tender->bids) bidders.push_back(r.supplier_id);
    BOOST_TEST(bidders == (std::vector<std::string>{"SUP-A", "SUP-B"}), boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(tender->contract.has_value());
    BOOST_TEST(tender->contract->id == "BX-1");
    BOOST_TEST(!store->load_tender("T-404", dictionary()).has_value());
    BOOST_TEST(store->all_tender_ids() == (std::vector<std::string>{"T-1", "T-2"}), boost::test_tools::per_element());
    BOOST_TEST(store->tenders_for_file("bids") == (std::vector<std::string>{"T-1", "T-2"}),
               boost::test_tools::per_element());
    std::vector<std::string> periods;
    for (const auto& r : ctx->quarterly_returns) periods.push_back(r.period->label());
    BOOST_TEST(periods == (std::vector<std::string>{"2025-Q4", "2026-Q1", "2026-Q3"}), boost::test_tools::per_element());
    BOOST_TEST(ctx->quarterly_returns[2].answers.value(fid("q.jobs")).as_number() == 4.5);
    BOOST_TEST(ctx->quarterly_returns[2].answers.get(fid("q.jobs"))->where.locator() == "line 4, column 4");

    auto untendered = store->load_context("BX-3", dictionary());
    BOOST_TEST_REQUIRE(untendered.has_value());
    BOOST_TEST(untendered->tender_returns.empty());
    BOOST_TEST(untendered->quarterly_returns.empty());
}

STORE_CASE(contracts_are_found_by_tender_and_by_file) {
    auto store = db.open();
    store->save_import("run-1", file_result("register.csv", "reg"),
                       {make_contract("BX-2", "T-2", "reg"), make_contract("BX-1", "T-1", "reg"),
                        make_contract("BX-9", "", "reg")},
                       {}, dictionary());
    store->save_import("run-1", file_result("bids.csv", "bids"), {}, {tender_return("T-2", "SUP-C", "bids")}, dictionary());
    store->save_import("run-1", file_result("q.csv", "q"), {},
                       {quarterly_return("BX-1", {2026, 1}, "q"), quarterly_return("BX-9", {2026, 1}, "q")}, dictionary());

    BOOST_TEST(store->contract_for_tender("T-1").value_or("") == "BX-1");
    BOOST_TEST(!store->contract_for_tender("T-404").has_value());
    BOOST_TEST(!store->contract_for_tender("").has_value());
    using V = std::vector<std::string>;
    BOOST_TEST(store->contracts_for_file("reg") == (V{"BX-1", "BX-2", "BX-9"}), boost::test_tools::per_element());
    BOOST_TEST(store->contracts_for_file("bids") == (V{"BX-2"}), boost::test_tools::per_element());
    BOOST_TEST(store->contracts_for_file("q") == (V{"BX-1", "BX-9"}), boost::test_tools::per_element());
    BOOST_TEST(store->contracts_for_file("unknown").empty());
    BOOST_TEST(store->all_contract_ids() == (V{"BX-1", "BX-2", "BX-9"}), boost::test_tools::per_element());
}

STORE_CASE(files_are_known_by_hash_imported_or_quarantined) {
    auto store = db.open();
    BOOST_TEST(!store->find_file("bad").has_value());
    FileResult refused = file_result("broken.xlsx", "bad");
    refused.status = FileStatus::Quarantined;
    refused.reason = "not a zip file";
    store->record_quarantined("run-1", refused);
    store->record_quarantined("run-2", refused);
    auto known = store->find_file("bad");
    BOOST_TEST_REQUIRE(known.has_value());
    BOOST_TEST(known->sha256 == "bad");
    BOOST_TEST(known->name == "broken.xlsx");
    BOOST_TEST(known->status == "quarantined");
    BOOST_TEST(known->reason == "not a zip file");
    BOOST_TEST(known->run_id == "run-1");

    store->save_import("run-3", file_result("good.csv", "good"), {}, {}, dictionary());
    FileResult renamed = file_result("good-copy.csv", "good");
    store->save_import("run-4", renamed, {}, {}, dictionary());
    auto good = store->find_file("good");
    BOOST_TEST_REQUIRE(good.has_value());
    BOOST_TEST(good->status == "imported");
    BOOST_TEST(good->name == "good.csv");
    BOOST_TEST(good->run_id == "run-3");
    BOOST_TEST(good->reason == "");
    BOOST_TEST(db.count("files") == 2);
}

// The store keeps statements prepared between calls: one that failed part-way must leave
// nothing behind, and must run again once the cause is gone.
STORE_CASE(a_failed_import_leaves_nothing_and_the_next_succeeds) {
    auto store = db.open();
    if (db.backend() == "sqlite") {
        db.exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON contracts WHEN NEW.title = 'boom' "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END");
    } else {
        db.exec("CREATE FUNCTION " + db.table("refuse_boom") +
                "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "IF NEW.title = 'boom' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$");
        db.exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON " + db.table("contracts") +
                " FOR EACH ROW EXECUTE FUNCTION " + db.table("refuse_boom") + "()");
    }
    store->save_import("run-1", file_result("a.csv", "aaa"), {make_contract("BX-1", "T-1", "aaa")}, {}, dictionary());

    Contract good = make_contract("BX-3", "T-3", "bbb");
    Contract bad = make_contract("BX-4", "T-4", "bbb");
    bad.title = "boom";
    const SupplierReturn bid = tender_return("T-3", "SUP-1", "bbb");
    for (int attempt = 0; attempt < 2; ++attempt) {
        BOOST_CHECK_THROW(store->save_import("run-1", file_result("b.csv", "bbb"), {good, bad}, {bid}, dictionary()),
                          StoreError);
        BOOST_TEST(!store->find_file("bbb"));
        BOOST_TEST(!store->load_contract("BX-3", dictionary()));
        BOOST_TEST(db.count("returns") == 0);
    }

    bad.title = "Grounds maintenance";
    store->save_import("run-1", file_result("b.csv", "bbb"), {good, bad}, {bid}, dictionary());
    BOOST_TEST(store->find_file("bbb").has_value());
    for (const Contract* c : {&good, &bad}) {
        auto loaded = store->load_contract(c->id, dictionary());
        BOOST_TEST_REQUIRE(loaded.has_value());
        BOOST_TEST(loaded->title == c->title);
        check_same_record(loaded->fields, c->fields);
    }
    auto ctx = store->load_context("BX-3", dictionary());
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST_REQUIRE(ctx->tender_returns.size() == 1u);
    check_same_record(ctx->tender_returns[0].answers, bid.answers);
    BOOST_TEST(store->load_contract("BX-1", dictionary()).has_value());
}

STORE_CASE(a_file_saved_in_batches_is_stored_whole_or_not_at_all) {
    auto store = db.open();
    const Contract c = make_contract("BX-1", "", "sha-big");
    const SupplierReturn q1 = quarterly_return("BX-1", Quarter{2026, 1}, "sha-big");
    const SupplierReturn q2 = quarterly_return("BX-1", Quarter{2026, 2}, "sha-big");
    store->save_import_in_batches("run-1", file_result("big.csv", "sha-big"), dictionary(),
                                  [&](const Store::ImportWriter& write) {
                                      write({}, {q1}, {});
                                      write({}, {q2}, {});
                                      write({c}, {}, {});
                                  });
    BOOST_TEST(db.count("returns") == 2);
    BOOST_TEST(db.count("contracts") == 1);
    BOOST_TEST(store->find_file("sha-big").has_value());

    // The file turns out unreadable after two batches: nothing of it is kept, and the
    // caller's own exception comes back unchanged (not as a store error).
    const SupplierReturn q3 = quarterly_return("BX-1", Quarter{2026, 3}, "sha-bad");
    struct Unreadable : std::runtime_error {
        using std::runtime_error::runtime_error;
    };
    BOOST_CHECK_THROW(store->save_import_in_batches("run-2", file_result("bad.csv", "sha-bad"), dictionary(),
                                                    [&](const Store::ImportWriter& write) {
                                                        write({}, {q3}, {});
                                                        throw Unreadable("line 9000: unclosed quote");
                                                    }),
                      Unreadable);
    BOOST_TEST(db.count("returns") == 2);
    BOOST_TEST(!store->find_file("sha-bad").has_value());
    // The store is usable afterwards.
    store->save_import("run-3", file_result("q3.csv", "sha-q3"), {}, {q3}, dictionary());
    BOOST_TEST(db.count("returns") == 3);
}

BOOST_AUTO_TEST_SUITE_END()

STORE_CASE(a_tenders_own_facts_are_stored_with_its_file_and_come_back_with_its_bids) {
    auto store = db.open();
    Tender t;
    t.id = "T-9";
    t.title = "Community meals";
    t.category = "Adult social care";
    t.source_sha256 = "sha-pipeline";
    t.source_name = "pipeline.csv";
    t.fields.set(fid("contract.value"), Answer{Value::money_pence(120000000), "£1,200,000",
                                               Provenance{"pipeline.csv", "line 2, column 4"}});
    t.fields.set(fid("contract.start"), Answer{Value::date(Date::from_ymd(2026, 7, 1)), "01/07/2026",
                                               Provenance{"pipeline.csv", "line 2, column 5"}});
    store->save_import("run-1", file_result("pipeline.csv", "sha-pipeline"), {}, {}, dictionary(), {t});
    BOOST_TEST(db.count("tenders") == 1);
    BOOST_TEST(db.count("tender_values") == 2);
    BOOST_TEST(store->tenders_for_file("sha-pipeline") == (std::vector<std::string>{"T-9"}),
               boost::test_tools::per_element());
    // A pipeline row alone has no bid to screen.
    BOOST_TEST(!store->load_tender("T-9", dictionary()).has_value());

    store->save_import("run-1", file_result("bids.csv", "sha-bids"), {}, {tender_return("T-9", "SUP-A", "sha-bids")},
                       dictionary());
    auto loaded = store->load_tender("T-9", dictionary());
    BOOST_TEST_REQUIRE(loaded.has_value());
    BOOST_TEST(!loaded->contract.has_value());
    BOOST_TEST_REQUIRE(loaded->tender.has_value());
    BOOST_TEST(loaded->tender->title == "Community meals");
    BOOST_TEST(loaded->tender->category == "Adult social care");
    BOOST_TEST(loaded->tender->source_name == "pipeline.csv");
    check_same_record(loaded->tender->fields, t.fields);

    // A newer pipeline replaces the facts, not adds to them.
    Tender revised = t;
    revised.title = "Community meals (revised)";
    revised.source_sha256 = "sha-pipeline-2";
    revised.fields = Record();
    revised.fields.set(fid("contract.value"), Answer{Value::money_pence(150000000), "£1,500,000",
                                                     Provenance{"pipeline-2.csv", "line 3, column 4"}});
    store->save_import("run-2", file_result("pipeline-2.csv", "sha-pipeline-2"), {}, {}, dictionary(), {revised});
    loaded = store->load_tender("T-9", dictionary());
    BOOST_TEST_REQUIRE(loaded->tender.has_value());
    BOOST_TEST(loaded->tender->title == "Community meals (revised)");
    check_same_record(loaded->tender->fields, revised.fields);
    BOOST_TEST(db.count("tender_values") == 1);
}

BOOST_AUTO_TEST_SUITE(save_groups)

// A batch commits its files a group at a time: others see them when the group ends, and a file
// that fails inside the group rolls back alone (its savepoint) while the rest are kept.
STORE_CASE(a_save_group_commits_its_files_together_and_a_failed_file_alone) {
    auto store = db.open();
    const SupplierReturn q1 = quarterly_return("BX-1", Quarter{2026, 1}, "sha-q1");
    const SupplierReturn q2 = quarterly_return("BX-1", Quarter{2026, 2}, "sha-bad");
    const SupplierReturn q3 = quarterly_return("BX-1", Quarter{2026, 3}, "sha-q3");
    store->begin_save_group();
    BOOST_CHECK_THROW(store->begin_save_group(), StoreError);  // groups do not nest
    store->save_import("run-1", file_result("q1.csv", "sha-q1"), {}, {q1}, dictionary());
    struct Unreadable : std::runtime_error {
        using std::runtime_error::runtime_error;
    };
    BOOST_CHECK_THROW(store->save_import_in_batches("run-1", file_result("bad.csv", "sha-bad"), dictionary(),
                                                    [&](const Store::ImportWriter& write) {
                                                        write({}, {q2}, {});
                                                        throw Unreadable("line 9000: unclosed quote");
                                                    }),
                      Unreadable);
    store->save_import("run-1", file_result("q3.csv", "sha-q3"), {}, {q3}, dictionary());
    // Inside the group its own saves are seen; from another connection, nothing yet.
    BOOST_TEST(store->find_file("sha-q1").has_value());
    BOOST_TEST(!store->find_file("sha-bad").has_value());
    BOOST_TEST(db.count("returns") == 0);
    store->end_save_group();
    BOOST_TEST(db.count("returns") == 2);
    BOOST_TEST(db.count("returns", "source_sha256 = 'sha-bad'") == 0);
    BOOST_TEST(db.open()->find_file("sha-q3").has_value());
    // Ending a group that is not open is an error, not a silent success.
    BOOST_CHECK_THROW(store->end_save_group(), StoreError);

    // SaveGroup commits every `max_saves` saves, and what is left at finish().
    {
        SaveGroup group(*store, 2, std::chrono::hours(1));
        for (int q = 1; q <= 3; ++q) {
            const std::string sha = "sha-2027-q" + std::to_string(q);
            store->save_import("run-2", file_result(sha + ".csv", sha), {},
                               {quarterly_return("BX-2", Quarter{2027, q}, sha)}, dictionary());
            group.saved();
            BOOST_TEST(db.count("returns", "contract_id = 'BX-2'") == (q >= 2 ? 2 : 0));
        }
        group.finish();
        BOOST_TEST(db.count("returns", "contract_id = 'BX-2'") == 3);
    }
    // And the store takes transactions of its own again afterwards.
    store->save_import("run-3", file_result("q4.csv", "sha-q4"), {},
                       {quarterly_return("BX-1", Quarter{2026, 4}, "sha-q4")}, dictionary());
    BOOST_TEST(db.count("returns") == 6);
}

BOOST_AUTO_TEST_SUITE_END()
