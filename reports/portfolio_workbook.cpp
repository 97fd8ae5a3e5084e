#include "reports/portfolio_workbook.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>

#include "model/value.hpp"
#include "reports/contract_history.hpp"
#include "reports/workbook_file.hpp"
#include "reports/workbook_formats.hpp"

namespace fairgate::reports {

namespace fs = std::filesystem;
using detail::Formats;
using detail::SheetWriter;

namespace {

constexpr const char* kAreaSheet = "By service area";
constexpr const char* kNoArea = "(no service area)";

/// The chart shows this many service areas, those with most contracts, and the rest as one
/// "Other" bar: with hundreds of areas a bar each would be unreadable. The table lists all.
constexpr std::size_t kChartedAreas = 12;

/// The workbook's path relative to the portfolio's folder when it lies inside it (empty
/// otherwise).
std::string relative_ref(const std::string& workbook, const std::string& portfolio_path) {
    if (workbook.empty()) return {};
    const fs::path rel = fs::path(workbook).lexically_normal().lexically_relative(
        fs::path(portfolio_path).lexically_normal().parent_path());
    if (rel.empty() || *rel.begin() == ".." || rel.is_absolute()) return {};
    return rel.generic_string();
}

struct Build {
    const PortfolioReport& report;
    const std::string& path;
    lxw_workbook* wb;
    detail::WorkbookErrors& errors;
    Formats formats;
    lxw_format* link = nullptr;    ///< A workbook's path, a link to it: blue, underlined, wrapped.
    lxw_format* header = nullptr;
    std::vector<const PortfolioRow*> rows;  ///< In contract id order.
    detail::PageText page;                  ///< What every printed page says.

