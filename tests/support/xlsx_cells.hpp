#pragma once
// Reading back what fairgate wrote: the cell text of an .xlsx, for tests. Deliberately
// independent of libxlsxwriter and of fairgate's importers, so a test checks the file as any
// other reader would see it.

#include <map>
#include <string>
#include <vector>

namespace fairgate::testing {

/// One worksheet as rows of cell text (shared strings resolved, numbers as written in the
/// XML). Rows and columns are dense from A1; missing cells are empty strings.
struct SheetCells {
    std::string name;
    std::vector<std::vector<std::string>> rows;
    bool has_formula = false;  ///< Any <f> element: supplier text must never become one.

    /// The first row whose cells include `text`; -1 if none.
    int find_row(const std::string& text) const;
    /// Column index of `heading` in row `row`; -1 if none.
    int column(int row, const std::string& heading) const;
};

/// Every worksheet of the workbook at `path`, in workbook order. Throws std::runtime_error
/// naming the path if the file is not a readable workbook.
std::vector<SheetCells> read_workbook_cells(const std::string& path);

/// The sheet called `name`; throws std::runtime_error if absent.
const SheetCells& sheet(const std::vector<SheetCells>& sheets, const std::string& name);

}  // namespace fairgate::testing
