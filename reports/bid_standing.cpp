#include "reports/bid_standing.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "model/company_number.hpp"
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

void sort_bids(std::vector<const SupplierReturn*>& bids) {
    bids.erase(std::remove(bids.begin(), bids.end(), nullptr), bids.end());
    std::stable_sort(bids.begin(), bids.end(), [](const SupplierReturn* x, const SupplierReturn* y) {
        if (x->supplier_name != y->supplier_name) return x->supplier_name < y->supplier_name;
        if (x->supplier_id != y->supplier_id) return x->supplier_id < y->supplier_id;
        return x->source_sha256 < y->source_sha256;
    });
}

std::size_t bid_for_finding(const std::vector<const SupplierReturn*>& bids, const Finding& f) {
    for (std::size_t i = 0; i < bids.size(); ++i) {
        if (f.subject_id.empty() ? same_supplier(bids[i]->supplier_id, f.supplier_id) : bids[i]->id() == f.subject_id)
            return i;
    }
    return bids.size();
}

std::vector<std::string> expected_mandatory_rules(const Rulebook* rulebook, const std::vector<Finding>& findings) {
    std::set<std::string> seen;
    std::vector<std::string> mandatory;
    if (rulebook) {
        for (const Rule& r : rulebook->rules) {
            if (r.stage != Stage::Tender || !seen.insert(r.id).second) continue;
            if (r.severity == Severity::Mandatory) mandatory.push_back(r.id);
        }
    }
    for (const Finding& f : findings) {
        if (seen.insert(f.rule_id).second && f.severity == Severity::Mandatory) mandatory.push_back(f.rule_id);
    }
    return mandatory;
}

std::vector<ScreenedBid> screen_bids(std::vector<const SupplierReturn*> bids, const std::vector<Finding>& findings,
                                     const std::vector<std::string>& mandatory_rules) {
    sort_bids(bids);
    std::vector<ScreenedBid> out(bids.size());
    for (std::size_t i = 0; i < bids.size(); ++i) out[i].bid = bids[i];
    for (const Finding& f : findings) {
        const std::size_t i = bid_for_finding(bids, f);
        if (i < bids.size()) out[i].findings.push_back(f);
    }
    for (ScreenedBid& s : out) s.score = {bid_standing(s.findings, mandatory_rules), weighted_passes(s.findings)};
    std::vector<std::size_t> order(out.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Stable: equal bids keep sort_bids order.
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return ranks_above(out[x].score, out[y].score); });
    for (std::size_t k = 0; k < order.size(); ++k) out[order[k]].rank = k + 1;
    return out;
}

}  // namespace fairgate::reports
