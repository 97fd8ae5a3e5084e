#include "rulebook/rulebook_lint.hpp"

#include <algorithm>

namespace fairgate {

std::vector<Diagnostic> lint_rulebook(const Rulebook& rb) {
    std::vector<Diagnostic> problems;
    // A rule without a test of its own cannot be trusted to block an award.
    for (const auto& rule : rb.rules) {
        const bool tested =
            std::any_of(rb.tests.begin(), rb.tests.end(), [&](const RuleTestCase& t) { return t.rule_id == rule.id; });
        if (!tested) problems.push_back(Diagnostic{rb.path, rule.line, 1, "rule " + rule.id + " has no <test>", {}});
    }
    return problems;
}

}  // namespace fairgate
