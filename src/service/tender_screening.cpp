#include "service/tender_screening.hpp"

namespace fairgate::service {

std::optional<ScreenedTender> screen_tender(Store& store, const std::string& tender_id, const Rulebook& rulebook) {
    // An empty dictionary: the store skips every answer, so only the bids' identities are read.
    const FieldDictionary no_answers;
    std::optional<TenderContext> ctx = store.load_tender(tender_id, no_answers);
    if (!ctx) return std::nullopt;
    std::vector<Finding> findings;
    for (StoredFinding& s : store.load_tender_findings(tender_id)) findings.push_back(std::move(s.finding));

    ScreenedTender t;
    t.tender_id = tender_id;
    if (ctx->contract) t.contract_id = ctx->contract->id;
    std::vector<const SupplierReturn*> bids;
    for (const SupplierReturn& b : ctx->bids) bids.push_back(&b);
    for (reports::ScreenedBid& s :
         reports::screen_bids(bids, findings, reports::expected_mandatory_rules(&rulebook, findings))) {
        TenderBid bid;
        bid.supplier_id = s.bid->supplier_id;
        bid.supplier_name = s.bid->supplier_name;
        bid.subject = s.bid->id();
        bid.source_sha256 = s.bid->source_sha256;
        bid.standing = s.score.standing;
        bid.rank = s.rank;
        for (const Finding& f : s.findings) ++bid.outcomes[static_cast<size_t>(f.outcome)];
        bid.findings = std::move(s.findings);
        t.bids.push_back(std::move(bid));
    }
    t.bidder_count = t.bids.size();
    return t;
}

std::vector<ScreenedTender> screen_all_tenders(Store& store, const Rulebook& rulebook) {
    std::vector<ScreenedTender> out;
    for (const std::string& id : store.all_tender_ids()) {
        // A tender whose last bid went between the two reads is simply not listed.
        if (auto t = screen_tender(store, id, rulebook)) out.push_back(std::move(*t));
    }
    return out;
}

}  // namespace fairgate::service
