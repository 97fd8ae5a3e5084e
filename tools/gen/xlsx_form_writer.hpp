#pragma once
// One return as the council's Excel template: a form with a header block and one row per
// question (docs/input-formats.md, "XLSX, form layout").

#include <filesystem>

#include "portfolio.hpp"

namespace fairgate::gen {

/// Writes `r` as an XLSX form. Numbers, money, percentages and dates are typed cells with
/// number formats, as a supplier typing into the template produces; Yes/No and choices are
/// text. The workbook's creation time is the submitted date, never the clock, so the same
/// return always gives the same bytes. Throws std::runtime_error if libxlsxwriter fails.
void write_xlsx_form(const std::filesystem::path& path, const Return& r, const FormLayout& layout);

}  // namespace fairgate::gen
