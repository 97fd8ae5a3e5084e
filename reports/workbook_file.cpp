#include "reports/workbook_file.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
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
    } else {
        const std::string safe = cell_text(s);
        errors_.check(worksheet_write_string(ws_, row, col, safe.c_str(), fmt), "writing a cell");
        fit(row, col, col, safe, fmt);
    }
}

void SheetWriter::number(lxw_row_t row, lxw_col_t col, double v, lxw_format* fmt) {
    errors_.check(worksheet_write_number(ws_, row, col, v, fmt), "writing a number");
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
}

void SheetWriter::fit(lxw_row_t row, lxw_col_t first, lxw_col_t last, std::string_view s, lxw_format* fmt) {
    if (!fmt) fmt = first < formats_.size() ? formats_[first] : nullptr;
    if (!fmt || !fmt->text_wrap) return;  // unwrapped text runs on or is clipped: one line
    double width = 0;
    for (lxw_col_t c = first; c <= last; ++c) width += c < widths_.size() ? widths_[c] : LXW_DEF_COL_WIDTH;
    const unsigned lines = wrapped_lines(s, width, fmt->bold != 0);
    if (row >= lines_.size()) lines_.resize(row + 1, 1);
    if (lines <= lines_[row]) return;  // the row is already as tall: no call for most cells
    lines_[row] = lines;
    errors_.check(worksheet_set_row(ws_, row, row_height(lines), nullptr), "setting a row height");
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
}

void SheetWriter::print_setup(lxw_row_t header_row, std::string_view footer, uint8_t paper) {
    errors_.check(worksheet_repeat_rows(ws_, header_row, header_row), "repeating the header row");
    worksheet_set_landscape(ws_);
    worksheet_set_paper(ws_, paper);
    worksheet_fit_to_pages(ws_, 1, 0);
    // Excel limits a footer to 255 characters and reads '&' as a code: cut the caller's text
    // at a character boundary and double its ampersands.
    std::string text = cell_text(footer);
    if (text.size() > 100) {
        std::size_t cut = 100;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text.resize(cut);
    }
    std::string escaped;
    for (char ch : text) {
        if (ch == '&') escaped += '&';
        if (static_cast<unsigned char>(ch) >= 0x20) escaped += ch;
    }
    const std::string spec = "&L" + escaped + "&RPage &P of &N";
    errors_.check(worksheet_set_footer(ws_, spec.c_str()), "setting the page footer");
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
