// Golden files: every sample input's import, dumped as text, against tests/importers/golden.
// FAIRGATE_UPDATE_GOLDEN=1 rewrites them; read the diff before committing it.

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>

#include "importer_fixture.hpp"

using namespace fairgate;
namespace fs = std::filesystem;

namespace {

const fs::path kInbox = FAIRGATE_SOURCE_DIR "/samples/inbox";
const fs::path kGolden = FAIRGATE_SOURCE_DIR "/tests/importers/golden";
// Hand-written inputs in formats the generated samples do not cover (XML returns, OCDS).
const fs::path kFixtures = FAIRGATE_SOURCE_DIR "/tests/importers/fixtures";
const fs::path kFixtureGolden = kGolden / "fixtures";

std::vector<std::string> fixture_files() {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(kFixtures)) {
        if (e.is_regular_file()) files.push_back(e.path().filename().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::string> sample_files() {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(kInbox)) {
        if (e.is_regular_file() && importers::is_candidate_input(e.path().filename().string())) {
            files.push_back(fs::relative(e.path(), kInbox).generic_string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string golden_name(std::string relative) {
    std::string::size_type at;
    while ((at = relative.find('/')) != std::string::npos) relative.replace(at, 1, "__");
    return relative + ".txt";
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string import_text(const std::string& relative, const fs::path& dir = kInbox) {
    const fs::path path = dir / relative;
    const SourceFile file{path.filename().string(), path.string(), sha256_of_file(path.string()), fs::file_size(path)};
    try {
        return test::dump(importers::import_file(file, test::bexley_fields()), test::bexley_fields());
    } catch (const importers::ImportError& e) {
        return "refused: " + e.describe() + "\n";
    }
}

// The first line where the texts differ, for a readable failure.
std::string first_difference(const std::string& want, const std::string& got) {
    std::istringstream a(want), b(got);
    std::string la, lb;
    for (int line = 1;; ++line) {
        const bool more_a = static_cast<bool>(std::getline(a, la));
        const bool more_b = static_cast<bool>(std::getline(b, lb));
        if (!more_a && !more_b) return "identical";
        if (!more_a || !more_b || la != lb) {
            return "line " + std::to_string(line) + ":\n  golden: " + (more_a ? la : "(end)") + "\n  actual: " + (more_b ? lb : "(end)");
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(golden)

BOOST_AUTO_TEST_CASE(the_sample_inbox_is_all_there) {
    BOOST_TEST(sample_files().size() == 68u);  // 67 and, since the tender pipeline, its CSV
}

BOOST_DATA_TEST_CASE(sample_import_matches_golden, boost::unit_test::data::make(sample_files()), relative) {
    const std::string actual = import_text(relative);
    const fs::path golden = kGolden / golden_name(relative);
    const char* update = std::getenv("FAIRGATE_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        fs::create_directories(kGolden);
        std::ofstream(golden, std::ios::binary) << actual;
        BOOST_TEST_MESSAGE("wrote " << golden.string());
        return;
    }
    BOOST_REQUIRE_MESSAGE(fs::exists(golden), "no golden file " << golden.string() << " (run with FAIRGATE_UPDATE_GOLDEN=1)");
    const std::string want = slurp(golden);
    BOOST_TEST(want == actual, relative << " differs from " << golden.filename().string() << " at " << first_difference(want, actual));
}

BOOST_DATA_TEST_CASE(fixture_import_matches_golden, boost::unit_test::data::make(fixture_files()), name) {
    const std::string actual = import_text(name, kFixtures);
    const fs::path golden = kFixtureGolden / (name + ".txt");
    const char* update = std::getenv("FAIRGATE_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        fs::create_directories(kFixtureGolden);
        std::ofstream(golden, std::ios::binary) << actual;
        BOOST_TEST_MESSAGE("wrote " << golden.string());
        return;
    }
    BOOST_REQUIRE_MESSAGE(fs::exists(golden), "no golden file " << golden.string() << " (run with FAIRGATE_UPDATE_GOLDEN=1)");
    const std::string want = slurp(golden);
    BOOST_TEST(want == actual, name << " differs from " << golden.filename().string() << " at " << first_difference(want, actual));
}

BOOST_AUTO_TEST_CASE(every_golden_file_has_a_sample) {
    std::vector<std::string> expected;
    for (const auto& f : sample_files()) expected.push_back(golden_name(f));
    if (!fs::exists(kGolden)) return;
    for (const auto& e : fs::directory_iterator(kGolden)) {
        if (!e.is_regular_file()) continue;  // golden/fixtures is checked below
        const std::string name = e.path().filename().string();
        BOOST_TEST((std::find(expected.begin(), expected.end(), name) != expected.end()), "stale golden file " << name);
    }
    if (!fs::exists(kFixtureGolden)) return;
    const std::vector<std::string> fixtures = fixture_files();
    for (const auto& e : fs::directory_iterator(kFixtureGolden)) {
        std::string name = e.path().filename().string();
        name = name.substr(0, name.size() - 4);  // drop ".txt"
        BOOST_TEST((std::find(fixtures.begin(), fixtures.end(), name) != fixtures.end()), "stale fixture golden file " << name);
    }
}

BOOST_AUTO_TEST_SUITE_END()
