// The public register cross-check end to end: the gender pay gap service's real 2021-22 data
// dropped into an inbox beside bids, recognised and stored, and each bid judged with its row.
// A bid that gives fewer than 250 employees from an employer the register puts at 250 or more
// is referred, its finding citing the register's row; a bid that says it publishes a gap the
// register does not hold is referred too.

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "pipeline/batch_run.hpp"
#include "pipeline/explanation.hpp"
#include "pipeline/public_register.hpp"
#include "rulebook/rulebook_loader.hpp"
#include "support/requirements.hpp"
#include "support/xlsx_reader.hpp"

namespace fs = std::filesystem;
using namespace fairgate;

namespace {

const std::string kSource = FAIRGATE_SOURCE_DIR;
#define GENDER_PAY_GAP_CSV FAIRGATE_SHARED_DIR "/data/gender-pay-gap-2021-22.csv"
const char* kTender = "BX-T-2099-001";

// Two bids in the questionnaire's table export. "RED BAND" CHEMICAL COMPANY, LIMITED is row 3
// of the register, SC016876, "250 to 499" employees, median gap -4.4%; its bid gives its
// number as a spreadsheet leaves it and says 40 employees. 99999998 is no employer's number
// in the register, and no employer there is named Nowhere Widgets.
const char* kBids =
    "Return type,Tender reference,Supplier name,Supplier registration number,Number of employees in the UK,"
    "If you have 250 or more employees: have you published your latest gender pay gap figures?\n"
    "Tender return,BX-T-2099-001,\"\"\"Red Band\"\" Chemical Company Ltd\",SC16876,40,Not applicable\n"
    "Tender return,BX-T-2099-001,Nowhere Widgets Ltd,99999998,300,Yes\n";

struct RegisterCheck {
    fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "public-register";
    fs::path inbox = dir / "inbox";
    Rulebook rulebook = load_rulebook(kSource + "/rules/bexley.xml");
    BatchOptions options;
    std::unique_ptr<Store> store;

    RegisterCheck() {
        fs::remove_all(dir);
        fs::create_directories(inbox);
        std::ofstream(inbox / "bids.csv") << kBids;
        options.inbox = inbox.string();
        options.out_dir = (dir / "out").string();
        options.quarantine_dir = (dir / "out" / "quarantine").string();
        options.fairgate_version = "test";
        store = Store::open("sqlite:" + (dir / "fairgate.db").string());
    }

    std::optional<Finding> finding(const std::string& supplier, const std::string& rule) const {
        for (const auto& sf : store->load_tender_findings(kTender))
            if (sf.finding.supplier_id == supplier && sf.finding.rule_id == rule) return sf.finding;
        return std::nullopt;
    }
};

const Evidence* evidence(const Finding& f, const std::string& field) {
    for (const auto& e : f.evidence)
        if (e.field == field) return &e;
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(public_register)

BOOST_AUTO_TEST_CASE(a_rulebook_chooses_the_register_facts_it_reads_and_their_types_are_checked) {
    FieldDictionary none;
    BOOST_TEST(!RegisterFacts(none).wanted());
    FieldDictionary wrong;
    FieldDef reported;
    reported.name = "register.gpg_reported";
    reported.type = FieldType::Text;
    reported.role = FieldRole::GpgReported;
    try {
        wrong.add(reported);
        BOOST_FAIL("a register field of the wrong type was accepted");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()) == "field register.gpg_reported: role gpg-reported needs a yes-no field, not text");
    }
    // The role, not the name, decides: a field of any name playing the role is read.
    FieldDictionary renamed;
    FieldDef year;
    year.name = "gpg.reporting_year";
    year.role = FieldRole::GpgYear;
    renamed.add(year);
    BOOST_TEST(RegisterFacts(renamed).wanted());
    BOOST_TEST(RegisterFacts(load_rulebook(kSource + "/rules/bexley.xml").fields).wanted());
}

