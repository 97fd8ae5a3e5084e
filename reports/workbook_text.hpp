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
/// greedily at about 1.1 characters of 11 pt Calibri per unit of width (1.0 when `bold`,
/// fewer in proportion for a larger `font_pt`), a word longer than a line is broken, each line
/// feed starts a line, and characters are counted as UTF-8 code points. At least 1.
unsigned wrapped_lines(std::string_view text, double width, bool bold = false, double font_pt = 11);

/// Height in points of a row showing `lines` lines of `font_pt` text: 15 a line for 11 pt, as
/// Excel's default row, in proportion for other sizes; at most Excel's limit of 409.
double row_height(unsigned lines, double font_pt = 11);

/// Excel's limit on a page header or footer, its codes included, in characters. libxlsxwriter
/// 1.1.4 refuses a longer one (LXW_ERROR_255_STRING_LENGTH_EXCEEDED), counting UTF-8 code
/// points of the string as given, so a doubled '&' counts two.
inline constexpr std::size_t kMaxHeaderFooterChars = 255;

/// Characters (UTF-8 code points) in `text`.
std::size_t char_count(std::string_view text);

/// `text` as literal text in one section of a page header or footer: invalid UTF-8 replaced
/// (cell_text), control characters dropped, '&' doubled (Excel reads "&P" as a code). At most
/// `max_chars` characters as written. Only text that would pass that is shortened: at the last
/// space that leaves room for " …", never inside a word (nor between the two '&' of a
/// doubled one); a first word longer than the room is cut at a character boundary, still
/// ending in the ellipsis.
std::string header_footer_text(std::string_view text, std::size_t max_chars);

}  // namespace fairgate::reports::detail
