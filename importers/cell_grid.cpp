#include "importers/cell_grid.hpp"

#include "model/value_parse.hpp"

namespace fairgate::importers {

bool Cell::blank() const {
    return kind == Kind::Empty || (kind == Kind::Text && trim(text).empty());
}

const Cell& Grid::at(size_t row, size_t column) const {
    static const Cell empty;
    if (row >= rows.size() || column >= rows[row].size()) return empty;
    return rows[row][column];
}

Provenance csv_where(FileName file, const std::vector<Cell>& cells, size_t row, size_t column) {
    // A field after an embedded newline starts on a later line than its record.
    unsigned long line = column < cells.size() ? cells[column].line : 0;
    if (line == 0) {
        // Past the end of a short record: name the record's own line.
        for (const Cell& c : cells) {
            if (c.line) { line = c.line; break; }
        }
    }
    return Provenance::csv_field(file, static_cast<uint32_t>(line ? line : row + 1), static_cast<uint32_t>(column + 1));
}

std::string csv_row_name(const std::vector<Cell>& cells, size_t row) {
    const unsigned long line = !cells.empty() && cells[0].line ? cells[0].line : row + 1;
    return "line " + std::to_string(line);
}

Provenance Grid::where(size_t row, size_t column) const {
    if (csv) {
        static const std::vector<Cell> none;
        return csv_where(FileName(file), row < rows.size() ? rows[row] : none, row, column);
    }
    return Provenance::cell(FileName(file), sheet, static_cast<uint32_t>(row + 1), static_cast<uint32_t>(column + 1));
}

std::string Grid::row_name(size_t row) const {
    if (csv) {
        static const std::vector<Cell> none;
        return csv_row_name(row < rows.size() ? rows[row] : none, row);
    }
    return "row " + std::to_string(row + 1);
}

bool Grid::blank_row(size_t row) const {
    if (row >= rows.size()) return true;
    for (const Cell& c : rows[row]) {
        if (!c.blank()) return false;
    }
    return true;
}

size_t Grid::first_non_blank_row() const {
    size_t r = 0;
    while (r < rows.size() && blank_row(r)) ++r;
    return r;
}

}  // namespace fairgate::importers
