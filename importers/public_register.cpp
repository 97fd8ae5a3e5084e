#include "importers/public_register.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

#include "importers/csv_reader.hpp"
#include "model/company_number.hpp"

namespace fairgate::importers {
namespace {

enum Column : size_t { EmployerName, CompanyNumber, EmployerSize, MedianGap, Late, DueDate, DateSubmitted, kColumns };

constexpr std::array<std::string_view, kColumns> kHeadings = {
    "EmployerName", "CompanyNumber", "EmployerSize", "DiffMedianHourlyPercent", "SubmittedAfterTheDeadline",
    "DueDate", "DateSubmitted"};

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool same_heading(std::string_view a, std::string_view b) {
    a = trimmed(a);
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

// For each column we read, its index in the heading; nullopt when one is not there.
std::optional<std::array<size_t, kColumns>> locate_columns(const std::vector<Cell>& heading) {
    std::array<size_t, kColumns> at{};
    for (size_t c = 0; c < kColumns; ++c) {
        size_t i = 0;
        while (i < heading.size() && !same_heading(heading[i].text, kHeadings[c])) ++i;
        if (i == heading.size()) return std::nullopt;
        at[c] = i;
    }
    return at;
}

// The service writes dates "2022/04/05 00:00:00": the day is what counts.
std::optional<Date> service_date(std::string_view text) {
    text = trimmed(text);
    if (text.size() < 10) return std::nullopt;
    std::string iso(text.substr(0, 10));
    if (iso[4] != '/' || iso[7] != '/') return std::nullopt;
    iso[4] = iso[7] = '-';
    return Date::parse_iso(iso);
}

// The reporting year a deadline closes: due in 2022 (5 April or, for public bodies, 30/31
// March) is the 2021-22 year, whose snapshot was taken in 2021.
std::string reporting_year(Date due) {
    const int year = due.year();
    const int next = year % 100;
    return std::to_string(year - 1) + "-" + (next < 10 ? "0" : "") + std::to_string(next);
}

}  // namespace

bool is_gender_pay_gap_heading(const std::vector<Cell>& heading) { return locate_columns(heading).has_value(); }

std::vector<RegisterEntry> read_gender_pay_gap_register(const SourceFile& file, std::string_view text,
                                                        const ImportLimits& limits) {
    CsvReader reader(file.name, text, limits);
    std::vector<Cell> cells;
    uint32_t row = 0;
    std::optional<std::array<size_t, kColumns>> at;
    while (!at && reader.next(cells)) {
        ++row;
        at = locate_columns(cells);
        if (!at && !CellRow(cells).empty()) {
            throw ImportError(file.name, "line " + std::to_string(cells.front().line) +
                                             " is not the gender pay gap service's heading row (it needs the columns "
                                             "EmployerName, CompanyNumber, EmployerSize, DiffMedianHourlyPercent, "
                                             "SubmittedAfterTheDeadline, DueDate and DateSubmitted)");
        }
    }
    if (!at) throw ImportError(file.name, "holds no data: every line is blank");

    std::vector<RegisterEntry> entries;
    while (reader.next(cells)) {
        ++row;
        if (CellRow(cells).empty()) continue;
        const unsigned long line = cells.front().line;
        auto cell = [&](Column c) -> std::string_view {
            const size_t i = (*at)[c];
            return i < cells.size() ? trimmed(cells[i].text) : std::string_view();
        };
        auto refuse = [&](Column c, const std::string& problem) {
            throw ImportError(file.name + " " + csv_locator(line, static_cast<unsigned>((*at)[c] + 1)),
                              std::string(kHeadings[c]) + " " + problem + " (row " + std::to_string(row) + ")");
        };
        RegisterEntry e;
        e.row = row;
        e.employer_name = std::string(cell(EmployerName));
        if (e.employer_name.empty()) refuse(EmployerName, "is blank: every employer row names its employer");
        e.name_key = normalise_organisation_name(e.employer_name);
        e.company_number = supplier_key(cell(CompanyNumber));

        const auto band = parse_employer_size_band(cell(EmployerSize));
        if (!band) refuse(EmployerSize, "'" + std::string(cell(EmployerSize)) + "' is not one of the service's size bands");
        e.size_band = *band;

        const std::string_view late = cell(Late);
        if (same_heading(late, "True")) e.late = true;
        else if (!same_heading(late, "False")) refuse(Late, "'" + std::string(late) + "' is neither True nor False");

        const auto due = service_date(cell(DueDate));
        if (!due) refuse(DueDate, "'" + std::string(cell(DueDate)) + "' is not a date written YYYY/MM/DD");
        e.year = reporting_year(*due);

        if (!cell(DateSubmitted).empty()) {
            e.submitted = service_date(cell(DateSubmitted));
            if (!e.submitted) refuse(DateSubmitted, "'" + std::string(cell(DateSubmitted)) + "' is not a date written YYYY/MM/DD");
        }

        const std::string gap(cell(MedianGap));
        if (!gap.empty()) {
            char* end = nullptr;
            const double v = std::strtod(gap.c_str(), &end);
            if (end != gap.c_str() + gap.size() || !std::isfinite(v)) refuse(MedianGap, "'" + gap + "' is not a number");
            e.median_gap_percent = v;
        }
        e.source_sha256 = file.sha256;
        e.source_name = file.name;
        entries.push_back(std::move(e));
    }
    if (entries.empty()) throw ImportError(file.name, "has the gender pay gap service's heading row but no employers below it");
    return entries;
}

}  // namespace fairgate::importers
