// The whole batch on the bundled sample portfolio: every file accounted for, a workbook per
// contract holding the findings the scenario table promises, reruns that change nothing, and
// a threshold edit in the rulebook that changes the finding it should.

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "pipeline/batch_run.hpp"
#include "pipeline/expectations.hpp"
#include "rulebook/rulebook_loader.hpp"
#include "support/requirements.hpp"
#include "support/test_db.hpp"
#include "support/xlsx_reader.hpp"

namespace fs = std::filesystem;
using namespace fairgate;

namespace {

const std::string kSource = FAIRGATE_SOURCE_DIR;
const std::string kInbox = kSource + "/samples/inbox";
const std::string kTruncated = "BX-2025-0225_2026-Q2_resent-truncated.xlsx";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

BatchOptions options_in(const fs::path& dir, const std::string& out = "out") {
    BatchOptions o;
    o.inbox = kInbox;
    o.out_dir = (dir / out).string();
    o.quarantine_dir = (dir / "quarantine").string();
    o.fairgate_version = "test";
    return o;
}

// Every finding once: the contracts' (their awarded bids included) and the tenders' losing bids.
std::vector<Finding> all_findings(Store& store) {
    std::vector<Finding> out;
    std::set<std::pair<std::string, std::string>> seen;
    auto add = [&](std::vector<StoredFinding> found) {
        for (auto& sf : found)
            if (seen.emplace(sf.finding.subject_id, sf.finding.rule_id).second) out.push_back(std::move(sf.finding));
    };
    for (const auto& id : store.all_contract_ids()) add(store.load_findings(id));
    for (const auto& id : store.all_tender_ids()) add(store.load_tender_findings(id));
    return out;
}

// Every progress snapshot a run tells, and whether two calls ever overlapped (the batch
// promises one at a time, whichever thread).
struct ProgressLog : BatchProgressObserver {
    std::vector<BatchProgress> seen;
    std::atomic<bool> inside{false};
    bool overlapped = false;
    void progress(const BatchProgress& now) override {
        if (inside.exchange(true)) overlapped = true;
        seen.push_back(now);
        inside = false;
    }
};

// The sample is run once and shared: it is the expensive part, and the rerun test needs
// the first run's database and workbooks.
struct SampleRun {
    fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "sample-batch";
    Rulebook rulebook;
    std::unique_ptr<Store> store;
    BatchResult first;
    ProgressLog progress;

    SampleRun() {
        fs::remove_all(dir);
        fs::create_directories(dir);
        rulebook = load_rulebook(kSource + "/rules/bexley.xml");
        store = Store::open("sqlite:" + (dir / "fairgate.db").string());
        BatchOptions options = options_in(dir);
        options.progress = &progress;
        options.jobs = 4;  // workers tell progress too
        first = run_batch(rulebook, *store, options);
    }
    static SampleRun& get() {
        static SampleRun run;
        return run;
    }
};

size_t inbox_file_count() {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(kInbox)) n += e.is_regular_file();
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sample_batch)

BOOST_AUTO_TEST_CASE(every_inbox_file_is_accounted_for_and_only_the_truncated_one_refused) {
    auto& s = SampleRun::get();
    const Run& run = s.first.run;
    BOOST_TEST((run.status == RunStatus::Completed));
    BOOST_TEST(run.files.size() == inbox_file_count());
    size_t imported = 0;
    for (const auto& f : run.files) {
        BOOST_TEST_CONTEXT(f.file.name << ": " << f.reason) {
            if (f.file.name == kTruncated) {
                BOOST_TEST((f.status == FileStatus::Quarantined));
                BOOST_TEST(f.reason.find(kTruncated) != std::string::npos, "the reason names the file");
            } else {
                BOOST_TEST((f.status == FileStatus::Imported));
                BOOST_TEST(!f.format.empty());
                BOOST_TEST(f.returns + f.contracts + f.tenders > 0u);
                ++imported;
            }
        }
    }
    BOOST_TEST(imported == inbox_file_count() - 1);

    // Nothing is lost: the refused file is kept byte for byte, beside the reason.
    const fs::path kept = fs::path(options_in(s.dir).quarantine_dir) / kTruncated;
    BOOST_REQUIRE(fs::exists(kept));
    BOOST_TEST(slurp(kept) == slurp(kInbox + "/quarterly/BX-2025-0225/" + kTruncated));
    const std::string reason = slurp(kept.string() + ".reason.txt");
    BOOST_TEST(reason.find("reason: ") != std::string::npos);
    BOOST_TEST(reason.find(kTruncated) != std::string::npos);
}

