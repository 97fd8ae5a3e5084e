// save_findings replaces per subject; load_findings reads a contract's findings back.

#include <chrono>
#include <cstdlib>
#include <string>

#include "store_fixture.hpp"

using namespace fairgate;
using namespace fairgate::test;

BOOST_AUTO_TEST_SUITE(findings)

namespace {

const StoredFinding* find(const std::vector<StoredFinding>& all, const std::string& subject, const std::string& rule) {
    for (const auto& s : all) {
        if (s.finding.subject_id == subject && s.finding.rule_id == rule) return &s;
    }
    return nullptr;
}

}  // namespace

STORE_CASE(findings_round_trip_with_evidence) {
    auto store = db.open();
    Finding f = make_finding("quarterly:BX-1:2026-Q2", "Q-SHARE", "BX-1", Outcome::Fail);
    store->save_findings("run-1", {f});
    auto all = store->load_findings("BX-1");
    BOOST_TEST_REQUIRE(all.size() == 1u);
    const Finding& g = all[0].finding;
    BOOST_TEST(all[0].run_id == "run-1");
    BOOST_TEST(g.subject_id == f.subject_id);
    BOOST_TEST(g.contract_id == f.contract_id);
    BOOST_TEST(g.tender_id == f.tender_id);
    BOOST_TEST(g.supplier_id == f.supplier_id);
    BOOST_TEST(g.period == f.period);
    BOOST_TEST((g.stage == f.stage));
    BOOST_TEST(g.rule_id == f.rule_id);
    BOOST_TEST(g.rule_title == f.rule_title);
    BOOST_TEST(g.rulebook_id == f.rulebook_id);
    BOOST_TEST(g.rulebook_version == f.rulebook_version);
    BOOST_TEST((g.outcome == f.outcome));
    BOOST_TEST((g.severity == f.severity));
    BOOST_TEST(g.message == f.message);
    BOOST_TEST(g.expected == f.expected);
    BOOST_TEST(g.found == f.found);
    BOOST_TEST(g.remedy == f.remedy);
    BOOST_TEST(g.citations == f.citations, boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(g.evidence.size() == f.evidence.size());
    for (size_t i = 0; i < f.evidence.size(); ++i) {
        BOOST_TEST(g.evidence[i].field == f.evidence[i].field);
        BOOST_TEST(g.evidence[i].value == f.evidence[i].value);
        BOOST_TEST((g.evidence[i].where == f.evidence[i].where));
    }
    BOOST_TEST(store->load_findings("BX-404").empty());
}

STORE_CASE(a_subjects_findings_are_replaced_and_others_kept) {
    auto store = db.open();
    const std::string a = "tender:T-1:SUP-1", b = "tender:T-1:SUP-2", c = "contract:BX-1";
    std::vector<Finding> first = {make_finding(a, "R1", "BX-1", Outcome::Pass), make_finding(a, "R2", "BX-1", Outcome::Fail),
                                  make_finding(b, "R1", "BX-1", Outcome::Warn), make_finding(c, "R9", "BX-1", Outcome::Pass)};
    first[0].citations.clear();
    first[0].evidence.clear();
    store->save_findings("run-1", first);
    BOOST_TEST(db.count("findings") == 4);
    BOOST_TEST(db.count("finding_evidence") == 6);

    // Subject a judged again: R2 no longer applies, R1 changed, R3 new. The same rule twice
    // in one batch: the later one wins.
    std::vector<Finding> second = {make_finding(a, "R1", "BX-1", Outcome::Refer), make_finding(a, "R3", "BX-1", Outcome::Missing),
                                   make_finding(a, "R1", "BX-1", Outcome::Fail)};
    second[2].evidence.resize(1);
    store->save_findings("run-2", second);
    store->save_findings("run-2", {});
    BOOST_TEST(db.count("findings") == 4);
    BOOST_TEST(db.count("finding_evidence") == 1 + 2 + 2 + 2);

    auto all = store->load_findings("BX-1");
    BOOST_TEST(all.size() == 4u);
    BOOST_TEST(!find(all, a, "R2"));
    const StoredFinding* r1 = find(all, a, "R1");
    BOOST_TEST_REQUIRE(r1);
    BOOST_TEST((r1->finding.outcome == Outcome::Fail));
    BOOST_TEST(r1->finding.evidence.size() == 1u);
    BOOST_TEST(r1->run_id == "run-2");
    BOOST_TEST_REQUIRE(find(all, a, "R3"));
    const StoredFinding* kept = find(all, b, "R1");
    BOOST_TEST_REQUIRE(kept);
    BOOST_TEST(kept->run_id == "run-1");
    BOOST_TEST((kept->finding.outcome == Outcome::Warn));
    BOOST_TEST_REQUIRE(find(all, c, "R9"));
    BOOST_TEST(find(all, c, "R9")->finding.evidence.size() == 2u);
}

STORE_CASE(many_findings_are_saved_quickly) {
    // The size of a large council's portfolio judged in one run; the time is reported, the
    // replace semantics checked.
    // FAIRGATE_STORE_BENCH_FINDINGS overrides the count (to measure PostgreSQL at 100k too).
    const char* env = std::getenv("FAIRGATE_STORE_BENCH_FINDINGS");
    const size_t n = env && *env ? std::stoul(env) : db.backend() == "sqlite" ? 100000 : 20000;
    std::vector<Finding> all;
    all.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const std::string contract = "BX-" + std::to_string(i / 50);
        all.push_back(make_finding("quarterly:" + contract + ":" + std::to_string(i / 10), "R" + std::to_string(i % 10),
                                   contract, Outcome::Pass));
    }
    auto store = db.open();
    const auto t0 = std::chrono::steady_clock::now();
    store->save_findings("run-1", all);
    const auto t1 = std::chrono::steady_clock::now();
    store->save_findings("run-2", all);
    const auto t2 = std::chrono::steady_clock::now();
    const auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
    BOOST_TEST_MESSAGE(db.backend() << ": save_findings of " << n << " findings (" << 2 * n
                                    << " evidence rows): " << ms(t1 - t0) << " ms new, " << ms(t2 - t1)
                                    << " ms replacing");
    BOOST_TEST(db.count("findings") == static_cast<long>(n));
    BOOST_TEST(db.count("finding_evidence") == static_cast<long>(2 * n));
    BOOST_TEST(store->load_findings("BX-7").size() == std::min<size_t>(50, n > 350 ? 50 : 0));
}

BOOST_AUTO_TEST_SUITE_END()
