#include "reports/workbook_file.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <unistd.h>

#include "model/date.hpp"
#include "reports/workbook_text.hpp"
#include "reports/xlsx_packaging.hpp"

namespace fairgate::reports::detail {

namespace fs = std::filesystem;

std::string display_label(std::string_view code) {
    std::string s(code);
    std::replace(s.begin(), s.end(), '-', ' ');
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

int worst_first_rank(Outcome o) {
    switch (o) {
        case Outcome::Fail: return 0;
        case Outcome::Missing: return 1;
        case Outcome::Refer: return 2;
        case Outcome::Warn: return 3;
        case Outcome::Pass: return 4;
        case Outcome::NotApplicable: return 5;
    }
    return 6;
}

std::string join_nonempty(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const std::string& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

std::string evidence_places(const Finding& f) {
    std::vector<std::string> places;
    for (const Evidence& e : f.evidence) {
        if (e.where.empty()) continue;
        std::string d = e.where.display();
        if (std::find(places.begin(), places.end(), d) == places.end()) places.push_back(std::move(d));
    }
    return join_nonempty(places, "\n");
}

time_t created_time(const std::string& data_date) {
    constexpr time_t kFallback = 946684800;  // 2000-01-01T00:00:00Z
    const std::optional<Date> d = Date::parse_iso(data_date);
    return d ? static_cast<time_t>(d->days()) * 86400 : kFallback;
}

void WorkbookErrors::check(lxw_error err, const char* what) {
    if (err != LXW_NO_ERROR && first_.empty()) first_ = std::string(what) + ": " + lxw_strerror(err);
}

void SheetWriter::text(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* fmt) {
    // worksheet_write_string stores a string whatever it starts with, so a supplier's
    // "=HYPERLINK(...)" stays inert text. Clean text (nearly all) is written as it is: the
    // copy cell_text makes showed in profiles.
    if (cell_text_unchanged(s)) {
        errors_.check(worksheet_write_string(ws_, row, col, s.c_str(), fmt), "writing a cell");
        fit(row, col, col, s, fmt);
        used(row);
    } else {
        const std::string safe = cell_text(s);
        errors_.check(worksheet_write_string(ws_, row, col, safe.c_str(), fmt), "writing a cell");
        fit(row, col, col, safe, fmt);
        used(row);
    }
}

void SheetWriter::number(lxw_row_t row, lxw_col_t col, double v, lxw_format* fmt) {
    errors_.check(worksheet_write_number(ws_, row, col, v, fmt), "writing a number");
    used(row);
}

double excel_serial(Date d) { return static_cast<double>(d.days()) + 25569.0; }

void SheetWriter::date(lxw_row_t row, lxw_col_t col, Date d, lxw_format* fmt) { number(row, col, excel_serial(d), fmt); }

void SheetWriter::file_link(lxw_row_t row, lxw_col_t col, const std::string& target, const std::string& shown,
                            lxw_format* fmt) {
    // A link's target is read as a URL: a '%' or '#' in a file name (output_folder_name writes
    // '%XX' escapes) is escaped so the link names the file, not a decoded one or a place in
    // it. libxlsxwriter escapes spaces and the like itself.
    std::string url = "external:";
    for (char ch : cell_text(target)) {
        if (ch == '%') url += "%25";
        else if (ch == '#') url += "%23";
        else url += ch;
    }
    // libxlsxwriter writes an external link's target with Windows separators (as Excel
    // does) and shows the cell so too: the cell is written again with `shown` as given; the
    // link stays.
    if (worksheet_write_url_opt(ws_, row, col, url.c_str(), fmt, nullptr, nullptr) != LXW_NO_ERROR) {
        text(row, col, shown, fmt);  // too long to be a link: the path still reads
        return;
    }
    text(row, col, shown, fmt);
}

void SheetWriter::width(lxw_col_t col, double w, lxw_format* fmt) {
    errors_.check(worksheet_set_column(ws_, col, col, w, fmt), "setting a column width");
    if (col >= widths_.size()) {
        widths_.resize(col + 1, LXW_DEF_COL_WIDTH);
        formats_.resize(col + 1, nullptr);
    }
    widths_[col] = w;
    formats_[col] = fmt;
}

void SheetWriter::merged(lxw_row_t row, lxw_col_t first_col, lxw_col_t last_col, std::string_view s,
                         lxw_format* fmt) {
    // worksheet_merge_range writes its text with worksheet_write_string: never a formula.
    const std::string safe = cell_text(s);
    errors_.check(worksheet_merge_range(ws_, row, first_col, row, last_col, safe.c_str(), fmt), "merging cells");
    fit(row, first_col, last_col, safe, fmt);
    used(row);
}

void SheetWriter::fit(lxw_row_t row, lxw_col_t first, lxw_col_t last, std::string_view s, lxw_format* fmt) {
    if (!fmt) fmt = first < formats_.size() ? formats_[first] : nullptr;
    if (!fmt || !fmt->text_wrap) return;  // unwrapped text runs on or is clipped: one line
    double width = 0;
    for (lxw_col_t c = first; c <= last; ++c) width += c < widths_.size() ? widths_[c] : LXW_DEF_COL_WIDTH;
    const double font = fmt->font_size > 0 ? fmt->font_size : 11.0;
    const unsigned lines = wrapped_lines(s, width, fmt->bold != 0, font);
    const double h = row_height(lines, font);
    if (row >= heights_.size()) heights_.resize(row + 1, kDefaultRow);
    // A single line of 11 pt, or a row already as tall: no call (most cells).
    if (h <= heights_[row] || (lines == 1 && font <= 11.0)) return;
    heights_[row] = h;
    errors_.check(worksheet_set_row(ws_, row, h, nullptr), "setting a row height");
}

void SheetWriter::table(const char* name, lxw_row_t header_row, const std::vector<std::string>& headers,
                        lxw_row_t rows) {
    if (headers.empty()) return;
    std::vector<lxw_table_column> columns(headers.size());
    std::vector<lxw_table_column*> pointers;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        columns[i] = lxw_table_column{};
        columns[i].header = const_cast<char*>(headers[i].c_str());  // libxlsxwriter copies it
        pointers.push_back(&columns[i]);
    }
    pointers.push_back(nullptr);
    lxw_table_options options{};
    options.name = const_cast<char*>(name);
    options.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    options.style_type_number = 9;
    options.columns = pointers.data();
    // The table brings its own autofilter; a worksheet autofilter on the same range would
    // give Excel two filters to reconcile, and it repairs the file.
    const auto last_col = static_cast<lxw_col_t>(headers.size() - 1);
    errors_.check(worksheet_add_table(ws_, header_row, 0, header_row + std::max<lxw_row_t>(rows, 1), last_col, &options),
                  "adding a table");
    // libxlsxwriter writes the headers without a format of their own, so they take their
    // column's: a wrapped column wraps its header too.
    for (std::size_t i = 0; i < headers.size(); ++i) {
        fit(header_row, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), headers[i], nullptr);
    }
    used(header_row + std::max<lxw_row_t>(rows, 1));
}

void SheetWriter::section(lxw_row_t first, lxw_row_t last) {
    if (last >= first) sections_.emplace_back(first, last);
}

namespace {

// A4 landscape with libxlsxwriter's default margins (0.7 in left and right, 0.75 in top and
// bottom): the printable area in points.
constexpr double kPrintableWidth = (11.69 - 2 * 0.7) * 72;
constexpr double kPrintableHeight = (8.27 - 2 * 0.75) * 72;
// Renderers' fonts differ a little from the estimates: keep this much in hand.
constexpr double kSlack = 0.94;

/// Points a column `width` characters wide prints across: Excel's pixels for 11 pt Calibri
/// (7 a character, 5 of padding) at 96 to the inch.
double column_points(double width) { return std::floor(width * 7 + 5) * 0.75; }

constexpr std::string_view kSheetName = "&A";
constexpr std::string_view kPageNumbers = "Page &P of &N";

}  // namespace

std::pair<std::string, std::string> header_and_footer(const PageText& page) {
    // "&L<left>&C&A&R<right>": the right (a period or a date) is kept whole first, the left
    // has what remains; "&L<left>&RPage &P of &N" likewise.
    const std::size_t header_codes = 2 + 2 + kSheetName.size() + 2;
    const std::string right = header_footer_text(page.header_right, kMaxHeaderFooterChars / 3);
    const std::string left =
        header_footer_text(page.header_left, kMaxHeaderFooterChars - header_codes - char_count(right));
    std::string header = "&L" + left + "&C" + std::string(kSheetName) + "&R" + right;
    const std::size_t footer_codes = 2 + 2 + kPageNumbers.size();
    std::string footer = "&L" + header_footer_text(page.footer_left, kMaxHeaderFooterChars - footer_codes) + "&R" +
                         std::string(kPageNumbers);
    return {std::move(header), std::move(footer)};
}

unsigned SheetWriter::width_scale() const {
    double points = 0;
    for (double w : widths_) points += column_points(w);
    if (points <= 0) return 100;
    const double scale = std::floor(100.0 * kSlack * kPrintableWidth / points);
    return static_cast<unsigned>(std::clamp(scale, 10.0, 100.0));
}

std::vector<lxw_row_t> SheetWriter::section_breaks(unsigned scale, std::optional<lxw_row_t> header_row) const {
    // Rows of the sheet's own height (before scaling) that one page holds, less a repeated header.
    double page = kSlack * kPrintableHeight * 100.0 / scale;
    if (header_row) page -= height(*header_row);
    auto rows_height = [&](lxw_row_t first, lxw_row_t last) {
        double h = 0;
        for (lxw_row_t r = first; r <= last; ++r) h += height(r);
        return h;
    };
    std::vector<lxw_row_t> breaks;
    double used = 0;  // on the current page
    std::size_t next = 0;
    for (lxw_row_t row = 0; row <= last_row_; ++row) {
        if (next < sections_.size() && sections_[next].first == row) {
            const auto [first, last] = sections_[next++];
            // A short section whole; a longer one by its heading and first three rows, so that
            // no page is left mostly empty to keep a long section together.
            double need = rows_height(first, last);
            if (need > page / 3) need = rows_height(first, std::min<lxw_row_t>(last, first + 3));
            if (used > 0 && used + need > page) {
                breaks.push_back(row);
                used = 0;
            }
        }
        const double h = height(row);
        if (used > 0 && used + h > page) used = 0;  // where the renderer will break anyway
        used += h;
    }
    return breaks;
}

void SheetWriter::print_setup(const PageText& page, std::optional<lxw_row_t> header_row) {
    if (header_row) errors_.check(worksheet_repeat_rows(ws_, *header_row, *header_row), "repeating the header row");
    worksheet_set_landscape(ws_);
    worksheet_set_paper(ws_, kPaperA4);
    // Fitted by the renderer, whose fonts decide how wide a column prints (LibreOffice
    // without Calibri prints a third wider than Excel).
    worksheet_fit_to_pages(ws_, 1, 0);
    if (!sections_.empty()) {
        // Breaks placed at the scale Excel's own fonts give.
        std::vector<lxw_row_t> breaks = section_breaks(width_scale(), header_row);
        if (!breaks.empty()) {
            if (breaks.size() > LXW_BREAKS_MAX) breaks.resize(LXW_BREAKS_MAX);
            breaks.push_back(0);  // the list's end
            errors_.check(worksheet_set_h_pagebreaks(ws_, breaks.data()), "setting page breaks");
        }
    }
    const auto [header, footer] = header_and_footer(page);
    errors_.check(worksheet_set_header(ws_, header.c_str()), "setting the page header");
    errors_.check(worksheet_set_footer(ws_, footer.c_str()), "setting the page footer");
}

SheetWriter add_sheet(lxw_workbook* wb, WorkbookErrors& errors, const char* name) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    if (!ws) throw std::runtime_error(std::string("cannot add worksheet ") + name);
    return SheetWriter(ws, errors);
}