// Progress is told file by file, then contract by contract and tender by tender: counts
// only grow, each reaches its total, and the calls never overlap.
BOOST_AUTO_TEST_CASE(progress_counts_up_to_every_total) {
    auto& s = SampleRun::get();
    const auto& seen = s.progress.seen;
    BOOST_REQUIRE(!seen.empty());
    BOOST_TEST(!s.progress.overlapped);
    for (size_t i = 1; i < seen.size(); ++i) {
        BOOST_TEST_CONTEXT("snapshot " << i) {
            BOOST_TEST(seen[i].files_read >= seen[i - 1].files_read);
            BOOST_TEST(seen[i].contracts_judged >= seen[i - 1].contracts_judged);
            BOOST_TEST(seen[i].tenders_screened >= seen[i - 1].tenders_screened);
            BOOST_TEST((seen[i].stage >= seen[i - 1].stage));
        }
    }
    const BatchProgress& last = seen.back();
    BOOST_TEST((last.stage == BatchProgress::Stage::Judging));
    BOOST_TEST(last.files_read == s.first.run.files.size());
    BOOST_TEST(last.files_total == s.first.run.files.size());
    BOOST_TEST(last.contracts_total == 14u);
    BOOST_TEST(last.contracts_judged == last.contracts_total);
    BOOST_TEST(last.tenders_total == s.first.run.tenders_reported);
    BOOST_TEST(last.tenders_screened == last.tenders_total);
}

