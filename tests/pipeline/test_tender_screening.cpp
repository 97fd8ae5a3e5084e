// Bids are screened when they arrive, before any contract exists: each tender gets its
// comparison, the run counts it, and once the register names the contract only the awarded
// bid belongs to it. Losing bids never count towards a contract.

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "pipeline/batch_run.hpp"
#include "rulebook/rulebook_loader.hpp"
#include "support/xlsx_reader.hpp"

namespace fs = std::filesystem;
using namespace fairgate;

namespace {

const std::string kSource = FAIRGATE_SOURCE_DIR;
const char* kTender = "BX-T-2025-014";  // four bidders; Bexley Care Partnership (05512345) won

struct Screening {
    fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "tender-screening";
    fs::path inbox = dir / "inbox";
    Rulebook rulebook = load_rulebook(kSource + "/rules/bexley.xml");
    BatchOptions options;
    std::unique_ptr<Store> store;

    Screening() {
        fs::remove_all(dir);
        fs::create_directories(inbox);
        fs::copy(kSource + "/samples/inbox/tenders/" + kTender, inbox / kTender);
        options.inbox = inbox.string();
        options.out_dir = (dir / "out").string();
        options.quarantine_dir = (dir / "out" / "quarantine").string();
        options.fairgate_version = "test";
        store = Store::open("sqlite:" + (dir / "fairgate.db").string());
    }
    fs::path comparison() const {
        return fs::path(options.out_dir) / "tenders" / kTender / (std::string(kTender) + " tender comparison.xlsx");
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(bids_alone_are_screened_and_compared_before_award_then_only_the_winner_joins_the_contract) {
    Screening s;
    const BatchResult before = run_batch(s.rulebook, *s.store, s.options);
    BOOST_TEST(before.run.contracts_reported == 0u);
    BOOST_TEST(before.run.tenders_reported == 1u);
    BOOST_TEST(before.run.returns_evaluated == 4u, "every bid judged");
    BOOST_TEST_REQUIRE(fs::is_regular_file(s.comparison()));
    const auto screened = s.store->load_tender_findings(kTender);
    std::set<std::string> bidders;
    for (const auto& sf : screened) {
        bidders.insert(sf.finding.supplier_id);
        BOOST_TEST(sf.finding.contract_id.empty(), "no contract yet");
    }
    BOOST_TEST(bidders.size() == 4u);
    for (const auto& f : before.run.files)
        for (const auto& n : f.notes) BOOST_TEST(n.message.find("will be judged once") == std::string::npos, n.message);
    // A rule that needs a fact of the contract is missing until somebody gives it, never failed for it.
    const test::XlsxFile book(s.comparison().string());
    BOOST_TEST(book.sheet("Bidders").rows > 5u);

    // The register arrives naming the contract: only the awarded bid is the contract's.
    fs::create_directories(s.inbox / "register");
    fs::copy_file(kSource + "/samples/inbox/register/contract-register.csv", s.inbox / "register" / "register.csv");
    const BatchResult after = run_batch(s.rulebook, *s.store, s.options);
    BOOST_TEST(after.run.tenders_reported == 1u);
    const auto contract_findings = s.store->load_findings("BX-2025-0142");
    std::set<std::string> tender_subjects;
    for (const auto& sf : contract_findings)
        if (sf.finding.stage == Stage::Tender) tender_subjects.insert(sf.finding.subject_id);
    BOOST_TEST(tender_subjects == (std::set<std::string>{std::string("tender:") + kTender + ":05512345"}),
               boost::test_tools::per_element());
    // The losing bids stay on the tender, with no contract.
    size_t losing = 0;
    for (const auto& sf : s.store->load_tender_findings(kTender)) {
        if (sf.finding.supplier_id == "05512345") BOOST_TEST(sf.finding.contract_id == "BX-2025-0142");
        else losing += sf.finding.contract_id.empty();
    }
    BOOST_TEST(losing > 0u);
    // The contract's status and actions come from its own findings only: Thameside's
    // mandatory failure ("Do not proceed to award") is not among them.
    for (const auto& sf : contract_findings) BOOST_TEST(sf.finding.supplier_id != "07823456");
}

namespace {

// The outcome of `rule` for `supplier`'s bid on `tender`, as the store last kept it.
std::string outcome_of(Store& store, const std::string& tender, const std::string& supplier, const std::string& rule) {
    for (const auto& sf : store.load_tender_findings(tender))
        if (sf.finding.supplier_id == supplier && sf.finding.rule_id == rule) return std::string(to_string(sf.finding.outcome));
    return "none";
}

void write_text(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(bids_are_judged_on_the_tenders_pipeline_facts_until_the_register_names_the_contract) {
    const std::string tender = "BX-T-2026-031";
    const std::string riverside = "09213456";  // answers B6 (service user monitoring) Yes and offers social value
    Screening s;
    fs::remove_all(s.inbox / kTender);
    fs::copy(kSource + "/samples/inbox/tenders/" + tender, s.inbox / tender);
    run_batch(s.rulebook, *s.store, s.options);
    // Nobody has said yet whether the contract serves residents or weights social value.
    BOOST_TEST(outcome_of(*s.store, tender, riverside, "TND-SERVICE-USER-MONITORING") == "missing");
    BOOST_TEST(outcome_of(*s.store, tender, riverside, "TND-SOCIAL-VALUE-OFFERED") == "missing");
    const fs::path comparison = fs::path(s.options.out_dir) / "tenders" / tender / (tender + " tender comparison.xlsx");
    BOOST_TEST(test::XlsxFile(comparison.string()).sheet("Social value").at(2, 2) == "not known yet");

    // The procurement team's pipeline gives the tender's facts: the bids are judged on them.
    write_text(s.inbox / "register" / "pipeline.csv",
               "Tender Reference,Title,Service Area,Estimated Value,Funding Type,Services to Residents,"
               "Social Value Weighting,Closing Date\n" +
                   tender + ",Community Meals Service,Adult Social Care,\"£1,200,000\",Contract,Yes,10%,06/03/2026\n");
    const BatchResult with_pipeline = run_batch(s.rulebook, *s.store, s.options);
    BOOST_TEST(with_pipeline.run.tenders_reported == 1u, "the pipeline row alone touches its tender");
    BOOST_TEST_REQUIRE(!with_pipeline.run.files.empty());
    bool counted = false;
    for (const auto& f : with_pipeline.run.files) counted |= f.file.name == "pipeline.csv" && f.tenders == 1u;
    BOOST_TEST(counted);
    BOOST_TEST(outcome_of(*s.store, tender, riverside, "TND-SERVICE-USER-MONITORING") == "pass");
    BOOST_TEST(outcome_of(*s.store, tender, riverside, "TND-SOCIAL-VALUE-OFFERED") == "pass");
    // The comparison sets social value spend against the tender's estimated value.
    BOOST_TEST(test::XlsxFile(comparison.string()).sheet("Social value").at(2, 2) == "1200000");
    for (const auto& sf : s.store->load_tender_findings(tender))
        BOOST_TEST(sf.finding.contract_id.empty(), "a tender's facts award no bid");

    // Once the register names the contract, its facts win: a back-office contract with no
    // social value weighting makes both rules not applicable.
    write_text(s.inbox / "register" / "register.csv",
               "Reference Number,Tender Reference,Title of Agreement,Supplier Name,Supplier Registration Number,"
               "Services to Residents,Social Value Weighting\n"
               "BX-2026-0031," + tender + ",Community Meals Service,Riverside Meals CIC," + riverside + ",No,0%\n");
    run_batch(s.rulebook, *s.store, s.options);
    BOOST_TEST(outcome_of(*s.store, tender, riverside, "TND-SERVICE-USER-MONITORING") == "not-applicable");
    BOOST_TEST(outcome_of(*s.store, tender, riverside, "TND-SOCIAL-VALUE-OFFERED") == "not-applicable");
}
