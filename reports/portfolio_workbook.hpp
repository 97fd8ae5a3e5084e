#pragma once
// The portfolio workbook: one row per contract judged in a run, and status by service area.

#include <cstdint>
#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/contract_status.hpp"
#include "model/run.hpp"
#include "reports/contract_report.hpp"
#include "rulebook/rulebook.hpp"

namespace fairgate::reports {

/// One contract's line.
struct PortfolioRow {
    const Contract* contract = nullptr;   ///< Required.
    ContractStatus status = ContractStatus::Green;
    OutcomeCounts outcomes{};             ///< Findings by outcome, indexed by Outcome.
    std::string last_return_period;       ///< "2026-Q2"; empty if no quarterly return yet.
    std::string last_return_submitted;    ///< ISO date; empty if not stated.
    uint32_t late_returns = 0;
    std::string workbook;                 ///< Path of the contract's workbook.
};

struct PortfolioReport {
    std::vector<PortfolioRow> rows;
    const Rulebook* rulebook = nullptr;   ///< For the contract-value field; may be null.
    std::string data_date;                ///< ISO date the position is stated at.
    std::string fairgate_version;
};

/// Writes the workbook to `path` atomically (see detail::write_workbook_file), creating
/// missing folders; throws std::runtime_error naming the path on failure and
/// std::invalid_argument if a row has no contract. Sheets:
///  - Portfolio: an Excel table (filterable, banded, header frozen), one row per contract in
///    contract id order: reference, title, service area, supplier, value (a column only when
///    the rulebook has a contract-value field and some contract states it), status coloured, fail /
///    missing / warn / refer counts, last return period and date (an Excel date), late
///    returns, and the contract workbook's path relative to this workbook's folder, a link
///    to it (the path as given, not a link, if it lies outside that folder).
///  - By service area: red / amber / green / total contracts per service area (name order;
///    contracts without one count under "(no service area)", listed last; a status other
///    than red, amber or green counts in the total only), a totals row, the data date,
///    rulebook and fairgate version, and a stacked column chart of status by service area
///    (omitted when there are no contracts): of every area when there are at most 13, else of
///    the 12 with most contracts (then by name) and "Other (k areas)" for the rest, from a
///    block of those rows beside the table.
/// Every sheet prints on A4 landscape, fitted to one page wide (SheetWriter::print_setup).
/// Text is always text; counts are computed here, never formulas. The same report gives the
/// same bytes (creation time = data date).
void write_portfolio_workbook(const PortfolioReport& report, const std::string& path);

/// A contract's portfolio line from the report its workbook was written from: the latest
/// quarterly return's period and date, and how many returns came in late (judged as the
/// contract workbook judges them: after the due days the rulebook's <schedule>
/// sets; none when it sets none). `contract` points into `report` and must be re-pointed
/// by a caller that keeps the row longer than the report.
PortfolioRow portfolio_row(const ContractReport& report, ContractStatus status, const OutcomeCounts& outcomes,
                           std::string workbook);

}  // namespace fairgate::reports
