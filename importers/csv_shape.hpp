#pragma once
// A CSV file read as what its text holds: the gender pay gap service's register, the council's
// form, or a table (of returns, a contract register or a tender pipeline).

#include <cstddef>
#include <string>

#include "importers/cell_grid.hpp"
#include "importers/import_error.hpp"
#include "importers/import_result.hpp"
#include "model/field.hpp"
#include "model/source_file.hpp"

namespace fairgate::importers {

/// The CSV file in `bytes` (UTF-8, or Windows-1252 as Excel writes it: text_encoding.hpp). The
/// gender pay gap service's download is known by its own headings before anything else; a form
/// is looked for in the first 1,000 records; a table of returns is read record by record
/// (stream_csv_returns), its returns handed to `sink` in batches of `batch_size`; a register is
/// read whole into the result. Throws ImportError for text over `limits`, with no data, or
/// that is none of these.
ImportResult read_csv_file(const SourceFile& file, const std::string& bytes, const FieldDictionary& fields,
                           size_t batch_size, const ImportBatchSink& sink, const ImportLimits& limits);

/// Every record of the CSV file in `bytes`, held whole as one grid (what read_cells shows).
/// Throws ImportError as read_csv_file does for text it cannot read.
Grid read_csv_grid(const SourceFile& file, const std::string& bytes, const ImportLimits& limits);

}  // namespace fairgate::importers
