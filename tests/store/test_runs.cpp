// Runs: begin, finish with files and notes, read back.

#include "store_fixture.hpp"

using namespace fairgate;
using namespace fairgate::test;

BOOST_AUTO_TEST_SUITE(runs)

namespace {

Run make_run(const std::string& id, const std::string& started) {
    Run r;
    r.id = id;
    r.started_at = started;
    r.status = RunStatus::Running;
    r.rulebook_id = "bexley";
    r.rulebook_version = "2026.1";
    r.rulebook_sha256 = "abc123";
    r.inbox = "/srv/inbox";
    r.out_dir = "/srv/out";
    return r;
}

}  // namespace

STORE_CASE(a_run_round_trips_with_its_files_and_notes) {
    auto store = db.open();
    Run run = make_run("20261123T101500Z-3f2a", "2026-11-23T10:15:00Z");
    store->begin_run(run);
    auto begun = store->load_run(run.id);
    BOOST_TEST_REQUIRE(begun.has_value());
    BOOST_TEST((begun->status == RunStatus::Running));
    BOOST_TEST(begun->files.empty());

    run.finished_at = "2026-11-23T10:16:02Z";
    run.status = RunStatus::Completed;
    run.contracts_reported = 12;
    run.returns_evaluated = 40;
    run.outcomes = {100, 5, 3, 2, 7, 1};
    FileResult a = file_result("returns.csv", "sha-a");
    a.returns = 30;
    a.notes = {ImportNote{"returns.csv line 3, column 2", "unrecognised column 'Notes'"},
               ImportNote{"returns.csv line 9, column 4", "'lots' is not a number"}};
    FileResult b = file_result("README.md", "");
    b.status = FileStatus::Skipped;
    b.reason = "not an input fairgate reads";
    FileResult c = file_result("broken.xlsx", "sha-c");
    c.status = FileStatus::Quarantined;
    c.reason = "not a zip file";
    c.notes = {ImportNote{"broken.xlsx", "first bytes are not PK"}};
    run.files = {a, b, c};
    run.rule_outcomes["CON-KPIS"] = {10, 0, 2, 0, 1, 0};
    run.rule_outcomes["TND-EQ-POLICY"] = {7, 0, 0, 0, 0, 3};
    store->finish_run(run);
    store->finish_run(run);  // idempotent
    BOOST_TEST(db.count("run_files") == 3);
    BOOST_TEST(db.count("run_file_notes") == 3);
    BOOST_TEST(db.count("run_rule_outcomes") == 2);

    auto loaded = store->load_run(run.id);
    BOOST_TEST_REQUIRE(loaded.has_value());
    BOOST_TEST(loaded->started_at == run.started_at);
    BOOST_TEST((loaded->rule_outcomes == run.rule_outcomes));
    BOOST_TEST(loaded->finished_at == run.finished_at);
    BOOST_TEST((loaded->status == RunStatus::Completed));
    BOOST_TEST(loaded->rulebook_id == run.rulebook_id);
    BOOST_TEST(loaded->rulebook_version == run.rulebook_version);
    BOOST_TEST(loaded->rulebook_sha256 == run.rulebook_sha256);
    BOOST_TEST(loaded->inbox == run.inbox);
    BOOST_TEST(loaded->out_dir == run.out_dir);
    BOOST_TEST(loaded->contracts_reported == 12u);
    BOOST_TEST(loaded->returns_evaluated == 40u);
    BOOST_TEST(loaded->outcomes == run.outcomes, boost::test_tools::per_element());
    BOOST_TEST(loaded->error == "");
    BOOST_TEST_REQUIRE(loaded->files.size() == 3u);
    for (size_t i = 0; i < 3; ++i) {
        const FileResult& x = loaded->files[i];
        const FileResult& y = run.files[i];
        BOOST_TEST(x.file.name == y.file.name);
        BOOST_TEST(x.file.path == y.file.path);
        BOOST_TEST(x.file.sha256 == y.file.sha256);
        BOOST_TEST(x.file.size == y.file.size);
        BOOST_TEST(x.format == y.format);
        BOOST_TEST((x.status == y.status));
        BOOST_TEST(x.reason == y.reason);
        BOOST_TEST(x.returns == y.returns);
        BOOST_TEST(x.contracts == y.contracts);
        BOOST_TEST_REQUIRE(x.notes.size() == y.notes.size());
        for (size_t k = 0; k < x.notes.size(); ++k) {
            BOOST_TEST(x.notes[k].where == y.notes[k].where);
            BOOST_TEST(x.notes[k].message == y.notes[k].message);
        }
    }
    BOOST_TEST(!store->load_run("no-such-run").has_value());
}

