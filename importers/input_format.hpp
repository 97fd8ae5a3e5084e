#pragma once
// The input formats fairgate reads, in one table: how each is known by its first bytes, the
// file names it comes under, and the reader that reads it. Choosing a file's format walks the
// table; so does deciding which files in an inbox are inputs at all.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "importers/cell_grid.hpp"
#include "importers/import_error.hpp"
#include "importers/import_result.hpp"
#include "model/field.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// What a format's reader is given besides the file's bytes.
struct FormatRequest {
    const SourceFile& file;
    const FieldDictionary& fields;
    const ImportLimits& limits;
    /// A reader that reads a table of returns row by row hands them to `sink` in batches of
    /// `batch_size` as it reads them; every other reader puts them in ImportResult::returns
    /// (import_file_in_batches batches those afterwards).
    size_t batch_size;
    const ImportBatchSink& sink;
};

/// One input format. Adding a format to fairgate is writing its reader and adding one of
/// these to input_formats(): nothing else chooses formats or lists their extensions.
struct InputFormat {
    const char* name;  ///< "xlsx", "ocds json", "xml returns", "csv": for tests and messages.
    /// The endings of the file names it comes under, lower case with their dot (".csv"): what
    /// is_candidate_input takes for an input before anything is read. The format itself is
    /// known from the bytes, whatever the name says.
    std::vector<std::string> extensions;
    /// Whether the file's bytes (never empty) are this format. The formats are tried in the
    /// table's order, so a sniff may take what an earlier format's takes too (CSV: any text).
    bool (*sniff)(std::string_view bytes);
    /// Reads the file; throws ImportError when it cannot be imported as a whole.
    ImportResult (*read)(const FormatRequest& request, std::string bytes);
    /// The file's cells as grids, one a worksheet, for read_cells (`fairgate inspect --cells`);
    /// nullptr for a format that has no cells (XML, JSON).
    std::vector<Grid> (*grids)(const SourceFile& file, std::string bytes, const ImportLimits& limits);
};

/// Every format fairgate reads, in the order their sniffs are tried.
const std::vector<InputFormat>& input_formats();

/// The first format of input_formats() whose sniff takes `bytes`, or nullptr.
const InputFormat* sniff_format(std::string_view bytes);

/// The format that reads `bytes` (sniff_format). Throws ImportError naming `file_name`, with
/// what the sender can do, for a file that none reads: a zip that does not start with an entry
/// (a damaged workbook), an encrypted workbook or an old .xls (refuse_compound_file), or bytes
/// that are no text.
const InputFormat& choose_format(const std::string& file_name, std::string_view bytes);

/// Throws ImportError naming `file_name` when `bytes` are an OLE2 compound file (signature
/// D0 CF 11 E0 A1 B1 1A E1): a password-protected workbook, which Excel saves as one holding
/// the encrypted package, or an Excel 97-2003 .xls or another old Office file. Each is refused
/// with what its owner can do.
void refuse_compound_file(const std::string& file_name, std::string_view bytes);

}  // namespace fairgate::importers
