#pragma once
// One record per row under a heading row: portal exports, supplier systems, the register.

#include <vector>

#include "importers/cell_grid.hpp"
#include "model/field.hpp"
#include "model/record.hpp"
#include "model/run.hpp"

namespace fairgate::importers {

/// The heading row of a table and what each column holds.
struct TableHeading {
    size_t row = 0;                        ///< 0-based; the first non-blank row.
    std::vector<const FieldDef*> columns;  ///< Per column; nullptr when not recognised.

    bool has(const FieldDictionary& fields, const char* name) const;
};

/// Maps the first non-blank row's headings to fields (FieldDictionary::match). A heading the
/// dictionary does not know gives one note and its column is not read. Two columns may map
/// to one field (see keep_answer). Returns a heading with no columns for a blank grid.
TableHeading read_table_heading(const Grid& grid, const FieldDictionary& fields,
                                std::vector<ImportNote>& notes);

/// How each row under a heading is read: the column that first answers a field sets its
/// answer, in column order, and later ones for the same field (two headings for one field) go
/// through keep_answer. Every row answers the same fields, so a row's record can be allocated
/// at its final size at once (Record::reserve).
struct RowShape {
    std::vector<bool> first;  ///< Column c is the first to answer its field.
    size_t fields = 0;        ///< Fields the heading answers.
    FieldId last_field = 0;   ///< The greatest of their ids.
};
RowShape row_shape(const TableHeading& heading);

/// One row of data below the heading.
struct TableRow {
    size_t row = 0;  ///< 0-based row in the grid.
    Record record;
};

/// Every non-blank row below the heading, each recognised column read as its field's answer
/// (blank cells as Absent answers, unreadable ones as Invalid with a note).
std::vector<TableRow> read_table_rows(const Grid& grid, const TableHeading& heading,
                                      std::vector<ImportNote>& notes);

}  // namespace fairgate::importers
