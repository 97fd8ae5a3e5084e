#pragma once
// Public registers bidders are cross-checked against: the government's gender pay gap
// service data (https://gender-pay-gap.service.gov.uk), as it publishes it, one CSV a year.

#include <string_view>
#include <vector>

#include "importers/cell_grid.hpp"
#include "importers/import_error.hpp"
#include "model/register_entry.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// Whether a CSV heading row is the gender pay gap service's download: it has the columns
/// EmployerName, CompanyNumber, EmployerSize, DiffMedianHourlyPercent,
/// SubmittedAfterTheDeadline, DueDate and DateSubmitted (in any order, case ignored, others
/// beside them). The service names its columns so; no return or register of ours does.
bool is_gender_pay_gap_heading(const std::vector<Cell>& heading);

/// Every employer row of a gender pay gap service CSV (UTF-8 `text`, see decode_text), in
/// file order: its year from DueDate (due 2022 -> "2021-22"), row as a spreadsheet shows it,
/// company number and name normalised (model/company_number), size band, whether submitted
/// late, the day submitted and the median hourly gap. Cells may hold line breaks (SicCodes).
/// Blank rows are skipped. Throws ImportError naming the file, line and column for a row
/// whose EmployerName is blank, or whose EmployerSize, SubmittedAfterTheDeadline, DueDate,
/// DateSubmitted or DiffMedianHourlyPercent is not what the service writes there; and as
/// CsvReader does.
std::vector<RegisterEntry> read_gender_pay_gap_register(const SourceFile& file, std::string_view text,
                                                        const ImportLimits& limits = {});

}  // namespace fairgate::importers