void set_properties(lxw_workbook* wb, WorkbookErrors& errors, const std::string& title, const std::string& subject,
                    const std::string& comments, const std::string& data_date) {
    // `created` from the data date (never the clock) so the same inputs give byte-identical
    // files. libxlsxwriter formats it with gmtime(); see xlsx_packaging.cpp for the
    // thread-safe override.
    const std::string t = cell_text(title), s = cell_text(subject), c = cell_text(comments);
    lxw_doc_properties props{};
    props.title = const_cast<char*>(t.c_str());
    props.subject = const_cast<char*>(s.c_str());
    props.author = const_cast<char*>("fairgate");
    props.comments = const_cast<char*>(c.c_str());
    props.created = created_time(data_date);
    errors.check(workbook_set_properties(wb, &props), "setting document properties");
}

namespace {

/// Removes the temporary file unless the rename committed it.
class TempFile {
public:
    explicit TempFile(std::string path) : path_(std::move(path)) {}
    ~TempFile() {
        if (!committed_) std::remove(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }
    void commit() { committed_ = true; }

private:
    std::string path_;
    bool committed_ = false;
};

/// Closes (and so frees) a workbook that an exception left open.
struct WorkbookCloser {
    void operator()(lxw_workbook* wb) const { workbook_close(wb); }
};

[[noreturn]] void fail(const std::string& path, const std::string& why) {
    throw std::runtime_error("cannot write workbook " + path + ": " + why);
}

}  // namespace

void write_workbook_file(const std::string& path,
                         const std::function<void(lxw_workbook*, WorkbookErrors&)>& build) {
    const fs::path target(path);
    const fs::path dir = target.parent_path();
    std::error_code ec;
    if (!dir.empty()) {
        fs::create_directories(dir, ec);
        if (ec) fail(path, "cannot create folder " + dir.string() + ": " + ec.message());
    }

    // Same folder as the target, so the rename is atomic; hidden and unique per process and
    // call, so concurrent writers and an interrupted run never clash with a finished file.
    static std::atomic<unsigned> counter{0};
    const std::string tmp_name = "." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(counter++);
    TempFile tmp((dir / tmp_name).string());

    // Parts assembled in memory and deflated fast (xlsx_packaging.hpp), from the workbook's
    // start to its close.
    const PackagingScope packaging(default_packaging());
    lxw_workbook_options options{};
    // Not constant_memory: that mode cannot add table headers after the data. No tmpdir:
    // libxlsxwriter's scratch files come from tmpfile(), deleted however the process ends.
    options.constant_memory = LXW_FALSE;
    std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new_opt(tmp.path().c_str(), &options));
    if (!wb) fail(path, "libxlsxwriter could not start a workbook");

    WorkbookErrors errors;
    build(wb.get(), errors);

    const lxw_error closed = workbook_close(wb.release());
    if (closed != LXW_NO_ERROR) fail(path, lxw_strerror(closed));
    if (!errors.first().empty()) fail(path, errors.first());

    // No fsync: a workbook is derived data that a rerun rewrites; the rename alone keeps
    // readers from seeing a partial file.
    if (std::rename(tmp.path().c_str(), path.c_str()) != 0) {
        fail(path, std::string("cannot rename the temporary file into place: ") + std::strerror(errno));
    }
    tmp.commit();
}

}  // namespace fairgate::reports::detail
