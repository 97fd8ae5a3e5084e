#include "csv_writer.hpp"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "model/value.hpp"

namespace fairgate::gen {

namespace {

void append_row(std::string& out, const std::vector<std::string>& fields, char delimiter) {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out.push_back(delimiter);
        out += csv_field(fields[i], delimiter);
    }
    // CRLF, as Excel and the portals write it; RFC 4180 too.
    out += "\r\n";
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write " + path.string());
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) throw std::runtime_error("cannot write " + path.string());
}

std::string integer_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%" PRId64, static_cast<int64_t>(std::llround(v)));
    return buf;
}

std::string money_text(double pounds, bool symbol) {
    const auto pence = static_cast<int64_t>(std::llround(pounds * 100.0));
    return symbol ? format_money(pence) : format_number(static_cast<double>(pence) / 100.0);
}

std::string cell_text(const Cell& c, const CsvStyle& style) {
    switch (c.kind) {
        case Cell::Kind::Blank: return {};
        case Cell::Kind::Text: return c.text;
        case Cell::Kind::Integer: return integer_text(c.number);
        case Cell::Kind::Number: return format_number(c.number);
        case Cell::Kind::Money: return money_text(c.number, style.money_symbol);
        case Cell::Kind::Percent: return style.percent_as_fraction ? format_number(c.number) : format_percent(c.number);
        case Cell::Kind::Date: return style.iso_dates ? c.date.iso() : dmy(c.date);
    }
    return {};
}

std::vector<std::string> headings(ReturnKind kind, const CsvStyle& style) {
    std::vector<std::string> h;
    const bool tender = kind == ReturnKind::Tender;
    if (style.canonical_headings) {
        h = {"return.kind", tender ? "tender.id" : "contract.id", "supplier.id", "supplier.name"};
        if (!tender) h.emplace_back("return.period");
        h.emplace_back("return.submitted");
        for (const auto& q : questions(kind)) h.emplace_back(q.field);
    } else {
        h = {"Return type", tender ? "Tender reference" : "Contract reference", "Supplier registration number", "Supplier name"};
        if (!tender) h.emplace_back("Reporting period");
        h.emplace_back("Date submitted");
        for (const auto& q : questions(kind)) {
            h.push_back(std::string(q.ref) + " " + std::string(q.heading.empty() ? q.wording : q.heading));
        }
    }
    return h;
}

}  // namespace

std::string csv_field(std::string_view text, char delimiter) {
    if (text.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string dmy(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day(), d.month(), d.year());
    return buf;
}

void write_returns_csv(const std::filesystem::path& path, const std::vector<const Return*>& returns,
                       const CsvStyle& style) {
    if (returns.empty()) throw std::invalid_argument("no returns for " + path.string());
    const ReturnKind kind = returns.front()->kind;
    std::string out;
    if (style.bom) out += "\xEF\xBB\xBF";
    append_row(out, headings(kind, style), style.delimiter);
    for (const Return* r : returns) {
        if (r->kind != kind) throw std::invalid_argument("mixed return kinds in " + path.string());
        const bool tender = kind == ReturnKind::Tender;
        std::vector<std::string> row;
        row.reserve(r->answers.size() + 6);
        if (style.canonical_headings) row.emplace_back(tender ? "tender" : "quarterly");
        else row.emplace_back(tender ? "Tender" : "Quarterly");
        row.push_back(tender ? r->tender_id : r->contract_id);
        row.push_back(r->supplier_id);
        row.push_back(r->supplier_name);
        if (!tender) row.push_back(r->period.label());
        row.push_back(style.iso_dates ? r->submitted.iso() : dmy(r->submitted));
        for (const Cell& c : r->answers) row.push_back(cell_text(c, style));
        append_row(out, row, style.delimiter);
    }
    write_file(path, out);
}

void write_register_csv(const std::filesystem::path& path, const std::vector<ContractRow>& contracts) {
    std::string out;
    append_row(out,
               {"Reference Number", "Tender Reference", "Title of Agreement", "Service Area", "Supplier Name",
                "Supplier Registration Number", "Supplier Size", "VCSE", "Start Date", "End Date", "Total Value",
                "Services to Residents", "Notice Period (days)", "Payment Terms (days)", "Payment in Advance",
                "Full Cost Recovery", "Number of KPIs", "Social Value Weighting", "Funding Type"},
               ',');
    auto yn = [](bool v) { return std::string(v ? "Yes" : "No"); };
    for (const ContractRow& c : contracts) {
        append_row(out,
                   {c.id, c.tender_id, c.title, c.service_area, c.supplier_name, c.supplier_id, c.supplier_scale,
                    yn(c.vcse), dmy(c.start), dmy(c.end), format_money(c.value_pounds * 100), yn(c.service_to_residents),
                    std::to_string(c.notice_days), std::to_string(c.payment_days), yn(c.payment_in_advance),
                    yn(c.full_cost_recovery), std::to_string(c.kpi_count),
                    c.sv_weighting_pct ? std::to_string(*c.sv_weighting_pct) + "%" : std::string(), c.funding_type},
                   ',');
    }
    write_file(path, out);
}

void write_pipeline_csv(const std::filesystem::path& path, const std::vector<TenderRow>& tenders) {
    std::string out;
    append_row(out,
               {"Tender Reference", "Title", "Service Area", "Estimated Value", "Expected Start", "Expected End",
                "Funding Type", "Services to Residents", "Social Value Weighting", "Closing Date", "Lots"},
               ',');
    for (const TenderRow& t : tenders) {
        append_row(out,
                   {t.id, t.title, t.service_area, format_money(t.estimated_pounds * 100), dmy(t.expected_start),
                    dmy(t.expected_end), t.funding_type, t.service_to_residents ? "Yes" : "No",
                    std::to_string(t.sv_weighting_pct) + "%", dmy(t.closing), std::to_string(t.lots)},
                   ',');
    }
    write_file(path, out);
}

}  // namespace fairgate::gen
