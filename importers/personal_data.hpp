#pragma once
// Refusing returns that hold records about individuals rather than aggregate shares.

#include <optional>
#include <string>
#include <vector>

#include "importers/cell_grid.hpp"

namespace fairgate::importers {

/// Two labels of one table heading, form or XML return that together mean individual-level
/// personal data: one identifies a person (name, full name, date of birth, DOB, NI number,
/// address...), the other is a protected characteristic (ethnicity, religion, sexual
/// orientation, disability, sex, age...). Indexes are into the labels given.
struct PersonalDataFinding {
    size_t identifying = 0;
    size_t characteristic = 0;
};

/// The first identifying label and the first protected-characteristic label of `labels`,
/// if both occur. Labels are compared whole, after FieldDictionary::normalise_label, so the
/// return's own aggregate questions ("Share of service users with race recorded") and the
/// supplier's identity ("Supplier name") never match. Either kind alone is not a finding:
/// a contact name, or an "Ethnicity" breakdown of counts, is not a record about a person.
std::optional<PersonalDataFinding> find_personal_data(const std::vector<std::string>& labels);

/// Why the file is refused, naming both labels; `what` is "column", "question" or "element".
std::string personal_data_message(const std::string& identifying, const std::string& characteristic,
                                  const char* what);

/// Throws ImportError (with personal_data_message, at the identifying cell) when rows
/// [rows_begin, rows_end) of `grid` hold personal data: an identifying and a protected label
/// side by side in one row (the heading of a table about people), or among the rows' first
/// text cells (a form's labels: "Name", "Date of birth", "Ethnicity" one below another).
/// A table is checked at its heading row; a form over all its rows.
void refuse_personal_data(const Grid& grid, size_t rows_begin, size_t rows_end);

}  // namespace fairgate::importers
