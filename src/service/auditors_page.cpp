#include "service/auditors_page.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "service/api_json.hpp"

namespace fairgate::service {

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

bool matches(const ContractPosition& p, const PageFilter& filter) {
    return (!filter.status || p.outcome.status == *filter.status) &&
           (filter.area.empty() || p.category == filter.area);
}

namespace {

// Colour is never the only signal: the status is written as a word too.
// Colour is never the only signal: the status is written as a word too. Links and focus
// meet WCAG AA contrast on every row colour (GOV.UK's focus style: yellow with a black bar).
constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#0b0c0c}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #b1b4b6;padding:.4rem .6rem;text-align:left;"
    "vertical-align:top}thead th{background:#f3f2f1}caption{text-align:left;font-weight:bold;margin-bottom:.5rem}"
    "tbody th{font-weight:normal;white-space:nowrap}"
    ".red{background:#f6d7d2}.amber{background:#fff2cc}.green{background:#d9ead3}"
    "form{margin:1rem 0}label{margin-right:.5rem}select,button,input{font-size:1rem;margin-right:1rem}"
    "a{color:#003078}a:focus,button:focus,select:focus,input:focus{outline:3px solid transparent;"
    "background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,0 4px #0b0c0c}"
    ".visually-hidden{position:absolute;left:-9999px}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.3rem 1.5rem}dt{font-weight:bold}dd{margin:0}"
    "table+table{margin-top:2rem}td ol{margin:0;padding-left:1.5rem}";

std::string head(const std::string& title) {
    return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
}

std::string csrf_input(const std::string& csrf_token) {
    return std::string("<input type=\"hidden\" name=\"") + kCsrfField + "\" value=\"" + html_escape(csrf_token) + "\">";
}

std::string sign_out_form(const PageViewer& viewer) {
    // Signed in with a bearer token there is no session to end.
    if (viewer.csrf_token.empty()) return "<p>Signed in as " + html_escape(viewer.signed_in_as) + ".</p>\n";
    return "<form method=\"post\" action=\"/logout\">" + csrf_input(viewer.csrf_token) + "<p>Signed in as " +
           html_escape(viewer.signed_in_as) + ". <button type=\"submit\">Sign out</button></p></form>\n";
}

// The Failed, Missing and "Warnings and referrals" cells of a row.
std::string outcome_cells(const OutcomeCounts& counts) {
    auto count = [&](Outcome x) { return counts[static_cast<size_t>(x)]; };
    return "<td>" + std::to_string(count(Outcome::Fail)) + "</td><td>" + std::to_string(count(Outcome::Missing)) +
           "</td><td>" + std::to_string(count(Outcome::Warn) + count(Outcome::Refer)) + "</td>";
}

// A link that downloads the contract's latest workbook, named for screen readers.
std::string workbook_anchor(const std::string& contract_id, const char* label) {
    return "<a href=\"" + html_escape(workbook_link(contract_id)) + "\" download>" + label +
           "<span class=\"visually-hidden\"> for " + html_escape(contract_id) + "</span></a>";
}

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

std::string option(const std::string& value, const std::string& label, const std::string& selected) {
    return "<option value=\"" + html_escape(value) + "\"" + (value == selected ? " selected" : "") + ">" +
           html_escape(label) + "</option>";
}

}  // namespace

std::string auditors_page(const std::vector<ContractPosition>& positions, const PageFilter& filter,
                          const PageViewer& viewer) {
    std::set<std::string> areas;
    for (const auto& p : positions) areas.insert(p.category);
    const std::string chosen_status = filter.status ? std::string(to_string(*filter.status)) : std::string();
    std::ostringstream html;
    html << head("fairgate: contract compliance")
         << "<nav aria-label=\"Pages\"><p><a href=\"/tenders\">Tenders and their bidders</a></p></nav>\n"
         << "<main>\n<h1>Contract compliance</h1>\n"
         << "<p>Each contract's position as its latest run judged it. Download a contract's workbook for the "
            "findings, the evidence and the clauses they cite.</p>\n"
         << sign_out_form(viewer);
    html << "<form method=\"get\" action=\"/\" aria-label=\"Filter contracts\">\n"
         << "<label for=\"status\">Status</label><select id=\"status\" name=\"status\">" << option("", "All", chosen_status);
    for (ContractStatus s : {ContractStatus::Red, ContractStatus::Amber, ContractStatus::Green})
        html << option(std::string(to_string(s)), std::string(display_name(s)), chosen_status);
    html << "</select>\n"
         << "<label for=\"area\">Service area</label><select id=\"area\" name=\"area\">" << option("", "All", filter.area);
    for (const auto& a : areas) html << option(a, a.empty() ? "(none)" : a, filter.area);
    html << "</select>\n<button type=\"submit\">Filter</button>\n</form>\n";

    size_t shown = 0;
    std::ostringstream rows;
    for (const auto& p : positions) {
        if (!matches(p, filter)) continue;
        ++shown;
        const auto& o = p.outcome;
        rows << "<tr class=\"" << to_string(o.status) << "\">"
             << "<th scope=\"row\">" << html_escape(o.contract_id) << "</th><td>" << html_escape(p.title) << "</td><td>"
             << html_escape(p.category) << "</td><td>" << html_escape(p.supplier_name) << "</td><td>"
             << to_string(o.status) << "</td>" << outcome_cells(o.outcomes) << "<td>"
             << workbook_anchor(o.contract_id, "Workbook") << "</td>"
             << "<td><a href=\"/runs/" << html_escape(p.run_id) << "\">" << html_escape(p.run_id)
             << "<span class=\"visually-hidden\"> (the run that judged " << html_escape(o.contract_id)
             << ")</span></a></td></tr>\n";
    }
    html << "<table>\n<caption>" << shown << " of " << positions.size() << " contracts</caption>\n"
         << "<thead><tr><th scope=\"col\">Contract</th><th scope=\"col\">Title</th><th scope=\"col\">Service area</th>"
            "<th scope=\"col\">Supplier</th><th scope=\"col\">Status</th><th scope=\"col\">Failed</th>"
            "<th scope=\"col\">Missing</th><th scope=\"col\">Warnings and referrals</th>"
            "<th scope=\"col\">Latest workbook</th><th scope=\"col\">Run</th></tr></thead>\n<tbody>\n"
         << rows.str() << "</tbody>\n</table>\n</main>\n</body>\n</html>\n";
    return html.str();
}

std::string run_page(const Run& run, const PageViewer& viewer) {
    std::ostringstream html;
    html << head("fairgate: run " + run.id) << "<main>\n<p><a href=\"/\">All contracts</a></p>\n<h1>Run "
         << html_escape(run.id) << "</h1>\n"
         << sign_out_form(viewer) << "<dl>\n"
         << "<dt>Status</dt><dd>" << html_escape(std::string(to_string(run.status))) << (run.error.empty() ? "" : ": " + html_escape(run.error))
         << "</dd>\n<dt>Started</dt><dd>" << html_escape(run.started_at) << "</dd>\n<dt>Finished</dt><dd>"
         << html_escape(run.finished_at.empty() ? "(not yet)" : run.finished_at) << "</dd>\n<dt>Rulebook</dt><dd>"
         << html_escape(run.rulebook_id) << " version " << html_escape(run.rulebook_version) << ", SHA-256 <code>"
         << html_escape(run.rulebook_sha256) << "</code></dd>\n<dt>Contracts judged</dt><dd>" << run.contracts_reported
         << "</dd>\n<dt>Returns evaluated</dt><dd>" << run.returns_evaluated << "</dd>\n</dl>\n"
         << "<p><a href=\"/api/v1/runs/" << html_escape(run.id) << "\">This run as JSON</a></p>\n";

    html << "<table>\n<caption>" << run.files.size() << " files read</caption>\n<thead><tr><th scope=\"col\">File</th>"
         << "<th scope=\"col\">What became of it</th><th scope=\"col\">Format</th><th scope=\"col\">Returns</th>"
         << "<th scope=\"col\">Contracts</th><th scope=\"col\">Reason or notes</th></tr></thead>\n<tbody>\n";
    for (const FileResult& f : run.files) {
        const bool refused = f.status == FileStatus::Quarantined;
        html << "<tr" << (refused ? " class=\"red\"" : "") << "><th scope=\"row\">" << html_escape(f.file.name) << "</th><td>"
             << html_escape(std::string(to_string(f.status))) << "</td><td>" << html_escape(f.format) << "</td><td>" << f.returns
             << "</td><td>" << f.contracts << "</td><td>" << html_escape(f.reason);
        if (!f.notes.empty()) {
            html << (f.reason.empty() ? "" : "<br>") << f.notes.size() << (f.notes.size() == 1 ? " note" : " notes") << ", first: "
                 << html_escape(f.notes.front().where) << ": " << html_escape(f.notes.front().message);
        }
        html << "</td></tr>\n";
    }
    html << "</tbody>\n</table>\n";

    html << "<table>\n<caption>" << run.contracts.size() << " contracts judged</caption>\n<thead><tr><th scope=\"col\">Contract</th>"
         << "<th scope=\"col\">Status</th><th scope=\"col\">Failed</th><th scope=\"col\">Missing</th>"
         << "<th scope=\"col\">Warnings and referrals</th><th scope=\"col\">Workbook</th></tr></thead>\n<tbody>\n";
    for (const ContractOutcome& c : run.contracts) {
        // The link serves the contract's latest workbook: a later run may have replaced this one's.
        html << "<tr class=\"" << to_string(c.status) << "\"><th scope=\"row\">" << html_escape(c.contract_id) << "</th><td>"
             << to_string(c.status) << "</td>" << outcome_cells(c.outcomes) << "<td>"
             << workbook_anchor(c.contract_id, "Latest workbook") << "</td></tr>\n";
    }
    html << "</tbody>\n</table>\n";

    if (!run.rule_outcomes.empty()) {
        html << "<table>\n<caption>Findings by rule</caption>\n<thead><tr><th scope=\"col\">Rule</th>"
             << "<th scope=\"col\">Passed</th><th scope=\"col\">Failed</th><th scope=\"col\">Missing</th>"
             << "<th scope=\"col\">Warnings and referrals</th></tr></thead>\n<tbody>\n";
        for (const auto& [rule, counts] : run.rule_outcomes) {
            html << "<tr><th scope=\"row\">" << html_escape(rule) << "</th><td>"
                 << counts[static_cast<size_t>(Outcome::Pass)] << "</td>" << outcome_cells(counts) << "</tr>\n";
        }
        html << "</tbody>\n</table>\n";
    }
    html << "</main>\n</body>\n</html>\n";
    return html.str();
}

const char* standing_label(reports::BidStanding s) {
    switch (s) {
        case reports::BidStanding::CanProceed: return "Can proceed";
        case reports::BidStanding::NeedsDecision: return "Needs a decision";
        case reports::BidStanding::CannotProceed: return "Cannot proceed";
    }
    return "?";
}

std::string tenders_page(const std::vector<ScreenedTender>& tenders, const PageViewer& viewer) {
    std::ostringstream html;
    html << head("fairgate: tenders")
         << "<nav aria-label=\"Pages\"><p><a href=\"/\">All contracts</a></p></nav>\n<main>\n<h1>Tenders</h1>\n"
         << "<p>Every tender with a bid, screened the moment its bids arrived: whether each bid can proceed to "
            "award on the mandatory rules, and how the bids rank. The comparison workbook has every rule side by "
            "side and the questions to ask each bidder.</p>\n"
         << sign_out_form(viewer);
    if (tenders.empty()) {
        html << "<p><strong>No bids yet:</strong> put bidders' questionnaires in the inbox or upload them "
                "(<code>POST /api/v1/returns</code>); each tender appears here once its first bid is stored.</p>\n"
             << "</main>\n</body>\n</html>\n";
        return html.str();
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
    html << "</tbody>\n</table>\n</main>\n</body>\n</html>\n";
    return html.str();
}

std::string tender_page(const ScreenedTender& t, const PageViewer& viewer) {
    std::vector<const TenderBid*> ranked;
    for (const TenderBid& b : t.bids) ranked.push_back(&b);
    std::stable_sort(ranked.begin(), ranked.end(), [](const TenderBid* x, const TenderBid* y) { return x->rank < y->rank; });
    std::ostringstream html;
    html << head("fairgate: tender " + t.tender_id)
         << "<nav aria-label=\"Pages\"><p><a href=\"/tenders\">All tenders</a> | <a href=\"/\">All contracts</a></p>"
            "</nav>\n<main>\n<h1>Tender "
         << html_escape(t.tender_id) << "</h1>\n"
         << sign_out_form(viewer) << "<dl>\n<dt>Contract awarded</dt><dd>"
         << html_escape(t.contract_id.value_or("Not yet: the bids are screened before award")) << "</dd>\n"
         << "<dt>Bidders</dt><dd>" << t.bidder_count << "</dd>\n</dl>\n<p>" << comparison_anchor(t.tender_id)
         << " | <a href=\"/api/v1/tenders/" << html_escape(path_segment(t.tender_id))
         << "\">This tender as JSON</a></p>\n";
    html << "<table>\n<caption>Bidders, best first</caption>\n<thead><tr><th scope=\"col\">Rank</th>"
            "<th scope=\"col\">Bidder</th><th scope=\"col\">Standing</th><th scope=\"col\">Passed</th>"
            "<th scope=\"col\">Failed</th><th scope=\"col\">Missing</th><th scope=\"col\">Warnings and referrals</th>"
            "</tr></thead>\n<tbody>\n";
    for (const TenderBid* b : ranked) {
        html << "<tr class=\"" << standing_class(b->standing) << "\"><td>" << b->rank << "</td><th scope=\"row\">"
             << html_escape(bidder_name(*b)) << "</th><td>" << standing_label(b->standing) << "</td><td>"
             << b->outcomes[static_cast<size_t>(Outcome::Pass)] << "</td>" << outcome_cells(b->outcomes) << "</tr>\n";
    }
    html << "</tbody>\n</table>\n";
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
                 << ": " << html_escape(f.rule_title) << "</td><td>" << html_escape(std::string(to_string(f.outcome)))
                 << "</td><td>" << html_escape(std::string(to_string(f.severity))) << "</td><td>"
                 << html_escape(f.message) << "</td><td>" << html_escape(f.remedy) << "</td></tr>\n";
        }
    }
    if (shown == 0) html << "<tr><td colspan=\"6\">None: every rule passed or did not apply.</td></tr>\n";
    html << "</tbody>\n</table>\n</main>\n</body>\n</html>\n";
    return html.str();
}

std::string sign_in_page(const std::string& problem, const std::string& csrf_token) {
    std::ostringstream html;
    html << head("fairgate: sign in") << "<main>\n<h1>Sign in</h1>\n";
    if (!problem.empty()) html << "<p role=\"alert\"><strong>" << html_escape(problem) << "</strong></p>\n";
    html << "<p>Paste the access token you were given. This browser is then signed in for a while; the token "
            "itself is not kept.</p>\n"
         << "<form method=\"post\" action=\"/login\">\n" << csrf_input(csrf_token) << "\n"
         << "<label for=\"token\">Access token</label>"
         << "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required>\n"
         << "<button type=\"submit\">Sign in</button>\n</form>\n</main>\n</body>\n</html>\n";
    return html.str();
}

std::string refused_form_page(const std::string& why, const std::string& start_again) {
    return head("fairgate: refused") + "<main>\n<h1>Refused</h1>\n<p role=\"alert\"><strong>" + html_escape(why) +
           "</strong></p>\n<p><a href=\"" + html_escape(start_again) +
           "\">Start again</a></p>\n</main>\n</body>\n</html>\n";
}

}  // namespace fairgate::service
