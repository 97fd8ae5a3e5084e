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

/// Excel's serial day number: days since 1899-12-30.
double excel_serial(Date d) { return static_cast<double>(d.days()) + 25569.0; }

/// The workbook's path as a reader beside the portfolio finds it: relative to the
/// portfolio's folder when it lies inside it, else as given.
std::string workbook_ref(const std::string& workbook, const std::string& portfolio_path) {
    if (workbook.empty()) return {};
    const fs::path rel = fs::path(workbook).lexically_relative(fs::path(portfolio_path).parent_path());
    if (rel.empty() || *rel.begin() == "..") return workbook;
    return rel.generic_string();
}

struct Build {
    const PortfolioReport& report;
    const std::string& path;
    lxw_workbook* wb;
    detail::WorkbookErrors& errors;
    Formats formats;
    lxw_format* money = nullptr;
    lxw_format* date = nullptr;
    lxw_format* header = nullptr;
    std::vector<const PortfolioRow*> rows;  ///< In contract id order.

    Build(const PortfolioReport& r, const std::string& p, lxw_workbook* w, detail::WorkbookErrors& e)
        : report(r), path(p), wb(w), errors(e), formats(w) {
        money = workbook_add_format(wb);
        format_set_align(money, LXW_ALIGN_VERTICAL_TOP);
        format_set_num_format(money, "\xC2\xA3#,##0");
        date = workbook_add_format(wb);
        format_set_align(date, LXW_ALIGN_VERTICAL_TOP);
        format_set_align(date, LXW_ALIGN_LEFT);
        format_set_num_format(date, "d mmm yyyy");
        header = workbook_add_format(wb);
        format_set_bold(header);
        format_set_bottom(header, LXW_BORDER_THIN);
    }

};

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
    // Narrow enough to print readably on A3 fitted to one page wide; long text wraps and its
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
                s.number(row, col, v.numeric(), b.money);
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
            s.number(row, col++, excel_serial(*d), b.date);
        } else {
            s.text(row, col++, r->last_return_submitted, f.text);
        }
        s.number(row, col++, r->late_returns, f.count);
        s.text(row, col++, workbook_ref(r->workbook, b.path), f.text);
        ++row;
    }

    s.table("PortfolioTable", 0, headers, row - 1);
    worksheet_freeze_panes(s.get(), 1, 1);
    s.print_setup(0, "Contract portfolio at " + b.report.data_date, detail::kPaperA3);
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
    // Unwrapped, so the text runs on over the empty cells beside it.
    s.text(row++, 1, date ? format_date(*date) : b.report.data_date);
    s.text(row, 0, "Rulebook", f.label);
    s.text(row++, 1, b.report.rulebook ? b.report.rulebook->id + " version " + b.report.rulebook->version
                                      : std::string("(not given)"));
    s.text(row, 0, "fairgate version", f.label);
    s.text(row++, 1, b.report.fairgate_version);
    worksheet_freeze_panes(s.get(), 1, 0);
    s.print_setup(0, "Contract portfolio at " + b.report.data_date);
    if (counts.empty()) return;  // a chart of empty ranges is one Excel repairs

    lxw_chart* chart = workbook_add_chart(b.wb, LXW_CHART_COLUMN_STACKED);
    if (!chart) throw std::runtime_error("cannot add the status chart");
    chart_title_set_name(chart, "Contract status by service area");
    chart_axis_set_name(chart->x_axis, "Service area");
    chart_axis_set_name(chart->y_axis, "Contracts");
    chart_axis_set_major_unit(chart->y_axis, 1);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    const auto last = static_cast<lxw_row_t>(counts.size());
    const lxw_color_t fills[] = {0xC0504D, 0xF2B233, 0x70AD47};
    for (lxw_col_t c = 1; c <= 3; ++c) {
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        if (!series) throw std::runtime_error("cannot add a chart series");
        chart_series_set_categories(series, kAreaSheet, 1, 0, last, 0);
        chart_series_set_values(series, kAreaSheet, 1, c, last, c);
        chart_series_set_name_range(series, kAreaSheet, 0, c);
        lxw_chart_fill fill{};
        fill.color = fills[c - 1];
        chart_series_set_fill(series, &fill);
    }
    lxw_chart_options options{};
    // Wider with more areas so the labels stay readable.
    options.x_scale = std::max(1.5, 0.4 * static_cast<double>(counts.size()));
    options.y_scale = 1.5;
    b.errors.check(worksheet_insert_chart_opt(s.get(), 1, 6, chart, &options), "inserting the status chart");
}

}  // namespace

void write_portfolio_workbook(const PortfolioReport& report, const std::string& path) {
    for (const PortfolioRow& r : report.rows) {
        if (!r.contract) throw std::invalid_argument("portfolio workbook: a row has no contract");
    }
    detail::write_workbook_file(path, [&](lxw_workbook* wb, detail::WorkbookErrors& errors) {
        Build b(report, path, wb, errors);
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
