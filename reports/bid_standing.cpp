#include "reports/bid_standing.hpp"

#include <map>

#include "reports/workbook_file.hpp"

namespace fairgate::reports {

namespace {

/// Per tender rule the bid was judged on: its worst finding.
std::map<std::string, const Finding*> worst_by_rule(const std::vector<Finding>& bid_findings) {
    std::map<std::string, const Finding*> worst;
    for (const Finding& f : bid_findings) {
        if (f.stage != Stage::Tender) continue;
        const Finding*& slot = worst[f.rule_id];
        if (!slot || detail::worst_first_rank(f.outcome) < detail::worst_first_rank(slot->outcome)) slot = &f;
    }
    return worst;
}

}  // namespace

std::string_view to_string(BidStanding s) {
    switch (s) {
        case BidStanding::CanProceed: return "can-proceed";
        case BidStanding::NeedsDecision: return "needs-decision";
        case BidStanding::CannotProceed: return "cannot-proceed";
    }
    return "?";
}

BidStanding bid_standing(const std::vector<Finding>& bid_findings, const std::vector<std::string>& mandatory_rules) {
    const std::map<std::string, const Finding*> worst = worst_by_rule(bid_findings);
    bool undecided = false;
    for (const std::string& id : mandatory_rules) undecided = undecided || worst.count(id) == 0;
    for (const auto& [id, f] : worst) {
        if (f->severity != Severity::Mandatory) continue;
        switch (f->outcome) {
            case Outcome::Fail: return BidStanding::CannotProceed;
            case Outcome::Pass:
            case Outcome::NotApplicable: break;
            case Outcome::Warn:
            case Outcome::Refer:
            case Outcome::Missing: undecided = true; break;
        }
    }
    return undecided ? BidStanding::NeedsDecision : BidStanding::CanProceed;
}

BidStanding bid_standing(const std::vector<Finding>& bid_findings, const Rulebook* rulebook) {
    std::vector<std::string> mandatory;
    if (rulebook) {
        for (const Rule& r : rulebook->rules) {
            if (r.stage == Stage::Tender && r.severity == Severity::Mandatory) mandatory.push_back(r.id);
        }
    }
    return bid_standing(bid_findings, mandatory);
}

int severity_weight(Severity s) {
    switch (s) {
        case Severity::Mandatory: return 8;
        case Severity::Major: return 4;
        case Severity::Minor: return 2;
        case Severity::Advisory: return 1;
    }
    return 0;
}

int weighted_passes(const std::vector<Finding>& bid_findings) {
    int total = 0;
    for (const auto& [id, f] : worst_by_rule(bid_findings)) {
        if (f->outcome == Outcome::Pass) total += severity_weight(f->severity);
    }
    return total;
}

bool ranks_above(const BidScore& a, const BidScore& b) {
    if (a.standing != b.standing) return a.standing < b.standing;
    return a.weighted_passes > b.weighted_passes;
}

}  // namespace fairgate::reports
