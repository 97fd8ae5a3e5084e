#include "model/contract_status.hpp"

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

ContractStatus status_of(const std::vector<Finding>& findings) {
    ContractStatus status = ContractStatus::Green;
    for (const Finding& f : findings) {
        switch (f.outcome) {
            case Outcome::Fail:
            case Outcome::Missing:
                if (f.severity == Severity::Mandatory || f.severity == Severity::Major) return ContractStatus::Red;
                status = ContractStatus::Amber;
                break;
            case Outcome::Warn:
            case Outcome::Refer: status = ContractStatus::Amber; break;
            case Outcome::Pass:
            case Outcome::NotApplicable: break;
        }
    }
    return status;
}

std::string_view status_rule_text() {
    return "Red: a mandatory or major rule failed or could not be judged. Amber: any other failure, missing answer, "
           "warning or referral. Green: nothing outstanding.";
}

}  // namespace fairgate
