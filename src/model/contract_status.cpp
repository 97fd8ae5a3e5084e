#include "model/contract_status.hpp"

#include <algorithm>
#include <cctype>

namespace fairgate {

std::string_view to_string(ContractStatus status) {
    switch (status) {
        case ContractStatus::Green: return "green";
        case ContractStatus::Amber: return "amber";
        case ContractStatus::Red: return "red";
    }
    return "?";
}

std::string_view display_name(ContractStatus status) {
    switch (status) {
        case ContractStatus::Green: return "Green";
        case ContractStatus::Amber: return "Amber";
        case ContractStatus::Red: return "Red";
    }
    return "?";
}

std::optional<ContractStatus> parse_contract_status(std::string_view text) {
    for (ContractStatus s : {ContractStatus::Green, ContractStatus::Amber, ContractStatus::Red}) {
        const std::string_view name = to_string(s);
        if (text.size() != name.size()) continue;
        bool same = true;
        for (size_t i = 0; i < name.size() && same; ++i)
            same = std::tolower(static_cast<unsigned char>(text[i])) == name[i];
        if (same) return s;
    }
    return std::nullopt;
}

ContractStatus status_of(const Finding& f) {
    switch (f.outcome) {
        case Outcome::Fail:
        case Outcome::Missing:
            return f.severity == Severity::Mandatory || f.severity == Severity::Major ? ContractStatus::Red
                                                                                     : ContractStatus::Amber;
        case Outcome::Warn:
        case Outcome::Refer: return ContractStatus::Amber;
        case Outcome::Pass:
        case Outcome::NotApplicable: break;
    }
    return ContractStatus::Green;
}

ContractStatus status_of(const std::vector<Finding>& findings) {
    // The enum is ordered Green < Amber < Red.
    ContractStatus status = ContractStatus::Green;
    for (const Finding& f : findings) {
        status = std::max(status, status_of(f));
        if (status == ContractStatus::Red) break;
    }
    return status;
}

std::string_view status_rule_text() {
    return "Red: a mandatory or major rule failed or could not be judged. Amber: any other failure, missing answer, "
           "warning or referral. Green: nothing outstanding.";
}

}  // namespace fairgate
