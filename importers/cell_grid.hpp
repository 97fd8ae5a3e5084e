#pragma once
// The cells of one worksheet or one CSV file, as the layouts read them.

#include <cstdint>
#include <string>
#include <vector>

#include "model/provenance.hpp"

namespace fairgate::importers {

/// One cell as its source typed it. CSV cells are always Text (or Empty); XLSX cells keep
/// Excel's types so that a number typed into a cell is read as a number, not re-parsed.
struct Cell {
    enum class Kind : uint8_t { Empty, Text, Number, Boolean, Error };
    Kind kind = Kind::Empty;
    /// Text: the text. Number: the number exactly as stored ("45702", "0.85").
    /// Boolean: "TRUE"/"FALSE". Error: the error code ("#N/A").
    std::string text;
    double number = 0;       ///< Number, and Boolean as 1/0.
    bool date_style = false; ///< A Number whose cell style is a date or date-time format.
    uint32_t line = 0;       ///< CSV: the 1-based line the field starts on.

    /// Empty, or text that is only white space.
    bool blank() const;
};

/// A rectangular-ish table of cells: rows[r][c] is row r+1, column c+1 (rows may be ragged).
/// For a worksheet, row numbers are the sheet's own; for a CSV, one row per record.
struct Grid {
    std::string file;        ///< File name as received, for provenance.
    std::string sheet;       ///< Worksheet name; empty for CSV.
    bool csv = false;
    bool date1904 = false;   ///< The workbook uses the 1904 date system.
    std::vector<std::vector<Cell>> rows;

    /// The cell at 0-based (row, column), or an Empty cell when outside the data.
    const Cell& at(size_t row, size_t column) const;
    /// Where that cell is: "Questionnaire!C14", or "line 12, column 5" for a CSV.
    Provenance where(size_t row, size_t column) const;
    /// How a person names the row in messages: "row 14" (sheet) or "line 12" (CSV record).
    std::string row_name(size_t row) const;
    /// Whether every cell of the row is blank.
    bool blank_row(size_t row) const;
    /// The first row that is not blank (a table's heading), or rows.size() if all are.
    size_t first_non_blank_row() const;
};

/// Grid::where for a CSV record read on its own (CsvReader): the place of `column` (0-based)
/// of `cells`, which is record `row` (0-based) of `file`.
Provenance csv_where(FileName file, const std::vector<Cell>& cells, size_t row, size_t column);
/// Grid::row_name for such a record: "line 12".
std::string csv_row_name(const std::vector<Cell>& cells, size_t row);

}  // namespace fairgate::importers
