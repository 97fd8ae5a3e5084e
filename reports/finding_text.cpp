#include "reports/finding_text.hpp"

namespace fairgate::reports {

std::string field_label(const Rulebook* rb, std::string_view evidence_field) {
    // Evidence from another scope is prefixed ("contract: <field>"); field names hold no ": ".
    const std::size_t colon = evidence_field.rfind(": ");
    const std::string_view scope = colon == std::string_view::npos ? std::string_view() : evidence_field.substr(0, colon + 2);
    const std::string_view name = colon == std::string_view::npos ? evidence_field : evidence_field.substr(colon + 2);
    const FieldDef* def = rb ? rb->fields.find(name) : nullptr;
    if (!def) return std::string(evidence_field);
    const std::string& label = !def->ref.empty() ? def->ref : !def->question.empty() ? def->question : def->name;
    return std::string(scope) + label;
}

std::string found_text(const Finding& f, const Rulebook* rb) {
    // The text judgement.cpp writes when a rule has no <found>: only that is rewritten.
    std::string by_name, by_label;
    for (const Evidence& e : f.evidence) {
        const std::string sep = by_name.empty() ? "" : "; ";
        by_name += sep + e.field + " = " + e.value;
        by_label += sep + field_label(rb, e.field) + " = " + e.value;
    }
    return !f.evidence.empty() && f.found == by_name ? by_label : f.found;
}

std::string remedy_text(const Finding& f) {
    return f.outcome == Outcome::Pass || f.outcome == Outcome::NotApplicable ? std::string() : f.remedy;
}

}  // namespace fairgate::reports
