// Template mappings: an export's own headings read as the rulebook's fields.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "importers/import.hpp"
#include "importers/reading_plan.hpp"
#include "importers/template_mapping.hpp"
#include "rulebook/rulebook_loader.hpp"

using namespace fairgate;
using namespace fairgate::importers;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(template_mapping)

namespace {

struct Folder {
    fs::path dir;
    explicit Folder(const std::string& name) : dir(fs::path(FAIRGATE_TEST_TMP) / ("mapping-" + name)) {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
        return (dir / name).string();
    }
};

const Rulebook& rulebook() {
    static const Rulebook rb = load_rulebook(std::string(FAIRGATE_SOURCE_DIR) + "/rules/bexley.xml");
    return rb;
}

// A portal's export: the identity in the rulebook's words, two measures in its own.
const char* kExport =
    "return.kind,contract.id,supplier.id,supplier.name,return.period,return.submitted,"
    "Service users this quarter,\"Complaints (discrimination), received\"\r\n"
    "quarterly,BX-2025-0170,02198765,Kentish Environmental Services Ltd,2025-Q3,2026-01-09,3411,2\r\n";

const char* kMapping =
    "\xEF\xBB\xBF# Kentish Environmental's portal export\n"
    "# applies to: kentish-*.csv\n"
    "heading,field\n"
    "Service users this quarter,q.service_users\n"
    "\"Complaints (discrimination), received\",q.discrimination_complaints\n";

SourceFile source(const std::string& path) {
    SourceFile f;
    f.path = path;
    f.name = fs::path(path).filename().string();
    return f;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_exports_own_headings_are_read_as_fields) {
    Folder folder("read");
    folder.write("kentish.mapping.csv", kMapping);
    folder.write("README.md", "not a mapping");
    const std::string input = folder.write("kentish-2025-Q3.csv", kExport);
    const auto mappings = load_template_mappings(folder.dir.string(), rulebook().fields);
    BOOST_TEST_REQUIRE(mappings.size() == 1u);
    BOOST_TEST(mappings[0].labels.size() == 2u);
    BOOST_TEST(mappings[0].applies("KENTISH-2025-Q3.CSV"), "patterns ignore case");
    BOOST_TEST(!mappings[0].applies("carewell-2025-Q3.csv"));

    const FieldDef* users = rulebook().fields.find("q.service_users");
    const FieldDef* complaints = rulebook().fields.find("q.discrimination_complaints");
    BOOST_TEST_REQUIRE((users && complaints));

    // Without the mapping the two columns are reported, not read.
    const ImportResult plain = import_file(source(input), rulebook().fields);
    BOOST_TEST_REQUIRE(plain.returns.size() == 1u);
    BOOST_TEST(!plain.returns[0].answers.get(users->id));
    BOOST_TEST(plain.notes.size() >= 2u);

    const FieldDictionary mapped = mappings[0].extend(rulebook().fields);
    BOOST_TEST(mapped.size() == rulebook().fields.size(), "field ids do not change");
    const ImportResult read = import_file(source(input), *ReadingPlan(rulebook().fields, mappings).reading(input).fields);
    BOOST_TEST_REQUIRE(read.returns.size() == 1u);
    const Answer* a = read.returns[0].answers.get(users->id);
    BOOST_TEST_REQUIRE(a);
    BOOST_TEST(a->value.display() == "3411");
    BOOST_TEST(a->where.display().find("kentish-2025-Q3.csv") != std::string::npos);
    BOOST_TEST(read.returns[0].answers.get(complaints->id));
    BOOST_TEST(read.notes.size() + 2 == plain.notes.size(), "the two headings are no longer unrecognised");
}

BOOST_AUTO_TEST_CASE(a_file_is_read_with_the_first_mapping_that_applies_to_its_name) {
    Folder folder("plan");
    // File-name order decides between two mappings for the same files.
    folder.write("a-kentish.mapping.csv", kMapping);
    folder.write("b-kentish-too.mapping.csv", "# applies to: KENTISH-*\nheading,field\nUsers,q.service_users\n");
    folder.write("c-carewell.mapping.csv", "# applies to: carewell-*.xlsx\nheading,field\nUsers,q.service_users\n");
    const ReadingPlan plan(rulebook().fields, load_template_mappings(folder.dir.string(), rulebook().fields));
    BOOST_TEST_REQUIRE(plan.mappings().size() == 3u);

    // Only the file's name counts, whatever folder it is in.
    const FileReading kentish = plan.reading("/inbox/quarterly/Kentish-2025-Q3.csv");
    BOOST_TEST(kentish.mapping == &plan.mappings()[0]);
    BOOST_TEST(kentish.fields != &rulebook().fields);
    const FieldId users = rulebook().fields.find("q.service_users")->id;
    const FieldDef* heading = kentish.fields->match("Service users this quarter");
    BOOST_TEST_REQUIRE(heading);
    BOOST_TEST(heading->id == users, "the mapping's heading means the rulebook's field");
    BOOST_TEST(kentish.note() == "headings read with the template mapping a-kentish.mapping.csv");

    const FileReading carewell = plan.reading("carewell-2025-Q3.xlsx");
    BOOST_TEST(carewell.mapping == &plan.mappings()[2]);
    BOOST_TEST_REQUIRE(carewell.fields->match("Users"));
    BOOST_TEST(carewell.fields->match("Users")->id == users);
    BOOST_TEST(!carewell.fields->match("Service users this quarter"), "one mapping's headings are not another's");

    // No mapping applies: the rulebook's own dictionary, and nothing to note.
    for (const ReadingPlan& p : {plan, ReadingPlan(rulebook().fields)}) {
        const FileReading other = p.reading("carewell-2025-Q3.csv");
        BOOST_TEST(!other.mapping);
        BOOST_TEST(other.fields == &rulebook().fields);
        BOOST_TEST(other.note().empty());
    }
}

BOOST_AUTO_TEST_CASE(a_bad_mapping_is_refused_with_file_and_line) {
    auto error_of = [](const std::string& text) {
        Folder folder("bad");
        folder.write("x.mapping.csv", text);
        try {
            load_template_mappings(folder.dir.string(), rulebook().fields);
        } catch (const MappingError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    BOOST_TEST(error_of("# applies to: *.csv\nheading,field\nTonnes,sv.carbon_tones\n").find(
                   "x.mapping.csv:3: the rulebook has no field 'sv.carbon_tones'") != std::string::npos);
    BOOST_TEST(error_of("heading,field\nTonnes,q.service_users\n").find("# applies to: PATTERN") !=
               std::string::npos);
    BOOST_TEST(error_of("# applies to: *.csv\nlabel;field\n").find("x.mapping.csv:2: the first line must be the header") !=
               std::string::npos);
    BOOST_TEST(error_of("# applies to: *.csv\nheading,field\n\"Tonnes,q.service_users\n").find("x.mapping.csv:3: a quote "
                                                                                             "is not closed") !=
               std::string::npos);
    // A heading that already names another field would make the export ambiguous.
    BOOST_TEST(error_of("# applies to: *.csv\nheading,field\nsupplier.name,q.service_users\n")
                   .find("already used by field supplier.name") != std::string::npos);
    BOOST_CHECK_THROW(load_template_mappings((fs::path(FAIRGATE_TEST_TMP) / "no-such").string(), rulebook().fields),
                      MappingError);
}

BOOST_AUTO_TEST_SUITE_END()
