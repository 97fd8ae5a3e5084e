#include "service/auditors_page.hpp"

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
    return (filter.status.empty() || p.outcome.status == filter.status) &&
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
    ".visually-hidden{position:absolute;left:-9999px}";

std::string head(const std::string& title) {
    return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
}

std::string option(const std::string& value, const std::string& label, const std::string& selected) {
    return "<option value=\"" + html_escape(value) + "\"" + (value == selected ? " selected" : "") + ">" +
           html_escape(label) + "</option>";
}

}  // namespace

std::string auditors_page(const std::vector<ContractPosition>& positions, const PageFilter& filter,
                          const std::string& signed_in_as) {
    std::set<std::string> areas;
    for (const auto& p : positions) areas.insert(p.category);
    std::ostringstream html;
    html << head("fairgate: contract compliance") << "<main>\n<h1>Contract compliance</h1>\n"
         << "<p>Each contract's position as its latest run judged it. Download a contract's workbook for the "
            "findings, the evidence and the clauses they cite.</p>\n"
         << "<form method=\"post\" action=\"/logout\"><p>Signed in as " << html_escape(signed_in_as)
         << ". <button type=\"submit\">Sign out</button></p></form>\n";
    html << "<form method=\"get\" action=\"/\" aria-label=\"Filter contracts\">\n"
         << "<label for=\"status\">Status</label><select id=\"status\" name=\"status\">" << option("", "All", filter.status)
         << option("red", "Red", filter.status) << option("amber", "Amber", filter.status)
         << option("green", "Green", filter.status) << "</select>\n"
         << "<label for=\"area\">Service area</label><select id=\"area\" name=\"area\">" << option("", "All", filter.area);
    for (const auto& a : areas) html << option(a, a.empty() ? "(none)" : a, filter.area);
    html << "</select>\n<button type=\"submit\">Filter</button>\n</form>\n";

    size_t shown = 0;
    std::ostringstream rows;
    for (const auto& p : positions) {
        if (!matches(p, filter)) continue;
        ++shown;
        const auto& o = p.outcome;
        auto count = [&](Outcome x) { return o.outcomes[static_cast<size_t>(x)]; };
        rows << "<tr class=\"" << html_escape(o.status) << "\">"
             << "<th scope=\"row\">" << html_escape(o.contract_id) << "</th><td>" << html_escape(p.title) << "</td><td>"
             << html_escape(p.category) << "</td><td>" << html_escape(p.supplier_name) << "</td><td>"
             << html_escape(o.status) << "</td><td>" << count(Outcome::Fail) << "</td><td>" << count(Outcome::Missing)
             << "</td><td>" << count(Outcome::Warn) + count(Outcome::Refer) << "</td>"
             << "<td><a href=\"" << html_escape(workbook_link(o.contract_id)) << "\" download>Workbook<span "
             << "class=\"visually-hidden\"> for " << html_escape(o.contract_id) << "</span></a></td>"
             << "<td><a href=\"/api/v1/runs/" << html_escape(p.run_id) << "\">" << html_escape(p.run_id)
             << "<span class=\"visually-hidden\"> (run record, JSON)</span></a></td></tr>\n";
    }
    html << "<table>\n<caption>" << shown << " of " << positions.size() << " contracts</caption>\n"
         << "<thead><tr><th scope=\"col\">Contract</th><th scope=\"col\">Title</th><th scope=\"col\">Service area</th>"
            "<th scope=\"col\">Supplier</th><th scope=\"col\">Status</th><th scope=\"col\">Failed</th>"
            "<th scope=\"col\">Missing</th><th scope=\"col\">Warnings and referrals</th>"
            "<th scope=\"col\">Latest workbook</th><th scope=\"col\">Run</th></tr></thead>\n<tbody>\n"
         << rows.str() << "</tbody>\n</table>\n</main>\n</body>\n</html>\n";
    return html.str();
}

std::string sign_in_page(const std::string& problem) {
    std::ostringstream html;
    html << head("fairgate: sign in") << "<main>\n<h1>Sign in</h1>\n";
    if (!problem.empty()) html << "<p role=\"alert\"><strong>" << html_escape(problem) << "</strong></p>\n";
    html << "<p>Paste the access token you were given. It is kept in a cookie for this site only.</p>\n"
         << "<form method=\"post\" action=\"/login\">\n<label for=\"token\">Access token</label>"
         << "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required>\n"
         << "<button type=\"submit\">Sign in</button>\n</form>\n</main>\n</body>\n</html>\n";
    return html.str();
}

}  // namespace fairgate::service
