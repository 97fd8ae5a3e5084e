#pragma once
// Explaining one rule's verdict on the returns of one file: the evaluation trace behind
// `fairgate rules explain`.

#include <string>
#include <vector>

#include "importers/reading_plan.hpp"
#include "model/finding.hpp"
#include "rulebook/judgement.hpp"
#include "rulebook/rulebook.hpp"
#include "store/store.hpp"

namespace fairgate {

/// One subject's verdict under one rule, with every condition evaluated and the values
/// (and their places) behind it.
struct RuleExplanation {
    SubjectIdentity who;
    std::vector<ConditionTrace> conditions;
    Finding finding;
    bool in_context = false;  ///< Judged with its contract, tender and earlier quarters from the store.
};

/// Imports `path`, with the dictionary `reading` gives it (the template mapping a run would
/// read it with), and explains `rule` on each of its subjects of the rule's stage: returns
/// (tender or quarterly) and register rows (contract rules). With a store, a return is judged
/// in the context the batch would give it (its contract, the awarded tender return, earlier
/// quarters), the file's copy standing in for any stored return with the same identity;
/// without one, it is judged alone and what it cannot see is `missing`.
/// Throws importers::ImportError when the file cannot be read.
std::vector<RuleExplanation> explain_rule(const Rulebook& rulebook, const Rule& rule, const std::string& path,
                                          const importers::ReadingPlan& reading, Store* store);

}  // namespace fairgate
