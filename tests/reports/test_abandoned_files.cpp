// Temporary workbooks of killed writers are cleared; those of live writers are not.
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "reports/abandoned_files.hpp"

namespace fs = std::filesystem;

BOOST_AUTO_TEST_CASE(temporary_workbooks_of_dead_writers_are_removed) {
    const fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "abandoned";
    fs::remove_all(dir);
    fs::create_directories(dir / "BX-1");
    const pid_t child = fork();
    if (child == 0) _exit(0);
    waitpid(child, nullptr, 0);  // a pid that no longer runs
    const std::string dead = std::to_string(child), alive = std::to_string(getpid());
    auto touch = [&](const fs::path& p) { std::ofstream(p) << "x"; };
    touch(dir / "BX-1" / (".BX-1 2026-Q2 compliance.xlsx.tmp-" + dead + "-3"));
    touch(dir / (".portfolio 2026-06-30.xlsx.tmp-" + dead + "-0"));
    touch(dir / "BX-1" / (".BX-1 2026-Q1 compliance.xlsx.tmp-" + alive + "-1"));  // a run in progress
    touch(dir / "BX-1" / "BX-1 2026-Q2 compliance.xlsx");
    touch(dir / "BX-1" / ".notes.tmp-abc-1");

    BOOST_TEST(fairgate::reports::remove_abandoned_workbooks(dir.string()) == 2u);
    BOOST_TEST(!fs::exists(dir / "BX-1" / (".BX-1 2026-Q2 compliance.xlsx.tmp-" + dead + "-3")));
    BOOST_TEST(!fs::exists(dir / (".portfolio 2026-06-30.xlsx.tmp-" + dead + "-0")));
    BOOST_TEST(fs::exists(dir / "BX-1" / (".BX-1 2026-Q1 compliance.xlsx.tmp-" + alive + "-1")));
    BOOST_TEST(fs::exists(dir / "BX-1" / "BX-1 2026-Q2 compliance.xlsx"));
    BOOST_TEST(fs::exists(dir / "BX-1" / ".notes.tmp-abc-1"));
    BOOST_TEST(fairgate::reports::remove_abandoned_workbooks((dir / "missing").string()) == 0u);
}
