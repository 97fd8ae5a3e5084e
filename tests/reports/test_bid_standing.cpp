// Whether a bid can proceed to award, and how bids rank: the one decision the tender
// comparison, the pipeline and the API share.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "reports/bid_standing.hpp"
#include "report_fixture.hpp"

using namespace fairgate;
using namespace fairgate::reports;
using fairgate::test::bexley;

namespace {

Finding finding(const std::string& rule, Severity severity, Outcome outcome, Stage stage = Stage::Tender) {
    Finding f;
    f.subject_id = "tender:T-1:0001";
    f.stage = stage;
    f.rule_id = rule;
    f.severity = severity;
    f.outcome = outcome;
    return f;
}

/// Two mandatory rules, M1 and M2, passed, and a major and a minor rule with `other`.
std::vector<Finding> bid(Outcome m2, Outcome other = Outcome::Pass) {
    return {finding("M1", Severity::Mandatory, Outcome::Pass), finding("M2", Severity::Mandatory, m2),
            finding("J1", Severity::Major, other), finding("N1", Severity::Minor, other)};
}

const std::vector<std::string> kMandatory = {"M1", "M2"};

}  // namespace

BOOST_AUTO_TEST_SUITE(bid_standing_of_a_bid)

BOOST_AUTO_TEST_CASE(every_mandatory_rule_passed_or_not_applicable_can_proceed) {
    BOOST_TEST((bid_standing(bid(Outcome::Pass), kMandatory) == BidStanding::CanProceed));
    BOOST_TEST((bid_standing(bid(Outcome::NotApplicable), kMandatory) == BidStanding::CanProceed));
    // Failures below mandatory lower the rank, not the standing.
    BOOST_TEST((bid_standing(bid(Outcome::Pass, Outcome::Fail), kMandatory) == BidStanding::CanProceed));
}

BOOST_AUTO_TEST_CASE(a_failed_mandatory_rule_cannot_proceed_whatever_else) {
    BOOST_TEST((bid_standing(bid(Outcome::Fail), kMandatory) == BidStanding::CannotProceed));
    std::vector<Finding> both = bid(Outcome::Fail);
    both.push_back(finding("M3", Severity::Mandatory, Outcome::Missing));
    BOOST_TEST((bid_standing(both, kMandatory) == BidStanding::CannotProceed));
    // A rule judged twice counts by its worst finding.
    std::vector<Finding> twice = bid(Outcome::Pass);
    twice.push_back(finding("M1", Severity::Mandatory, Outcome::Fail));
    BOOST_TEST((bid_standing(twice, kMandatory) == BidStanding::CannotProceed));
}

BOOST_AUTO_TEST_CASE(referred_missing_warned_or_unjudged_mandatory_rules_need_a_decision) {
    for (Outcome o : {Outcome::Refer, Outcome::Missing, Outcome::Warn}) {
        BOOST_TEST_CONTEXT(to_string(o)) {
            BOOST_TEST((bid_standing(bid(o), kMandatory) == BidStanding::NeedsDecision));
        }
    }
    // M3 expected but never judged for this bid.
    BOOST_TEST((bid_standing(bid(Outcome::Pass), {"M1", "M2", "M3"}) == BidStanding::NeedsDecision));
    BOOST_TEST((bid_standing({}, kMandatory) == BidStanding::NeedsDecision));
    BOOST_TEST((bid_standing({}, std::vector<std::string>{}) == BidStanding::CanProceed));
}

BOOST_AUTO_TEST_CASE(only_tender_findings_count) {
    std::vector<Finding> f = bid(Outcome::Pass);
    f.push_back(finding("Q1", Severity::Mandatory, Outcome::Fail, Stage::Quarterly));
    BOOST_TEST((bid_standing(f, kMandatory) == BidStanding::CanProceed));
    BOOST_TEST(weighted_passes(f) == weighted_passes(bid(Outcome::Pass)));
}

BOOST_AUTO_TEST_CASE(with_a_rulebook_every_mandatory_tender_rule_is_expected) {
    std::vector<Finding> all_passed;
    for (const Rule& r : bexley().rules) {
        if (r.stage == Stage::Tender) all_passed.push_back(finding(r.id, r.severity, Outcome::Pass));
    }
    BOOST_TEST((bid_standing(all_passed, &bexley()) == BidStanding::CanProceed));
    std::vector<Finding> one_short = all_passed;
    one_short.erase(one_short.begin());  // TND-EQ-POLICY, mandatory, not judged
    BOOST_TEST((all_passed.front().severity == Severity::Mandatory));
    BOOST_TEST((bid_standing(one_short, &bexley()) == BidStanding::NeedsDecision));
    BOOST_TEST((bid_standing(one_short) == BidStanding::CanProceed));  // no rulebook: findings only
}

