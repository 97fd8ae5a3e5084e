// The database goes away and comes back: with the real PostgreSQL stopped in the middle of
// uploads and started again, nothing is lost, nothing is stored twice, and the service
// recovers by itself. And links in a watched inbox are refused, never followed.

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <thread>

#include "service/inbox_watcher.hpp"
#include "service/store_pool.hpp"
#include "service_fixture.hpp"
#include "support/requirements.hpp"

namespace fs = std::filesystem;
using namespace fairgate;
using fairgate::test::ServiceFixture;

namespace {

const char* kRegister = "register/contract-register.csv";
const char* kQuarter = "quarterly/BX-2025-0142/BX-2025-0142_2026-Q1.xlsx";

void postgres(const std::string& action) {
    const std::string command = std::string(std::getenv("FAIRGATE_TEST_POSTGRES_CTL")) + " " + action + " >/dev/null";
    BOOST_REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
}

}  // namespace

BOOST_AUTO_TEST_CASE(postgresql_stopped_mid_uploads_and_started_again_loses_and_duplicates_nothing,
                     FAIRGATE_RESTARTS_POSTGRES) {
    ServiceFixture f("store_outage", true);
    BOOST_TEST_REQUIRE(f.ready());
    service::StorePool pool(f.config.db);
    { auto warm = pool.lease(); warm->schema_version(); }  // an idle pooled connection, soon broken

    BOOST_TEST(f.intake->submit(f.put_in_inbox(kRegister)).get().error.empty());
    const long contracts = f.db->count("contracts");

    struct Restart {  // the server is started again whatever the test does meanwhile
        bool stopped = false;
        ~Restart() { if (stopped) std::system((std::string(std::getenv("FAIRGATE_TEST_POSTGRES_CTL")) + " start >/dev/null").c_str()); }
    } restart;
    postgres("stop");
    restart.stopped = true;

    const std::string quarter = f.put_in_inbox(kQuarter);
    const service::IntakeResult during = f.intake->submit(quarter).get();
    BOOST_TEST(!during.error.empty(), "the upload is told it was not stored");
    BOOST_TEST(during.error.find("kept") != std::string::npos, during.error);
    BOOST_TEST(fs::exists(quarter), "the file stays in the inbox to be taken again");
    const service::IntakeHealth down = f.intake->health();
    BOOST_TEST(down.degraded);
    BOOST_TEST(down.problem.find("store") != std::string::npos, down.problem);

    postgres("start");
    restart.stopped = false;

    // Taken again (as the inbox watcher would): stored once, on a fresh connection.
    service::IntakeResult after;
    for (int attempt = 0; attempt < 3; ++attempt) {
        after = f.intake->submit(quarter).get();
        if (after.error.empty()) break;
    }
    BOOST_TEST_REQUIRE(after.error.empty(), after.error);
    BOOST_TEST((after.file.status == FileStatus::Imported));
    BOOST_TEST(!fs::exists(quarter));
    BOOST_TEST(fs::is_regular_file(after.moved_to));
    BOOST_TEST(!f.intake->health().degraded);
    // Read back through a new connection (the test's own broke with the server too).
    auto fresh = Store::open(f.config.db);
    const auto ctx = fresh->load_context("BX-2025-0142", f.rulebook.fields);
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST(ctx->quarterly_returns.size() == 1u, "stored once");
    BOOST_TEST(static_cast<long>(fresh->all_contract_ids().size()) == contracts);

    // The pool's broken connection is dropped, never lent again.
    auto lease = pool.lease();
    BOOST_TEST(lease->contract_positions().size() == 14u);
}

BOOST_AUTO_TEST_CASE(a_link_in_a_watched_inbox_is_refused_and_nothing_is_copied) {
    ServiceFixture f("watched_link");
    const fs::path secret = f.dir / "fairgate.properties";
    std::ofstream(secret) << "fairgate.tokens = officer-1 sha256:SECRET-TOKEN-HASH\n";
    fs::create_symlink(secret, fs::path(f.config.inbox) / "tokens.csv");
    service::InboxWatcher watcher(f.config.inbox, std::chrono::milliseconds(50), *f.intake);
    watcher.poll();
    for (int i = 0; i < 100 && fs::exists(fs::symlink_status(fs::path(f.config.inbox) / "tokens.csv")); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_TEST(!fs::exists(fs::symlink_status(fs::path(f.config.inbox) / "tokens.csv")), "the link is taken out");
    BOOST_TEST(fs::is_regular_file(secret), "what it pointed at is untouched");
    for (const auto& e : fs::recursive_directory_iterator(f.dir)) {
        if (!e.is_regular_file() || e.path() == secret) continue;
        std::ifstream in(e.path(), std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        BOOST_TEST(text.find("SECRET-TOKEN-HASH") == std::string::npos, e.path().string());
    }
    BOOST_TEST(fs::is_regular_file(fs::path(f.config.quarantine) / "tokens.csv.reason.txt"));
}
