#include "cli/rule_explanation_text.hpp"

#include <string>

namespace fairgate::cli {
namespace {

std::string shown(const Rulebook& rb, const Evaluated& e) {
    if (e.state == Evaluated::State::NotApplicable) {
        const std::string name = e.missing_field == kNoField ? std::string("an answer") : rb.fields.at(e.missing_field).name;
        switch (e.why) {
            case Evaluated::Why::NotAsked: return "(not applicable: " + name + " not asked)";
            case Evaluated::Why::NotPublished: return "(not applicable: " + name + " not published by the source)";
            case Evaluated::Why::Answered: break;
        }
        return "(not applicable: " + name + " answered not applicable)";
    }
    if (e.state != Evaluated::State::Missing) return e.display();
    if (e.missing_field == kNoField) return "(missing: the contract term or period is not known)";
    const std::string name = rb.fields.at(e.missing_field).name;
    return "(missing: " + name + (e.missing_invalid ? " could not be read)" : " not answered)");
}

}  // namespace

void print_explanations(std::ostream& out, const Rulebook& rb, const Rule& rule,
                        const std::vector<RuleExplanation>& explained) {
    out << rule.id << ": " << rule.title << "\n";
    out << "  " << to_string(rule.severity) << ", " << to_string(rule.stage) << " stage, " << rb.path << ":"
        << rule.line << "; cites";
    for (const auto& c : rule.citations) out << " " << c;
    out << "\n";
    if (rule.scope) out << "  scope: " << rule.scope->describe() << "\n";
    for (const auto& e : explained) {
        out << "\n" << e.who.subject_id << "\n";
        if (!e.in_context && e.who.stage != Stage::Contract)
            out << "  (judged alone: no stored contract, tender return or earlier quarters; name a --db to judge it "
                   "as the batch would)\n";
        for (const auto& c : e.conditions) {
            out << "  " << c.role;
            if (c.line) out << " (line " << c.line << ")";
            out << "\n";
            for (const auto& step : c.steps) {
                const std::string indent(static_cast<size_t>(4 + 2 * step.depth), ' ');
                out << indent << step.expression << "  =>  " << shown(rb, step.result);
                if (!step.where.empty()) out << "    [" << step.where << "]";
                out << "\n";
            }
        }
        const Finding& f = e.finding;
        out << "  outcome   " << to_string(f.outcome) << "\n";
        if (!f.message.empty()) out << "  message   " << f.message << "\n";
        if (!f.expected.empty()) out << "  expected  " << f.expected << "\n";
        if (!f.found.empty()) out << "  found     " << f.found << "\n";
        if (!f.remedy.empty() && f.outcome != Outcome::Pass && f.outcome != Outcome::NotApplicable)
            out << "  remedy    " << f.remedy << "\n";
    }
}

}  // namespace fairgate::cli
