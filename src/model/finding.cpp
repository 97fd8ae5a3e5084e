#include "model/finding.hpp"

namespace fairgate {

std::string_view to_string(Outcome o) {
    switch (o) {
        case Outcome::Pass: return "pass";
        case Outcome::Warn: return "warn";
        case Outcome::Fail: return "fail";
        case Outcome::Refer: return "refer";
        case Outcome::Missing: return "missing";
        case Outcome::NotApplicable: return "not-applicable";
    }
    return "?";
}

std::optional<Outcome> parse_outcome(std::string_view t) {
    for (Outcome o : kAllOutcomes) if (to_string(o) == t) return o;
    if (t == "n/a" || t == "not_applicable") return Outcome::NotApplicable;
    return std::nullopt;
}

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::Mandatory: return "mandatory";
        case Severity::Major: return "major";
        case Severity::Minor: return "minor";
        case Severity::Advisory: return "advisory";
    }
    return "?";
}

std::optional<Severity> parse_severity(std::string_view t) {
    for (Severity s : {Severity::Mandatory, Severity::Major, Severity::Minor, Severity::Advisory}) {
        if (to_string(s) == t) return s;
    }
    return std::nullopt;
}

std::string_view to_string(Stage s) {
    switch (s) {
        case Stage::Tender: return "tender";
        case Stage::Quarterly: return "quarterly";
        case Stage::Contract: return "contract";
    }
    return "?";
}

std::optional<Stage> parse_stage(std::string_view t) {
    for (Stage s : {Stage::Tender, Stage::Quarterly, Stage::Contract}) {
        if (to_string(s) == t) return s;
    }
    return std::nullopt;
}

}  // namespace fairgate
