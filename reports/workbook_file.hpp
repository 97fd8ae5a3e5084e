#pragma once
// Writing a workbook file: atomically, reproducibly, text always as text. Shared by the
// report writers; private to reports/.

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/date.hpp"
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

/// The paper every sheet of every workbook prints on (Excel's code for A4), landscape: one
/// size for the whole of a printout, as councils' printers hold.
inline constexpr uint8_t kPaperA4 = 9;

/// What every printed page of a sheet says, as literal text (codes are added here): the
/// header has `header_left` on the left, the sheet's name in the centre and `header_right`
/// on the right; the footer has `footer_left` on the left and "Page n of m" on the right.
/// Each is shortened only if the whole would pass Excel's 255 characters (see
/// header_footer_text), `header_right` first kept whole.
struct PageText {
    std::string header_left;
    std::string header_right;
    std::string footer_left;
};

/// The page header and footer strings for `page`, codes included, each at most
/// kMaxHeaderFooterChars characters.
std::pair<std::string, std::string> header_and_footer(const PageText& page);

/// One worksheet being written. Text always goes through worksheet_write_string (after
/// cell_text when it needs it), never as a formula, whatever it starts with.
///
/// Rows grow to show wrapped text: libxlsxwriter does not fit rows, Excel fits them only
/// when a cell is edited (so prints them at 15 pt) and LibreOffice keeps them too, so wrapped
/// lines would overlap the next row or be cut off. Each cell written with a wrapping format
/// (its own, or its column's when it has none) sets its row to the tallest estimate so far
/// (wrapped_lines, row_height, in the format's font size). Set a column's width before
/// writing into it.
class SheetWriter {
public:
    SheetWriter(lxw_worksheet* ws, WorkbookErrors& errors) : ws_(ws), errors_(errors) {}

    void text(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* fmt = nullptr);
    void number(lxw_row_t row, lxw_col_t col, double v, lxw_format* fmt = nullptr);
    /// A date as Excel holds one (its serial day number), shown by `fmt`'s number format.
    void date(lxw_row_t row, lxw_col_t col, Date d, lxw_format* fmt);
    /// A hyperlink to another file, `target` relative to this workbook's folder (forward
    /// slashes), showing `shown`. Falls back to `shown` as plain text when libxlsxwriter
    /// refuses the link (Excel's limit of 2079 characters, or 65530 links a sheet).
    void file_link(lxw_row_t row, lxw_col_t col, const std::string& target, const std::string& shown, lxw_format* fmt);
    void width(lxw_col_t col, double w, lxw_format* fmt = nullptr);
    /// Text across columns `first_col`..`last_col` of one row, the row as tall as the text
    /// needs across their widths: Excel does not grow a merged row to fit.
    void merged(lxw_row_t row, lxw_col_t first_col, lxw_col_t last_col, std::string_view s, lxw_format* fmt);
    /// An Excel table (header row, autofilter, banding) whose header is row `header_row`,
    /// followed by `rows` data rows the caller writes. Excel needs at least one data row, so
    /// an empty table keeps one blank row. Headers are copied; a header that wraps in its
    /// column grows the header row.
    void table(const char* name, lxw_row_t header_row, const std::vector<std::string>& headers, lxw_row_t rows);
    /// Rows `first`..`last` are one section (a heading and what it heads): printed, a section
    /// a third of a page tall or less starts a new page rather than be split; a taller one
    /// starts a new page rather than leave its heading with fewer than three of its rows at a
    /// page's foot.
    void section(lxw_row_t first, lxw_row_t last);
    /// Landscape A4 with `page`'s header and footer, and `header_row`, when given, repeated at
    /// the top of every printed page. A sheet with sections is scaled to fit its columns to
    /// the page width (a scale rather than Excel's "fit to", which would override the page
    /// breaks) and breaks pages before sections as section() says; any other sheet is fitted
    /// to one page wide. Call once, after writing every cell.
    void print_setup(const PageText& page, std::optional<lxw_row_t> header_row = std::nullopt);

    lxw_worksheet* get() const { return ws_; }
    WorkbookErrors& errors() const { return errors_; }
    /// Estimated printed height of `row` in points (15 unless a wrapped cell grew it).
    double height(lxw_row_t row) const { return row < heights_.size() ? heights_[row] : kDefaultRow; }
    /// The print scale (percent) at which the columns set so far fill the width of landscape A4.
    unsigned width_scale() const;

private:
    static constexpr double kDefaultRow = 15.0;

    /// Grows `row` to show `s` across columns `first`..`last` if `fmt` (or, when null, the
    /// first column's format) wraps.
    void fit(lxw_row_t row, lxw_col_t first, lxw_col_t last, std::string_view s, lxw_format* fmt);
    void used(lxw_row_t row) { last_row_ = std::max(last_row_, row); }
    /// Page breaks that keep each section's heading with its rows at `scale` percent.
    std::vector<lxw_row_t> section_breaks(unsigned scale, std::optional<lxw_row_t> header_row) const;

    lxw_worksheet* ws_;
    WorkbookErrors& errors_;
    std::vector<double> widths_;        ///< Per column, as set by width().
    std::vector<lxw_format*> formats_;  ///< Per column, as set by width().
    std::vector<double> heights_;       ///< Per row, the tallest a cell needs so far (points).
    std::vector<std::pair<lxw_row_t, lxw_row_t>> sections_;  ///< First and last row, in order.
    lxw_row_t last_row_ = 0;
};

/// Excel's serial day number of `d` (days since 1899-12-30).
double excel_serial(Date d);

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
