#pragma once
// `fairgate rules explain` output: an evaluation trace a rule author or auditor can follow.

#include <ostream>
#include <vector>

#include "pipeline/explanation.hpp"

namespace fairgate::cli {

void print_explanations(std::ostream& out, const Rulebook& rulebook, const Rule& rule,
                        const std::vector<RuleExplanation>& explained);

}  // namespace fairgate::cli
