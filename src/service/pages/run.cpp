#include "service/pages/run.hpp"

#include <algorithm>
#include <sstream>

#include "service/pages/cells.hpp"
#include "service/pages/html.hpp"
#include "service/pages/time_text.hpp"

namespace fairgate::service::pages {

namespace {

std::string file_row(const FileResult& f) {
    const bool refused = f.status == FileStatus::Quarantined;
    std::ostringstream html;
    html << "<tr" << (refused ? " class=\"red\"" : "") << "><th scope=\"row\">" << html_escape(f.file.name)
         << "</th><td>" << (refused ? "Refused (quarantined)" : html_escape(to_string(f.status))) << "</td><td>"
         << html_escape(f.format) << "</td><td>" << f.returns << "</td><td>" << f.contracts << "</td><td>"
         << html_escape(f.reason);
    if (!f.notes.empty()) {
        html << (f.reason.empty() ? "" : "<br>") << f.notes.size() << (f.notes.size() == 1 ? " note" : " notes")
             << ", first: " << html_escape(f.notes.front().where) << ": " << html_escape(f.notes.front().message);
    }
    html << "</td></tr>\n";
    return html.str();
}

constexpr const char* kFileColumns =
    "<thead><tr><th scope=\"col\">File</th><th scope=\"col\">What became of it</th><th scope=\"col\">Format</th>"
    "<th scope=\"col\">Returns</th><th scope=\"col\">Contracts</th><th scope=\"col\">Reason or notes</th></tr>"
    "</thead>\n<tbody>\n";

}  // namespace

std::string run_page(const Run& run, const Rulebook& rulebook, PageFrame frame) {
    std::ostringstream html;
    html << "<h1>Run " << html_escape(run.id) << "</h1>\n<dl>\n"
         << "<dt>Status</dt><dd>" << html_escape(to_string(run.status)) << (run.error.empty() ? "" : ": " + html_escape(run.error))
         << "</dd>\n<dt>Started</dt><dd>" << html_escape(readable_time(run.started_at)) << "</dd>\n<dt>Finished</dt><dd>"
         << html_escape(run.finished_at.empty() ? "(not yet)" : readable_time(run.finished_at)) << "</dd>\n<dt>Rulebook</dt><dd>"
         << html_escape(run.rulebook_id) << " version " << html_escape(run.rulebook_version) << ", SHA-256 <code>"
         << html_escape(run.rulebook_sha256) << "</code></dd>\n<dt>Contracts judged</dt><dd>" << run.contracts_reported
         << "</dd>\n<dt>Returns evaluated</dt><dd>" << run.returns_evaluated << "</dd>\n</dl>\n"
         << "<p><a href=\"/api/v1/runs/" << html_escape(run.id) << "\">This run as JSON</a></p>\n";

    // The refused files first: they are what someone has to act on.
    std::vector<const FileResult*> refused, rest;
    for (const FileResult& f : run.files) (f.status == FileStatus::Quarantined ? refused : rest).push_back(&f);
    if (!refused.empty()) {
        html << "<table>\n<caption>" << refused.size() << (refused.size() == 1 ? " file" : " files")
             << " refused, with the reason: fix and send again</caption>\n" << kFileColumns;
        for (const FileResult* f : refused) html << file_row(*f);
        html << "</tbody>\n</table>\n";
    }
    if (run.files.empty()) {
        html << "<p>This run read no files: it judged the contracts already held (a full run or a rulebook "
                "change), or the inbox was empty.</p>\n";
    } else if (!rest.empty()) {
        html << "<table>\n<caption>" << rest.size() << (refused.empty() ? " files read" : " other files read")
             << "</caption>\n" << kFileColumns;
        for (const FileResult* f : rest) html << file_row(*f);
        html << "</tbody>\n</table>\n";
    }

    if (run.contracts.empty()) html << "<p>This run judged no contracts.</p>\n";
    else html << "<table>\n<caption>" << run.contracts.size() << " contracts judged</caption>\n<thead><tr><th scope=\"col\">Contract</th>"
         << "<th scope=\"col\">Status</th><th scope=\"col\">Failed</th><th scope=\"col\">Missing</th>"
         << "<th scope=\"col\">Warnings and referrals</th><th scope=\"col\">Workbook</th></tr></thead>\n<tbody>\n";
    for (const ContractOutcome& c : run.contracts) {
        // The link serves the contract's latest workbook: a later run may have replaced this one's.
        html << "<tr class=\"" << to_string(c.status) << "\"><th scope=\"row\">" << contract_anchor(c.contract_id) << "</th><td>"
             << to_string(c.status) << "</td>" << outcome_cells(c.outcomes) << "<td>"
             << workbook_anchor(c.contract_id, "Latest workbook") << "</td></tr>\n";
    }
    if (!run.contracts.empty()) html << "</tbody>\n</table>\n";

    if (!run.rule_outcomes.empty()) {
        html << "<table>\n<caption>Findings by rule</caption>\n<thead><tr><th scope=\"col\">Rule</th>"
             << "<th scope=\"col\">Passed</th><th scope=\"col\">Failed</th><th scope=\"col\">Missing</th>"
             << "<th scope=\"col\">Warnings and referrals</th></tr></thead>\n<tbody>\n";
        for (const auto& [rule, counts] : run.rule_outcomes) {
            const Rule* known = rulebook.rule(rule);
            html << "<tr><th scope=\"row\">" << html_escape(rule) << (known ? " " + html_escape(known->title) : "")
                 << "</th><td>"
                 << counts[static_cast<size_t>(Outcome::Pass)] << "</td>" << outcome_cells(counts) << "</tr>\n";
        }
        html << "</tbody>\n</table>\n";
    }
    frame.title = "Run " + run.id;
    return page(frame, html.str());
}

}  // namespace fairgate::service::pages
