#include "importers/cell_grid.hpp"

#include <cstdio>

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

Provenance Grid::where(size_t row, size_t column) const {
    if (csv) {
        // A field after an embedded newline starts on a later line than its record.
        unsigned long line = at(row, column).line;
        if (line == 0 && row < rows.size()) {
            // Past the end of a short record: name the record's own line.
            for (const Cell& c : rows[row]) {
                if (c.line) { line = c.line; break; }
            }
        }
        // csv_locator's text, built in one allocation: every answer of a big file has one.
        char buffer[64];
        const int n = std::snprintf(buffer, sizeof buffer, "line %lu, column %zu", line ? line : row + 1, column + 1);
        return Provenance{file, std::string(buffer, static_cast<size_t>(n))};
    }
    std::string locator;
    locator.reserve(sheet.size() + 12);
    locator += sheet;
    locator += '!';
    locator += cell_reference(static_cast<unsigned>(row + 1), static_cast<unsigned>(column + 1));
    return Provenance{file, std::move(locator)};
}

std::string Grid::row_name(size_t row) const {
    if (csv) {
        const Cell& first = at(row, 0);
        return "line " + std::to_string(first.line ? first.line : row + 1);
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

}  // namespace fairgate::importers
