#pragma once
// One cell read as the answer to one field.

#include <vector>

#include "importers/cell_grid.hpp"
#include "model/field.hpp"
#include "model/record.hpp"
#include "model/run.hpp"

namespace fairgate::importers {

/// The cell at (row, column) of `grid` as an answer to `field`: typed numbers through
/// value_from_number (honouring the workbook's date system), date-styled numbers in a text
/// field as ISO dates, booleans as yes/no, text through parse_value; a blank cell is Absent.
/// An answer that cannot be read stays as an Invalid value, and a note saying so is added
/// to `notes`.
Answer read_answer(const Grid& grid, size_t row, size_t column, const FieldDef& field,
                   std::vector<ImportNote>& notes);

/// The same for a cell read on its own (a CSV record from CsvReader), at `where`.
Answer read_answer(const Cell& cell, Provenance where, const FieldDef& field, bool date1904,
                   std::vector<ImportNote>& notes);

/// The same, set as `field`'s answer in `record` (Record::read: built in place).
void read_answer(Record& record, const Cell& cell, Provenance where, const FieldDef& field, bool date1904,
                 std::vector<ImportNote>& notes);

/// Records `answer` for `field` unless the record already has an answer for it from another
/// cell (a portal export's "Supplier name" and "A1 Organisation name" are one field): the
/// first non-blank answer is kept, and a note is added when two cells disagree.
void keep_answer(Record& record, const FieldDef& field, Answer answer, std::vector<ImportNote>& notes);

}  // namespace fairgate::importers
