// The intake: files handed in are run through the pipeline in batches, then moved; nothing
// is lost and nothing stored twice.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <thread>

#include "service/inbox_watcher.hpp"
#include "service_fixture.hpp"
#include "support/requirements.hpp"

using namespace fairgate;
using namespace fairgate::test;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(intake)

namespace {

const char* kRegister = "register/contract-register.csv";
const char* kQuarter = "quarterly/BX-2025-0142/BX-2025-0142_2026-Q1.xlsx";

size_t files_in(const std::string& folder) {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(folder)) n += e.is_regular_file();
    return n;
}

}  // namespace

static void imported_judged_and_moved(bool postgres) {
    ServiceFixture f(postgres ? "intake_imported_pg" : "intake_imported", postgres);
    BOOST_TEST_REQUIRE(f.ready());
    const std::string reg = f.put_in_inbox(kRegister);
    const std::string ret = f.put_in_inbox(kQuarter);
    auto a = f.intake->submit(reg);
    auto b = f.intake->submit(ret);
    const service::IntakeResult r = b.get();
    BOOST_TEST(a.get().error.empty());
    BOOST_TEST_REQUIRE(r.error.empty());
    BOOST_TEST((r.file.status == FileStatus::Imported));
    BOOST_TEST(r.file.returns == 1u);
    BOOST_TEST(!r.run_id.empty());
    BOOST_TEST_REQUIRE(r.contracts.size() == 1u);
    BOOST_TEST(r.contracts[0].contract_id == "BX-2025-0142");
    BOOST_TEST(fs::is_regular_file(r.contracts[0].workbook));
    BOOST_TEST(!r.findings.empty());
    BOOST_TEST(std::all_of(r.findings.begin(), r.findings.end(),
                           [](const Finding& x) { return x.contract_id == "BX-2025-0142"; }));
    BOOST_TEST(!fs::exists(ret), "moved out of the inbox");
    BOOST_TEST(r.moved_to == (fs::path(f.config.processed) / fs::path(ret).filename()).string());
    BOOST_TEST(fs::is_regular_file(r.moved_to));
    BOOST_TEST(f.metrics.files_imported == 2u);
    BOOST_TEST(f.metrics.queue_depth == 0u);
    // What the API and the page list comes from the store the intake wrote.
    const auto positions = f.db->open()->contract_positions();
    BOOST_TEST(positions.size() == 14u);
    const auto it = std::find_if(positions.begin(), positions.end(),
                                 [](const ContractPosition& p) { return p.outcome.contract_id == "BX-2025-0142"; });
    BOOST_TEST_REQUIRE((it != positions.end()));
    BOOST_TEST(it->run_id == r.run_id);
    BOOST_TEST(it->outcome.workbook == r.contracts[0].workbook);
}

BOOST_AUTO_TEST_CASE(a_return_is_imported_judged_and_moved_to_processed) { imported_judged_and_moved(false); }
BOOST_AUTO_TEST_CASE(a_return_is_imported_judged_and_moved_to_processed_postgresql, FAIRGATE_NEEDS_POSTGRES) {
    imported_judged_and_moved(true);
}

BOOST_AUTO_TEST_CASE(the_same_bytes_again_are_a_duplicate_and_stored_once) {
    ServiceFixture f("intake_duplicate");
    f.intake->submit(f.put_in_inbox(kRegister)).get();
    const auto first = f.intake->submit(f.put_in_inbox(kQuarter)).get();
    const long files = f.db->count("files"), returns = f.db->count("returns");
    // Same bytes, another name: a supplier sending its return twice.
    fs::copy_file(first.moved_to, fs::path(f.config.inbox) / "resent.xlsx");
    const auto again = f.intake->submit((fs::path(f.config.inbox) / "resent.xlsx").string()).get();
    BOOST_TEST((again.file.status == FileStatus::Duplicate));
    BOOST_TEST(again.file.reason.find(fs::path(kQuarter).filename().string()) != std::string::npos);
    BOOST_TEST(again.contracts.size() == 1u, "its contract is still judged and reported");
    BOOST_TEST(f.db->count("files") == files);
    BOOST_TEST(f.db->count("returns") == returns);
    BOOST_TEST(!fs::exists(fs::path(f.config.inbox) / "resent.xlsx"));
    BOOST_TEST(fs::exists(fs::path(f.config.processed) / "resent.xlsx"));
}

BOOST_AUTO_TEST_CASE(a_refused_file_goes_to_quarantine_with_its_reason) {
    ServiceFixture f("intake_refused");
    const std::string bad = f.write_in_inbox("broken.xlsx", "PK\x03\x04 this is not really a zip");
    const auto r = f.intake->submit(bad).get();
    BOOST_TEST((r.file.status == FileStatus::Quarantined));
    BOOST_TEST(r.file.reason.find("broken.xlsx") != std::string::npos);
    BOOST_TEST(!fs::exists(bad));
    BOOST_TEST(fs::is_regular_file(fs::path(f.config.quarantine) / "broken.xlsx"));
    BOOST_TEST(fs::is_regular_file(fs::path(f.config.quarantine) / "broken.xlsx.reason.txt"));
    BOOST_TEST(f.metrics.files_quarantined == 1u);

    // A file fairgate does not read is not left in a watched inbox either.
    const auto skipped = f.intake->submit(f.write_in_inbox("cover letter.docx", "Dear council")).get();
    BOOST_TEST((skipped.file.status == FileStatus::Skipped));
    BOOST_TEST(fs::is_regular_file(fs::path(f.config.quarantine) / "cover letter.docx"));
    BOOST_TEST(fs::is_regular_file(fs::path(f.config.quarantine) / "cover letter.docx.reason.txt"));
    BOOST_TEST(files_in(f.config.inbox) == 0u);
}

