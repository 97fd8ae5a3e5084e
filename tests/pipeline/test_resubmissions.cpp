// Which return counts for a quarter, through a whole run: a resubmission whose file name sorts
// before the original's (so read first) but whose date submitted is later wins, lateness is
// judged on the first receipt and the correction is shown; a quarterly return received but
// refused is reported for its quarter as received and refused, not as missing, until a good
// resubmission clears it; a rerun duplicates and flips nothing.

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "pipeline/batch_run.hpp"
#include "support/files.hpp"
#include "rulebook/rulebook_loader.hpp"
#include "support/xlsx_reader.hpp"

namespace fs = std::filesystem;
using namespace fairgate;
using fairgate::test::write_file;

namespace {

const std::string kSource = FAIRGATE_SOURCE_DIR;
const std::string kHeading =
    "return.kind,contract.id,supplier.id,supplier.name,return.period,return.submitted,q.hate_incidents_reported\n";

const FileResult* result_for(const Run& run, const std::string& name) {
    for (const auto& f : run.files)
        if (f.file.name == name) return &f;
    return nullptr;
}

const Finding* finding(const std::vector<StoredFinding>& findings, const std::string& subject, const std::string& rule) {
    for (const auto& s : findings)
        if (s.finding.subject_id == subject && s.finding.rule_id == rule) return &s.finding;
    return nullptr;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct ResubmittedInbox {
    fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "resubmissions";
    fs::path inbox = dir / "inbox";
    Rulebook rulebook = load_rulebook(kSource + "/rules/bexley.xml");
    BatchOptions options;
    std::unique_ptr<Store> store;

    ResubmittedInbox() {
        fs::remove_all(dir);
        // One contract from the sample register: BX-2025-0142, from 1 Oct 2025 (2025-Q3 is
        // October to December 2025, its return due 28 Jan 2026).
        std::ifstream in(kSource + "/samples/inbox/register/contract-register.csv");
        std::string heading, line, contract;
        std::getline(in, heading);
        while (std::getline(in, line))
            if (line.rfind("BX-2025-0142,", 0) == 0) contract = line;
        write_file(inbox / "register.csv", heading + "\n" + contract + "\n");
        // Read first by name, but the correction: submitted 15 Feb 2026, 46 days after the
        // quarter ended.
        write_file(inbox / "quarterly/a-correction.csv",
              kHeading + "Quarterly,BX-2025-0142,05512345,Bexley Care Partnership Ltd,2025-Q3,2026-02-15,2\n");
        // The original, on time (20 days): read second, yet superseded.
        write_file(inbox / "quarterly/z-original.csv",
              kHeading + "Quarterly,BX-2025-0142,05512345,Bexley Care Partnership Ltd,2025-Q3,2026-01-20,5\n");
        // 2025-Q4 received on 10 Apr 2026 but refused: no supplier registration number.
        write_file(inbox / "quarterly/q4-refused.csv",
              kHeading + "Quarterly,BX-2025-0142,,Bexley Care Partnership Ltd,2025-Q4,2026-04-10,1\n");
        options.inbox = inbox.string();
        options.out_dir = (dir / "out").string();
        options.quarantine_dir = (dir / "quarantine").string();
        options.fairgate_version = "test";
        options.as_of = "2026-06-01";  // 2025-Q3 and 2025-Q4 due; 2026-Q1 not yet
        options.jobs = 1;
        store = Store::open("sqlite:" + (dir / "fairgate.db").string());
    }

    BatchResult run() { return run_batch(rulebook, *store, options); }
    std::vector<StoredFinding> findings() { return store->load_findings("BX-2025-0142"); }
};

// What the first run, and every rerun, must hold.
void check_position(ResubmittedInbox& b) {
    const auto ctx = b.store->load_context("BX-2025-0142", b.rulebook.fields);
    BOOST_TEST_REQUIRE(ctx.has_value());
    BOOST_TEST_REQUIRE(ctx->quarterly_returns.size() == 1u);
    const SupplierReturn& q3 = ctx->quarterly_returns[0];
    BOOST_TEST(q3.period->label() == "2025-Q3");
    BOOST_TEST(q3.source_name == "a-correction.csv");
    BOOST_TEST(q3.answers.value(b.rulebook.fields.find("q.hate_incidents_reported")->id).numeric() == 2.0);
    BOOST_TEST_REQUIRE(q3.superseded.size() == 1u);
    BOOST_TEST(q3.superseded[0].source_name == "z-original.csv");
    BOOST_TEST_REQUIRE(ctx->refused_returns.size() == 1u);
    BOOST_TEST(ctx->refused_returns[0].identity.period.label() == "2025-Q4");

    const auto findings = b.findings();
    // Lateness on the first receipt: 20 days, on time; the correction (46 days) would fail.
    const Finding* on_time = finding(findings, "quarterly:BX-2025-0142:2025-Q3", "QTR-ON-TIME");
    BOOST_TEST_REQUIRE(on_time);
    BOOST_TEST((on_time->outcome == Outcome::Pass));
    BOOST_TEST(has(on_time->message, "corrected version (first received 20 Jan 2026, corrected 15 Feb 2026, "
                                     "superseding z-original.csv)"),
               on_time->message);
    BOOST_TEST(has(on_time->found, "20 Jan 2026"), on_time->found);
    const auto date = std::find_if(on_time->evidence.begin(), on_time->evidence.end(),
                                   [](const Evidence& e) { return e.field == "return.submitted"; });
    BOOST_TEST_REQUIRE((date != on_time->evidence.end()));
    BOOST_TEST(date->where.file() == "z-original.csv");  // cited where the first receipt's date stands
    // Another rule of the quarter reads the correction's answers, and says nothing of dates.
    const Finding* hate = finding(findings, "quarterly:BX-2025-0142:2025-Q3", "QTR-HATE-INCIDENTS");
    if (hate) BOOST_TEST(!has(hate->message, "corrected version"), hate->message);

    // 2025-Q4: received and refused, never "no return received".
    const Finding* q4 = finding(findings, "missing:BX-2025-0142:2025-Q4", "QTR-ON-TIME");
    BOOST_TEST_REQUIRE(q4);
    BOOST_TEST((q4->outcome == Outcome::Fail), "due, and no usable return: a failure, not a blank answer");
    BOOST_TEST(!has(q4->message, "No return received"), q4->message);
    BOOST_TEST(has(q4->message, "The 2025-Q4 return was received on 10 Apr 2026 and refused:"), q4->message);
    BOOST_TEST(has(q4->message, "no supplier registration number"), q4->message);
    BOOST_TEST(has(q4->message, "q4-refused.csv"), q4->message);
    BOOST_TEST(has(q4->message, "it was due 28 Apr 2026"), q4->message);
    BOOST_TEST(has(q4->found, "Received 10 Apr 2026 and refused (q4-refused.csv)"), q4->found);
    BOOST_TEST(has(q4->remedy, "corrected resubmission of the 2025-Q4 return"), q4->remedy);
    BOOST_TEST(!finding(findings, "missing:BX-2025-0142:2025-Q3", "QTR-ON-TIME"));
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_later_date_wins_lateness_is_the_first_receipt_and_a_refused_quarter_is_not_missing) {
    ResubmittedInbox b;
    const BatchResult first = b.run();
    BOOST_TEST((first.run.status == RunStatus::Completed));
    const FileResult* refused = result_for(first.run, "q4-refused.csv");
    BOOST_TEST_REQUIRE(refused);
    BOOST_TEST((refused->status == FileStatus::Quarantined));
    BOOST_TEST_REQUIRE(refused->refused_returns.size() == 1u);
    BOOST_TEST(refused->refused_returns[0].contract_id == "BX-2025-0142");
    BOOST_TEST((result_for(first.run, "z-original.csv")->status == FileStatus::Imported));
    check_position(b);

    // The workbook says so too.
    BOOST_TEST_REQUIRE(first.run.contracts.size() == 1u);
    const test::XlsxFile x(first.run.contracts[0].workbook);
    const std::string summary = x.dump();
    BOOST_TEST(has(summary, "Received 20 Jan 2026, on time (due 28 Jan 2026); corrected version: first received "
                            "20 Jan 2026, corrected 15 Feb 2026, superseding z-original.csv"));
    BOOST_TEST(has(summary, "Received 10 Apr 2026 and refused (q4-refused.csv): "));
    BOOST_TEST(!has(summary, "Missing: no return received"));
    const test::XlsxSheet& returns = x.sheet("Returns");
    BOOST_TEST(returns.at(1, returns.column("Source file")) == "a-correction.csv");
    BOOST_TEST(returns.at(1, returns.column("Version")) ==
               "Corrected version: first received 20 Jan 2026, corrected 15 Feb 2026, superseding z-original.csv");
    const test::XlsxSheet& history = x.sheet("History");
    BOOST_TEST(has(history.at(1, history.column("Version")), "superseding z-original.csv"));

    // A rerun of the same inbox: every file known, nothing duplicated, the same version wins.
    const size_t findings_before = b.findings().size();
    const BatchResult again = b.run();
    BOOST_TEST((result_for(again.run, "a-correction.csv")->status == FileStatus::Duplicate));
    BOOST_TEST((result_for(again.run, "z-original.csv")->status == FileStatus::Duplicate));
    BOOST_TEST((result_for(again.run, "q4-refused.csv")->status == FileStatus::Quarantined));
    BOOST_TEST(again.run.contracts.size() == 1u);  // judged again, as a duplicate's contract is
    check_position(b);
    BOOST_TEST(b.findings().size() == findings_before);

    // A good resubmission of 2025-Q4 clears the refusal: the quarter has a return now.
    write_file(b.inbox / "quarterly/q4-resubmitted.csv",
          kHeading + "Quarterly,BX-2025-0142,05512345,Bexley Care Partnership Ltd,2025-Q4,2026-04-24,1\n");
    b.run();
    const auto findings = b.findings();
    BOOST_TEST(!finding(findings, "missing:BX-2025-0142:2025-Q4", "QTR-ON-TIME"));
    const Finding* q4 = finding(findings, "quarterly:BX-2025-0142:2025-Q4", "QTR-ON-TIME");
    BOOST_TEST_REQUIRE(q4);
    BOOST_TEST((q4->outcome == Outcome::Pass));  // 24 days after the quarter ended
}