BOOST_AUTO_TEST_CASE(one_workbook_per_register_contract_holding_its_findings) {
    auto& s = SampleRun::get();
    const auto ids = s.store->all_contract_ids();
    BOOST_TEST(ids.size() == 14u, "the register has 14 contracts");
    BOOST_TEST(s.first.run.contracts.size() == ids.size());
    BOOST_TEST(s.first.run.contracts_reported == ids.size());

    for (const auto& co : s.first.run.contracts) {
        BOOST_TEST_CONTEXT(co.contract_id << " -> " << co.workbook) {
            BOOST_REQUIRE(fs::exists(co.workbook));
            BOOST_TEST(fs::path(co.workbook).parent_path().filename().string() == co.contract_id);
            const test::XlsxFile book(co.workbook);
            const auto& findings_sheet = book.sheet("Findings");
            const auto& summary = book.sheet("Summary");
            bool formula = false, names_contract = false;
            for (const auto& name : book.sheet_names())
                for (const auto& [at, cell] : book.sheet(name).cells) formula = formula || cell.has_formula;
            for (const auto& [at, cell] : summary.cells) names_contract = names_contract || cell.text == co.contract_id;
            BOOST_TEST(!formula, "supplier text is never a formula");
            BOOST_TEST(names_contract, "the summary names the contract");

            const unsigned rule_col = findings_sheet.column("Rule");
            const unsigned outcome_col = findings_sheet.column("Outcome");
            std::multiset<std::string> in_workbook;
            for (unsigned r = 1; r < findings_sheet.rows; ++r) {
                const std::string rule = findings_sheet.at(r, rule_col);
                if (!rule.empty()) in_workbook.insert(rule + " " + findings_sheet.at(r, outcome_col));
            }
            std::multiset<std::string> stored;
            for (const auto& sf : s.store->load_findings(co.contract_id)) {
                std::string outcome(to_string(sf.finding.outcome));
                // The workbook may spell outcomes for people ("Fail", "Not applicable").
                stored.insert(sf.finding.rule_id + " " + outcome);
            }
            BOOST_TEST(in_workbook.size() == stored.size(), "one Findings row per stored finding");
            // Compare rule ids (outcome spelling is the workbook's business).
            std::multiset<std::string> rules_wb, rules_db;
            for (const auto& x : in_workbook) rules_wb.insert(x.substr(0, x.find(' ')));
            for (const auto& x : stored) rules_db.insert(x.substr(0, x.find(' ')));
            BOOST_TEST((rules_wb == rules_db));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_history_sheet_follows_every_social_value_measure) {
    // BX-2025-0170 is behind on D2, D3 and D6 and on plan for the rest: its History sheet shows
    // all eight measures the rulebook's <workbook> declares, each quarter, whatever their state.
    auto& s = SampleRun::get();
    BOOST_REQUIRE(s.rulebook.workbook.measures.size() == 8u);
    const auto co = std::find_if(s.first.run.contracts.begin(), s.first.run.contracts.end(),
                                 [](const auto& c) { return c.contract_id == "BX-2025-0170"; });
    BOOST_REQUIRE(co != s.first.run.contracts.end());
    const test::XlsxFile book(co->workbook);
    const auto& history = book.sheet("History");
    BOOST_REQUIRE(history.rows == 5u);  // a header and the four sample quarters
    for (const auto& m : s.rulebook.workbook.measures) {
        BOOST_TEST_CONTEXT(m.label) {
            for (const char* column : {": in quarter", ": to date", ": due pro rata", ": to date as share of due"}) {
                const unsigned c = history.column(m.label + column);
                for (unsigned r = 1; r < history.rows; ++r) BOOST_TEST(!history.at(r, c).empty(), "row " << r << column);
            }
        }
    }
    // D6: £3,500 a quarter against £250,000 over eight years.
    BOOST_TEST(std::stod(history.at(4, history.column("Spend with VCSEs (£): to date"))) == 14000.0);
}

BOOST_AUTO_TEST_CASE(a_portfolio_workbook_lists_every_contract) {
    auto& s = SampleRun::get();
    BOOST_REQUIRE(!s.first.run.contracts.empty());
    const std::string path = s.first.run.contracts.front().portfolio;
    BOOST_REQUIRE(fs::exists(path));
    const test::XlsxFile book(path);
    const auto& sheet = book.sheet("Portfolio");
    const unsigned id_col = sheet.column("Contract");
    const unsigned status_col = sheet.column("Status");
    std::set<std::string> listed;
    for (unsigned r = 1; r < sheet.rows; ++r)
        if (!sheet.at(r, id_col).empty()) listed.insert(sheet.at(r, id_col));
    BOOST_TEST(listed.size() == s.first.run.contracts.size());
    for (const auto& co : s.first.run.contracts) {
        BOOST_TEST_CONTEXT(co.contract_id) {
            BOOST_TEST(listed.count(co.contract_id) == 1u);
            for (unsigned r = 1; r < sheet.rows; ++r) {
                if (sheet.at(r, id_col) != co.contract_id) continue;
                BOOST_TEST(sheet.at(r, status_col) == display_name(co.status));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(each_tender_gets_a_comparison_of_its_bidders) {
    // Home care (BX-T-2025-014) had four bidders; Thameside has no equality policy, a
    // mandatory failure, so it cannot proceed to award; Crayford declared a tribunal finding
    // with its remedy, referred to an officer, so it needs a decision.
    auto& s = SampleRun::get();
    const fs::path path = fs::path(options_in(s.dir).out_dir) / "tenders" / "BX-T-2025-014" /
                          "BX-T-2025-014 tender comparison.xlsx";
    BOOST_REQUIRE(fs::exists(path));
    const test::XlsxFile book(path.string());
    const auto& bidders = book.sheet("Bidders");
    int proceed_row = -1, header_row = -1;
    for (unsigned r = 0; r < bidders.rows; ++r) {
        if (bidders.at(r, 0) == "Can proceed to award") proceed_row = static_cast<int>(r);
        if (bidders.at(r, 0) == "Rule") header_row = static_cast<int>(r);
    }
    BOOST_REQUIRE(proceed_row >= 0);
    BOOST_REQUIRE(header_row >= 0);
    std::map<std::string, std::string> proceed;
    for (unsigned c = 0; c < 16; ++c) {
        const std::string bidder = bidders.at(static_cast<unsigned>(header_row), c);
        if (bidder.find('(') != std::string::npos) proceed[bidder] = bidders.at(static_cast<unsigned>(proceed_row), c);
    }
    BOOST_TEST(proceed.size() == 4u);
    BOOST_TEST(proceed["Thameside Homecare Ltd (07823456)"] == "No");
    BOOST_TEST(proceed["Bexley Care Partnership Ltd (05512345)"] == "Yes");
    BOOST_TEST(proceed["Crayford Community Care CIC (11234567)"] == "Needs a decision");
}

BOOST_AUTO_TEST_CASE(a_tender_comparison_lists_what_to_ask_each_bidder) {
    // Family support (BX-T-2025-021): Harbour left B6 blank and answered C5 "tbc" in the
    // portal export; both are to be asked, at the CSV place they were read from.
    auto& s = SampleRun::get();
    const fs::path path = fs::path(options_in(s.dir).out_dir) / "tenders" / "BX-T-2025-021" /
                          "BX-T-2025-021 tender comparison.xlsx";
    BOOST_REQUIRE(fs::exists(path));
    const test::XlsxFile book(path.string());
    const auto& c = book.sheet("Clarifications");
    std::map<std::string, unsigned> by_rule;
    for (unsigned r = 1; r < c.rows; ++r) {
        BOOST_TEST(c.at(r, c.column("Bidder")) == "Harbour Youth & Family Trust (1145678)");
        by_rule[c.at(r, c.column("Rule"))] = r;
    }
    BOOST_REQUIRE(by_rule.count("TND-SERVICE-USER-MONITORING") == 1u);
    BOOST_REQUIRE(by_rule.count("TND-SUBCONTRACTOR-PAYMENT") == 1u);
    const unsigned blank = by_rule["TND-SERVICE-USER-MONITORING"], tbc = by_rule["TND-SUBCONTRACTOR-PAYMENT"];
    BOOST_TEST(blank < tbc);  // mandatory before major
    BOOST_TEST(c.at(blank, c.column("Reason")) == "Blank");
    BOOST_TEST(c.at(blank, c.column("Given")) == "(blank)");
    BOOST_TEST(c.at(blank, c.column("Question to send")).rfind("Please answer B6", 0) == 0u);
    BOOST_TEST(c.at(tbc, c.column("Reason")) == "Unreadable");
    BOOST_TEST(c.at(tbc, c.column("Given")) == "tbc");
    BOOST_TEST(c.at(tbc, c.column("Where")).rfind("portal-export-BX-T-2025-021.csv line ", 0) == 0u);
    BOOST_TEST(c.at(tbc, c.column("Question to send")).find("was 'tbc'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(findings_match_the_scenario_table) {
    auto& s = SampleRun::get();
    const auto expectations = test::load_expectations(kSource + "/tests/pipeline/sample_expectations.txt");
    BOOST_TEST(expectations.size() > 40u);
    const auto problems = test::unmet(expectations, all_findings(*s.store));
    for (const auto& p : problems) BOOST_ERROR(p);
    BOOST_TEST(problems.empty());
}

BOOST_AUTO_TEST_CASE(the_sample_produces_every_outcome) {
    auto& s = SampleRun::get();
    for (auto o : kAllOutcomes)
        BOOST_TEST(s.first.run.outcomes[static_cast<size_t>(o)] > 0u, "some finding is " << to_string(o));
}

// Every text of every finding the sample gives, as stored and shown in the workbooks: each
// placeholder filled in, none printed as written ("{param.sv_weighting_min}").
BOOST_AUTO_TEST_CASE(no_finding_text_shows_a_placeholder) {
    for (const Finding& f : all_findings(*SampleRun::get().store)) {
        for (const std::string* text : {&f.rule_title, &f.message, &f.expected, &f.found, &f.remedy}) {
            BOOST_TEST_CONTEXT(f.subject_id << " " << f.rule_id << ": " << *text) {
                BOOST_TEST(text->find("{param.") == std::string::npos);
                BOOST_TEST(text->find_first_of("{}") == std::string::npos);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_run_is_stored) {
    auto& s = SampleRun::get();
    auto stored = s.store->load_run(s.first.run.id);
    BOOST_REQUIRE(stored.has_value());
    BOOST_TEST((stored->status == RunStatus::Completed));
    BOOST_TEST(stored->files.size() == s.first.run.files.size());
    BOOST_TEST(stored->rulebook_version == s.rulebook.version);
    BOOST_TEST((stored->outcomes == s.first.run.outcomes));
    BOOST_TEST((stored->rule_outcomes == s.first.run.rule_outcomes));
    BOOST_TEST(stored->rule_outcomes.size() == s.rulebook.rules.size(), "every rule judged something");
}

BOOST_AUTO_TEST_CASE(a_rerun_duplicates_nothing_and_rewrites_identical_workbooks) {
    auto& s = SampleRun::get();
    const auto before = all_findings(*s.store);
    BatchOptions again = options_in(s.dir, "out-again");
    const BatchResult second = run_batch(s.rulebook, *s.store, again);

    for (const auto& f : second.run.files) {
        BOOST_TEST_CONTEXT(f.file.name) {
            if (f.file.name == kTruncated) {
                BOOST_TEST((f.status == FileStatus::Quarantined));
                BOOST_TEST(f.reason.find("refused before") != std::string::npos);
            } else {
                BOOST_TEST((f.status == FileStatus::Duplicate));
            }
        }
    }
    BOOST_TEST(all_findings(*s.store).size() == before.size());
    BOOST_TEST(s.store->all_contract_ids().size() == 14u);
    BOOST_TEST(second.run.contracts.size() == s.first.run.contracts.size(), "duplicates still get their workbooks");

    // Same inputs, same rulebook: the same bytes, whatever the day.
    const fs::path out1 = options_in(s.dir).out_dir;
    for (const auto& co : s.first.run.contracts) {
        const fs::path rel = fs::relative(co.workbook, out1);
        BOOST_TEST_CONTEXT(rel) {
            BOOST_REQUIRE(fs::exists(fs::path(again.out_dir) / rel));
            BOOST_TEST((slurp(co.workbook) == slurp(fs::path(again.out_dir) / rel)));
        }
    }
}

// A workbook whose evaluation fingerprint (returns, rulebook, date, place) is unchanged is
// left as it is; a changed date states the position anew, so every workbook is rewritten.
BOOST_AUTO_TEST_CASE(a_rerun_leaves_workbooks_whose_fingerprint_is_unchanged) {
    auto& s = SampleRun::get();
    const BatchOptions into_same = options_in(s.dir, "out-fingerprint");
    const BatchResult written = run_batch(s.rulebook, *s.store, into_same);
    BOOST_REQUIRE(!written.run.contracts.empty());
    const auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24 * 400);
    for (const auto& co : written.run.contracts) {
        BOOST_TEST(co.fingerprint.size() == 64u);
        fs::last_write_time(co.workbook, long_ago);
    }

    const BatchResult again = run_batch(s.rulebook, *s.store, into_same);
    BOOST_TEST(again.run.contracts.size() == written.run.contracts.size(), "still judged, and listed with the run");
    for (size_t i = 0; i < again.run.contracts.size(); ++i) {
        const auto& co = again.run.contracts[i];
        BOOST_TEST_CONTEXT(co.contract_id) {
            BOOST_TEST(co.fingerprint == written.run.contracts[i].fingerprint);
            BOOST_TEST((fs::last_write_time(co.workbook) == long_ago), "left as it was");
            BOOST_TEST((s.store->contract_position(co.contract_id)->outcome.fingerprint == co.fingerprint));
        }
    }

    BatchOptions later = into_same;
    later.as_of = "2027-03-31";
    const BatchResult restated = run_batch(s.rulebook, *s.store, later);
    BOOST_REQUIRE(restated.run.contracts.size() == written.run.contracts.size());
    for (size_t i = 0; i < restated.run.contracts.size(); ++i) {
        const auto& co = restated.run.contracts[i];
        BOOST_TEST_CONTEXT(co.contract_id) {
            BOOST_TEST(co.fingerprint != written.run.contracts[i].fingerprint);
            BOOST_TEST((fs::last_write_time(co.workbook) != long_ago), "written again");
        }
    }

    // Back to the data's own date (the tests after this one read the shared store's latest
    // findings): the same fingerprints as the first run's.
    const BatchResult back = run_batch(s.rulebook, *s.store, into_same);
    BOOST_REQUIRE(back.run.contracts.size() == written.run.contracts.size());
    for (size_t i = 0; i < back.run.contracts.size(); ++i)
        BOOST_TEST(back.run.contracts[i].fingerprint == written.run.contracts[i].fingerprint);
}

// A tender comparison likewise: a rerun over the same inbox leaves it, and its bids' findings,
// as they were; a bid's new file, or the workbook gone, has it written again.
BOOST_AUTO_TEST_CASE(a_rerun_leaves_tender_comparisons_whose_fingerprint_is_unchanged) {
    const fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "sample-batch-tenders";
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(kInbox, dir / "inbox", fs::copy_options::recursive);
    const Rulebook rulebook = load_rulebook(kSource + "/rules/bexley.xml");
    auto store = Store::open("sqlite:" + (dir / "fairgate.db").string());
    BatchOptions options = options_in(dir);
    options.inbox = (dir / "inbox").string();

    const BatchResult written = run_batch(rulebook, *store, options);
    BOOST_REQUIRE(written.run.tenders.size() == written.run.tenders_reported);
    BOOST_REQUIRE(written.run.tenders.size() > 10u);
    const auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24 * 400);
    std::map<std::string, TenderOutcome> first;  // by tender id
    for (const auto& to : written.run.tenders) {
        BOOST_TEST(to.fingerprint.size() == 64u);
        BOOST_TEST(store->tender_screening(to.tender_id)->outcome.fingerprint == to.fingerprint);
        fs::last_write_time(to.workbook, long_ago);
        first[to.tender_id] = to;
    }
    // Which run stored each tender's bids' findings last.
    auto stored_by = [&](const std::string& tender_id) {
        std::set<std::string> runs;
        for (const auto& sf : store->load_tender_findings(tender_id)) runs.insert(sf.run_id);
        return runs;
    };

    const BatchResult again = run_batch(rulebook, *store, options);
    BOOST_TEST(again.run.tenders.size() == written.run.tenders.size(), "still screened, and listed with the run");
    BOOST_TEST((again.run.outcomes == written.run.outcomes), "their findings still counted with the run");
    for (const auto& to : again.run.tenders) {
        BOOST_TEST_CONTEXT(to.tender_id) {
            BOOST_TEST(to.fingerprint == first[to.tender_id].fingerprint);
            BOOST_TEST((fs::last_write_time(to.workbook) == long_ago), "left as it was");
            BOOST_TEST(stored_by(to.tender_id).count(again.run.id) == 0u, "findings not stored again");
            BOOST_TEST(store->tender_screening(to.tender_id)->run_id == again.run.id);
        }
    }

    // One bidder sends its answers again (the same, one line longer): that tender's comparison
    // is written again. Another's comparison is deleted: written again too. The rest are left.
    const std::string changed = "BX-T-2025-021", deleted = "BX-T-2025-014";
    BOOST_REQUIRE(first.count(changed) == 1u);
    BOOST_REQUIRE(first.count(deleted) == 1u);
    {
        std::ofstream more(dir / "inbox" / "tenders" / changed / ("portal-export-" + changed + ".csv"), std::ios::app);
        more << "\n";
    }
    fs::remove(first[deleted].workbook);
    const BatchResult third = run_batch(rulebook, *store, options);
    BOOST_TEST(third.run.tenders.size() == written.run.tenders.size());
    for (const auto& to : third.run.tenders) {
        BOOST_TEST_CONTEXT(to.tender_id) {
            if (to.tender_id == changed) {
                BOOST_TEST(to.fingerprint != first[changed].fingerprint);
                BOOST_TEST((fs::last_write_time(to.workbook) != long_ago), "written again");
                BOOST_TEST(stored_by(changed).count(third.run.id) == 1u, "its findings stored again");
            } else if (to.tender_id == deleted) {
                BOOST_TEST(to.fingerprint == first[deleted].fingerprint);
                BOOST_TEST(fs::is_regular_file(to.workbook), "written again");
            } else {
                BOOST_TEST((fs::last_write_time(to.workbook) == long_ago), "left as it was");
                BOOST_TEST(stored_by(to.tender_id).count(third.run.id) == 0u);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(one_thread_or_several_write_the_same_workbooks) {
    // Contracts are judged and written on worker threads; the order they finish in must not
    // show in the output.
    auto& s = SampleRun::get();
    for (unsigned jobs : {1u, 5u}) {
        const fs::path dir = fs::path(FAIRGATE_TEST_TMP) / ("sample-jobs-" + std::to_string(jobs));
        fs::remove_all(dir);
        fs::create_directories(dir);
        auto store = Store::open("sqlite:" + (dir / "fairgate.db").string());
        BatchOptions o = options_in(dir);
        o.jobs = jobs;
        const BatchResult r = run_batch(s.rulebook, *store, o);
        BOOST_TEST((r.run.outcomes == s.first.run.outcomes));
        BOOST_REQUIRE(r.run.contracts.size() == s.first.run.contracts.size());
        for (size_t i = 0; i < r.run.contracts.size(); ++i) {
            BOOST_TEST_CONTEXT(jobs << " jobs, " << r.run.contracts[i].contract_id) {
                BOOST_TEST(r.run.contracts[i].contract_id == s.first.run.contracts[i].contract_id);
                BOOST_TEST((slurp(r.run.contracts[i].workbook) == slurp(s.first.run.contracts[i].workbook)));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_threshold_changed_in_the_rulebook_changes_the_finding) {
    // BX-2025-0170 has 2 KPIs and fails at the default minimum of 3. An officer lowering the
    // minimum to 2 in the rules file (no code change) must see it pass.
    std::string xml = slurp(kSource + "/rules/bexley.xml");
    const std::string from = R"(<param name="kpi_min" type="integer" value="3")";
    const auto at = xml.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    xml.replace(at, from.size(), R"(<param name="kpi_min" type="integer" value="2")");
    const Rulebook edited = load_rulebook_text(xml, "bexley-edited.xml");

    const fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "sample-edited";
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto store = Store::open("sqlite:" + (dir / "fairgate.db").string());
    run_batch(edited, *store, options_in(dir));
    bool seen = false;
    for (const auto& sf : store->load_findings("BX-2025-0170")) {
        if (sf.finding.rule_id != "CON-KPIS") continue;
        seen = true;
        BOOST_TEST(to_string(sf.finding.outcome) == "pass");
    }
    BOOST_TEST(seen);

    // ...and nothing else changes: every other finding's outcome is what the shipped
    // rulebook gave.
    std::map<std::string, Outcome> before;
    for (const auto& f : all_findings(*SampleRun::get().store)) before[f.subject_id + " " + f.rule_id] = f.outcome;
    std::vector<std::string> changed;
    for (const auto& f : all_findings(*store)) {
        auto it = before.find(f.subject_id + " " + f.rule_id);
        if (it == before.end() || it->second != f.outcome) changed.push_back(f.subject_id + " " + f.rule_id);
    }
    BOOST_TEST(changed.size() == 1u);
    BOOST_TEST((changed == std::vector<std::string>{"contract:BX-2025-0170 CON-KPIS"}));
}

BOOST_AUTO_TEST_CASE(the_same_batch_on_postgresql_reaches_the_same_findings, FAIRGATE_NEEDS_POSTGRES) {
    // The store's SQL is one for both backends: the sample judged through PostgreSQL must
    // give exactly the findings it gives through SQLite.
    auto pg = test::make_postgres_db("sample_batch");
    BOOST_TEST_REQUIRE(pg.get() != nullptr);
    auto& s = SampleRun::get();
    const fs::path dir = fs::path(FAIRGATE_TEST_TMP) / "sample-postgresql";
    fs::remove_all(dir);
    auto store = pg->open();
    BOOST_TEST(store->backend() == "postgresql");
    const BatchResult r = run_batch(s.rulebook, *store, options_in(dir));
    BOOST_TEST((r.run.status == RunStatus::Completed));
    BOOST_TEST((r.run.outcomes == s.first.run.outcomes));

    auto key = [](const Finding& f) {
        return f.subject_id + " " + f.rule_id + " " + std::string(to_string(f.outcome)) + " " + f.message;
    };
    std::multiset<std::string> on_sqlite, on_postgresql;
    for (const auto& f : all_findings(*s.store)) on_sqlite.insert(key(f));
    for (const auto& f : all_findings(*store)) on_postgresql.insert(key(f));
    BOOST_TEST(on_postgresql.size() == on_sqlite.size());
    BOOST_TEST((on_postgresql == on_sqlite));
    BOOST_TEST(pg->count("findings") == static_cast<long>(on_sqlite.size()));
}

BOOST_AUTO_TEST_SUITE_END()
