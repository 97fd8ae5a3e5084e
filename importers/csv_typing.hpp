#pragma once
// A CSV table of returns read record by record, typed on worker threads when it is big, its
// returns put into batches in file order as they are typed.

#include <cstddef>
#include <string_view>

#include "importers/import_error.hpp"
#include "importers/import_result.hpp"
#include "model/field.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// Reads the CSV table of returns in `text` (the file's text as UTF-8) record by record, never
/// holding more than a stretch of records and one batch of returns, and hands its returns to
/// `sink` in batches of `batch_size`: what read_table_grid does for a grid held whole, in the
/// same order and with the same notes and errors. Sets the result's format and adds the notes
/// about its heading. Returns false, having handed nothing over, when the table is a register
/// (which the caller reads whole). Throws ImportError for a table about people, one with no
/// heading fairgate knows or no returns below it, and as CsvReader and identify_return do,
/// possibly after some batches were handed over.
///
/// With worker threads (ImportLimits::threads, for a table of ImportLimits::parallel_from_bytes
/// or more) the records are typed in stretches of about ImportLimits::parallel_stretch_bytes,
/// and the batches, returns, notes and errors are those of reading on one thread.
bool stream_csv_returns(const SourceFile& file, std::string_view text, const FieldDictionary& fields,
                        size_t batch_size, const ImportBatchSink& sink, const ImportLimits& limits, ImportResult& result);

}  // namespace fairgate::importers
