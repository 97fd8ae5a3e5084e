#include "xlsx_form_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <ctime>
#include <iterator>
#include <stdexcept>
#include <string>

namespace fairgate::gen {

namespace {

// Excel's serial day 25569 is 1970-01-01 (serials count from 1899-12-30).
constexpr double kExcelEpochOffset = 25569.0;

struct Formats {
    lxw_format* title;
    lxw_format* label;
    lxw_format* heading;
    lxw_format* wrap;
    lxw_format* text;
    lxw_format* integer;
    lxw_format* number;
    lxw_format* money;
    lxw_format* money_pence;
    lxw_format* percent;
    lxw_format* date;
};

Formats make_formats(lxw_workbook* wb) {
    auto top = [&](lxw_format* f) { format_set_align(f, LXW_ALIGN_VERTICAL_TOP); return f; };
    auto numeric = [&](const char* num_format) {
        lxw_format* f = top(workbook_add_format(wb));
        format_set_num_format(f, num_format);
        format_set_align(f, LXW_ALIGN_LEFT);
        return f;
    };
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    f.label = top(workbook_add_format(wb));
    format_set_bold(f.label);
    f.heading = workbook_add_format(wb);
    format_set_bold(f.heading);
    format_set_bg_color(f.heading, 0xD9E1F2);
    format_set_bottom(f.heading, LXW_BORDER_THIN);
    f.wrap = top(workbook_add_format(wb));
    format_set_text_wrap(f.wrap);
    f.text = top(workbook_add_format(wb));
    f.integer = numeric("#,##0");
    f.number = numeric("General");
    f.money = numeric("\xC2\xA3#,##0");
    f.money_pence = numeric("\xC2\xA3#,##0.00");
    f.percent = numeric("0%");
    f.date = numeric("dd/mm/yyyy");
    return f;
}

lxw_row_t row_of(int r) { return static_cast<lxw_row_t>(r); }
lxw_col_t col_of(int c) { return static_cast<lxw_col_t>(c); }

void check(lxw_error err, const std::filesystem::path& path) {
    if (err != LXW_NO_ERROR) throw std::runtime_error("writing " + path.string() + ": " + lxw_strerror(err));
}

double excel_date(Date d) { return d.days() + kExcelEpochOffset; }

void write_cell(lxw_worksheet* ws, int row, int col, const Cell& c, const Formats& f) {
    switch (c.kind) {
        case Cell::Kind::Blank: return;
        case Cell::Kind::Text: worksheet_write_string(ws, row_of(row), col_of(col), c.text.c_str(), f.text); return;
        case Cell::Kind::Integer: worksheet_write_number(ws, row_of(row), col_of(col), c.number, f.integer); return;
        case Cell::Kind::Number: worksheet_write_number(ws, row_of(row), col_of(col), c.number, f.number); return;
        case Cell::Kind::Money: {
            const bool pence = std::fabs(c.number - std::round(c.number)) > 1e-9;
            worksheet_write_number(ws, row_of(row), col_of(col), c.number, pence ? f.money_pence : f.money);
            return;
        }
        case Cell::Kind::Percent: worksheet_write_number(ws, row_of(row), col_of(col), c.number, f.percent); return;
        case Cell::Kind::Date: worksheet_write_number(ws, row_of(row), col_of(col), excel_date(c.date), f.date); return;
    }
}

void write_guidance(lxw_workbook* wb, const Formats& f, bool tender) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Guidance");
    worksheet_set_column(ws, 0, 0, 100, f.wrap);
    const char* lines[] = {
        "How to complete this form",
        tender ? "Answer every question in the Response column of the Questionnaire sheet. Where a question asks you to attach a document, name the attachment in Evidence / comments."
               : "Complete one monitoring return per contract per quarter and send it within 28 days of the quarter's end.",
        "Yes/No questions: type Yes or No. Money: in pounds. Percentages: as a percentage of service users.",
        "Do not send information about individual people: this form asks for totals only.",
        "Questions? procurement@bexley.example",
    };
    for (int row = 0; row < static_cast<int>(std::size(lines)); ++row)
        worksheet_write_string(ws, row_of(row), 0, lines[row], row == 0 ? f.title : f.wrap);
}

/// libxlsxwriter stages each part of the package in a temporary file before zipping it: ten
/// files created and deleted per workbook. On a disk file system that churn dominated the time
/// to write a synthetic portfolio, so use memory-backed /dev/shm where there is one. Only
/// where the scratch files live changes, never the bytes written.
char* scratch_dir() {
    static std::string dir = [] {
        std::error_code ec;
        const std::filesystem::path shm = "/dev/shm";
        if (std::filesystem::is_directory(shm, ec) && access(shm.c_str(), W_OK | X_OK) == 0) return shm.string();
        return std::string();
    }();
    return dir.empty() ? nullptr : dir.data();
}

}  // namespace

