#pragma once
// The rulebook as officers read it: a Markdown document generated from the rules file, so the
// published description can never drift from what fairgate enforces.

#include <ostream>

#include "rulebook/rulebook.hpp"

namespace fairgate {

/// Writes the whole rulebook as Markdown: identity, a table of rules, each rule in full (when
/// it applies, its conditions and outcomes, what is expected, the remedy, the quoted clauses
/// it cites, its tests), then the parameters, the field dictionary and every source.
void write_rulebook_document(std::ostream& out, const Rulebook& rulebook);

}  // namespace fairgate
