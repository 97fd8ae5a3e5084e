#pragma once
// Text made safe for a workbook cell or a file name. Private to reports/ (tests use it).

#include <cstddef>
#include <string>
#include <string_view>

namespace fairgate::reports::detail {

/// Excel refuses a cell longer than this many characters.
inline constexpr std::size_t kMaxCellChars = 32767;

/// `text` as a cell can hold it: invalid UTF-8 bytes become U+FFFD (libxlsxwriter would
/// otherwise write XML that Excel refuses), and text over kMaxCellChars characters is cut at
/// a character boundary and ends with a note saying how long the original was.
std::string cell_text(std::string_view text);

/// True when cell_text(text) would return `text` unchanged (well-formed UTF-8, not too long),
/// so that a writer can skip the copy: nearly all text is like that.
bool cell_text_unchanged(std::string_view text);

/// `text` as one path component: '/', '\', ':', '*', '?', '"', '<', '>', '|' and control
/// characters become '_'; a leading dot or space and a trailing dot or space become '_' (so
/// "." and ".." cannot name a directory above, and Windows does not strip them); empty text
/// becomes "_"; the result is at most `max_bytes` long, cut at a UTF-8 boundary.
std::string safe_file_name(std::string_view text, std::size_t max_bytes = 120);

/// Lines `text` takes in a cell with wrapping on, `width` characters wide (an Excel column
/// width, or the sum of a merged range's): an estimate, since neither libxlsxwriter nor Excel
/// (until the cell is edited) nor LibreOffice fits a row to wrapped text. Words are filled
/// greedily at about 1.1 characters of 11 pt Calibri per unit of width (1.0 when `bold`), a
/// word longer than a line is broken, each line feed starts a line, and characters are
/// counted as UTF-8 code points. At least 1.
unsigned wrapped_lines(std::string_view text, double width, bool bold = false);

/// Height in points of a row showing `lines` lines of 11 pt text: 15 a line, as Excel's
/// default row, at most Excel's limit of 409.
double row_height(unsigned lines);

}  // namespace fairgate::reports::detail