BOOST_AUTO_TEST_CASE(codes_for_the_api) {
    BOOST_TEST(to_string(BidStanding::CanProceed) == "can-proceed");
    BOOST_TEST(to_string(BidStanding::NeedsDecision) == "needs-decision");
    BOOST_TEST(to_string(BidStanding::CannotProceed) == "cannot-proceed");
}

BOOST_AUTO_TEST_CASE(passes_are_weighted_by_severity_each_rule_once) {
    BOOST_TEST(severity_weight(Severity::Mandatory) > severity_weight(Severity::Major));
    BOOST_TEST(severity_weight(Severity::Major) > severity_weight(Severity::Minor));
    BOOST_TEST(severity_weight(Severity::Minor) > severity_weight(Severity::Advisory));
    const int m = severity_weight(Severity::Mandatory), j = severity_weight(Severity::Major),
              n = severity_weight(Severity::Minor);
    BOOST_TEST(weighted_passes(bid(Outcome::Pass)) == 2 * m + j + n);
    BOOST_TEST(weighted_passes(bid(Outcome::Refer, Outcome::Warn)) == m);
    std::vector<Finding> twice = bid(Outcome::Pass);
    twice.push_back(finding("J1", Severity::Major, Outcome::Pass));  // counted once
    twice.push_back(finding("N1", Severity::Minor, Outcome::Fail));  // its worst is a fail
    BOOST_TEST(weighted_passes(twice) == 2 * m + j);
}

BOOST_AUTO_TEST_CASE(standing_ranks_before_weighted_passes) {
    const BidScore proceed_few{BidStanding::CanProceed, 1};
    const BidScore decide_many{BidStanding::NeedsDecision, 100};
    const BidScore blocked_many{BidStanding::CannotProceed, 200};
    BOOST_TEST(ranks_above(proceed_few, decide_many));
    BOOST_TEST(ranks_above(decide_many, blocked_many));
    BOOST_TEST(!ranks_above(blocked_many, proceed_few));
    BOOST_TEST(ranks_above(BidScore{BidStanding::CanProceed, 9}, proceed_few));
    BOOST_TEST(!ranks_above(proceed_few, proceed_few));  // a tie: the caller orders by name
}

BOOST_AUTO_TEST_CASE(screen_bids_matches_findings_orders_by_name_and_ranks) {
    auto make_bid = [](const std::string& supplier, const std::string& name) {
        SupplierReturn r;
        r.tender_id = "T-1";
        r.supplier_id = supplier;
        r.supplier_name = name;
        return r;
    };
    const SupplierReturn zeta = make_bid("0001", "Zeta Ltd"), alpha = make_bid("0002", "Alpha Ltd"),
                         beta = make_bid("0003", "Beta Ltd");
    auto of = [](const SupplierReturn& r, std::vector<Finding> found) {
        for (Finding& f : found) f.subject_id = r.id();
        return found;
    };
    std::vector<Finding> findings = of(zeta, bid(Outcome::Pass));         // can proceed
    for (Finding& f : of(alpha, bid(Outcome::Fail))) findings.push_back(f);  // cannot proceed
    // Beta was judged on M1 only: M2 not judged, so a decision is needed.
    findings.push_back(of(beta, {finding("M1", Severity::Mandatory, Outcome::Pass)}).front());
    Finding stray = finding("M1", Severity::Mandatory, Outcome::Fail);
    stray.subject_id = "tender:T-1:9999";  // no such bid: left out
    findings.push_back(stray);

    const std::vector<ScreenedBid> s =
        screen_bids({&zeta, nullptr, &alpha, &beta}, findings, expected_mandatory_rules(nullptr, findings));
    BOOST_REQUIRE_EQUAL(s.size(), 3u);
    BOOST_TEST(s[0].bid == &alpha);  // by name
    BOOST_TEST(s[1].bid == &beta);
    BOOST_TEST(s[2].bid == &zeta);
    BOOST_TEST((s[0].score.standing == BidStanding::CannotProceed));
    BOOST_TEST((s[1].score.standing == BidStanding::NeedsDecision));
    BOOST_TEST((s[2].score.standing == BidStanding::CanProceed));
    BOOST_TEST(s[0].rank == 3u);
    BOOST_TEST(s[1].rank == 2u);
    BOOST_TEST(s[2].rank == 1u);
    BOOST_TEST(s[0].findings.size() == 4u);
    BOOST_TEST(s[1].findings.size() == 1u);
    // Without a rulebook the findings name the mandatory rules, each once.
    BOOST_TEST((expected_mandatory_rules(nullptr, findings) == std::vector<std::string>{"M1", "M2"}));
}

BOOST_AUTO_TEST_SUITE_END()
