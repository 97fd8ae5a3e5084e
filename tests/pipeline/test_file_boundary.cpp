// What no inbox can do to a batch: an unreadable file, a link, a pipe or a file of people's
// personal data is refused by name and the rest goes on; no contract id can write over
// another's workbook or fairgate's own folders; a run left running by a dead process is
// marked interrupted; a file name cannot forge a log line.

#include <boost/test/unit_test.hpp>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "pipeline/batch_run.hpp"
#include "support/files.hpp"
#include "pipeline/log_lines.hpp"
#include "pipeline/run_owner.hpp"
#include "rulebook/rulebook_loader.hpp"

namespace fs = std::filesystem;
using namespace fairgate;
using fairgate::test::write_file;

namespace {

const std::string kSource = FAIRGATE_SOURCE_DIR;
const char* kHeading =
    "Reference Number,Tender Reference,Title of Agreement,Service Area,Supplier Name,Supplier Registration Number,"
    "Supplier Size,VCSE,Start Date,End Date,Total Value,Services to Residents,Notice Period (days),"
    "Payment Terms (days),Payment in Advance,Full Cost Recovery,Number of KPIs,Social Value Weighting\n";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string register_row(const std::string& id) {
    return "\"" + id + "\",,Meals on wheels,Adult Social Care,Good Food Ltd,01234567,small,No,01/04/2025,31/03/2027,"
           "\"£120,000\",Yes,30,30,No,Yes,4,10%\n";
}

const FileResult* result_for(const Run& run, const std::string& name) {
    for (const auto& f : run.files)
        if (f.file.name == name) return &f;
    return nullptr;
}

// Every regular file below `dir` holding `needle`.
std::vector<fs::path> files_holding(const fs::path& dir, const std::string& needle) {
    std::vector<fs::path> found;
    if (!fs::exists(dir)) return found;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && slurp(e.path()).find(needle) != std::string::npos) found.push_back(e.path());
    return found;
}

struct Inbox {
    fs::path dir;
    fs::path inbox;
    Rulebook rulebook = load_rulebook(kSource + "/rules/bexley.xml");
    BatchOptions options;
    std::unique_ptr<Store> store;

    explicit Inbox(const std::string& name) : dir(fs::path(FAIRGATE_TEST_TMP) / name), inbox(dir / "inbox") {
        fs::remove_all(dir);
        fs::create_directories(inbox);
        options.inbox = inbox.string();
        options.out_dir = (dir / "out").string();
        options.quarantine_dir = (dir / "out" / "quarantine").string();
        options.fairgate_version = "test";
        options.jobs = 2;
        store = Store::open("sqlite:" + (dir / "fairgate.db").string());
    }
    BatchResult run() { return run_batch(rulebook, *store, options); }
};