STORE_CASE(runs_are_listed_most_recent_first) {
    auto store = db.open();
    store->begin_run(make_run("r2", "2026-11-02T09:00:00Z"));
    store->begin_run(make_run("r3", "2026-11-03T09:00:00Z"));
    store->begin_run(make_run("r1", "2026-11-01T09:00:00Z"));
    Run failed = make_run("r3", "2026-11-03T09:00:00Z");
    failed.status = RunStatus::Failed;
    failed.error = "inbox unreadable";
    store->finish_run(failed);
    auto two = store->list_runs(2);
    BOOST_TEST_REQUIRE(two.size() == 2u);
    BOOST_TEST(two[0].id == "r3");
    BOOST_TEST((two[0].status == RunStatus::Failed));
    BOOST_TEST(two[0].error == "inbox unreadable");
    BOOST_TEST(two[1].id == "r2");
    BOOST_TEST(store->list_runs(10).size() == 3u);
    BOOST_TEST(store->list_runs(0).empty());
}

namespace {

ContractOutcome judged(const std::string& contract, ContractStatus status, const std::string& workbook,
                       uint64_t fails) {
    ContractOutcome c;
    c.contract_id = contract;
    c.status = status;
    c.workbook = workbook;
    c.portfolio = "/srv/out/portfolio.xlsx";
    c.outcomes = {10, 1, fails, 0, 0, 2};
    return c;
}

}  // namespace

STORE_CASE(a_contracts_position_is_its_latest_judgement) {
    auto store = db.open();
    Contract a = make_contract("BX-A", "", "sha-register");
    a.title = "Home care";
    a.category = "Adult social care";
    a.supplier_name = "Carewell Ltd";
    Contract b = make_contract("BX-B", "", "sha-register");
    store->save_import("r1", file_result("register.csv", "sha-register"), {a, b}, {}, dictionary());

    Run first = make_run("20261101T090000Z-000001", "2026-11-01T09:00:00Z");
    first.contracts = {judged("BX-A", ContractStatus::Red, "/srv/out/BX-A/old.xlsx", 3), judged("BX-B", ContractStatus::Green, "/b.xlsx", 0)};
    store->begin_run(first);
    store->finish_run(first);
    Run second = make_run("20261102T090000Z-000002", "2026-11-02T09:00:00Z");
    second.contracts = {judged("BX-A", ContractStatus::Amber, "/srv/out/BX-A/new.xlsx", 0)};
    store->begin_run(second);
    store->finish_run(second);
    store->finish_run(second);  // idempotent

    const auto loaded = store->load_run(second.id);
    BOOST_TEST_REQUIRE(loaded.has_value());
    BOOST_TEST_REQUIRE(loaded->contracts.size() == 1u);
    BOOST_TEST(loaded->contracts[0].workbook == "/srv/out/BX-A/new.xlsx");
    BOOST_TEST(loaded->contracts[0].outcomes == second.contracts[0].outcomes, boost::test_tools::per_element());

    const auto positions = store->contract_positions();
    BOOST_TEST_REQUIRE(positions.size() == 2u);
    BOOST_TEST(positions[0].outcome.contract_id == "BX-A");
    BOOST_TEST(positions[0].run_id == second.id, "the later run wins");
    BOOST_TEST((positions[0].outcome.status == ContractStatus::Amber));
    BOOST_TEST(positions[0].outcome.workbook == "/srv/out/BX-A/new.xlsx");
    BOOST_TEST(positions[0].title == "Home care");
    BOOST_TEST(positions[0].category == "Adult social care");
    BOOST_TEST(positions[0].supplier_name == "Carewell Ltd");
    BOOST_TEST(positions[1].outcome.contract_id == "BX-B");
    BOOST_TEST(positions[1].run_id == first.id);
    BOOST_TEST((positions[1].outcome.status == ContractStatus::Green));
    BOOST_TEST(positions[1].outcome.portfolio == "/srv/out/portfolio.xlsx");

    const auto one = store->contract_position("BX-A");
    BOOST_TEST_REQUIRE(one.has_value());
    BOOST_TEST(one->run_id == second.id);
    BOOST_TEST(one->outcome.workbook == positions[0].outcome.workbook);
    BOOST_TEST(one->title == "Home care");
    BOOST_TEST(!store->contract_position("BX-NONE").has_value());
}

