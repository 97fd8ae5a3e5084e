#include "reports/workbook_formats.hpp"

namespace fairgate::reports::detail {

namespace {

lxw_format* top_aligned(lxw_workbook* wb) {
    lxw_format* f = workbook_add_format(wb);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
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

    count = top_aligned(wb);
    format_set_align(count, LXW_ALIGN_LEFT);
    format_set_num_format(count, "0");

    percent = top_aligned(wb);
    format_set_num_format(percent, "0%");

    decimal = top_aligned(wb);
    format_set_num_format(decimal, "0.0#");

    red = status_cell(wb, 0xFFC7CE, 0x9C0006);
    amber = status_cell(wb, 0xFFEB9C, 0x9C5700);
    green = status_cell(wb, 0xC6EFCE, 0x006100);
    grey = status_cell(wb, 0xEDEDED, 0x595959);
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

}  // namespace fairgate::reports::detail