// Reads as another user: root reads any file whatever its mode, so a test of an unreadable
// file drops the file-system user (and with it the override) for its span.
struct AsNobody {
    bool active = ::geteuid() == 0;
    AsNobody() {
        if (active) ::setfsuid(65534);
    }
    ~AsNobody() {
        if (active) ::setfsuid(0);
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(an_unreadable_file_is_refused_alone_and_the_run_goes_on) {
    Inbox b("boundary-unreadable");
    fs::copy_file(kSource + "/samples/inbox/register/contract-register.csv", b.inbox / "a-register.csv");
    write_file(b.inbox / "b-locked.csv", "return.kind,contract.id\nQuarterly,BX-2025-0142\n");
    ::chmod((b.inbox / "b-locked.csv").c_str(), 0);
    // Everything else the run touches stays open to the reduced user.
    for (const auto& e : fs::recursive_directory_iterator(b.dir))
        if (e.path().filename() != "b-locked.csv") ::chmod(e.path().c_str(), e.is_directory() ? 0777 : 0666);
    ::chmod(b.dir.c_str(), 0777);
    ::chmod(b.inbox.c_str(), 0777);
    BatchResult r;
    {
        AsNobody nobody;
        BOOST_CHECK_NO_THROW(r = b.run());
    }
    BOOST_TEST((r.run.status == RunStatus::Completed));
    const FileResult* locked = result_for(r.run, "b-locked.csv");
    BOOST_REQUIRE(locked);
    BOOST_TEST((locked->status == FileStatus::Quarantined));
    BOOST_TEST(locked->reason.find("cannot be read") != std::string::npos, locked->reason);
    BOOST_TEST(!locked->copy_kept);
    BOOST_TEST(fs::exists(fs::path(b.options.quarantine_dir) / "b-locked.csv.reason.txt"));
    BOOST_TEST((result_for(r.run, "a-register.csv")->status == FileStatus::Imported));
    BOOST_TEST(r.run.contracts.size() == 14u, "the register's contracts were judged");
}

BOOST_AUTO_TEST_CASE(links_and_pipes_are_refused_by_name_and_nothing_is_copied) {
    Inbox b("boundary-links");
    const fs::path secret = b.dir / "outside" / "secret.csv";
    write_file(secret, "return.kind,contract.id\nSECRET-CONTENT-4711\n");
    fs::create_directory_symlink(b.dir / "outside", b.inbox / "folder-link");
    fs::create_symlink(secret, b.inbox / "link.csv");
    fs::create_symlink(b.dir / "nowhere.csv", b.inbox / "dangling.csv");
    BOOST_REQUIRE(::mkfifo((b.inbox / "pipe.csv").c_str(), 0600) == 0);
    fs::copy_file(kSource + "/samples/inbox/register/contract-register.csv", b.inbox / "register.csv");

    const BatchResult r = b.run();  // a pipe opened for reading would hang here
    BOOST_TEST((r.run.status == RunStatus::Completed));
    for (const char* name : {"link.csv", "dangling.csv", "pipe.csv", "folder-link"}) {
        BOOST_TEST_CONTEXT(name) {
            const FileResult* f = result_for(r.run, name);
            BOOST_REQUIRE(f);
            BOOST_TEST((f->status == FileStatus::Quarantined));
            BOOST_TEST(!f->copy_kept);
            BOOST_TEST(f->file.sha256.empty(), "never opened");
        }
    }
    BOOST_TEST(result_for(r.run, "link.csv")->reason.find("symbolic link") != std::string::npos);
    BOOST_TEST(result_for(r.run, "pipe.csv")->reason.find("not a regular file") != std::string::npos);
    BOOST_TEST(!result_for(r.run, "secret.csv"), "the linked folder was not walked");
    BOOST_TEST(files_holding(b.dir / "out", "SECRET-CONTENT-4711").empty());
    BOOST_TEST(r.run.contracts.size() == 14u);
}

BOOST_AUTO_TEST_CASE(a_file_of_peoples_personal_data_is_refused_and_no_copy_is_kept) {
    Inbox b("boundary-personal");
    const std::string people =
        "Full Name,Date of Birth,Ethnicity\nAda Example,01/02/1980,PERSON-DATA-2231\n";
    write_file(b.inbox / "staff list.csv", people);
    const BatchResult r = b.run();
    const FileResult* f = result_for(r.run, "staff list.csv");
    BOOST_REQUIRE(f);
    BOOST_TEST((f->status == FileStatus::Quarantined));
    BOOST_TEST(f->reason.find("personal data") != std::string::npos, f->reason);
    BOOST_TEST(!f->copy_kept);
    BOOST_TEST(files_holding(b.dir / "out", "PERSON-DATA-2231").empty(), "no second copy anywhere");
    const std::string note = slurp(fs::path(b.options.quarantine_dir) / "staff list.csv.reason.txt");
    BOOST_TEST(note.find(f->file.sha256) != std::string::npos, note);
    BOOST_TEST(note.find("size: " + std::to_string(people.size()) + " bytes") != std::string::npos, note);
    BOOST_TEST(note.find("no copy") != std::string::npos, note);

    // Refused again from the store on a rerun: still no copy.
    const BatchResult again = b.run();
    BOOST_TEST(result_for(again.run, "staff list.csv")->reason.find("refused before") != std::string::npos);
    BOOST_TEST(files_holding(b.dir / "out", "PERSON-DATA-2231").empty());
}

BOOST_AUTO_TEST_CASE(no_contract_id_writes_over_another_or_over_fairgates_folders) {
    Inbox b("boundary-names");
    fs::create_directories(b.options.quarantine_dir);
    write_file(fs::path(b.options.quarantine_dir) / "keep.txt", "mine");
    std::string reg = kHeading;
    const std::vector<std::string> ids = {"BX/1", "BX_1", "BX:1", "quarantine", "tenders", "processed",
                                          "portfolio 2027-03-31.xlsx", "..", "."};
    for (const auto& id : ids) reg += register_row(id);
    write_file(b.inbox / "register.csv", reg);
    BatchResult r;
    BOOST_CHECK_NO_THROW(r = b.run());
    BOOST_TEST((r.run.status == RunStatus::Completed));
    BOOST_TEST(r.run.error.empty(), r.run.error);
    BOOST_TEST_REQUIRE(r.run.contracts.size() == ids.size());
    std::set<std::string> workbooks;
    for (const auto& c : r.run.contracts) {
        BOOST_TEST_CONTEXT(c.contract_id) {
            BOOST_TEST(fs::is_regular_file(c.workbook));
            const fs::path folder = fs::path(c.workbook).parent_path();
            BOOST_TEST(folder.parent_path() == fs::path(b.options.out_dir));
            for (const char* reserved : {"quarantine", "tenders", "processed"}) BOOST_TEST(folder.filename() != reserved);
            workbooks.insert(c.workbook);
        }
    }
    BOOST_TEST(workbooks.size() == ids.size(), "every id its own workbook");
    BOOST_TEST(slurp(fs::path(b.options.quarantine_dir) / "keep.txt") == "mine");
    BOOST_TEST(fs::is_regular_file(r.run.contracts.front().portfolio));
}

BOOST_AUTO_TEST_CASE(a_contract_whose_workbook_cannot_be_written_does_not_fail_the_run) {
    Inbox b("boundary-blocked");
    std::string reg = kHeading;
    reg += register_row("BX-OK-1") + register_row("BX-BLOCKED") + register_row("BX-OK-2");
    write_file(b.inbox / "register.csv", reg);
    write_file(fs::path(b.options.out_dir) / "BX-BLOCKED", "a file where the folder would go");
    BatchResult r;
    BOOST_CHECK_NO_THROW(r = b.run());
    BOOST_TEST((r.run.status == RunStatus::Completed));
    BOOST_TEST(r.run.contracts.size() == 2u);
    BOOST_TEST(r.run.error.find("BX-BLOCKED") != std::string::npos, r.run.error);
    const auto stored = b.store->load_run(r.run.id);
    BOOST_REQUIRE(stored.has_value());
    BOOST_TEST(stored->error == r.run.error);
}

BOOST_AUTO_TEST_CASE(a_run_left_running_by_a_dead_process_is_marked_interrupted) {
    Inbox b("boundary-interrupted");
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ::waitpid(child, nullptr, 0);  // its pid now names no process

    auto left = [&](const std::string& id, const std::string& host, int64_t pid) {
        Run run;
        run.id = id;
        run.started_at = "2026-12-01T10:00:00Z";
        run.host = host;
        run.pid = pid;
        b.store->begin_run(run);
    };
    left("20261201T100000.000Z-dead01", this_host(), child);
    left("20261201T100000.000Z-live01", this_host(), ::getppid());  // alive: still running
    left("20261201T100000.000Z-away01", "another-host", child);      // another host's: unknown

    const BatchResult r = b.run();
    BOOST_TEST((b.store->load_run("20261201T100000.000Z-dead01")->status == RunStatus::Interrupted));
    BOOST_TEST(b.store->load_run("20261201T100000.000Z-dead01")->error.find("ended before it finished") !=
               std::string::npos);
    BOOST_TEST(!b.store->load_run("20261201T100000.000Z-dead01")->finished_at.empty());
    BOOST_TEST((b.store->load_run("20261201T100000.000Z-live01")->status == RunStatus::Running));
    BOOST_TEST((b.store->load_run("20261201T100000.000Z-away01")->status == RunStatus::Running));
    const auto own = b.store->load_run(r.run.id);
    BOOST_TEST((own->status == RunStatus::Completed));
    BOOST_TEST(own->host == this_host());
    BOOST_TEST(own->pid == static_cast<int64_t>(::getpid()));
}

BOOST_AUTO_TEST_CASE(a_file_name_cannot_forge_a_log_line_or_a_reason_line) {
    std::ostringstream out;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    sink->set_formatter(log_line_formatter("%l %v"));
    spdlog::logger logger("test", sink);
    logger.warn("quarantined {}", "evil.csv\nerror everything is fine\x1b[2J");
    BOOST_TEST(out.str() == "warning quarantined evil.csv\\nerror everything is fine\\x1b[2J\n");

    Inbox b("boundary-forge");
    const std::string name = "evil\nreason: accepted.csv";
    write_file(b.inbox / name, "not,a,return\n");
    const BatchResult r = b.run();
    const FileResult* f = result_for(r.run, name);
    BOOST_REQUIRE(f);
    BOOST_TEST((f->status == FileStatus::Quarantined));
    const std::string note = slurp(fs::path(b.options.quarantine_dir) / (name + ".reason.txt"));
    size_t lines_starting_reason = 0;
    std::istringstream in(note);
    for (std::string line; std::getline(in, line);) lines_starting_reason += line.rfind("reason: ", 0) == 0;
    BOOST_TEST(lines_starting_reason == 1u, note);
    BOOST_TEST(note.find("evil\\nreason: accepted.csv") != std::string::npos, note);
}
