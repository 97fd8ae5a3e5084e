#pragma once
// Reading an XLSX workbook (Office Open XML spreadsheet) into one Grid per worksheet.

#include <string>
#include <vector>

#include "importers/cell_grid.hpp"
#include "importers/import.hpp"

namespace fairgate::importers {

/// Every worksheet of the workbook in `bytes`, in the workbook's order, with typed cells:
/// shared and inline strings (rich text runs joined), numbers (flagged when their style is a
/// date format), booleans and error codes. Formula cells give their cached result.
/// Throws ImportError naming `file_name` when the file is not a readable workbook (damaged,
/// truncated, XML with a DOCTYPE) or breaks `limits` (a zip bomb).
std::vector<Grid> read_xlsx(const std::string& file_name, std::string bytes, const ImportLimits& limits);

/// Whether an Excel number format shows a date: built-in ids 14-22 and 45-47, or a custom
/// format with d, m or y outside quoted text, brackets and escapes.
bool is_date_format(unsigned id, const std::string& code);

}  // namespace fairgate::importers
