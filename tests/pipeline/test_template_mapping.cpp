// A run reads a file with the template mapping that applies to it, says so, and stores the
// values under the rulebook's field names; `rules explain` reads it with the same mapping.

#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "importers/reading_plan.hpp"
#include "importers/template_mapping.hpp"
#include "pipeline/batch_run.hpp"
#include "pipeline/explanation.hpp"
#include "rulebook/rulebook_loader.hpp"

namespace fs = std::filesystem;
using namespace fairgate;

BOOST_AUTO_TEST_CASE(a_run_reads_an_export_with_its_template_mapping) {
    const std::string source = FAIRGATE_SOURCE_DIR;
    const fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "mapped-run";
    fs::remove_all(dir);
    fs::create_directories(dir / "inbox");
    fs::copy_file(source + "/samples/inbox/register/contract-register.csv", dir / "inbox" / "register.csv");
    fs::copy_file(source + "/tests/cli/fixtures/kentish-portal-2025-Q3.csv", dir / "inbox" / "kentish-portal-2025-Q3.csv");
    const Rulebook rb = load_rulebook(source + "/rules/bexley.xml");
    BatchOptions o;
    o.inbox = (dir / "inbox").string();
    o.out_dir = (dir / "out").string();
    o.quarantine_dir = (dir / "quarantine").string();
    o.fairgate_version = "test";
    o.jobs = 1;
    o.mappings = importers::load_template_mappings(source + "/tests/cli/fixtures/mappings", rb.fields);
    auto store = Store::open("sqlite:" + (dir / "fairgate.db").string());
    const BatchResult r = run_batch(rb, *store, o);

    const FileResult* mapped = nullptr;
    for (const auto& f : r.run.files)
        if (f.file.name == "kentish-portal-2025-Q3.csv") mapped = &f;
    BOOST_TEST_REQUIRE(mapped);
    BOOST_TEST((mapped->status == FileStatus::Imported));
    BOOST_TEST_REQUIRE(!mapped->notes.empty());
    BOOST_TEST(mapped->notes[0].message == "headings read with the template mapping kentish-portal.mapping.csv");
    for (const auto& n : mapped->notes) BOOST_TEST(n.message.find("not in the rulebook's dictionary") == std::string::npos);

    const auto ctx = store->load_context("BX-2025-0170", rb.fields);
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST_REQUIRE(ctx->quarterly_returns.size() == 1u);
    const Answer* users = ctx->quarterly_returns[0].answers.get(rb.fields.find("q.service_users")->id);
    BOOST_TEST_REQUIRE(users);
    BOOST_TEST(users->value.display() == "3411");
    BOOST_TEST(users->where.display() == "kentish-portal-2025-Q3.csv line 2, column 7");
}

BOOST_AUTO_TEST_CASE(rules_explain_reads_an_export_with_the_mapping_a_run_would) {
    const std::string source = FAIRGATE_SOURCE_DIR;
    const Rulebook rb = load_rulebook(source + "/rules/bexley.xml");
    const Rule* rule = rb.rule("QTR-COMPLAINTS-RESOLVED");
    BOOST_TEST_REQUIRE(rule);
    const std::string input = source + "/tests/cli/fixtures/kentish-portal-2025-Q3.csv";
    const importers::ReadingPlan mapped(
        rb.fields, importers::load_template_mappings(source + "/tests/cli/fixtures/mappings", rb.fields));

    const auto with = explain_rule(rb, *rule, input, mapped, nullptr);
    BOOST_TEST_REQUIRE(with.size() == 1u);
    BOOST_TEST(with[0].who.subject_id == "quarterly:BX-2025-0170:2025-Q3");
    BOOST_TEST(with[0].finding.found == "Q3 = 2; Q4 = (no answer)");

    // The rulebook's dictionary alone does not know the export's heading.
    const auto without = explain_rule(rb, *rule, input, importers::ReadingPlan(rb.fields), nullptr);
    BOOST_TEST_REQUIRE(without.size() == 1u);
    BOOST_TEST(without[0].finding.found == "Q3 = (no answer); Q4 = (no answer)");
}
