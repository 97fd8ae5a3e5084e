#pragma once
// What every reader refuses a file with, and the limits past which it refuses one. A leaf that
// depends on the standard library alone: readers include it rather than the façade import.hpp,
// whose import.cpp includes every reader (a reader including the façade knotted the two).

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

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

}  // namespace fairgate::importers
