#include "service/pages/contract.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "model/contract_status.hpp"
#include "reports/finding_text.hpp"
#include "service/api_json.hpp"
#include "service/pages/cells.hpp"
#include "service/pages/html.hpp"
#include "service/pages/outcome_chart.hpp"

namespace fairgate::service::pages {

namespace {

// The order findings are listed in: what to act on first.
int urgency(Outcome o) {
    switch (o) {
        case Outcome::Fail: return 0;
        case Outcome::Missing: return 1;
        case Outcome::Warn: return 2;
        case Outcome::Refer: return 3;
        case Outcome::Pass: return 4;
        case Outcome::NotApplicable: return 5;
    }
    return 6;
}

bool acted_on(Outcome o) { return o == Outcome::Fail || o == Outcome::Missing; }

std::string quarter_of(const Finding& f) { return f.period.empty() ? std::string("whole contract") : f.period; }

// "R-12 Equality policy (failed, 2026-Q2)": a finding named in a list.
std::string finding_named(const Finding& f) {
    std::string lower = outcome_label(f.outcome);
    lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
    return "<strong>" + html_escape(f.rule_id) + "</strong> " + html_escape(f.rule_title) + " (" + lower + ", " +
           html_escape(to_string(f.severity)) + ", " + html_escape(quarter_of(f)) + ")";
}

// At most `limit` items, then how many more: a contract can have dozens.
std::string finding_list(const std::vector<const Finding*>& list, size_t limit) {
    std::string html = "<ul>\n";
    for (size_t i = 0; i < list.size() && i < limit; ++i) html += "<li>" + finding_named(*list[i]) + "</li>\n";
    if (list.size() > limit)
        html += "<li>and " + std::to_string(list.size() - limit) + " more: see the findings below</li>\n";
    return html + "</ul>\n";
}

std::string why_section(ContractStatus status, const std::vector<const Finding*>& sorted) {
    std::vector<const Finding*> red, amber;
    for (const Finding* f : sorted) {
        if (status_of(*f) == ContractStatus::Red) red.push_back(f);
        else if (status_of(*f) == ContractStatus::Amber) amber.push_back(f);
    }
    std::string html = "<h2 id=\"status\">Status: " + std::string(display_name(status)) + "</h2>\n<div class=\"notice " +
                       std::string(to_string(status)) + "\">\n";
    if (status == ContractStatus::Red) {
        html += "<p>Red because " + std::to_string(red.size()) +
                (red.size() == 1 ? " mandatory or major rule" : " mandatory or major rules") +
                " failed or could not be judged (an answer is missing):</p>\n" + finding_list(red, 10);
        if (!amber.empty())
            html += "<p>Besides, " + std::to_string(amber.size()) +
                    " other findings would make it amber on their own.</p>\n";
    } else if (status == ContractStatus::Amber) {
        html += "<p>Amber because " + std::to_string(amber.size()) +
                (amber.size() == 1 ? " finding" : " findings") +
                " of a minor or advisory rule failed or is missing, or warned or was referred:</p>\n" +
                finding_list(amber, 10);
    } else {
        html += "<p>Green: nothing outstanding. No rule failed or is missing an answer, and none warned or was "
                "referred.</p>\n";
    }
    html += "<p>How the status is set: " + html_escape(status_rule_text()) + "</p>\n</div>\n";
    return html;
}

std::string actions_section(const std::vector<const Finding*>& sorted) {
    // One action per rule and remedy, worst first, with the quarters it is for.
    struct Action {
        const Finding* first;
        std::vector<std::string> quarters;
    };
    std::vector<Action> actions;
    for (const Finding* f : sorted) {
        if (!acted_on(f->outcome)) continue;
        auto same = std::find_if(actions.begin(), actions.end(), [&](const Action& a) {
            return a.first->rule_id == f->rule_id && a.first->remedy == f->remedy;
        });
        if (same == actions.end()) actions.push_back({f, {quarter_of(*f)}});
        else same->quarters.push_back(quarter_of(*f));
    }
    std::string html = "<h2 id=\"actions\">What to do next</h2>\n";
    if (actions.empty())
        return html + "<p>Nothing has failed and no answer is missing. Look at any warnings and referrals below; "
                      "otherwise wait for the next quarterly return.</p>\n";
    html += "<ol>\n";
    for (const Action& a : actions) {
        const Finding& f = *a.first;
        std::string quarters;
        for (const auto& q : a.quarters) quarters += (quarters.empty() ? "" : ", ") + html_escape(q);
        html += "<li><strong>" + html_escape(f.rule_title.empty() ? f.rule_id : f.rule_title) + "</strong> (" +
                outcome_label(f.outcome) + "; " + quarters + "): " +
                html_escape(f.remedy.empty() ? f.message : f.remedy) + "</li>\n";
    }
    return html + "</ol>\n";
}

std::string evidence_cell(const Finding& f, const Rulebook* rb) {
    if (f.evidence.empty()) return "<td>None recorded</td>";
    std::string html = "<td><ul>";
    for (const Evidence& e : f.evidence) {
        html += "<li>" + html_escape(reports::field_label(rb, e.field)) + ": " + html_escape(e.value);
        if (!e.where.file().empty())
            html += " <span class=\"place\">(from " + html_escape(e.where.file()) +
                    (e.where.locator().empty() ? "" : ", " + html_escape(e.where.locator())) + ")</span>";
        else if (!e.where.locator().empty())
            html += " <span class=\"place\">(" + html_escape(e.where.locator()) + ")</span>";
        html += "</li>";
    }
    return html + "</ul></td>";
}

std::string filter_form(const std::string& action, const std::vector<const Finding*>& sorted,
                        const FindingFilter& filter) {
    std::set<std::pair<std::string, std::string>> rules;
    std::set<std::string> quarters;
    for (const Finding* f : sorted) {
        rules.insert({f->rule_id, f->rule_title});
        if (!f->period.empty()) quarters.insert(f->period);
    }
    const std::string outcome = filter.outcome ? std::string(to_string(*filter.outcome)) : std::string();
    std::string html = "<form method=\"get\" action=\"" + html_escape(action) +
                       "\" aria-label=\"Filter findings\">\n<label for=\"outcome\">Outcome</label>"
                       "<select id=\"outcome\" name=\"outcome\">" +
                       option("", "All", outcome);
    for (Outcome o : {Outcome::Fail, Outcome::Missing, Outcome::Warn, Outcome::Refer, Outcome::Pass})
        html += option(to_string(o), outcome_label(o), outcome);
    html += "</select>\n<label for=\"rule\">Rule</label><select id=\"rule\" name=\"rule\">" + option("", "All", filter.rule);
    for (const auto& [id, title] : rules) html += option(id, title.empty() ? id : id + " " + title, filter.rule);
    html += "</select>\n<label for=\"quarter\">Quarter</label><select id=\"quarter\" name=\"quarter\">" +
            option("", "All", filter.quarter);
    for (const auto& q : quarters) html += option(q, q, filter.quarter);
    html += "</select>\n<button type=\"submit\">Filter</button>\n";
    if (filter.any()) html += "<a href=\"" + html_escape(action) + "#findings\">Clear the filter</a>\n";
    return html + "</form>\n";
}

}  // namespace

bool matches(const Finding& f, const FindingFilter& filter) {
    return (!filter.outcome || f.outcome == *filter.outcome) && (filter.rule.empty() || f.rule_id == filter.rule) &&
           (filter.quarter.empty() || f.period == filter.quarter);
}

std::string contract_page(const ContractPosition& position, const std::vector<StoredFinding>& findings,
                          const FindingFilter& filter, PageFrame frame, const Rulebook* rulebook) {
    const ContractOutcome& o = position.outcome;
    std::vector<const Finding*> sorted;
    for (const StoredFinding& s : findings) sorted.push_back(&s.finding);
    std::stable_sort(sorted.begin(), sorted.end(), [](const Finding* a, const Finding* b) {
        if (urgency(a->outcome) != urgency(b->outcome)) return urgency(a->outcome) < urgency(b->outcome);
        if (a->period != b->period) return a->period < b->period;
        return a->rule_id < b->rule_id;
    });
    const std::string here = contract_href(o.contract_id);

    std::ostringstream html;
    html << "<p><a href=\"/\">All contracts</a></p>\n<h1>Contract " << html_escape(o.contract_id) << "</h1>\n<dl>\n"
         << "<dt>Title</dt><dd>" << html_escape(position.title) << "</dd>\n<dt>Supplier</dt><dd>"
         << html_escape(position.supplier_name) << "</dd>\n<dt>Service area</dt><dd>" << html_escape(position.category)
         << "</dd>\n<dt>Judged by run</dt><dd><a href=\"/runs/" << html_escape(path_segment(position.run_id)) << "\">"
         << html_escape(position.run_id) << "</a></dd>\n</dl>\n<p>" << workbook_anchor(o.contract_id, "Download the workbook")
         << " (every finding, its evidence and the clauses it cites) | <a href=\"/api/v1/contracts/"
         << html_escape(path_segment(o.contract_id)) << "\">This contract as JSON</a></p>\n";

    html << why_section(o.status, sorted) << actions_section(sorted);

    html << "<h2 id=\"history\">History by quarter</h2>\n";
    const auto quarters = outcomes_by_quarter(findings);
    if (quarters.empty())
        html << "<p>No quarterly return of this contract has been judged yet, so there is no history to chart. It "
                "appears here once the supplier's first quarterly return is uploaded.</p>\n";
    else
        html << "<p>Each quarter's return as last judged: how many of its findings failed, were missing, or warned "
                "or were referred.</p>\n"
             << outcome_chart(quarters, o.contract_id);

    html << "<h2 id=\"findings\">Findings</h2>\n";
    if (sorted.empty()) {
        html << "<p>No findings are stored for this contract. Its rules have not judged it yet: upload its returns "
                "(<a href=\"/upload\">Upload returns</a>) or put them in the service's inbox folder, and it is "
                "judged within a minute.</p>\n";
    } else {
        html << filter_form(here, sorted, filter);
        size_t shown = 0;
        std::ostringstream rows;
        for (const Finding* f : sorted) {
            if (!matches(*f, filter)) continue;
            ++shown;
            std::string clauses;
            for (const auto& c : f->citations) clauses += (clauses.empty() ? "" : ", ") + html_escape(c);
            rows << "<tr><td>" << outcome_label(f->outcome) << "</td><td>" << html_escape(to_string(f->severity))
                 << "</td><th scope=\"row\">" << html_escape(f->rule_id) << " " << html_escape(f->rule_title)
                 << "</th><td>" << html_escape(quarter_of(*f)) << "</td><td>" << html_escape(f->message) << "</td>"
                 << evidence_cell(*f, rulebook) << "<td>" << (clauses.empty() ? "None" : clauses) << "</td></tr>\n";
        }
        if (shown == 0) {
            html << "<p role=\"status\"><strong>No findings match this filter.</strong> <a href=\"" << html_escape(here)
                 << "#findings\">Clear the filter</a> to see all " << sorted.size() << ".</p>\n";
        } else {
            html << "<table>\n<caption>" << shown << " of " << sorted.size() << " findings"
                 << (filter.any() ? " (filtered)" : "") << "</caption>\n<thead><tr><th scope=\"col\">Outcome</th>"
                 << "<th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Quarter</th>"
                 << "<th scope=\"col\">What was found</th><th scope=\"col\">Evidence (file and cell)</th>"
                 << "<th scope=\"col\">Clause</th></tr></thead>\n<tbody>\n"
                 << rows.str() << "</tbody>\n</table>\n";
        }
    }
    frame.title = "Contract " + o.contract_id;
    frame.current = NavItem::Contracts;
    return page(frame, html.str());
}

}  // namespace fairgate::service::pages
