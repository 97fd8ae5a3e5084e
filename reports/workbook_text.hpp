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

}  // namespace fairgate::reports::detail
