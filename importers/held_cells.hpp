#pragma once
// What the grids of a file read whole hold, kept within ImportLimits.

#include <cstdint>
#include <string>

#include "importers/cell_grid.hpp"
#include "importers/import_error.hpp"

namespace fairgate::importers {

/// Counts the cells and text of the rows a reader keeps in grids read whole (a CSV form or
/// register, a workbook's sheets under ImportLimits::stream_sheets_from_bytes), all of one
/// file's grids together, against ImportLimits::max_held_cells and max_held_text_bytes. Rows
/// read one at a time and let go are not counted: they are bounded by the row limits.
class HeldCells {
public:
    explicit HeldCells(const ImportLimits& limits)
        : max_cells_(limits.max_held_cells), max_text_(limits.max_held_text_bytes) {}

    /// Adds a row being kept; throws ImportError at `where()` (the row: "book.xlsx!Data row 9",
    /// "register.csv line 12") once the file holds more than the limits allow.
    template <typename Where>
    void add(const CellRow& row, Where&& where) {
        for (const CellRow::Entry& e : row) {
            ++cells_;
            text_ += e.cell.text.size();
        }
        if (cells_ > max_cells_) refuse(where(), std::to_string(max_cells_) + " cells");
        if (text_ > max_text_) refuse(where(), std::to_string(max_text_) + " bytes of text");
    }

private:
    [[noreturn]] static void refuse(const std::string& where, const std::string& what);

    uint64_t max_cells_, max_text_;
    uint64_t cells_ = 0, text_ = 0;
};

}  // namespace fairgate::importers
