#pragma once
// How the XML of a workbook part is formatted.
//
// libxlsxwriter writes every element, attribute and cell of a part through fprintf (as
// glibc's fortified __fprintf_chk), and every cell reference and number attribute through
// snprintf: for a contract workbook, tens of thousands of calls, whose parsing of the format
// and stdio's per-call work took about a tenth of a batch run's CPU time. Its formats use only
// a handful of conversions (%s, %d, %.16G and a literal %%), so inside a PackagingScope whose
// XlsxPackaging asks for it (`plain_formatting`), fairgate formats those calls itself
// (xlsx_packaging.cpp overrides both symbols, as it does lxw_tmpfile) and
// writes the bytes with one unlocked fwrite; any other format, and every call outside such a
// scope or on another thread, goes to the C library as before. The bytes are printf's: the
// golden workbooks and tests/reports/test_part_formatting.cpp hold fairgate to that. What it
// saves is modest: 3-11% of a contract workbook's CPU time in most sittings of bench-workbooks,
// none measurable in one (docs/performance.md), the call itself costing much of what remains.
//
// Private to reports/ and bench/.

#include <cstdarg>
#include <string>

namespace fairgate::reports::detail {

/// Appends to `out` what vsnprintf would write for `format` and `args`, when every conversion
/// in `format` is one of %s, %d, %i, %u, %.16G, %.16g or %% (no other flag, width or length);
/// returns true then. Returns false, with `out` as it was, for any other format. `args` is
/// read through a copy: the caller's list is not advanced either way. A null %s argument
/// prints "(null)", as glibc does.
bool format_plain(std::string& out, const char* format, va_list args);

}  // namespace fairgate::reports::detail
