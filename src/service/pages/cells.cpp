#include "service/pages/cells.hpp"

#include "service/api_json.hpp"
#include "service/pages/html.hpp"

namespace fairgate::service::pages {

std::string outcome_cells(const OutcomeCounts& counts) {
    auto count = [&](Outcome x) { return counts[static_cast<size_t>(x)]; };
    return "<td>" + std::to_string(count(Outcome::Fail)) + "</td><td>" + std::to_string(count(Outcome::Missing)) +
           "</td><td>" + std::to_string(count(Outcome::Warn) + count(Outcome::Refer)) + "</td>";
}

std::string workbook_anchor(const std::string& contract_id, const char* label) {
    return "<a href=\"" + html_escape(workbook_link(contract_id)) + "\" download>" + label +
           "<span class=\"visually-hidden\"> for " + html_escape(contract_id) + "</span></a>";
}

std::string contract_href(const std::string& contract_id) { return "/contracts/" + path_segment(contract_id); }

std::string contract_anchor(const std::string& contract_id) {
    return "<a href=\"" + html_escape(contract_href(contract_id)) + "\">" + html_escape(contract_id) + "</a>";
}

const char* outcome_label(Outcome o) {
    switch (o) {
        case Outcome::Fail: return "Failed";
        case Outcome::Missing: return "Missing";
        case Outcome::Warn: return "Warning";
        case Outcome::Refer: return "Referred";
        case Outcome::Pass: return "Passed";
        case Outcome::NotApplicable: return "Not applicable";
    }
    return "?";
}

}  // namespace fairgate::service::pages