STORE_CASE(a_tenders_screening_is_its_latest) {
    auto store = db.open();
    Run first = make_run("20261101T090000Z-000001", "2026-11-01T09:00:00Z");
    first.tenders = {{"T-A", "/srv/out/tenders/T-A/old.xlsx", std::string(64, 'a')},
                     {"T-B", "/srv/out/tenders/T-B/b.xlsx", std::string(64, 'b')}};
    store->begin_run(first);
    store->finish_run(first);
    Run second = make_run("20261102T090000Z-000002", "2026-11-02T09:00:00Z");
    second.tenders = {{"T-A", "/srv/out/tenders/T-A/new.xlsx", std::string(64, 'c')}};
    store->begin_run(second);
    store->finish_run(second);
    store->finish_run(second);  // idempotent

    const auto loaded = store->load_run(second.id);
    BOOST_TEST_REQUIRE(loaded.has_value());
    BOOST_TEST_REQUIRE(loaded->tenders.size() == 1u);
    BOOST_TEST(loaded->tenders[0].tender_id == "T-A");
    BOOST_TEST(loaded->tenders[0].workbook == "/srv/out/tenders/T-A/new.xlsx");
    BOOST_TEST(loaded->tenders[0].fingerprint == std::string(64, 'c'));

    const auto all = store->tender_screenings();
    BOOST_TEST_REQUIRE(all.size() == 2u);
    BOOST_TEST(all[0].outcome.tender_id == "T-A");
    BOOST_TEST(all[0].run_id == second.id, "the later run wins");
    BOOST_TEST(all[0].outcome.workbook == "/srv/out/tenders/T-A/new.xlsx");
    BOOST_TEST(all[0].outcome.fingerprint == std::string(64, 'c'));
    BOOST_TEST(all[1].outcome.tender_id == "T-B");
    BOOST_TEST(all[1].run_id == first.id);
    BOOST_TEST(all[1].outcome.fingerprint == std::string(64, 'b'));

    const auto one = store->tender_screening("T-A");
    BOOST_TEST_REQUIRE(one.has_value());
    BOOST_TEST(one->run_id == second.id);
    BOOST_TEST(one->outcome.workbook == all[0].outcome.workbook);
    BOOST_TEST(one->outcome.fingerprint == all[0].outcome.fingerprint);
    BOOST_TEST(store->tender_screening("T-B")->run_id == first.id);
    BOOST_TEST(!store->tender_screening("T-NONE").has_value());

    // A run finished again with fewer tenders keeps only those.
    second.tenders.clear();
    store->finish_run(second);
    BOOST_TEST(store->load_run(second.id)->tenders.empty());
    BOOST_TEST(store->tender_screening("T-A")->run_id == first.id);
}

BOOST_AUTO_TEST_SUITE_END()
