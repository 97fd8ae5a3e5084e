// Bad input never stops a batch: each bad file is refused with a reason naming it, kept in
// quarantine, and a rerun neither imports it nor copies it twice.

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "pipeline/batch_run.hpp"
#include "support/files.hpp"
#include "rulebook/rulebook_loader.hpp"

namespace fs = std::filesystem;
using namespace fairgate;
using fairgate::test::write_file;

namespace {

const std::string kSource = FAIRGATE_SOURCE_DIR;

const FileResult* result_for(const Run& run, const std::string& name) {
    for (const auto& f : run.files)
        if (f.file.name == name) return &f;
    return nullptr;
}

size_t files_in(const fs::path& dir) {
    size_t n = 0;
    if (fs::exists(dir))
        for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file();
    return n;
}

struct BadInbox {
    fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "bad-inbox";
    Rulebook rulebook = load_rulebook(kSource + "/rules/bexley.xml");
    BatchOptions options;

    BadInbox() {
        fs::remove_all(dir);
        const fs::path inbox = dir / "inbox";
        fs::create_directories(inbox);
        fs::copy_file(kSource + "/samples/inbox/register/contract-register.csv", inbox / "register.csv");
        write_file(inbox / "README.md", "notes for people, not input\n");
        write_file(inbox / "not-really.xlsx", std::string("PK\x03\x04", 4) + "this is no workbook");
        write_file(inbox / "empty.csv", "");
        write_file(inbox / "a/unterminated.csv",
              "return.kind,contract.id,supplier.id,supplier.name,return.period\n"
              "Quarterly,BX-2025-0142,05512345,\"Bexley Care Partnership Ltd,2026-Q2\n");
        // A return for a contract the register does not list (yet): kept, not lost.
        write_file(inbox / "b/unknown-contract.csv",
              "return.kind,contract.id,supplier.id,supplier.name,return.period,return.submitted\n"
              "Quarterly,BX-2099-0001,05512345,Bexley Care Partnership Ltd,2026-Q2,2026-10-20\n");
        options.inbox = inbox.string();
        options.out_dir = (dir / "out").string();
        options.quarantine_dir = (dir / "quarantine").string();
        options.fairgate_version = "test";
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(bad_files_are_quarantined_with_reasons_and_the_batch_goes_on) {
    BadInbox b;
    auto store = Store::open("sqlite:" + (b.dir / "fairgate.db").string());
    const BatchResult r = run_batch(b.rulebook, *store, b.options);
    BOOST_TEST((r.run.status == RunStatus::Completed));

    for (const char* bad : {"not-really.xlsx", "empty.csv", "unterminated.csv"}) {
        BOOST_TEST_CONTEXT(bad) {
            const FileResult* f = result_for(r.run, bad);
            BOOST_REQUIRE(f);
            BOOST_TEST((f->status == FileStatus::Quarantined));
            BOOST_TEST(f->reason.find(bad) != std::string::npos, "the reason names the file: " << f->reason);
            BOOST_TEST(fs::exists(fs::path(b.options.quarantine_dir) / bad));
            BOOST_TEST(fs::exists(fs::path(b.options.quarantine_dir) / (std::string(bad) + ".reason.txt")));
        }
    }
    const FileResult* unterminated = result_for(r.run, "unterminated.csv");
    BOOST_TEST(unterminated->reason.find("line 2") != std::string::npos, "the place is named: " << unterminated->reason);

    const FileResult* readme = result_for(r.run, "README.md");
    BOOST_REQUIRE(readme);
    BOOST_TEST((readme->status == FileStatus::Skipped));

    // The register still went in and its 14 contracts were judged.
    BOOST_TEST((result_for(r.run, "register.csv")->status == FileStatus::Imported));
    BOOST_TEST(r.run.contracts.size() == 14u);

    const FileResult* held = result_for(r.run, "unknown-contract.csv");
    BOOST_REQUIRE(held);
    BOOST_TEST((held->status == FileStatus::Imported));
    BOOST_TEST(held->returns == 1u);
    bool noted = false;
    for (const auto& n : held->notes) noted = noted || n.message.find("BX-2099-0001") != std::string::npos;
    BOOST_TEST(noted, "the summary says the return waits for its contract");

    // Rerun: bad files are reported again from the store, not re-read or re-copied.
    const size_t quarantined_files = files_in(b.options.quarantine_dir);
    const BatchResult again = run_batch(b.rulebook, *store, b.options);
    for (const char* bad : {"not-really.xlsx", "empty.csv", "unterminated.csv"}) {
        const FileResult* f = result_for(again.run, bad);
        BOOST_REQUIRE(f);
        BOOST_TEST((f->status == FileStatus::Quarantined));
        BOOST_TEST(f->reason.find("refused before") != std::string::npos);
    }
    BOOST_TEST((result_for(again.run, "register.csv")->status == FileStatus::Duplicate));
    BOOST_TEST(files_in(b.options.quarantine_dir) == quarantined_files);
}

BOOST_AUTO_TEST_CASE(a_missing_inbox_is_a_run_failure_not_a_finding) {
    BadInbox b;
    b.options.inbox = (b.dir / "no-such-folder").string();
    auto store = Store::open("sqlite:" + (b.dir / "fairgate.db").string());
    BOOST_CHECK_THROW(run_batch(b.rulebook, *store, b.options), std::runtime_error);
    const auto runs = store->list_runs(1);
    BOOST_REQUIRE(runs.size() == 1u);
    BOOST_TEST((runs.front().status == RunStatus::Failed));
    BOOST_TEST(runs.front().error.find("no-such-folder") != std::string::npos);
}
