#pragma once
// Importing one input file into typed returns and contract records.

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/field.hpp"
#include "model/register_entry.hpp"
#include "model/run.hpp"
#include "model/source_file.hpp"
#include "model/supplier_return.hpp"
#include "model/tender.hpp"

namespace fairgate::importers {

/// The file as a whole cannot be imported. `where` names the place (provenance display
/// form, or just the file name) and what() the problem, in words a supplier can act on.
/// The pipeline quarantines the file with this reason.
class ImportError : public std::runtime_error {
public:
    /// Why a file is refused decides what is kept of it.
    enum class Kind : uint8_t {
        Unreadable,    ///< Kept in quarantine for the supplier to fix and send again.
        PersonalData,  ///< Special category data about individuals: no copy is ever kept.
    };
    ImportError(std::string where, const std::string& problem, Kind kind = Kind::Unreadable)
        : std::runtime_error(problem), where_(std::move(where)), kind_(kind) {}
    const std::string& where() const { return where_; }
    Kind kind() const { return kind_; }
    /// "returns.csv line 12, column 5: expected a whole number".
    std::string describe() const { return where_.empty() ? what() : where_ + ": " + what(); }

private:
    std::string where_;
    Kind kind_;
};

/// Limits that keep a hostile or broken file from exhausting the machine.
struct ImportLimits {
    uint64_t max_file_bytes = 512ull << 20;          ///< Larger files are refused unread.
    /// XLSX: total inflated size of the parts held whole in memory (all but a big sheet read
    /// row by row, see stream_sheets_from_bytes).
    uint64_t max_uncompressed_bytes = 256ull << 20;
    /// XLSX: total inflated size of every part, those read row by row included (inflating
    /// costs time even where it costs no memory).
    uint64_t max_streamed_bytes = 4ull << 30;
    uint32_t max_compression_ratio = 200;            ///< XLSX: per entry, inflated/compressed.
    /// A CSV field, or an XLSX cell's text, of more bytes than this is refused (Excel itself
    /// stops a cell at 32,767 characters; the longest answer in a real return is a few KB).
    uint64_t max_field_bytes = 256ull << 10;
    /// A CSV record (a line, with any line breaks inside quotes) of more bytes is refused.
    uint64_t max_record_bytes = 1ull << 20;
    /// A CSV record of more fields is refused: Excel's own limit (column XFD). Each field of a
    /// record read costs a cell, so without these three limits one line of a file within
    /// max_file_bytes (a 12 MB heading row, a 256 MB line) cost gigabytes. They are checked as
    /// the record is read, before anything is copied.
    uint32_t max_columns = 16384;
    /// Non-empty cells, and the bytes of their text, held at once where a file is read whole
    /// rather than row by row (a form, a contract register, the worksheets of a workbook under
    /// stream_sheets_from_bytes): more are refused (HeldCells). About 0.5 GB of cells and
    /// 256 MB of text; a form holds a few hundred cells, a borough's register a few hundred
    /// thousand. (Each cell copies its text: one shared string can be every cell's.)
    uint64_t max_held_cells = 4'000'000;
    uint64_t max_held_text_bytes = 256ull << 20;
    /// A CSV table of returns with at least `parallel_from_bytes` of records is typed on
    /// `threads` worker threads, in stretches of about `parallel_stretch_bytes` of its text,
    /// while the caller's thread puts their returns into batches in file order; 1 keeps every
    /// file on the caller's thread. 0 chooses: one worker per core, at most 4, and none on a
    /// machine of one core. Returns, notes, batches and errors are the same either way.
    unsigned threads = 0;
    uint64_t parallel_from_bytes = 4ull << 20;
    uint64_t parallel_stretch_bytes = 256ull << 10;
    /// An XLSX worksheet whose XML is at least this big is read row by row when it is the
    /// table of returns (import_file_in_batches hands its returns over as they are read), after
    /// a first look that tells whether it could be a form; smaller sheets are read whole.
    uint64_t stream_sheets_from_bytes = 8ull << 20;
};

/// Everything read from one file. A file yields returns, contracts (a register), tenders (a
/// tender pipeline) or the rows of a public register (the gender pay gap service's data), or
/// several in principle; `notes` are problems that did not stop the import (unrecognised columns,
/// unreadable answers, which stay in the returns as Invalid values).
struct ImportResult {
    /// "xlsx form", "csv table", "contract register csv", "tender pipeline csv", "xml returns",
    /// "ocds json", "ocds json lines", "gender pay gap register csv".
    std::string format;
    std::vector<SupplierReturn> returns;
    std::vector<Contract> contracts;
    std::vector<Tender> tenders;  ///< Tenders before award, with their own facts.
    std::vector<RegisterEntry> register_entries;  ///< A public register's rows, read whole.
    std::vector<ImportNote> notes;
};

/// Reads `file` (by its path) using the rulebook's field dictionary to map labels to
/// fields. Detects the format from the content (zip signature; '<' for XML returns; '{' or
/// '[' for OCDS JSON; otherwise CSV text) and the layout (form or table; register or
/// returns). A table, form or XML return holding individual-level personal data (names or
/// dates of birth beside protected characteristics) is refused whole. Throws ImportError when the file cannot be
/// imported as a whole: not a format fairgate reads, corrupt, over a limit, a return
/// without the identity it needs (kind, contract or tender, supplier, period).
ImportResult import_file(const SourceFile& file, const FieldDictionary& fields,
                         const ImportLimits& limits = {});

/// Some of one file's returns, as import_file_in_batches hands them over.
struct ImportBatch {
    std::vector<SupplierReturn> returns;
    std::vector<ImportNote> notes;  ///< Notes about these returns' rows.
};

/// Receives a batch; it may move the returns and notes out.
using ImportBatchSink = std::function<void(ImportBatch& batch)>;

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

/// Whether the file name looks like an input fairgate reads (.xlsx, .csv, .txt exported as
/// CSV, .xml returns, OCDS .json/.jsonl/.ndjson are; .md, .reason.txt, hidden files are not). Decides "skipped" before reading.
bool is_candidate_input(const std::string& file_name);

}  // namespace fairgate::importers
