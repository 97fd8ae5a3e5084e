#pragma once
// The council's template: a header block above a Ref | Question | Response | Evidence table.

#include <optional>
#include <vector>

#include "importers/cell_grid.hpp"
#include "model/field.hpp"
#include "model/record.hpp"
#include "model/run.hpp"

namespace fairgate::importers {

/// Where a form's heading row is: its 0-based row and the column of "Ref" (the Question,
/// Response and Evidence columns follow it).
struct FormHeading {
    size_t row = 0;
    size_t ref_column = 0;
};

/// The heading row of a form, if `grid` has one: four adjacent cells reading Ref, Question,
/// Response (or Answer) and Evidence (or Comments), matched loosely ("Evidence / comments").
std::optional<FormHeading> find_form_heading(const Grid& grid);

/// One form read into answers. Header block rows (above the heading) give a label in the
/// Question column and a value in the Response column, or else a label in any column and
/// the value in the next non-blank cell; question rows are matched by Ref, then by the
/// Question wording. Rows whose label the dictionary does not know, but which carry an
/// answer, become notes; so do answers that cannot be read (kept as Invalid values).
Record read_form(const Grid& grid, const FormHeading& heading, const FieldDictionary& fields,
                 std::vector<ImportNote>& notes);

}  // namespace fairgate::importers