void write_xlsx_form(const std::filesystem::path& path, const Return& r, const FormLayout& layout) {
    const bool tender = r.kind == ReturnKind::Tender;
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.use_zip64 = LXW_FALSE;
    options.tmpdir = scratch_dir();
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    if (!wb) throw std::runtime_error("cannot create " + path.string());

    // The submitted date at 09:00 UTC: docProps/core.xml and the zip entries carry it, so the
    // bytes depend on the return alone.
    std::string title = tender ? "Equality and social value questionnaire" : "Quarterly equality and social value monitoring return";
    std::string author = r.supplier_name;
    std::string company = "London Borough of Bexley";
    lxw_doc_properties props{};
    props.title = title.data();
    props.author = author.data();
    props.company = company.data();
    props.created = static_cast<time_t>(r.submitted.days()) * 86400 + 9 * 3600;
    check(workbook_set_properties(wb, &props), path);

    const Formats f = make_formats(wb);
    if (layout.guidance_sheet_first) write_guidance(wb, f, tender);
    lxw_worksheet* ws = workbook_add_worksheet(wb, tender ? "Questionnaire" : "Monitoring return");

    const int c0 = layout.first_column;  // Ref column
    worksheet_set_column(ws, col_of(c0), col_of(c0), 7, nullptr);
    worksheet_set_column(ws, col_of(c0 + 1), col_of(c0 + 1), 72, f.wrap);
    worksheet_set_column(ws, col_of(c0 + 2), col_of(c0 + 2), 26, nullptr);
    worksheet_set_column(ws, col_of(c0 + 3), col_of(c0 + 3), 56, f.wrap);

    int row = 0;
    worksheet_write_string(ws, row_of(row), col_of(c0),
                           tender ? "London Borough of Bexley: equality and social value questionnaire"
                                  : "London Borough of Bexley: quarterly equality and social value monitoring return",
                           f.title);
    row = 2;
    auto header = [&](const char* label, const Cell& value) {
        worksheet_write_string(ws, row_of(row), col_of(c0 + 1), label, f.label);
        write_cell(ws, row, c0 + 2, value, f);
        ++row;
    };
    header("Return type", Cell::str(tender ? "Tender" : "Quarterly"));
    if (tender) header("Tender reference", Cell::str(r.tender_id));
    else header("Contract reference", Cell::str(r.contract_id));
    header("Supplier registration number", Cell::str(r.supplier_id));
    header("Supplier name", Cell::str(r.supplier_name));
    if (!tender) header("Reporting period", Cell::str(r.period.label()));
    header("Date submitted", Cell::day(r.submitted));

    ++row;  // a blank row between the header block and the questions, as in the template
    const char* heading[] = {"Ref", "Question", "Response", "Evidence / comments"};
    for (int i = 0; i < 4; ++i) worksheet_write_string(ws, row_of(row), col_of(c0 + i), heading[i], f.heading);
    worksheet_freeze_panes(ws, row_of(row + 1), 0);
    ++row;

    const auto& qs = questions(r.kind);
    for (size_t i = 0; i < qs.size(); ++i, ++row) {
        worksheet_write_string(ws, row_of(row), col_of(c0), std::string(qs[i].ref).c_str(), f.label);
        worksheet_write_string(ws, row_of(row), col_of(c0 + 1), std::string(qs[i].wording).c_str(), f.wrap);
        write_cell(ws, row, c0 + 2, r.answers[i], f);
        if (!r.answers[i].evidence.empty())
            worksheet_write_string(ws, row_of(row), col_of(c0 + 3), r.answers[i].evidence.c_str(), f.wrap);
    }
    if (layout.guidance_sheet_first) worksheet_activate(ws);
    check(workbook_close(wb), path);
}

}  // namespace fairgate::gen
