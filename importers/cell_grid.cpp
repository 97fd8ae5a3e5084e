#include "importers/cell_grid.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/value_parse.hpp"

namespace fairgate::importers {

namespace {
const Cell kEmpty;
}  // namespace

bool Cell::blank() const {
    return kind == Kind::Empty || (kind == Kind::Text && trim(text).empty());
}

bool Cell::time_style() const {
    return kind == Kind::Number && (format == NumberFormatKind::Time || format == NumberFormatKind::Duration) &&
           std::isfinite(number) && number >= 0 && number < 1e9;  // Excel shows ##### for a negative time
}

std::string Cell::time_text() const {
    // The serial is days: to whole seconds, as Excel rounds what it shows.
    auto seconds = static_cast<long long>(std::llround(number * 86400.0));
    if (format == NumberFormatKind::Time) seconds %= 86400;  // a time of day: the day is not shown
    char out[32];
    std::snprintf(out, sizeof out, "%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return out;
}

CellRow::CellRow(std::vector<Cell> fields)
    : line(fields.empty() ? 0 : fields.front().line), width_(static_cast<uint32_t>(fields.size())) {
    size_t kept = 0;
    for (const Cell& c : fields) kept += c.kind != Cell::Kind::Empty;
    entries_.reserve(kept);
    for (size_t c = 0; c < fields.size(); ++c) {
        if (fields[c].kind == Cell::Kind::Empty) continue;
        entries_.push_back(Entry{static_cast<uint32_t>(c), std::move(fields[c])});
    }
}

const Cell& CellRow::operator[](size_t column) const {
    // A record with every field filled holds column c at index c.
    if (column < entries_.size() && entries_[column].column == column) return entries_[column].cell;
    const auto at = std::lower_bound(entries_.begin(), entries_.end(), column,
                                     [](const Entry& e, size_t c) { return e.column < c; });
    return at != entries_.end() && at->column == column ? at->cell : kEmpty;
}

void CellRow::set(size_t column, Cell cell) {
    if (cell.kind == Cell::Kind::Empty) return;
    width_ = std::max(width_, static_cast<uint32_t>(column + 1));
    if (!entries_.empty() && entries_.back().column >= column) settled_ = false;
    entries_.push_back(Entry{static_cast<uint32_t>(column), std::move(cell)});
}

void CellRow::settle() {
    if (settled_) return;
    // Sorted (stable: of one column, the later last), then of each column the last kept.
    std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.column < b.column; });
    size_t out = 0;
    for (size_t i = 0; i < entries_.size(); ++i) {
        if (i + 1 < entries_.size() && entries_[i + 1].column == entries_[i].column) continue;
        if (out != i) entries_[out] = std::move(entries_[i]);
        ++out;
    }
    entries_.resize(out);
    settled_ = true;
}

void CellRow::merge(CellRow& later) {
    for (Entry& e : later.entries_) set(e.column, std::move(e.cell));
    width_ = std::max(width_, later.width_);
    settle();
}

void CellRow::clear() {
    entries_.clear();
    width_ = 0;
    line = 0;
    settled_ = true;
}

const CellRow& GridRows::operator[](size_t r) const {
    static const CellRow none;
    // A CSV grid holds every record: row r at index r.
    if (r < rows_.size() && rows_[r].first == r) return rows_[r].second;
    const auto at = std::lower_bound(rows_.begin(), rows_.end(), r, [](const Entry& e, size_t n) { return e.first < n; });
    return at != rows_.end() && at->first == r ? at->second : none;
}

CellRow& GridRows::row(size_t r) {
    if (!rows_.empty() && rows_.back().first == r) return rows_.back().second;
    if (!rows_.empty() && rows_.back().first > r) settled_ = false;
    rows_.emplace_back(r, CellRow());
    return rows_.back().second;
}

void GridRows::settle() {
    if (settled_) return;
    std::stable_sort(rows_.begin(), rows_.end(), [](const Entry& a, const Entry& b) { return a.first < b.first; });
    size_t out = 0;
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (out > 0 && rows_[out - 1].first == rows_[i].first) {
            rows_[out - 1].second.merge(rows_[i].second);  // the same row twice: its cells join
            continue;
        }
        if (out != i) rows_[out] = std::move(rows_[i]);
        ++out;
    }
    rows_.resize(out);
    settled_ = true;
}

const Cell& cell_at(const std::vector<Cell>& cells, size_t column) {
    return column < cells.size() ? cells[column] : kEmpty;
}

const Cell& Grid::at(size_t row, size_t column) const { return rows[row][column]; }

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

namespace {

// csv_where for a record held in a grid, which keeps no empty fields: an empty field starts
// on the line where the field before it ended (quoted line breaks are kept as one LF each).
Provenance csv_where(FileName file, const CellRow& cells, size_t row, size_t column) {
    unsigned long line = cells.line;
    if (column < cells.size()) {
        for (const CellRow::Entry& e : cells) {
            if (e.column > column) break;
            line = e.cell.line;
            if (e.column < column) line += static_cast<unsigned long>(std::count(e.cell.text.begin(), e.cell.text.end(), '\n'));
        }
    }
    return Provenance::csv_field(file, static_cast<uint32_t>(line ? line : row + 1), static_cast<uint32_t>(column + 1));
}

}  // namespace

std::string csv_row_name(const std::vector<Cell>& cells, size_t row) {
    const unsigned long line = !cells.empty() && cells[0].line ? cells[0].line : row + 1;
    return "line " + std::to_string(line);
}

Provenance Grid::where(size_t row, size_t column) const {
    if (csv) return csv_where(FileName(file), rows[row], row, column);
    return Provenance::cell(FileName(file), sheet, static_cast<uint32_t>(row + 1), static_cast<uint32_t>(column + 1));
}

std::string Grid::row_name(size_t row) const {
    if (csv) {
        const uint32_t line = rows[row].line;
        return "line " + std::to_string(line ? line : row + 1);
    }
    return "row " + std::to_string(row + 1);
}

bool Grid::blank_row(size_t row) const {
    for (const CellRow::Entry& e : rows[row]) {
        if (!e.cell.blank()) return false;
    }
    return true;
}

size_t Grid::first_non_blank_row() const {
    for (const auto& [r, cells] : rows) {
        for (const CellRow::Entry& e : cells) {
            if (!e.cell.blank()) return r;
        }
    }
    return rows.size();
}

}  // namespace fairgate::importers
