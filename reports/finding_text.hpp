#pragma once
// A finding's texts as a reader should see them: the Found column in the words of the form the
// supplier filled in, and a remedy only where there is something to remedy. Shared by the
// contract workbook, the tender comparison and the service's contract page.

#include <string>
#include <string_view>

#include "model/finding.hpp"
#include "rulebook/rulebook.hpp"

namespace fairgate::reports {

/// How the supplier's form names the field an evidence item read (Evidence::field: a field
/// name, perhaps after a scope such as "tender return: "): its question reference ("B1"),
/// else its question, else its name; the scope is kept ("tender return: B1"). The name as
/// given when the rulebook is null or has no such field.
std::string field_label(const Rulebook* rb, std::string_view evidence_field);

/// What the Found column shows. A rule's own <found> text is shown as written; a finding
/// without one carries "field = value; ..." built from its evidence by internal field names
/// (judgement.cpp), which is shown with each field's label (field_label) instead.
std::string found_text(const Finding& f, const Rulebook* rb);

/// What the Remedy column shows: the rule's remedy for an open finding (fail, missing, refer,
/// warn); nothing for a pass or a rule that did not apply, where there is nothing to remedy.
std::string remedy_text(const Finding& f);

}  // namespace fairgate::reports
