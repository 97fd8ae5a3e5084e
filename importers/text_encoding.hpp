#pragma once
// Turning the bytes of a text export into UTF-8, as Excel and supplier systems write them.

#include <cstdint>
#include <string>
#include <string_view>

namespace fairgate::importers {

/// Whether the bytes look like text at all: no NUL bytes and few other control characters.
/// Binary files (images, PDFs, old .xls) are refused before any CSV parsing.
bool looks_like_text(std::string_view bytes);

/// Appends code point `cp` (at most U+FFFF) to `out` as UTF-8.
void append_utf8(std::string& out, uint32_t cp);

/// Whether `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view bytes);

/// The text as UTF-8: a UTF-8 byte-order mark is dropped; bytes that are not valid UTF-8
/// are read as Windows-1252 (what Excel writes for "CSV" on a UK machine) and converted.
std::string decode_text(std::string_view bytes);

/// The size `bytes`, read as Windows-1252, take as UTF-8 (what utf8_text makes of text that
/// is not UTF-8): up to three times theirs (the euro sign, 0x80, is three bytes).
uint64_t windows1252_utf8_size(std::string_view bytes);

/// decode_text without the copy when none is needed: the bytes after any UTF-8 byte-order
/// mark when they are valid UTF-8, otherwise the converted text, held in `storage`. The view
/// points into `bytes` or `storage`.
std::string_view utf8_text(std::string_view bytes, std::string& storage);

}  // namespace fairgate::importers
