#include "service/pages/portfolio.hpp"

#include <set>
#include <sstream>

#include "service/api_json.hpp"
#include "service/pages/cells.hpp"
#include "service/pages/html.hpp"

namespace fairgate::service::pages {

bool matches(const ContractPosition& p, const PageFilter& filter) {
    return (!filter.status || p.outcome.status == *filter.status) &&
           (filter.area.empty() || p.category == filter.area);
}

std::string portfolio_page(const std::vector<ContractPosition>& positions, const PageFilter& filter,
                           PageFrame frame) {
    std::set<std::string> areas;
    for (const auto& p : positions) areas.insert(p.category);
    const std::string chosen_status = filter.status ? std::string(to_string(*filter.status)) : std::string();
    std::ostringstream html;
    html << "<h1>Contract compliance</h1>\n"
         << "<p>Each contract's position as its latest run judged it. Download a contract's workbook for the "
            "findings, the evidence and the clauses they cite.</p>\n";
    html << "<form method=\"get\" action=\"/\" aria-label=\"Filter contracts\">\n"
         << "<label for=\"status\">Status</label><select id=\"status\" name=\"status\">" << option("", "All", chosen_status);
    for (ContractStatus s : {ContractStatus::Red, ContractStatus::Amber, ContractStatus::Green})
        html << option(to_string(s), display_name(s), chosen_status);
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
             << "<th scope=\"row\">" << contract_anchor(o.contract_id) << "</th><td>" << html_escape(p.title) << "</td><td>"
             << html_escape(p.category) << "</td><td>" << html_escape(p.supplier_name) << "</td><td>"
             << to_string(o.status) << "</td>" << outcome_cells(o.outcomes) << "<td>"
             << workbook_anchor(o.contract_id, "Workbook") << "</td>"
             << "<td><a href=\"/runs/" << html_escape(path_segment(p.run_id)) << "\">" << html_escape(p.run_id)
             << "<span class=\"visually-hidden\"> (the run that judged " << html_escape(o.contract_id)
             << ")</span></a></td></tr>\n";
    }
    if (positions.empty()) {
        html << "<div class=\"notice\"><p><strong>No contracts have been judged yet.</strong> Add suppliers' "
                "returns and the contract register: <a href=\"/upload\">upload them</a>, or put the files in the "
                "service's inbox folder (<code>fairgate.inbox</code>). Each contract appears here once a run has "
                "judged it, within a minute of its files arriving.</p></div>\n";
    } else if (shown == 0) {
        html << "<p role=\"status\"><strong>No contracts match this filter.</strong> <a href=\"/\">Clear the "
                "filter</a> to see all " << positions.size() << ".</p>\n";
    } else {
        html << "<table>\n<caption>" << shown << " of " << positions.size() << " contracts</caption>\n"
             << "<thead><tr><th scope=\"col\">Contract</th><th scope=\"col\">Title</th><th scope=\"col\">Service area</th>"
                "<th scope=\"col\">Supplier</th><th scope=\"col\">Status</th><th scope=\"col\">Failed</th>"
                "<th scope=\"col\">Missing</th><th scope=\"col\">Warnings and referrals</th>"
                "<th scope=\"col\">Latest workbook</th><th scope=\"col\">Run</th></tr></thead>\n<tbody>\n"
             << rows.str() << "</tbody>\n</table>\n";
    }
    frame.title = "Contract compliance";
    frame.current = NavItem::Contracts;
    return page(frame, html.str());
}

}  // namespace fairgate::service::pages
