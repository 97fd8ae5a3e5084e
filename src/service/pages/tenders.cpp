#include "service/pages/tenders.hpp"

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <utility>

#include "service/api_json.hpp"
#include "service/pages/cells.hpp"
#include "service/pages/html.hpp"

namespace fairgate::service::pages {

namespace {

std::string tender_href(const std::string& tender_id) { return "/tenders/" + path_segment(tender_id); }

// A link that downloads a tender's comparison workbook, named for screen readers.
std::string comparison_anchor(const std::string& tender_id) {
    return "<a href=\"" + html_escape(tender_workbook_link(tender_id)) + "\" download>Comparison workbook"
           "<span class=\"visually-hidden\"> for " + html_escape(tender_id) + "</span></a>";
}

// Row colours follow the contract list's: green, amber, red; the text says the same.
const char* standing_class(reports::BidStanding s) {
    switch (s) {
        case reports::BidStanding::CanProceed: return "green";
        case reports::BidStanding::NeedsDecision: return "amber";
        case reports::BidStanding::CannotProceed: return "red";
    }
    return "";
}

std::string bidder_name(const TenderBid& b) {
    if (b.supplier_name.empty()) return b.supplier_id.empty() ? std::string("(unnamed bidder)") : b.supplier_id;
    return b.supplier_id.empty() ? b.supplier_name : b.supplier_name + " (" + b.supplier_id + ")";
}

// A standing's rule in words (reports::standing_of), for whoever decides on the bid.
const char* standing_reason(reports::BidStanding s) {
    switch (s) {
        case reports::BidStanding::CanProceed: return "every mandatory rule passed or did not apply";
        case reports::BidStanding::NeedsDecision:
            return "no mandatory rule failed, but one was referred, warned, left blank or not judged: ask the bidder";
        case reports::BidStanding::CannotProceed: return "a mandatory rule failed";
    }
    return "";
}

}  // namespace

const char* standing_label(reports::BidStanding s) {
    switch (s) {
        case reports::BidStanding::CanProceed: return "Can proceed";
        case reports::BidStanding::NeedsDecision: return "Needs a decision";
        case reports::BidStanding::CannotProceed: return "Cannot proceed";
    }
    return "?";
}

std::string tenders_page(const std::vector<ScreenedTender>& tenders, PageFrame frame) {
    std::ostringstream html;
    frame.title = "Tenders";
    frame.current = NavItem::Tenders;
    html << "<h1>Tenders</h1>\n"
         << "<p>Every tender with a bid, screened the moment its bids arrived: whether each bid can proceed to "
            "award on the mandatory rules, and how the bids rank. The comparison workbook has every rule side by "
            "side and the questions to ask each bidder.</p>\n";
    if (tenders.empty()) {
        html << "<div class=\"notice\"><p><strong>No bids yet:</strong> put bidders' questionnaires in the inbox or upload them "
                "(<a href=\"/upload\">Upload returns</a>, or <code>POST /api/v1/returns</code>); each tender appears here "
                "once its first bid is stored.</p></div>\n";
        return page(frame, html.str());
    }
    html << "<table>\n<caption>" << tenders.size() << (tenders.size() == 1 ? " tender" : " tenders") << "</caption>\n"
         << "<thead><tr><th scope=\"col\">Tender</th><th scope=\"col\">Contract awarded</th>"
            "<th scope=\"col\">Bidders</th><th scope=\"col\">Bidders' standing, by rank</th>"
            "<th scope=\"col\">Comparison</th></tr></thead>\n<tbody>\n";
    for (const ScreenedTender& t : tenders) {
        std::vector<const TenderBid*> ranked;
        for (const TenderBid& b : t.bids) ranked.push_back(&b);
        std::stable_sort(ranked.begin(), ranked.end(), [](const TenderBid* x, const TenderBid* y) { return x->rank < y->rank; });
        html << "<tr><th scope=\"row\"><a href=\"" << html_escape(tender_href(t.tender_id)) << "\">"
             << html_escape(t.tender_id) << "</a></th><td>" << html_escape(t.contract_id.value_or("Not yet"))
             << "</td><td>" << t.bidder_count << "</td><td><ol>";
        for (const TenderBid* b : ranked)
            html << "<li>" << html_escape(bidder_name(*b)) << ": " << standing_label(b->standing) << "</li>";
        html << "</ol></td><td>" << comparison_anchor(t.tender_id) << "</td></tr>\n";
    }
    html << "</tbody>\n</table>\n";
    return page(frame, html.str());
}

std::string tender_page(const ScreenedTender& t, PageFrame frame) {
    std::vector<const TenderBid*> ranked;
    for (const TenderBid& b : t.bids) ranked.push_back(&b);
    std::stable_sort(ranked.begin(), ranked.end(), [](const TenderBid* x, const TenderBid* y) { return x->rank < y->rank; });
    std::ostringstream html;
    frame.title = "Tender " + t.tender_id;
    frame.current = NavItem::Tenders;
    html << "<p><a href=\"/tenders\">All tenders</a></p>\n<h1>Tender " << html_escape(t.tender_id) << "</h1>\n"
         << "<dl>\n<dt>Contract awarded</dt><dd>"
         << html_escape(t.contract_id.value_or("Not yet: the bids are screened before award")) << "</dd>\n"
         << "<dt>Bidders</dt><dd>" << t.bidder_count << "</dd>\n</dl>\n<p>" << comparison_anchor(t.tender_id)
         << " | <a href=\"/api/v1/tenders/" << html_escape(path_segment(t.tender_id))
         << "\">This tender as JSON</a></p>\n";
    // One column per bidder, best first, so that bids are compared across a row.
    html << "<table>\n<caption>Bidders, best first, side by side</caption>\n<thead><tr><td></td>";
    for (const TenderBid* b : ranked) html << "<th scope=\"col\">" << html_escape(bidder_name(*b)) << "</th>";
    html << "</tr></thead>\n<tbody>\n<tr><th scope=\"row\">Rank</th>";
    for (const TenderBid* b : ranked) html << "<td>" << b->rank << "</td>";
    html << "</tr>\n<tr><th scope=\"row\">Can it proceed to award?</th>";
    for (const TenderBid* b : ranked)
        html << "<td class=\"" << standing_class(b->standing) << "\"><strong>" << standing_label(b->standing)
             << "</strong>: " << standing_reason(b->standing) << "</td>";
    html << "</tr>\n";
    const std::pair<const char*, std::vector<Outcome>> counted[] = {{"Passed", {Outcome::Pass}},
                                                                    {"Failed", {Outcome::Fail}},
                                                                    {"Missing", {Outcome::Missing}},
                                                                    {"Warnings and referrals", {Outcome::Warn, Outcome::Refer}}};
    for (const auto& [label, outcomes] : counted) {
        html << "<tr><th scope=\"row\">" << label << "</th>";
        for (const TenderBid* b : ranked) {
            uint64_t n = 0;
            for (Outcome o : outcomes) n += b->outcomes[static_cast<size_t>(o)];
            html << "<td>" << n << "</td>";
        }
        html << "</tr>\n";
    }
    html << "<tr><th scope=\"row\">Clarifications to ask</th>";
    for (const TenderBid* b : ranked) {
        std::string asks;
        for (const Finding& f : b->findings)
            if (f.outcome == Outcome::Missing || f.outcome == Outcome::Refer || f.outcome == Outcome::Warn)
                asks += "<li>" + html_escape(f.rule_title.empty() ? f.rule_id : f.rule_title) + ": " +
                        html_escape(f.remedy.empty() ? f.message : f.remedy) + "</li>";
        html << "<td>" << (asks.empty() ? std::string("None") : "<ul>" + asks + "</ul>") << "</td>";
    }
    html << "</tr>\n</tbody>\n</table>\n";
    // What stands in the way of each bid; passes are in the workbook.
    html << "<table>\n<caption>Findings to act on</caption>\n<thead><tr><th scope=\"col\">Bidder</th>"
            "<th scope=\"col\">Rule</th><th scope=\"col\">Outcome</th><th scope=\"col\">Severity</th>"
            "<th scope=\"col\">Message</th><th scope=\"col\">What to do</th></tr></thead>\n<tbody>\n";
    size_t shown = 0;
    for (const TenderBid* b : ranked) {
        for (const Finding& f : b->findings) {
            if (f.outcome == Outcome::Pass || f.outcome == Outcome::NotApplicable) continue;
            ++shown;
            html << "<tr><th scope=\"row\">" << html_escape(bidder_name(*b)) << "</th><td>" << html_escape(f.rule_id)
                 << ": " << html_escape(f.rule_title) << "</td><td>" << html_escape(to_string(f.outcome))
                 << "</td><td>" << html_escape(to_string(f.severity)) << "</td><td>"
                 << html_escape(f.message) << "</td><td>" << html_escape(f.remedy) << "</td></tr>\n";
        }
    }
    if (shown == 0) html << "<tr><td colspan=\"6\">None: every rule passed or did not apply.</td></tr>\n";
    html << "</tbody>\n</table>\n";
    return page(frame, html.str());
}

}  // namespace fairgate::service::pages