    Build(const PortfolioReport& r, const std::string& p, lxw_workbook* w, detail::WorkbookErrors& e)
        : report(r), path(p), wb(w), errors(e), formats(w) {
        link = workbook_add_format(wb);
        format_set_align(link, LXW_ALIGN_VERTICAL_TOP);
        format_set_text_wrap(link);
        format_set_underline(link, LXW_UNDERLINE_SINGLE);
        format_set_font_color(link, LXW_COLOR_BLUE);
        header = workbook_add_format(wb);
        format_set_bold(header);
        format_set_bottom(header, LXW_BORDER_THIN);
    }

};

/// A date across columns B..E of `row`: libxlsxwriter merges with a string, so the range is
/// merged empty and the date written into its first cell.
void merged_date(SheetWriter& s, lxw_row_t row, Date d, lxw_format* fmt) {
    s.merged(row, 1, 4, "", fmt);
    s.date(row, 1, d, fmt);
}

std::string area_of(const Contract& c) { return c.category.empty() ? std::string(kNoArea) : c.category; }

void write_portfolio(Build& b) {
    SheetWriter s = detail::add_sheet(b.wb, b.errors, "Portfolio");
    const Formats& f = b.formats;

    // A value column only when there is something to put in it.
    const FieldDef* value_def = b.report.rulebook ? b.report.rulebook->fields.find(FieldRole::ContractValue) : nullptr;
    const bool has_value = value_def && std::any_of(b.rows.begin(), b.rows.end(), [&](const PortfolioRow* r) {
                               return r->contract->fields.present(value_def->id);
                           });

    std::vector<std::string> headers = {"Contract", "Title", "Service area", "Supplier"};
    // Narrow enough to print readably fitted to an A4 page's width; long text wraps and its
    // row grows (see SheetWriter).
    std::vector<double> widths = {18, 30, 24, 24};
    if (has_value) {
        headers.push_back("Value");
        widths.push_back(14);
    }

    for (const char* h : {"Status", "Fail", "Missing", "Warn", "Refer", "Last return", "Last return submitted",
                          "Late returns", "Workbook"}) {
        headers.emplace_back(h);
    }
    for (double w : {9.0, 7.0, 9.0, 7.0, 7.0, 12.0, 14.0, 9.0, 40.0}) widths.push_back(w);
    for (lxw_col_t c = 0; c < headers.size(); ++c) s.width(c, widths[c], f.text);

    lxw_row_t row = 1;
    for (const PortfolioRow* r : b.rows) {
        const Contract& c = *r->contract;
        lxw_col_t col = 0;
        s.text(row, col++, c.id, f.text);
        s.text(row, col++, c.title, f.text);
        s.text(row, col++, area_of(c), f.text);
        s.text(row, col++, c.supplier_name.empty() ? c.supplier_id : c.supplier_name, f.text);
        if (has_value) {
            const Value& v = c.fields.value(value_def->id);
            if (v.is_valid() && v.type() == FieldType::Money) {
                s.number(row, col, v.numeric(), f.money);
            } else if (!v.is_absent()) {
                s.text(row, col, v.display(), f.text);
            }
            ++col;
        }
        s.text(row, col++, std::string(display_name(r->status)), f.status(r->status));
        for (Outcome o : {Outcome::Fail, Outcome::Missing, Outcome::Warn, Outcome::Refer}) {
            s.number(row, col++, static_cast<double>(r->outcomes[static_cast<std::size_t>(o)]), f.count);
        }
        s.text(row, col++, r->last_return_period.empty() ? std::string("(none)") : r->last_return_period, f.text);
        if (const std::optional<Date> d = Date::parse_iso(r->last_return_submitted)) {
            s.date(row, col++, *d, f.date);
        } else {
            s.text(row, col++, r->last_return_submitted, f.text);
        }
        s.number(row, col++, r->late_returns, f.count);
        // A link a reader beside the portfolio can follow; a workbook outside its folder is
        // named by its path only (a relative link cannot reach it portably).
        if (const std::string rel = relative_ref(r->workbook, b.path); !rel.empty()) {
            s.file_link(row, col++, rel, rel, b.link);
        } else {
            s.text(row, col++, r->workbook, f.text);
        }
        ++row;
    }

    s.table("PortfolioTable", 0, headers, row - 1);
    worksheet_freeze_panes(s.get(), 1, 1);
    s.print_setup(b.page, 0);
}

void write_areas(Build& b) {
    SheetWriter s = detail::add_sheet(b.wb, b.errors, kAreaSheet);
    const Formats& f = b.formats;
    s.width(0, 34, f.text);
    for (lxw_col_t c = 1; c <= 4; ++c) s.width(c, 9);

    // (no area?, area) -> red, amber, green, total: name order so reruns match, contracts
    // without an area last.
    std::map<std::pair<bool, std::string>, std::array<double, 4>> counts;
    for (const PortfolioRow* r : b.rows) {
        auto& n = counts[{r->contract->category.empty(), area_of(*r->contract)}];
        // Columns red, amber, green.
        n[r->status == ContractStatus::Red ? 0 : r->status == ContractStatus::Amber ? 1 : 2] += 1;
        n[3] += 1;
    }

    const char* const headers[] = {"Service area", "Red", "Amber", "Green", "Total"};
    for (lxw_col_t c = 0; c < 5; ++c) s.text(0, c, headers[c], b.header);
    lxw_format* colour[] = {f.red, f.amber, f.green, f.label};
    lxw_row_t row = 1;
    std::array<double, 4> all{};
    for (const auto& [area, n] : counts) {
        s.text(row, 0, area.second, f.text);
        for (std::size_t i = 0; i < 4; ++i) {
            s.number(row, static_cast<lxw_col_t>(i + 1), n[i], n[i] > 0 && i < 3 ? colour[i] : f.count);
            all[i] += n[i];
        }
        ++row;
    }
    s.text(row, 0, "All service areas", f.label);
    for (std::size_t i = 0; i < 4; ++i) s.number(row, static_cast<lxw_col_t>(i + 1), all[i], f.label);
    ++row;

    // What the counts state, beside them, for an auditor reading a printout.
    ++row;
    const std::optional<Date> date = Date::parse_iso(b.report.data_date);
    s.text(row, 0, "Position stated at", f.label);
    if (date) {
        // Merged across the count columns: one of them alone is too narrow for a date.
        merged_date(s, row++, *date, f.fact_date);
    } else {
        s.text(row++, 1, b.report.data_date);  // unwrapped: runs on over the cells beside it
    }
    s.text(row, 0, "Rulebook", f.label);
    s.text(row++, 1, b.report.rulebook ? b.report.rulebook->id + " version " + b.report.rulebook->version
                                      : std::string("(not given)"));
    s.text(row, 0, "fairgate version", f.label);
    s.text(row++, 1, b.report.fairgate_version);
    worksheet_freeze_panes(s.get(), 1, 0);
    if (counts.empty()) {  // a chart of empty ranges is one Excel repairs
        s.print_setup(b.page, 0);
        return;
    }

    // The chart's data: the table's rows when it has few areas, else a block beside it of the
    // kChartedAreas areas with most contracts (then by name) and one "Other" row for the rest.
    lxw_col_t data_col = 0;
    lxw_row_t bars = static_cast<lxw_row_t>(counts.size());
    if (counts.size() > kChartedAreas + 1) {
        std::vector<std::pair<std::string, std::array<double, 4>>> ranked;
        for (const auto& [area, n] : counts) ranked.emplace_back(area.second, n);
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.second[3] > y.second[3]; });
        data_col = 6;
        s.width(data_col, 34, f.text);
        for (lxw_col_t c = data_col + 1; c <= data_col + 3; ++c) s.width(c, 9);
        s.text(0, data_col, "Charted: the " + std::to_string(kChartedAreas) + " service areas with most contracts",
               b.header);
        for (lxw_col_t c = 1; c <= 3; ++c) s.text(0, data_col + c, headers[c], b.header);
        std::array<double, 4> other{};
        for (std::size_t i = 0; i < ranked.size(); ++i) {
            if (i >= kChartedAreas) {
                for (std::size_t k = 0; k < 4; ++k) other[k] += ranked[i].second[k];
                continue;
            }
            const auto r = static_cast<lxw_row_t>(i + 1);
            s.text(r, data_col, ranked[i].first, f.text);
            for (std::size_t k = 0; k < 3; ++k) s.number(r, static_cast<lxw_col_t>(data_col + 1 + k), ranked[i].second[k], f.count);
        }
        const std::size_t rest = ranked.size() - kChartedAreas;
        const auto r = static_cast<lxw_row_t>(kChartedAreas + 1);
        s.text(r, data_col, "Other (" + std::to_string(rest) + " areas)", f.text);
        for (std::size_t k = 0; k < 3; ++k) s.number(r, static_cast<lxw_col_t>(data_col + 1 + k), other[k], f.count);
        bars = static_cast<lxw_row_t>(kChartedAreas + 1);
    }

