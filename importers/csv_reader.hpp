#pragma once
// Reading CSV text (RFC 4180, as spreadsheets and supplier systems export it), record by
// record (CsvReader) or whole into a Grid (read_csv).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "importers/cell_grid.hpp"
#include "importers/import_error.hpp"

namespace fairgate::importers {

/// Which delimiter the heading line uses: the most frequent of ',', ';' and tab outside
/// quotes on the first non-empty line; ',' when none appears.
char detect_delimiter(std::string_view text);

/// Reads UTF-8 `text` (see decode_text) one record at a time, without holding more than the
/// record: what a big table is read with. Quoted fields may hold delimiters, doubled quotes
/// and line breaks (kept as LF); CRLF, LF and lone CR end records. Every cell remembers the
/// line it starts on. A trailing empty line is not a record. `text` must outlive the reader.
/// A field, a record or a count of fields beyond `limits` (ImportLimits::max_field_bytes,
/// max_record_bytes, max_columns) is refused as it is met, before it is copied.
class CsvReader {
public:
    CsvReader(std::string file_name, std::string_view text, const ImportLimits& limits = {});

    /// Reads the next record into `cells` (reusing its cells and their storage: a caller
    /// that passes the same vector each time allocates almost nothing), as Text or Empty
    /// cells. Returns false, leaving `cells` empty, after the last record.
    /// Throws ImportError at the opening quote's line and column when a quote is never closed,
    /// and at the field's line and column when the record breaks a limit.
    bool next(std::vector<Cell>& cells);
    /// Goes past the next record without reading its fields (what finding where records end
    /// needs). Returns false after the last record; throws for a quote never closed (the
    /// limits cost nothing here: nothing is kept).
    bool skip();

    /// The line the next record starts on (1-based).
    unsigned long line() const { return line_; }
    /// The offset in `text` of the next record.
    size_t position() const { return pos_; }
    /// Goes to the record that starts at `offset` on `line`, as position() and line() gave
    /// them (what lets several readers share out the records of one text).
    void seek(size_t offset, unsigned long line) {
        pos_ = line_start_ = offset;
        line_ = line;
    }

private:
    template <bool keep>
    bool read(std::vector<Cell>& cells);
    // Where the field or record starting at `from` ends (one past its last byte), quotes
    // respected, without reading it; the end of the text when a quote is never closed.
    size_t field_end(size_t from) const;
    size_t record_end(size_t from) const;
    [[noreturn]] void over_limit(unsigned long line, size_t column, const std::string& problem) const;

    std::string file_;
    std::string_view text_;
    size_t pos_ = 0;
    size_t line_start_ = 0;   // offset of the first byte of the current line
    unsigned long line_ = 1;
    char delimiter_ = ',';
    uint64_t max_field_, max_record_;
    uint32_t max_columns_;
    bool special_[256] = {};  // bytes that end an unquoted run of field text
};

/// Parses UTF-8 `text` (see decode_text) into one Grid row per record, as CsvReader reads
/// them: all of them, or the first `max_records`. Throws ImportError as CsvReader::next does,
/// and at the record that takes the grid past the limits of HeldCells.
Grid read_csv(const std::string& file_name, std::string_view text, const ImportLimits& limits = {},
              size_t max_records = SIZE_MAX);

}  // namespace fairgate::importers
