#pragma once
// Linting a rulebook that loads: what load_rulebook accepts but a rule author should still fix
// before the rulebook judges awards. `fairgate rules lint` prints these after the loader's own
// errors (RulebookError), which stop a rulebook from loading at all.

#include <vector>

#include "rulebook/rulebook.hpp"
#include "rulebook/rulebook_loader.hpp"

namespace fairgate {

/// Every problem lint finds in `rulebook`, in the order of its rules, each at the rulebook's
/// file, line and column (Diagnostic::display, without a source line to put a caret under):
///  - a rule with no <test> of its own ("rule R1 has no <test>"), at the rule's line, column 1.
/// Empty when there is nothing to fix.
std::vector<Diagnostic> lint_rulebook(const Rulebook& rulebook);

}  // namespace fairgate