    lxw_chart* chart = workbook_add_chart(b.wb, LXW_CHART_COLUMN_STACKED);
    if (!chart) throw std::runtime_error("cannot add the status chart");
    chart_title_set_name(chart, "Contract status by service area");
    chart_axis_set_name(chart->x_axis, "Service area");
    chart_axis_set_name(chart->y_axis, "Contracts (count)");
    chart_axis_set_min(chart->y_axis, 0);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    const lxw_color_t fills[] = {0xC0504D, 0xF2B233, 0x70AD47};
    for (lxw_col_t c = 1; c <= 3; ++c) {
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        if (!series) throw std::runtime_error("cannot add a chart series");
        chart_series_set_categories(series, kAreaSheet, 1, data_col, bars, data_col);
        chart_series_set_values(series, kAreaSheet, 1, data_col + c, bars, data_col + c);
        chart_series_set_name_range(series, kAreaSheet, 0, c);
        lxw_chart_fill fill{};
        fill.color = fills[c - 1];
        chart_series_set_fill(series, &fill);
    }
    lxw_chart_options options{};
    // Wider with more bars so the labels stay readable; never more than kChartedAreas + 1.
    options.x_scale = bars > 6 ? 2.0 : 1.5;
    options.y_scale = 1.5;
    // Beside the table, below its own data block when it has one.
    const lxw_row_t chart_row = data_col == 0 ? 1 : bars + 3;
    const lxw_col_t chart_col = data_col == 0 ? 6 : data_col;
    b.errors.check(worksheet_insert_chart_opt(s.get(), chart_row, chart_col, chart, &options),
                   "inserting the status chart");
    s.print_setup(b.page, 0);
}

}  // namespace

void write_portfolio_workbook(const PortfolioReport& report, const std::string& path) {
    for (const PortfolioRow& r : report.rows) {
        if (!r.contract) throw std::invalid_argument("portfolio workbook: a row has no contract");
    }
    detail::write_workbook_file(path, [&](lxw_workbook* wb, detail::WorkbookErrors& errors) {
        Build b(report, path, wb, errors);
        const std::optional<Date> date = Date::parse_iso(report.data_date);
        b.page = {"Contract portfolio", date ? format_date(*date) : report.data_date,
                  "Contract portfolio at " + (date ? format_date(*date) : report.data_date) +
                      (report.rulebook ? ", judged by rulebook " + report.rulebook->id + " version " +
                                             report.rulebook->version
                                       : std::string())};
        detail::set_properties(wb, errors, "Contract portfolio \xE2\x80\x94 " + report.data_date, "Portfolio",
                               report.rulebook ? "Judged by rulebook " + report.rulebook->id + " version " +
                                                     report.rulebook->version
                                               : std::string(),
                               report.data_date);
        for (const PortfolioRow& r : report.rows) b.rows.push_back(&r);
        std::stable_sort(b.rows.begin(), b.rows.end(), [](const PortfolioRow* x, const PortfolioRow* y) {
            return x->contract->id < y->contract->id;
        });
        write_portfolio(b);
        write_areas(b);
    });
}

}  // namespace fairgate::reports

namespace fairgate::reports {

PortfolioRow portfolio_row(const ContractReport& report, ContractStatus status, const OutcomeCounts& outcomes,
                           std::string workbook) {
    PortfolioRow row;
    row.contract = report.contract;
    row.status = status;
    row.outcomes = outcomes;
    row.workbook = std::move(workbook);
    for (const auto& scheduled : detail::return_schedule(report)) {
        if (!scheduled.ret) continue;
        row.last_return_period = scheduled.quarter.label();
        row.last_return_submitted = scheduled.ret->submitted ? scheduled.ret->submitted->iso() : std::string();
        if (scheduled.days_late && *scheduled.days_late > 0) ++row.late_returns;
    }
    return row;
}

}  // namespace fairgate::reports
