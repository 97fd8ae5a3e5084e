#include "reports/workbook_formats.hpp"

namespace fairgate::reports::detail {

namespace {

lxw_format* top_aligned(lxw_workbook* wb) {
    lxw_format* f = workbook_add_format(wb);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

lxw_format* numeric(lxw_workbook* wb, const char* num_format, bool left) {
    lxw_format* f = top_aligned(wb);
    if (left) format_set_align(f, LXW_ALIGN_LEFT);
    format_set_num_format(f, num_format);
    return f;
}

lxw_format* status_cell(lxw_workbook* wb, lxw_color_t fill, lxw_color_t font) {
    lxw_format* f = top_aligned(wb);
    format_set_bold(f);
    format_set_pattern(f, LXW_PATTERN_SOLID);
    format_set_bg_color(f, fill);
    format_set_font_color(f, font);
    format_set_text_wrap(f);  // the Summary's actions put a rule title in a status cell
    return f;
}

}  // namespace

Formats::Formats(lxw_workbook* wb) {
    title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 16);
    format_set_text_wrap(title);
    format_set_align(title, LXW_ALIGN_VERTICAL_TOP);

    heading = workbook_add_format(wb);
    format_set_bold(heading);
    format_set_font_size(heading, 12);
    format_set_bottom(heading, LXW_BORDER_THIN);

    label = top_aligned(wb);
    format_set_bold(label);

    text = top_aligned(wb);
    format_set_text_wrap(text);

    note = top_aligned(wb);
    format_set_italic(note);
    format_set_font_color(note, 0x595959);
    format_set_text_wrap(note);

    constexpr const char* kDate = "d mmm yyyy";
    constexpr const char* kMoney = "\xC2\xA3#,##0";
    count = numeric(wb, "0", false);
    percent = numeric(wb, "0%", false);
    decimal = numeric(wb, "0.0#", false);
    date = numeric(wb, kDate, false);
    money = numeric(wb, kMoney, false);
    fact_count = numeric(wb, "0", true);
    fact_date = numeric(wb, kDate, true);
    fact_money = numeric(wb, kMoney, true);
    pence = numeric(wb, "\xC2\xA3#,##0.00", false);
    fact_pence = numeric(wb, "\xC2\xA3#,##0.00", true);
    fact_percent = numeric(wb, "0%", true);
    fact_decimal = numeric(wb, "0.0#", true);

    red = status_cell(wb, 0xFFC7CE, 0x9C0006);
    amber = status_cell(wb, 0xFFEB9C, 0x9C5700);
    green = status_cell(wb, 0xC6EFCE, 0x006100);
    grey = status_cell(wb, 0xEDEDED, 0x595959);
}

lxw_format* Formats::value_format(const Value& v, bool fact) const {
    if (!v.is_valid()) return nullptr;
    switch (v.type()) {
        case FieldType::Integer:
        case FieldType::Days: return fact ? fact_count : count;
        case FieldType::Number: return fact ? fact_decimal : decimal;
        case FieldType::Percent: return fact ? fact_percent : percent;
        case FieldType::Date: return fact ? fact_date : date;
        case FieldType::Money:
            if (v.as_pence() % 100 != 0) return fact ? fact_pence : pence;
            return fact ? fact_money : money;
        default: return nullptr;
    }
}

lxw_format* Formats::outcome(Outcome o) const {
    switch (o) {
        case Outcome::Fail:
        case Outcome::Missing: return red;
        case Outcome::Refer:
        case Outcome::Warn: return amber;
        case Outcome::Pass: return green;
        case Outcome::NotApplicable: return grey;
    }
    return grey;
}

void write_value(SheetWriter& s, lxw_row_t row, lxw_col_t col, const Value& v, const Formats& f, lxw_format* text_fmt,
                 bool fact) {
    lxw_format* fmt = f.value_format(v, fact);
    if (!fmt) return s.text(row, col, v.display(), text_fmt);
    if (v.type() == FieldType::Date) return s.date(row, col, v.as_date(), fmt);
    s.number(row, col, v.numeric(), fmt);
}

}  // namespace fairgate::reports::detail
