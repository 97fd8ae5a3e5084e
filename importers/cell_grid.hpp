#pragma once
// The cells of one worksheet or one CSV file, as the layouts read them.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/provenance.hpp"

namespace fairgate::importers {

/// What an Excel number format shows, by the date and time codes in it
/// (classify_number_format in xlsx_reader.hpp).
enum class NumberFormatKind : uint8_t {
    Number,    ///< no date or time code: numbers, percentages, money, text (@), General
    Date,      ///< a date: y, d or month-m codes and no time codes ("dd/mm/yyyy", "mmm-yy")
    DateTime,  ///< a date and a time of day ("dd/mm/yyyy hh:mm", built-in 22)
    Time,      ///< only a time of day: h, minute-m, s, AM/PM ("hh:mm:ss", "mm:ss", "h:mm AM/PM")
    Duration,  ///< only time codes, one of them elapsed ([h], [mm], [ss]): "[hh]:mm:ss"
};

/// One cell as its source typed it. CSV cells are always Text (or Empty); XLSX cells keep
/// Excel's types so that a number typed into a cell is read as a number, not re-parsed.
struct Cell {
    enum class Kind : uint8_t { Empty, Text, Number, Boolean, Error };
    Kind kind = Kind::Empty;
    /// A Number's cell style: a date, date-time, time of day or duration format, or none.
    NumberFormatKind format = NumberFormatKind::Number;
    /// Text: the text. Number: the number exactly as stored ("45702", "0.85").
    /// Boolean: "TRUE"/"FALSE". Error: the error code ("#N/A").
    std::string text;
    double number = 0;       ///< Number, and Boolean as 1/0.
    uint32_t line = 0;       ///< CSV: the 1-based line the field starts on.

    /// Empty, or text that is only white space.
    bool blank() const;
    /// A Number whose style is a date or date-time format: read as a date (the day).
    bool date_style() const { return kind == Kind::Number && (format == NumberFormatKind::Date || format == NumberFormatKind::DateTime); }
    /// A Number whose style is a time of day or a duration, of a time Excel can show (not
    /// negative).
    bool time_style() const;
    /// A time_style() cell as Excel shows it, to the second: "HH:MM:SS", the time of day for a
    /// Time ("14:30:00"), every hour counted for a Duration ("36:15:00").
    std::string time_text() const;
};

/// The cells of one row by 0-based column, holding only the cells that exist: a row whose one
/// cell is in column XFD costs one cell, not 16,384 (workbooks of such rows once took
/// gigabytes). Cells are kept in column order.
class CellRow {
public:
    struct Entry {
        uint32_t column;
        Cell cell;
    };

    CellRow() = default;
    /// A CSV record: every field by column; Empty ones are not kept, but count in size().
    explicit CellRow(std::vector<Cell> fields);

    /// One past the highest column with a cell (or of the record's last field): the width.
    size_t size() const { return width_; }
    /// No cell at all (a CSV record of empty fields has none, though its size() is not 0).
    bool empty() const { return entries_.empty(); }
    /// The cell at `column`, or an Empty cell.
    const Cell& operator[](size_t column) const;
    /// Sets the cell at `column`; Empty cells are not kept. Columns may come in any order
    /// and more than once (a later cell wins), but a row read out of order must be settle()d
    /// before it is read.
    void set(size_t column, Cell cell);
    /// Puts cells set out of column order into order (the later of two for one column wins).
    void settle();
    /// Every cell of `later` joins this row, replacing any in the same column.
    void merge(CellRow& later);
    void clear();
    /// Makes room for `cells` cells.
    void reserve(size_t cells) { entries_.reserve(cells); }

    /// CSV: the 1-based line the record starts on (0 for a worksheet row).
    uint32_t line = 0;

    /// The cells that exist, in column order.
    std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
    std::vector<Entry>::const_iterator end() const { return entries_.end(); }
    std::vector<Entry>::iterator begin() { return entries_.begin(); }
    std::vector<Entry>::iterator end() { return entries_.end(); }

private:
    std::vector<Entry> entries_;
    uint32_t width_ = 0;
    bool settled_ = true;
};

/// The rows of a grid by 0-based number, holding only the rows that were added: a sheet with
/// one cell in row 1,048,576 costs one row, not a million.
class GridRows {
public:
    /// One past the highest row number added: the height.
    size_t size() const { return rows_.empty() ? 0 : rows_.back().first + 1; }
    bool empty() const { return rows_.empty(); }
    /// Row `r`, or an empty row.
    const CellRow& operator[](size_t r) const;
    /// Row `r`, added (empty) if it is not there. Rows added out of order must be settle()d
    /// before they are read.
    CellRow& row(size_t r);
    /// Adds `cells` as the row after the last (size()).
    void push_back(CellRow cells) { rows_.emplace_back(size(), std::move(cells)); }
    /// Drops the last row added.
    void pop_back() { rows_.pop_back(); }
    void clear() { rows_.clear(); }
    /// Puts rows added out of order into order, joining the cells of a row added twice (a
    /// later cell wins).
    void settle();

    /// The rows that were added, as (number, cells), in order.
    using Entry = std::pair<size_t, CellRow>;
    std::vector<Entry>::const_iterator begin() const { return rows_.begin(); }
    std::vector<Entry>::const_iterator end() const { return rows_.end(); }

private:
    std::vector<Entry> rows_;
    bool settled_ = true;
};

/// The cell of a record read on its own (CsvReader) at `column`, or an Empty cell.
const Cell& cell_at(const std::vector<Cell>& cells, size_t column);
inline const Cell& cell_at(const CellRow& cells, size_t column) { return cells[column]; }

/// A table of cells: rows[r][c] is row r+1, column c+1 (rows may be ragged, and only the
/// cells and rows that exist are held). For a worksheet, row numbers are the sheet's own; for
/// a CSV, one row per record.
struct Grid {
    std::string file;        ///< File name as received, for provenance.
    std::string sheet;       ///< Worksheet name; empty for CSV.
    bool csv = false;
    bool date1904 = false;   ///< The workbook uses the 1904 date system.
    GridRows rows;

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
