#pragma once
// Writing a workbook file: atomically, reproducibly, text always as text. Shared by the
// report writers; private to reports/.

#include <xlsxwriter.h>

#include <cstdint>
#include <ctime>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"

namespace fairgate::reports::detail {

/// "Fail", "Not applicable": a model code ("not-applicable") as a heading shows it.
std::string display_label(std::string_view code);

/// Worst first, the order an officer reads outcomes in: fail 0, missing 1, refer 2, warn 3,
/// pass 4, not applicable 5.
int worst_first_rank(Outcome o);

/// The non-empty parts joined with `sep`.
std::string join_nonempty(const std::vector<std::string>& parts, std::string_view sep);

/// Where a finding's evidence was read, each place once in reading order, one per line.
std::string evidence_places(const Finding& f);

/// The document creation time a workbook states: midnight UTC of `data_date` (ISO), never
/// the clock, so the same inputs give the same bytes. An unreadable date gives 2000-01-01.
time_t created_time(const std::string& data_date);

/// Collects the first libxlsxwriter error of a build, so that one check after
/// workbook_close reports it with what was being written.
class WorkbookErrors {
public:
    void check(lxw_error err, const char* what);
    const std::string& first() const { return first_; }

private:
    std::string first_;
};

/// Paper sizes a sheet prints on (Excel's codes): A4 for most, A3 for sheets too wide to read
/// on A4 once fitted to one page wide.
inline constexpr uint8_t kPaperA4 = 9;
inline constexpr uint8_t kPaperA3 = 8;

/// One worksheet being written. Text always goes through worksheet_write_string (after
/// cell_text when it needs it), never as a formula, whatever it starts with.
///
/// Rows grow to show wrapped text: libxlsxwriter does not fit rows, Excel fits them only
/// when a cell is edited (so prints them at 15 pt) and LibreOffice keeps them too, so wrapped
/// lines would overlap the next row or be cut off. Each cell written with a wrapping format
/// (its own, or its column's when it has none) sets its row to the tallest estimate so far
/// (wrapped_lines, row_height). Set a column's width before writing into it.
class SheetWriter {
public:
    SheetWriter(lxw_worksheet* ws, WorkbookErrors& errors) : ws_(ws), errors_(errors) {}

    void text(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* fmt = nullptr);
    void number(lxw_row_t row, lxw_col_t col, double v, lxw_format* fmt = nullptr);
    void width(lxw_col_t col, double w, lxw_format* fmt = nullptr);
    /// Text across columns `first_col`..`last_col` of one row, the row as tall as the text
    /// needs across their widths: Excel does not grow a merged row to fit.
    void merged(lxw_row_t row, lxw_col_t first_col, lxw_col_t last_col, std::string_view s, lxw_format* fmt);
    /// An Excel table (header row, autofilter, banding) whose header is row `header_row`,
    /// followed by `rows` data rows the caller writes. Excel needs at least one data row, so
    /// an empty table keeps one blank row. Headers are copied; a header that wraps in its
    /// column grows the header row.
    void table(const char* name, lxw_row_t header_row, const std::vector<std::string>& headers, lxw_row_t rows);
    /// Landscape on `paper`, one page wide, `header_row` repeated on every printed page, and
    /// a footer with `footer` (cut to 100 bytes, '&' kept literal) on the left and
    /// "Page n of m" on the right.
    void print_setup(lxw_row_t header_row, std::string_view footer, uint8_t paper = kPaperA4);

    lxw_worksheet* get() const { return ws_; }
    WorkbookErrors& errors() const { return errors_; }

private:
    /// Grows `row` to show `s` across columns `first`..`last` if `fmt` (or, when null, the
    /// first column's format) wraps.
    void fit(lxw_row_t row, lxw_col_t first, lxw_col_t last, std::string_view s, lxw_format* fmt);

    lxw_worksheet* ws_;
    WorkbookErrors& errors_;
    std::vector<double> widths_;        ///< Per column, as set by width().
    std::vector<lxw_format*> formats_;  ///< Per column, as set by width().
    std::vector<unsigned> lines_;       ///< Per row, the most lines a cell needs so far.
};

/// Adds a worksheet; throws std::runtime_error if libxlsxwriter refuses the name.
SheetWriter add_sheet(lxw_workbook* wb, WorkbookErrors& errors, const char* name);

/// Title, subject, author "fairgate", comments and a creation time from `data_date` (see
/// created_time). libxlsxwriter copies the strings.
void set_properties(lxw_workbook* wb, WorkbookErrors& errors, const std::string& title, const std::string& subject,
                    const std::string& comments, const std::string& data_date);

/// Writes a workbook to `path` atomically: creates missing folders, has `build` fill a new
/// workbook whose file is a hidden temporary in the same folder, closes it and renames it
/// into place, so a reader sees the old file or the new one, never part of one. The
/// temporary file is removed on any failure. Throws std::runtime_error
/// "cannot write workbook <path>: <why>" when a folder, libxlsxwriter or the rename fails
/// (the first error `build` recorded in its WorkbookErrors counts as a failure); an
/// exception from `build` propagates after cleanup.
void write_workbook_file(const std::string& path,
                         const std::function<void(lxw_workbook*, WorkbookErrors&)>& build);

}  // namespace fairgate::reports::detail
