#pragma once
// A grid held whole (a form, a register, a small table of returns: whatever is not read row
// by row) read as what it holds, the same for a workbook's sheet and a CSV file.

#include <string>

#include "importers/cell_grid.hpp"
#include "importers/form_layout.hpp"
#include "importers/import_result.hpp"
#include "importers/table_layout.hpp"
#include "model/field.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// Throws ImportError at `where` when none of the table's headings is a field the dictionary
/// knows: such a table is nothing fairgate reads (not a return, a form or a register).
void require_a_known_heading(const TableHeading& heading, const std::string& where);

/// A table: a contract register when it names contracts and titles, a tender pipeline when it
/// names tenders and titles but no contract or bidder, otherwise returns, each row identified
/// on its own. `kind` ("csv", "xlsx") names the format ("contract register csv", "xlsx table").
/// A table about people (its heading row) is refused before any column is read. Throws
/// ImportError, too, for a table of returns with no row below its heading.
void read_table_grid(const Grid& grid, const FieldDictionary& fields, const SourceFile& file, const char* kind,
                     ImportResult& result);

/// The return a form holds, its heading row at `heading`. A form listing people (anywhere on
/// it) is refused.
void read_form_grid(const Grid& grid, const FormHeading& heading, const FieldDictionary& fields,
                    const SourceFile& file, ImportResult& result);

}  // namespace fairgate::importers
