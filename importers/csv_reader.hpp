#pragma once
// Reading CSV text (RFC 4180, as spreadsheets and supplier systems export it) into a Grid.

#include <string>
#include <string_view>

#include "importers/cell_grid.hpp"

namespace fairgate::importers {

/// Which delimiter the heading line uses: the most frequent of ',', ';' and tab outside
/// quotes on the first non-empty line; ',' when none appears.
char detect_delimiter(std::string_view text);

/// Parses UTF-8 `text` (see decode_text) into one Grid row per record. Quoted fields may hold
/// delimiters, doubled quotes and line breaks; CRLF, LF and lone CR end records. Every cell
/// remembers the line it starts on. A trailing empty line is not a record.
/// Throws ImportError at the opening quote's line and column when a quote is never closed.
Grid read_csv(const std::string& file_name, std::string_view text);

}  // namespace fairgate::importers
