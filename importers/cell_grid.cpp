#include "importers/cell_grid.hpp"

#include <cstdio>
#include <cstring>

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

namespace {

// Appends `n` in decimal.
char* put_number(char* out, unsigned long n) {
    char digits[24];
    int k = 0;
    do {
        digits[k++] = static_cast<char>('0' + n % 10);
        n /= 10;
    } while (n);
    while (k) *out++ = digits[--k];
    return out;
}

}  // namespace

Provenance csv_where(const std::string& file, const std::vector<Cell>& cells, size_t row, size_t column) {
    // A field after an embedded newline starts on a later line than its record.
    unsigned long line = column < cells.size() ? cells[column].line : 0;
    if (line == 0) {
        // Past the end of a short record: name the record's own line.
        for (const Cell& c : cells) {
            if (c.line) { line = c.line; break; }
        }
    }
    // csv_locator's text, built in one allocation: every answer of a big file has one.
    char buffer[64];
    char* end = buffer;
    std::memcpy(end, "line ", 5);
    end = put_number(end + 5, line ? line : row + 1);
    std::memcpy(end, ", column ", 9);
    end = put_number(end + 9, column + 1);
    return Provenance{file, std::string(buffer, static_cast<size_t>(end - buffer))};
}

std::string csv_row_name(const std::vector<Cell>& cells, size_t row) {
    const unsigned long line = !cells.empty() && cells[0].line ? cells[0].line : row + 1;
    return "line " + std::to_string(line);
}

Provenance Grid::where(size_t row, size_t column) const {
    if (csv) {
        static const std::vector<Cell> none;
        return csv_where(file, row < rows.size() ? rows[row] : none, row, column);
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

}  // namespace fairgate::importers