BOOST_AUTO_TEST_CASE(without_the_register_the_cross_check_does_not_apply) {
    RegisterCheck c;
    run_batch(c.rulebook, *c.store, c.options);
    for (const char* supplier : {"SC16876", "99999998"}) {
        for (const char* rule : {"TND-REGISTER-SIZE", "TND-REGISTER-GPG"}) {
            const auto f = c.finding(supplier, rule);
            BOOST_TEST_REQUIRE(f.has_value(), supplier << " " << rule);
            BOOST_TEST((f->outcome == Outcome::NotApplicable), supplier << " " << rule);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_bid_is_referred_where_the_register_contradicts_it_citing_the_row,
                     FAIRGATE_NEEDS_SHARED_FILE(GENDER_PAY_GAP_CSV)) {
    RegisterCheck c;
    fs::copy_file(GENDER_PAY_GAP_CSV, c.inbox / "gender-pay-gap-2021-22.csv");
    const BatchResult result = run_batch(c.rulebook, *c.store, c.options);
    bool register_read = false;
    for (const auto& f : result.run.files) {
        if (f.file.name != "gender-pay-gap-2021-22.csv") continue;
        register_read = true;
        BOOST_TEST((f.status == FileStatus::Imported));
        BOOST_TEST(f.format == "gender pay gap register csv");
    }
    BOOST_TEST(register_read);

    const auto size = c.finding("SC16876", "TND-REGISTER-SIZE");
    BOOST_TEST_REQUIRE(size.has_value());
    BOOST_TEST((size->outcome == Outcome::Refer), size->message);
    BOOST_TEST(size->message.find("250 to 499") != std::string::npos, size->message);
    const Evidence* band = evidence(*size, "register.gpg_employees_min");
    BOOST_TEST_REQUIRE(band != nullptr);
    BOOST_TEST(band->value == "250");
    BOOST_TEST(band->where.display() == "gender pay gap service 2021-22, row 3");
    const Evidence* gap = evidence(*size, "register.gpg_median_gap");
    BOOST_TEST_REQUIRE(gap != nullptr);
    BOOST_TEST(gap->value == "-4.4%");
    // It publishes no gap it should not: C2 says not applicable, so the other check does not apply.
    BOOST_TEST((c.finding("SC16876", "TND-REGISTER-GPG")->outcome == Outcome::NotApplicable));

    const auto gpg = c.finding("99999998", "TND-REGISTER-GPG");
    BOOST_TEST_REQUIRE(gpg.has_value());
    BOOST_TEST((gpg->outcome == Outcome::Refer), gpg->message);
    const Evidence* reported = evidence(*gpg, "register.gpg_reported");
    BOOST_TEST_REQUIRE(reported != nullptr);
    BOOST_TEST(reported->value == "No");
    BOOST_TEST(reported->where.display() == "gender pay gap service 2021-22, no row");
    // 300 employees given: the size check is for bids that give fewer than 250.
    BOOST_TEST((c.finding("99999998", "TND-REGISTER-SIZE")->outcome == Outcome::NotApplicable));

    // The comparison shows the register's figures beside what each bid says.
    const test::XlsxFile book((fs::path(c.options.out_dir) / "tenders" / kTender /
                               (std::string(kTender) + " tender comparison.xlsx")).string());
    const test::XlsxSheet& bidders = book.sheet("Bidders");
    std::map<std::string, std::vector<std::string>> block;  // first column -> the bids' cells
    bool in_block = false;
    for (unsigned r = 0; r < bidders.rows; ++r) {
        if (bidders.at(r, 0) == "Public register") in_block = true;
        if (in_block) block[bidders.at(r, 0)] = {bidders.at(r, 3), bidders.at(r, 4)};
    }
    BOOST_TEST_REQUIRE(in_block);
    auto holds = [&](const std::string& row, const std::string& text) {
        const auto& cells = block[row];
        return std::find(cells.begin(), cells.end(), text) != cells.end();
    };
    BOOST_TEST(holds("supplier.employees", "40"));
    BOOST_TEST(holds("register.gpg_size_band", "250 to 499"));
    BOOST_TEST(holds("register.gpg_reported", "No"));
    BOOST_TEST(holds("Register row", "gender pay gap service 2021-22, row 3"));
    BOOST_TEST(holds("Register row", "gender pay gap service 2021-22, no row"));
}

BOOST_AUTO_TEST_CASE(a_register_arriving_later_has_the_tenders_screened_again,
                     FAIRGATE_NEEDS_SHARED_FILE(GENDER_PAY_GAP_CSV)) {
    RegisterCheck c;
    run_batch(c.rulebook, *c.store, c.options);
    BOOST_TEST((c.finding("SC16876", "TND-REGISTER-SIZE")->outcome == Outcome::NotApplicable));
    // The bids were taken away (as the service moves them to processed/); the register alone
    // arrives, and says something about bidders the store already holds.
    fs::remove(c.inbox / "bids.csv");
    fs::copy_file(GENDER_PAY_GAP_CSV, c.inbox / "gender-pay-gap-2021-22.csv");
    const BatchResult later = run_batch(c.rulebook, *c.store, c.options);
    BOOST_TEST(later.run.tenders_reported == 1u);
    BOOST_TEST((c.finding("SC16876", "TND-REGISTER-SIZE")->outcome == Outcome::Refer));
}

BOOST_AUTO_TEST_CASE(rules_explain_judges_a_bid_with_its_register_row_as_the_batch_does,
                     FAIRGATE_NEEDS_SHARED_FILE(GENDER_PAY_GAP_CSV)) {
    RegisterCheck c;
    fs::copy_file(GENDER_PAY_GAP_CSV, c.inbox / "gender-pay-gap-2021-22.csv");
    run_batch(c.rulebook, *c.store, c.options);
    const Rule* rule = nullptr;
    for (const auto& r : c.rulebook.rules)
        if (r.id == "TND-REGISTER-SIZE") rule = &r;
    BOOST_TEST_REQUIRE(rule != nullptr);
    const auto explained = explain_rule(c.rulebook, *rule, (c.inbox / "bids.csv").string(),
                                        importers::ReadingPlan(c.rulebook.fields), c.store.get());
    bool red_band = false;
    for (const auto& e : explained) {
        if (e.finding.supplier_id != "SC16876") continue;
        red_band = true;
        BOOST_TEST((e.finding.outcome == Outcome::Refer), e.finding.message);
        const Evidence* band = evidence(e.finding, "register.gpg_size_band");
        BOOST_TEST_REQUIRE(band != nullptr);
        BOOST_TEST(band->where.display() == "gender pay gap service 2021-22, row 3");
    }
    BOOST_TEST(red_band);
}

namespace {

// One tender, its contract and a register, each typing its suppliers' numbers its own way: the
// council's register as a spreadsheet leaves 01234567, the winner's bid in full; the other
// bidder's "sc 16876", the register's SC016876 under a name the bid does not use.
const char* kIdTender = "BX-T-2099-002";
const char* kIdContract = "BX-2099-0002";
const char* kIdRegister =
    "Reference Number,Tender Reference,Title of Agreement,Supplier Name,Supplier Registration Number\n"
    "BX-2099-0002,BX-T-2099-002,Home care,Kindly Care Ltd,1234567\n";
const char* kIdBids =
    "Return type,Tender reference,Supplier name,Supplier registration number,Number of employees in the UK,"
    "If you have 250 or more employees: have you published your latest gender pay gap figures?\n"
    "Tender return,BX-T-2099-002,Kindly Care Ltd,01234567,40,Not applicable\n"
    "Tender return,BX-T-2099-002,Caledonian Chemicals,sc 16876,40,Not applicable\n";
const char* kIdGenderPayGap =
    "EmployerName,EmployerId,CompanyNumber,SicCodes,DiffMedianHourlyPercent,EmployerSize,SubmittedAfterTheDeadline,"
    "DueDate,DateSubmitted\n"
    "\"\"\"RED BAND\"\" CHEMICAL COMPANY, LIMITED\",16,SC016876,20130,-4.4,250 to 499,False,"
    "2022/04/05 00:00:00,2022/03/25 09:16:08\n";

}  // namespace

BOOST_AUTO_TEST_CASE(supplier_numbers_link_however_each_source_types_them) {
    const fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "supplier-identifiers";
    fs::remove_all(dir);
    fs::create_directories(dir / "inbox" / "register");
    std::ofstream(dir / "inbox" / "register" / "register.csv") << kIdRegister;
    std::ofstream(dir / "inbox" / "bids.csv") << kIdBids;
    std::ofstream(dir / "inbox" / "gender-pay-gap-2021-22.csv") << kIdGenderPayGap;
    BatchOptions options;
    options.inbox = (dir / "inbox").string();
    options.out_dir = (dir / "out").string();
    options.quarantine_dir = (dir / "out" / "quarantine").string();
    options.fairgate_version = "test";
    auto store = Store::open("sqlite:" + (dir / "fairgate.db").string());
    const BatchResult result = run_batch(load_rulebook(kSource + "/rules/bexley.xml"), *store, options);
    for (const auto& f : result.run.files)
        BOOST_TEST((f.status == FileStatus::Imported), f.file.name << ": " << f.reason);

    // The register's 1234567 is the bid's 01234567: that bid is the awarded one, and its
    // tender findings are the contract's.
    std::set<std::string> contract_bids;
    for (const auto& sf : store->load_findings(kIdContract))
        if (sf.finding.stage == Stage::Tender) contract_bids.insert(sf.finding.subject_id);
    BOOST_TEST(contract_bids == (std::set<std::string>{std::string("tender:") + kIdTender + ":01234567"}),
               boost::test_tools::per_element());
    size_t winner = 0, other = 0;
    for (const auto& sf : store->load_tender_findings(kIdTender)) {
        if (sf.finding.supplier_id == "01234567") {
            ++winner;
            BOOST_TEST(sf.finding.contract_id == kIdContract);
        } else {
            ++other;
            BOOST_TEST(sf.finding.supplier_id == "sc 16876");  // shown as typed
            BOOST_TEST(sf.finding.contract_id.empty(), "a losing bid is not the contract's");
        }
    }
    BOOST_TEST(winner > 0u);
    BOOST_TEST(other > 0u);
    const test::XlsxFile book((fs::path(options.out_dir) / "tenders" / kIdTender /
                               (std::string(kIdTender) + " tender comparison.xlsx")).string());
    const test::XlsxSheet& bidders = book.sheet("Bidders");
    std::vector<std::string> awarded;
    for (unsigned r = 0; r < bidders.rows; ++r)
        if (bidders.at(r, 0) == "Awarded the contract") awarded = {bidders.at(r, 3), bidders.at(r, 4)};
    std::sort(awarded.begin(), awarded.end());
    BOOST_TEST(awarded == (std::vector<std::string>{"No", "Yes"}), boost::test_tools::per_element());

    // "sc 16876" finds the register's SC016876 by number (the names differ): 40 employees
    // given, 250 to 499 published, so the bid is referred, citing the row.
    std::optional<Finding> size;
    for (const auto& sf : store->load_tender_findings(kIdTender))
        if (sf.finding.supplier_id == "sc 16876" && sf.finding.rule_id == "TND-REGISTER-SIZE") size = sf.finding;
    BOOST_TEST_REQUIRE(size.has_value());
    BOOST_TEST((size->outcome == Outcome::Refer), size->message);
    const Evidence* band = evidence(*size, "register.gpg_size_band");
    BOOST_TEST_REQUIRE(band != nullptr);
    BOOST_TEST(band->value == "250 to 499");
    BOOST_TEST(band->where.display() == "gender pay gap service 2021-22, row 2");
}

BOOST_AUTO_TEST_SUITE_END()
