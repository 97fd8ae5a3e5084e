#pragma once
// One record per row under a heading row: portal exports, supplier systems, the register.

#include <vector>

#include "importers/cell_answer.hpp"
#include "importers/cell_grid.hpp"
#include "model/field.hpp"
#include "model/record.hpp"
#include "model/run.hpp"

namespace fairgate::importers {

/// The heading row of a table and what each column holds.
struct TableHeading {
    size_t row = 0;                        ///< 0-based; the first non-blank row.
    std::vector<const FieldDef*> columns;  ///< Per column; nullptr when not recognised.

    bool has(const FieldDictionary& fields, FieldRole role) const;
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

/// One row's answers, each recognised column read as its field's answer (blank cells as
/// Absent answers, unreadable ones as Invalid with a note; see RowShape): `cells` are the
/// row's by column (a CellRow, or a CSV record as CsvReader reads it), `where(column)` gives
/// a cell's place. What read_table_rows reads each row of a grid with, and the streaming
/// readers each record or sheet row.
template <typename Cells, typename Where>
Record read_table_row(const Cells& cells, const TableHeading& heading, const RowShape& shape, bool date1904,
                      Where&& where, std::vector<ImportNote>& notes) {
    Record record;
    // Each row's answers allocated once, at their final size, rather than grown answer by
    // answer (which dominated the time, and doubled the memory, of big files).
    record.reserve(shape.fields, shape.last_field);
    for (size_t c = 0; c < heading.columns.size(); ++c) {
        const FieldDef* field = heading.columns[c];
        if (!field) continue;
        const Cell& cell = cell_at(cells, c);
        if (shape.first[c]) read_answer(record, cell, where(c), *field, date1904, notes);
        else keep_answer(record, *field, read_answer(cell, where(c), *field, date1904, notes), notes);
    }
    return record;
}

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
