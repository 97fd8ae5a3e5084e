#pragma once
// Reading an XLSX workbook (Office Open XML spreadsheet) into one Grid per worksheet.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "importers/cell_grid.hpp"
#include "importers/import_error.hpp"

namespace fairgate::importers {

/// Every worksheet of the workbook in `bytes`, in the workbook's order, with typed cells:
/// shared and inline strings (rich text runs joined), numbers (with what their style shows: a
/// date, a date-time, a time of day, a duration; see classify_number_format), booleans and
/// error codes. Formula cells give
/// their cached result.
/// Throws ImportError naming `file_name` when the file is not a readable workbook (damaged,
/// truncated, XML with a DOCTYPE) or breaks `limits` (a zip bomb).
std::vector<Grid> read_xlsx(const std::string& file_name, std::string bytes, const ImportLimits& limits);

/// The problem an ImportError states for a workbook that cannot be read: "is not a readable
/// Excel workbook (the file is damaged or truncated): <detail>".
std::string unreadable_workbook(const std::string& detail);

/// One row of a worksheet as XlsxWorkbook::read_rows hands it over: its 0-based row number
/// and the cells it has, by 0-based column. The callee may move the cells out.
using SheetRowSink = std::function<void(size_t row, CellRow& cells)>;

/// What a first look at a worksheet found (XlsxWorkbook::survey), without holding its rows.
struct SheetSurvey {
    /// The rows up to and including the first non-blank one (no rows when the sheet is blank):
    /// enough to read a table's heading and to look for personal data beside it.
    Grid head;
    bool blank = true;  ///< No non-blank cell on the whole sheet.
    /// Whether the sheet could hold a form's heading row (find_form_heading), judged from the
    /// shared strings and the sheet's own text (inline strings, formula results): false means
    /// it certainly does not.
    bool may_hold_form_heading = false;
};

/// An XLSX workbook opened for reading sheet by sheet: what read_xlsx reads whole, for sheets
/// too big to hold whole. The workbook part, relationships, shared strings and styles are read
/// when it opens; each sheet's XML is inflated a piece at a time as it is read (a sheet can
/// be read more than once; the limits count it once). Throws ImportError as read_xlsx does.
class XlsxWorkbook {
public:
    XlsxWorkbook(const std::string& file_name, std::string bytes, const ImportLimits& limits);
    ~XlsxWorkbook();
    XlsxWorkbook(const XlsxWorkbook&) = delete;
    XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

    size_t sheet_count() const;
    const std::string& sheet_name(size_t sheet) const;
    /// The size the sheet's XML declares (a header can lie: a hint for choosing how to read).
    uint64_t sheet_bytes(size_t sheet) const;
    bool date1904() const;

    /// The whole sheet, as read_xlsx gives it.
    Grid read_sheet(size_t sheet);
    /// The sheet's rows in the order the sheet lists them, each handed to `sink` as soon as it
    /// is parsed; memory holds about half a megabyte of the sheet's XML at a time, never the whole
    /// sheet. Throws ImportError as read_xlsx does, possibly after some rows were handed over.
    void read_rows(size_t sheet, const SheetRowSink& sink);
    /// A first look at the sheet (see SheetSurvey): its XML inflated once, only its first rows
    /// parsed.
    SheetSurvey survey(size_t sheet);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// NumberFormatKind (what a number format shows) is in cell_grid.hpp: cells carry it.

/// Classifies the number format of a cell style: `id` is the style's numFmtId and `code` the
/// formatCode the workbook declares for it (empty when it declares none; a declared code wins
/// over the built-in of the same id). Built-ins: 14-17 dates, 22 date-time, 18-21, 45 and 47
/// times, 46 ([h]:mm:ss) a duration, every other built-in a number. A code is read as Excel
/// does, looking at its first section (up to an unquoted ';'): text in "quotes", characters
/// after \ (and after _ or *), and [bracketed] colours, conditions and locales ([Red],
/// [$-809], [>=100]) are literal; [h], [hh], [m], [mm], [s], [ss] are elapsed-time codes;
/// AM/PM and A/P mark a time of day; y and d are date codes; m or mm is minutes when the date
/// or time code before it is an hour (h, hh, [h]) or the one after it is seconds (s, ss, [s]),
/// whatever literal text lies between, and a month otherwise; mmm and longer are months.
NumberFormatKind classify_number_format(unsigned id, const std::string& code);

/// Whether a number in that format is a date, read as one: Date or DateTime (of which a date
/// keeps the day: the time of day is dropped). Times of day and durations are not dates: see
/// Cell::time_text and read_answer for how they are read.
bool is_date_format(unsigned id, const std::string& code);

}  // namespace fairgate::importers