BOOST_AUTO_TEST_CASE(a_path_handed_in_twice_is_processed_once) {
    ServiceFixture f("intake_twice");
    const std::string reg = f.put_in_inbox(kRegister);
    auto a = f.intake->submit(reg);
    auto b = f.intake->submit(reg);
    BOOST_TEST((a.get().file.status == b.get().file.status));
    BOOST_TEST(a.get().run_id == b.get().run_id);
    BOOST_TEST(f.metrics.files_imported + f.metrics.files_duplicate == 1u);
}

BOOST_AUTO_TEST_CASE(after_stop_files_are_left_where_they_are) {
    ServiceFixture f("intake_stopped");
    f.intake->stop();
    const std::string reg = f.put_in_inbox(kRegister);
    const auto r = f.intake->submit(reg).get();
    BOOST_TEST(r.error.find("stopping") != std::string::npos);
    BOOST_TEST(fs::exists(reg), "kept for the next start");
    BOOST_TEST(!f.intake->holds(reg));
}

BOOST_AUTO_TEST_CASE(file_runs_leave_the_portfolio_to_full_runs) {
    ServiceFixture f("intake_full_run");
    const auto imported = f.intake->submit(f.put_in_inbox(kRegister)).get();
    BOOST_TEST(imported.contracts.size() == 14u);
    auto portfolios = [&] {
        size_t n = 0;
        for (const auto& e : fs::directory_iterator(f.config.out))
            n += e.path().filename().string().rfind("portfolio ", 0) == 0;
        return n;
    };
    BOOST_TEST(portfolios() == 0u, "a portfolio of what one upload touched would replace the whole one");
    const auto full = f.intake->submit_full_run().get();
    BOOST_TEST_REQUIRE(full.error.empty());
    BOOST_TEST(full.contracts.size() == 14u);
    BOOST_TEST(!full.contracts[0].portfolio.empty());
    BOOST_TEST(fs::is_regular_file(full.contracts[0].portfolio));
    BOOST_TEST(portfolios() == 1u);
    BOOST_TEST(full.run_id > imported.run_id);
}

BOOST_AUTO_TEST_CASE(data_past_a_due_date_restates_every_contract) {
    // The register alone: no return, so no date at which anything is overdue.
    ServiceFixture f("intake_restate");
    BOOST_TEST_REQUIRE(f.intake->submit(f.put_in_inbox(kRegister)).get().error.empty());
    auto overdue_elsewhere = [&] {
        auto store = f.db->open();
        size_t n = 0;
        for (const auto& p : store->contract_positions()) {
            if (p.outcome.contract_id == "BX-2025-0142") continue;
            for (const auto& sf : store->load_findings(p.outcome.contract_id))
                n += sf.finding.outcome == Outcome::Missing && sf.finding.subject_id.rfind("missing:", 0) == 0;
        }
        return n;
    };
    BOOST_TEST(overdue_elsewhere() == 0u);
    // One contract's return moves the portfolio's date on, past quarters' due dates: its run
    // restates the thirteen contracts it did not touch too, whose suppliers sent nothing.
    const auto r = f.intake->submit(f.put_in_inbox(kQuarter)).get();
    BOOST_TEST_REQUIRE(r.error.empty());
    BOOST_TEST(r.contracts.size() == 1u, "the upload's answer is about its own contract");
    BOOST_TEST(f.metrics.runs_completed == 2u, "no run besides the upload's");
    BOOST_TEST(overdue_elsewhere() > 0u, "contracts whose suppliers sent nothing show their overdue quarters");
}

BOOST_AUTO_TEST_CASE(the_watcher_takes_a_file_only_once_it_has_stopped_changing) {
    ServiceFixture f("watcher_stable");
    service::InboxWatcher watcher(f.config.inbox, std::chrono::milliseconds(50), *f.intake);
    const std::string path = f.write_in_inbox("register.csv", "");
    // Being written: first sight, then a change, so not taken.
    BOOST_TEST(watcher.poll() == 0u);
    fs::copy_file(ServiceFixture::sample(kRegister), path, fs::copy_options::overwrite_existing);
    BOOST_TEST(watcher.poll() == 0u, "changed since the last poll");
    // Hidden files are uploads in progress and are never taken.
    f.write_in_inbox(".upload-1234.part", "half a file");
    BOOST_TEST(watcher.poll() == 1u, "unchanged across two polls: taken");
    BOOST_TEST(watcher.readable());
    // It is held by the intake until moved; later polls do not take it again.
    for (int i = 0; i < 200 && fs::exists(path); ++i) {
        BOOST_TEST(watcher.poll() == 0u);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    BOOST_TEST(!fs::exists(path));
    BOOST_TEST(fs::exists(fs::path(f.config.inbox) / ".upload-1234.part"));
    BOOST_TEST(f.metrics.files_imported == 1u);
    BOOST_TEST(watcher.poll() == 0u);
}

BOOST_AUTO_TEST_CASE(the_watcher_says_when_the_inbox_cannot_be_read) {
    ServiceFixture f("watcher_unreadable");
    service::InboxWatcher watcher((f.dir / "no-such-inbox").string(), std::chrono::milliseconds(50), *f.intake);
    BOOST_TEST(watcher.poll() == 0u);
    BOOST_TEST(!watcher.readable());
}

BOOST_AUTO_TEST_SUITE_END()
