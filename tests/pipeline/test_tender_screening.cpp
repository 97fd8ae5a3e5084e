// Bids are screened when they arrive, before any contract exists: each tender gets its
// comparison, the run counts it, and once the register names the contract only the awarded
// bid belongs to it. Losing bids never count towards a contract.

#include <boost/test/unit_test.hpp>

#include <filesystem>
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
