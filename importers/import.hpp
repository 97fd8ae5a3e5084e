#pragma once
// Importing one input file into typed returns and contract records: the importers' façade,
// what the pipeline, the command and the tests call. The types a reader needs are in the
// leaves import_error.hpp and import_result.hpp, included here for callers; no reader
// includes this header.

#include <cstddef>
#include <string>
#include <vector>

#include "importers/import_error.hpp"
#include "importers/import_result.hpp"
#include "model/field.hpp"
#include "model/refused_return.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// Reads `file` (by its path) using the rulebook's field dictionary to map labels to
/// fields. Detects the format from the content, trying the formats of input_formats()
/// (input_format.hpp) in turn: a zip signature for XLSX; '{' or '[' for OCDS JSON; '<' for
/// XML returns; otherwise CSV text. Then the layout (form or table; register or returns). A table, form or XML return holding individual-level personal data (names or
/// dates of birth beside protected characteristics) is refused whole. Throws ImportError when the file cannot be
/// imported as a whole: not a format fairgate reads, corrupt, over a limit, a return
/// without the identity it needs (kind, contract or tender, supplier, period).
ImportResult import_file(const SourceFile& file, const FieldDictionary& fields,
                         const ImportLimits& limits = {});

/// import_file for inputs too big to hold all their returns at once. A CSV table of returns,
/// and an XLSX table of returns on a big worksheet (ImportLimits::stream_sheets_from_bytes),
/// is read row by row and its returns handed to `sink` in batches of `batch_size` (at least
/// 1) as they are read, so that memory holds the file and one batch rather than every return;
/// the other inputs (smaller XLSX sheets, XML, OCDS JSON, forms and registers) are read whole
/// and their returns handed over in batches of `batch_size` afterwards.
///
/// The result holds the format, the contracts of a register, the tenders of a pipeline, and the notes about the file
/// as a whole (its heading; and every note of an input read whole); its `returns` are empty.
/// Batches arrive in file order, and their returns, read in turn, are import_file's. The
/// notes of a batch are those of its rows: first the notes about their cells, then those
/// about their identity (import_file, which is this with one batch, lists them that way).
/// Throws ImportError as import_file does, possibly after some batches were handed over:
/// a caller that keeps them must then discard them, as the file was not imported.
ImportResult import_file_in_batches(const SourceFile& file, const FieldDictionary& fields, size_t batch_size,
                                    const ImportBatchSink& sink, const ImportLimits& limits = {});

/// What a file refused as a whole (import_file threw ImportError) was for: the contract and
/// quarter of each quarterly return in it whose contract reference and reporting period still
/// read (quarterly_identity, return_identity.hpp), read again without what refused it. A form's
/// header block, a table's identity columns and an XML return's header often read although the
/// file was refused for personal data, an unreadable return type, a missing supplier number or
/// an unreadable answer elsewhere; a file that cannot be read that far (damaged, over a limit,
/// not a format fairgate reads, a reporting period that is no quarter) gives none. Each
/// contract and quarter once, in file order. Files of more than 64 MB are not read again (none
/// is a single return). Reads under the same limits as import_file; never throws.
std::vector<RefusedIdentity> identify_refused(const SourceFile& file, const FieldDictionary& fields,
                                             const ImportLimits& limits = {});

/// One non-empty cell exactly as the reader saw it, before any layout or field mapping: what
/// `fairgate inspect --cells` prints.
struct RawCell {
    std::string sheet;  ///< Worksheet name; empty for CSV.
    std::string cell;   ///< "C14"; for CSV "line 12, column 5".
    /// "text", "number", "date" (a number in a date or date-time format), "time" (in a time
    /// of day format), "duration" (in an elapsed-time format: [h]:mm:ss), "boolean", "error".
    std::string type;
    std::string value;  ///< Text as stored; numbers as stored ("0.85"); dates as ISO 8601;
                        ///< times and durations as Excel shows them, to the second ("14:30:00",
                        ///< "36:15:00", Cell::time_text); booleans "TRUE"/"FALSE"; errors
                        ///< their code ("#N/A").
};

/// Every non-empty cell of an XLSX workbook or CSV file, sheet by sheet, row by row. Throws
/// ImportError as import_file does for a file it cannot read, and for other formats (XML,
/// JSON), which have no cells.
std::vector<RawCell> read_cells(const SourceFile& file, const ImportLimits& limits = {});

/// Whether the file name looks like an input fairgate reads: it ends with an extension of one
/// of input_formats() (.xlsx, .csv, .txt exported as CSV, .xml returns, OCDS .json/.jsonl/
/// .ndjson, ignoring case), and is not hidden, an Excel lock file or a quarantine reason
/// (.reason.txt). Decides "skipped" before reading.
bool is_candidate_input(const std::string& file_name);

}  // namespace fairgate::importers
