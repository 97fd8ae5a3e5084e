#pragma once
// The per-contract compliance workbook.

#include <string>

#include "reports/contract_report.hpp"

namespace fairgate::reports {

/// "OUT/<contract id>/<contract id> <period> compliance.xlsx", with characters unsafe in
/// file names replaced by '_'. `period` is the latest return's period or the data date.
/// The id can never name a folder outside OUT ("..", "/etc" become "__", "_etc").
/// Throws std::invalid_argument if the report has no contract.
std::string workbook_path(const std::string& out_dir, const ContractReport& report);

/// Writes the workbook to `path` atomically (a temporary file in the same folder, renamed
/// into place). Throws std::runtime_error naming the path on failure. Text from suppliers is
/// always written as text, never as a formula. The same report gives the same bytes: the
/// document's creation time is the data date, never the clock. Creates missing folders.
/// Throws std::invalid_argument if the report has no contract; the rulebook may be null
/// (clauses are then listed without their text). Every sheet prints on A4 landscape (see
/// SheetWriter::print_setup); dates are Excel dates and figures numbers; findings that passed
/// or did not apply show no remedy.
void write_contract_workbook(const ContractReport& report, const std::string& path);

}  // namespace fairgate::reports
